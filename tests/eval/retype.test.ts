import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/core/corpus/load.ts";
import { Library } from "../../src/core/serving/library.ts";
import { evaluateChat } from "../../src/eval/chat-eval.ts";
import type { ChatQuestion } from "../../src/eval/chat-set.ts";
import { RETYPINGS, retypeChat } from "../../src/eval/retype.ts";

let story: Library;
beforeAll(async () => {
  story = Library.build(await loadCorpus("corpus"));
});

const P = (n: string) => `sheinbaum-rejects-us-military-action#${n}`;
const question = (id: string, text: string, passageIds: string[]): ChatQuestion => ({
  id,
  question: text,
  expect: "answer",
  passageIds,
  answers: [],
  tags: [],
});
const retyped = (name: string, q: string) => RETYPINGS.find((r) => r.name === name)?.apply(q);

describe("retyping questions as people type them", () => {
  it("writes each way for any question, and leaves a question alone where a way does not apply", () => {
    expect(retyped("'wait' first", "who is anna kelly")).toBe("wait who is anna kelly");
    expect(retyped("'the hell' after the question word", "who is anna kelly")).toBe(
      "who the hell is anna kelly",
    );
    expect(retyped("two letters swapped", "when did trump sign the directive")).toBe(
      "when did trump sign the dierctive",
    );
    expect(retyped("'or nah' after a yes-no question", "who is anna kelly")).toBe("who is anna kelly");
    expect(retyped("'or nah' after a yes-no question", "did mexico refuse?")).toBe(
      "did mexico refuse or nah",
    );
  });

  it("asks again only the questions answered right, and counts those still right each way", async () => {
    const questions = [
      question("right", "who is anna kelly", [P("p6"), P("k3")]),
      // Labelled with a passage that does not answer it: answered wrong, so never retyped.
      question("wrong", "who is anna kelly", [P("p4")]),
    ];
    const report = await retypeChat(story, questions, await evaluateChat(story, questions));
    const tuned = report.byRetyping.filter((r) => r.group === "first");
    const applicable = RETYPINGS.filter((r) => r.apply("who is anna kelly") !== "who is anna kelly").length;
    const tried = tuned.reduce((n, r) => n + r.tried, 0);
    expect(tried).toBe(applicable);
    // Both are answerable questions: every retyped one is counted as such.
    expect(tuned.reduce((n, r) => n + r.answerableTried, 0)).toBe(tried);
    const kept = report.byRetyping.reduce((n, r) => n + r.stillRight, 0);
    expect(kept).toBe(report.byRetyping.reduce((n, r) => n + r.tried, 0) - report.failures.length);
    expect(report.failures.every((f) => f.id === "right")).toBe(true);
    // Chat around the question, the question word stressed, capitals: the same answer.
    for (const name of ["'wait' first", "'thanks in advance' last", "'the hell' after the question word"]) {
      expect(report.byRetyping.find((r) => r.name === name)).toMatchObject({ tried: 1, stillRight: 1 });
    }
  });

  it("counts a decline apart from the answerable, and as kept only with the same outcome", async () => {
    const offTopic: ChatQuestion = {
      ...question("off", "whats the price of bitcoin", []),
      expect: "not-covered",
    };
    const [scored] = await evaluateChat(story, [offTopic]);
    expect(scored?.outcome).toBe("not-covered");
    const report = await retypeChat(story, [offTopic], scored ? [scored] : []);
    const tried = report.byRetyping.reduce((n, r) => n + r.tried, 0);
    expect(tried).toBeGreaterThan(0);
    expect(report.byRetyping.every((r) => r.answerableTried === 0)).toBe(true);
    // Each retyped question not kept is listed with the outcome it got instead.
    const kept = report.byRetyping.reduce((n, r) => n + r.stillRight, 0);
    expect(report.failures).toHaveLength(tried - kept);
    expect(report.failures.every((f) => f.outcome !== "not-covered" || f.id !== "off")).toBe(true);
  });
});
