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
    const applicable = RETYPINGS.filter((r) => r.apply("who is anna kelly") !== "who is anna kelly").length;
    expect(report.tried).toBe(applicable);
    expect(report.stillRight).toBe(report.tried - report.failures.length);
    expect(report.failures.every((f) => f.id === "right")).toBe(true);
    // Chat around the question, the question word stressed, capitals: the same answer.
    for (const name of ["'wait' first", "'thanks in advance' last", "'the hell' after the question word"]) {
      expect(report.byRetyping.find((r) => r.name === name)).toMatchObject({ tried: 1, stillRight: 1 });
    }
  });
});
