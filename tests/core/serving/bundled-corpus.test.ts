import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { Library } from "../../../src/core/serving/library.ts";

describe("bundled corpus", () => {
  it("loads without errors and answers a question from it", async () => {
    const corpus = await loadCorpus("corpus");
    expect(corpus.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const answer = await Library.build(corpus).ask(
      "Which cartels were designated as terrorist organisations?",
    );
    expect(answer.answered).toBe(true);
    expect(answer.passages.map((p) => p.citation.paragraph)).toContain(4);
  });
});
