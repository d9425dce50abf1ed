import { DEFAULT_MIN_CONFIDENCE } from "../core/answer.ts";
import { loadCorpus } from "../core/corpus/load.ts";
import { Library } from "../core/library.ts";
import { type BaselineMetrics, lunrDefaults, miniSearchDefaults, rankingMetrics } from "./baselines.ts";
import { evaluateQuestion, type Metrics, type QuestionOutcome, summarise } from "./evaluate.ts";
import { corpusFromPassages } from "./qa-corpus.ts";
import { type QaPassage, type QaQuestion, qaQuestionSchema, readJsonl } from "./qa-set.ts";
import { crossFolds, readQaSet } from "./squad-set.ts";

export interface EvalOptions {
  /** A directory in SQuAD's layout; absent: the bundled story set on the bundled corpus. */
  readonly qa?: string;
  /** Report the first and second half of the set's articles separately. */
  readonly split?: boolean;
  readonly minConfidence?: number;
}

export interface EvalReport {
  readonly set: string;
  readonly passages: number;
  readonly minConfidence: number;
  /** Metrics over every question, then per half when split. */
  readonly groups: ReadonlyArray<{ readonly name: string; readonly metrics: Metrics }>;
  /** Other engines on the same passages and in-corpus questions, ranking only. */
  readonly baselines: readonly BaselineMetrics[];
  /** Answered in-corpus and declined out-of-corpus shares at other thresholds. */
  readonly sweep: ReadonlyArray<{
    readonly threshold: number;
    readonly answered: number;
    readonly declined: number;
  }>;
  /** Hand-written questions no set answers (eval/out-of-corpus), asked of the whole index. */
  readonly handWritten: { readonly questions: number; readonly declined: number } | null;
  readonly seconds: number;
}

export const STORY_SET = "eval/story/questions.jsonl";
export const STORY_CORPUS = "corpus";
export const HAND_WRITTEN_SET = "eval/out-of-corpus/questions.jsonl";

function sweepOf(outcomes: readonly QuestionOutcome[]) {
  const inside = outcomes.filter((o) => o.inCorpus);
  const outside = outcomes.filter((o) => !o.inCorpus);
  const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
  const out = [];
  for (let t = 0.05; t <= 0.951; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    out.push({
      threshold,
      answered: share(inside.filter((o) => o.confidence >= threshold).length, inside.length),
      declined: share(outside.filter((o) => o.confidence < threshold).length, outside.length),
    });
  }
  return out;
}

/** The baseline engines on the same passages and in-corpus questions. */
function baselinesFor(passages: readonly QaPassage[], questions: readonly QaQuestion[]): BaselineMetrics[] {
  return [
    rankingMetrics("MiniSearch 7, default options", miniSearchDefaults(passages), questions),
    rankingMetrics("lunr 2.3.9, default English pipeline", lunrDefaults(passages), questions),
  ];
}

/** Runs the evaluation: storydesk's own pipeline over the set's passages, every question asked. */
export async function runEval(options: EvalOptions = {}): Promise<EvalReport> {
  const started = performance.now();
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!options.qa) {
    const library = Library.build(await loadCorpus(STORY_CORPUS));
    const questions = await readJsonl(STORY_SET, qaQuestionSchema);
    const outcomes = questions.map((q) => evaluateQuestion(library, q, minConfidence));
    return {
      set: `story set (${STORY_SET} on ${STORY_CORPUS}/)`,
      passages: library.stats.passages,
      minConfidence,
      groups: [{ name: "all", metrics: summarise(outcomes) }],
      baselines: baselinesFor(
        library.data.passages.map((p) => ({ id: p.id, title: p.citation.title, text: p.text })),
        questions.filter((q) => q.passageIds.length > 0),
      ),
      sweep: sweepOf(outcomes),
      handWritten: null,
      seconds: (performance.now() - started) / 1000,
    };
  }
  const set = await readQaSet(options.qa);
  const library = Library.build(corpusFromPassages(set.passages));
  const inCorpus = set.questions.map((q) => evaluateQuestion(library, q, minConfidence));
  const outOfCorpus = crossFolds(set).flatMap(({ corpus, questions }) => {
    const fold = Library.build(corpus);
    return questions.map((q) => ({ q, outcome: evaluateQuestion(fold, q, minConfidence) }));
  });
  const handWritten = (await readJsonl(HAND_WRITTEN_SET, qaQuestionSchema)).map((q) =>
    evaluateQuestion(library, q, minConfidence),
  );
  const outcomes = [...inCorpus, ...outOfCorpus.map((o) => o.outcome)];
  const groups = [{ name: "all", metrics: summarise(outcomes) }];
  if (options.split) {
    // Halves by article, in the order the articles first appear (SQuAD: sq00-sq23, then sq24-sq47).
    const titles = [...new Set(set.passages.map((p) => p.title))];
    const half = new Map(titles.map((t, i) => [t, i < titles.length / 2 ? 0 : 1]));
    const titleOf = new Map(set.passages.map((p) => [p.id, p.title]));
    const halfOf = (q: QaQuestion) => half.get(titleOf.get(q.passageIds[0] ?? "") ?? "");
    const originals = new Map(set.questions.map((q) => [q.id, q]));
    for (const [name, h] of [
      ["first half (tuning)", 0],
      ["second half (held out)", 1],
    ] as const) {
      const inside = inCorpus.filter((_, i) => halfOf(set.questions[i] as QaQuestion) === h);
      const outside = outOfCorpus
        .filter(({ q }) => halfOf(originals.get(q.id) as QaQuestion) === h)
        .map((o) => o.outcome);
      groups.push({ name, metrics: summarise([...inside, ...outside]) });
    }
  }
  return {
    set: `${options.qa} (SQuAD layout)`,
    passages: library.stats.passages,
    minConfidence,
    groups,
    baselines: baselinesFor(set.passages, set.questions),
    sweep: sweepOf(outcomes),
    handWritten: {
      questions: handWritten.length,
      declined:
        Math.round((handWritten.filter((o) => !o.answered).length / Math.max(1, handWritten.length)) * 1000) /
        1000,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
