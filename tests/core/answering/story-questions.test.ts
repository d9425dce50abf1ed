import { beforeAll, describe, expect, it } from "vitest";
import { defaultMinConfidence } from "../../../src/core/answering/decision.ts";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { evaluate } from "../../../src/eval/evaluate.ts";
import { readJsonl } from "../../../src/eval/jsonl.ts";
import { type QaQuestion, qaQuestionSchema } from "../../../src/eval/qa-set.ts";

// The story set: questions on the bundled corpus, written by hand, paraphrases and out-of-scope
// ones included, each with the passages that answer it (none for out-of-scope questions).
let library: Library;
let questions: QaQuestion[];

beforeAll(async () => {
  library = Library.build(await loadCorpus("corpus"));
  questions = await readJsonl("eval/story/questions.jsonl", qaQuestionSchema);
});

describe("story question set", () => {
  it("has at least 25 questions, in-corpus and out-of-scope, naming passages that exist", async () => {
    const ids = new Set(library.data.passages.map((p) => p.id));
    expect(questions.length).toBeGreaterThanOrEqual(25);
    expect(questions.filter((q) => q.passageIds.length === 0).length).toBeGreaterThanOrEqual(5);
    for (const q of questions)
      for (const id of q.passageIds) expect(ids, `${q.id} names ${id}`).toContain(id);
  });

  it("finds an expected passage in the top 3 for every answerable question", async () => {
    const { outcomes, metrics } = await evaluate(library, questions, defaultMinConfidence());
    console.info(
      `story set: top-1 ${metrics.recallAt1}, top-3 ${metrics.recallAt3}, answer sentence ${metrics.answerSentenceAt1}, answered ${metrics.answeredInCorpus} of in-corpus, declined ${metrics.declinedOutOfCorpus} of out-of-scope`,
    );
    const missed = outcomes.filter((o) => o.inCorpus && (o.rank === null || o.rank > 3));
    expect(missed.map((o) => o.question)).toEqual([]);
    expect(metrics.recallAt1).toBeGreaterThanOrEqual(0.9);
  });

  it("declines every out-of-scope question and answers nearly all the others", async () => {
    const { outcomes, metrics } = await evaluate(library, questions, defaultMinConfidence());
    const wronglyAnswered = outcomes.filter((o) => !o.inCorpus && o.answered);
    expect(wronglyAnswered.map((o) => o.question)).toEqual([]);
    expect(metrics.answeredInCorpus).toBeGreaterThanOrEqual(0.9);
  });
});
