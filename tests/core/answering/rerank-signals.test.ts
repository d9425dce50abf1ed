import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { tempDirs } from "../../support/temp-corpus.ts";

const ARTICLE = `---
id: pay-talks
title: Talks at the shipyard
published: 2024-06-01
---

The union asked for higher wages after the strike at the shipyard.

Managers said the pay offer on the table was final.

The salary of a welder at the yard is set by law.

Rebels invaded the yard in May.

The union condemned the invasion of the yard.
`;

let dir: string;
let library: Library;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-rerank-"));
  await writeFile(path.join(dir, "pay-talks.md"), ARTICLE);
  library = Library.build(await loadCorpus(dir));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("re-ranking signals", () => {
  it("credits a passage that says a question word another way (salary / pay), at half", () => {
    const ranked = library.rank("What did managers say about the salary?").ranked;
    const byText = (words: string) => ranked.find((c) => c.hit.passage.text.includes(words));
    const synonym = byText("pay offer");
    const literal = byText("salary of a welder");
    if (!synonym || !literal) throw new Error("both paragraphs should be candidates");
    // "pay" stands in for "salary" in the managers' paragraph (a paraphrase of a word the articles
    // use): it covers "managers" in full and "salary" at half, so less than all and more than
    // "managers" alone, whose share is what the welders' paragraph lacks.
    const managersAlone = 1 - literal.signals.features.get("coverage");
    expect(synonym.signals.features.get("synonymCoverage")).toBeGreaterThan(managersAlone);
    expect(synonym.signals.features.get("synonymCoverage")).toBeLessThan(1);
    // The welders' paragraph says "salary" itself: synonyms add nothing to it.
    expect(literal.signals.features.get("synonymCoverage")).toBeCloseTo(
      literal.signals.features.get("coverage"),
    );
  });

  it("credits a derived form the stemmer keeps apart (invaded / invasion), at half", () => {
    const ranked = library.rank("who condemned that rebels invaded the yard").ranked;
    const derived = ranked.find((c) => c.hit.passage.text.includes("the invasion of"));
    if (!derived) throw new Error("the invasion paragraph should be a candidate");
    expect(derived.signals.features.get("synonymCoverage")).toBeGreaterThan(
      derived.signals.features.get("coverage"),
    );
  });
});

describe("source lines", () => {
  const REPORT = `---
id: flood-report
title: Flood waters recede in the valley
published: 2024-07-02
sources:
  - "Valley Nurses' Council: statement, 1 July 2024"
---

The river fell below its banks on Monday, a week after the flood.

Hospitals in the valley reopened their wards on Tuesday after the power came back, and the first patients moved from the emergency tents were back in their beds by the evening. In a statement, the nurses' council said its members had worked double shifts all week and asked the regional health board for more staff before the winter.
`;
  const dirs = tempDirs("sources");
  let sourceLibrary: Library;

  beforeAll(async () => {
    sourceLibrary = Library.build(await loadCorpus(await dirs.make({ "flood-report.md": REPORT })));
  });

  afterAll(() => dirs.cleanup());

  it("go below article text that covers the question as well: the line names the speaker, the text what was said", () => {
    const ranked = sourceLibrary.rank("wat r the nurses sayin").ranked;
    const kinds = ranked.map((c) => c.hit.passage.citation.kind);
    expect(kinds[0]).toBe("paragraph");
    expect(kinds).toContain("source");
  });
});
