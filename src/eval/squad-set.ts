import path from "node:path";
import type { Corpus } from "../core/index.ts";
import { readJsonl } from "./jsonl.ts";
import { corpusFromPassages } from "./qa-corpus.ts";
import { type QaPassage, type QaQuestion, qaPassageSchema, qaQuestionSchema } from "./qa-set.ts";

/** A question set in SQuAD's layout: `passages.jsonl` and `questions.jsonl` in one directory. */
export interface QaSet {
  readonly passages: readonly QaPassage[];
  readonly questions: readonly QaQuestion[];
}

export async function readQaSet(dir: string): Promise<QaSet> {
  const [passages, questions] = await Promise.all([
    readJsonl(path.join(dir, "passages.jsonl"), qaPassageSchema),
    readJsonl(path.join(dir, "questions.jsonl"), qaQuestionSchema),
  ]);
  return { passages, questions };
}

/** The article a passage belongs to: its title, since SQuAD's passages are paragraphs of Wikipedia articles. */
function articleOf(passage: QaPassage): string {
  return passage.title;
}

/**
 * Out-of-corpus questions built from the data: the articles are split in two folds; each fold's
 * questions are asked of an index of the other fold only, so that their answers are truly absent.
 */
export function crossFolds(set: QaSet): Array<{ corpus: Corpus; questions: QaQuestion[] }> {
  const titles = [...new Set(set.passages.map(articleOf))];
  const fold = new Map(titles.map((t, i) => [t, i % 2]));
  const foldOfPassage = new Map(set.passages.map((p) => [p.id, fold.get(articleOf(p))]));
  return [0, 1].map((f) => ({
    corpus: corpusFromPassages(set.passages.filter((p) => fold.get(articleOf(p)) === f)),
    questions: set.questions
      .filter((q) => foldOfPassage.get(q.passageIds[0] ?? "") === 1 - f)
      .map((q) => ({ ...q, passageIds: [] })),
  }));
}
