import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { MAX_PASSAGE_CHARS, type Passage, passagesOf } from "../../../src/core/corpus/passages.ts";
import type { Article } from "../../../src/core/corpus/types.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { articleFile, type CorpusFiles, minimalArticle, tempDirs } from "../../support/temp-corpus.ts";

const dirs = tempDirs("passages");
afterEach(dirs.cleanup);

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

// Fifteen sentences, about nineteen hundred characters: more than twice MAX_PASSAGE_CHARS. In the file
// it is hard-wrapped at arbitrary places, as an editor would.
const LONG_SENTENCES = [
  "The storm arrived over the Ardent valley late on Thursday evening, and by midnight the river gauge at Lower Mill had risen by more than two metres.",
  "Residents of the riverside streets were woken by volunteers knocking on doors, and many of them left with little more than a bag of clothes.",
  "Was the warning given early enough?",
  "The regional water authority says it sent alerts to every registered phone at nine o'clock, three hours before the first houses flooded.",
  "Several families in Crossbeck told reporters that the alert never reached them, because the mobile network had already failed in the upper valley.",
  "By Friday morning the only road into Tarn End was under a metre of brown water, and the village school had been turned into a shelter for sixty people.",
  "Army engineers arrived in the afternoon with two pontoon bridges, although the first of them could not be used until the current slowed.",
  '"We have never seen the water come up this fast," said the head teacher, who spent the night at the school with the families.',
  "The county council has promised an independent review of the warning system once the water has gone down!",
  "Insurers expect claims from more than four hundred households, most of them in the three villages along the lower river.",
  "Farmers in the valley say that the flooded fields will not be ready for sowing before the spring, and some fear that the topsoil has been washed away for good.",
  "The water authority has asked residents to boil their drinking water until further notice, while tests are carried out on the supply.",
  "Schools in the lower valley will stay closed until at least Wednesday, the county council said in a statement on Saturday evening.",
  "Bus companies have started a free shuttle between Crossbeck and the market town, running every hour from seven in the morning.",
  "Volunteers from neighbouring counties have collected blankets, tinned food and children's clothes at the fire station in Lower Mill.",
];
const LONG = LONG_SENTENCES.join(" ");
const LONG_WRAPPED = LONG.replace(/(.{1,70})(?: |$)/g, "$1\n").trimEnd();

const VALLEY = articleFile(
  [
    "id: valley-floods",
    "title: Floods cut off the Ardent valley",
    "url: https://news.example/valley-floods",
    "published: 2024-11-02",
    "outlet: Valley Courier",
    "sources:",
    "  - Regional water authority bulletin",
    "  - title: Meteorological office warning",
    "    url: https://met.example/warning",
    "key_points:",
    "  - Three villages were cut off.",
    "  - Repairs will take weeks.",
  ],
  `# Floods cut off the Ardent valley

Heavy rain on **Friday** sent the *Ardent* river over its banks, according to the
[water authority](https://water.example/bulletin) and \`gauge 14\`.

## Villages

The floods cut off three villages:

- Lower Mill, where the bridge collapsed;
- Crossbeck, where forty homes were flooded;
- Tarn End.

1. Roads were closed.
2. Trains were cancelled.

> The water rose in minutes.
>
> Nobody expected it.

${LONG_WRAPPED}

### What happens next

The clean-up will begin on Monday.
`,
);

const EXPECTED_PARAGRAPHS = [
  "Heavy rain on Friday sent the Ardent river over its banks, according to the water authority and gauge 14.",
  "The floods cut off three villages:",
  "Lower Mill, where the bridge collapsed;",
  "Crossbeck, where forty homes were flooded;",
  "Tarn End.",
  "Roads were closed.",
  "Trains were cancelled.",
  "The water rose in minutes. Nobody expected it.",
  LONG,
  "The clean-up will begin on Monday.",
];

async function articlesOf(files: CorpusFiles): Promise<readonly Article[]> {
  const corpus = await loadCorpus(await dirs.make(files));
  expect(corpus.diagnostics).toEqual([]);
  return corpus.articles;
}

async function valley(): Promise<Article> {
  const [article] = await articlesOf({ "valley-floods.md": VALLEY });
  if (!article) throw new Error("the valley article did not load");
  return article;
}

/** The whole paragraph `n`, its parts joined. */
function paragraphText(passages: readonly Passage[], n: number): string {
  return passages
    .filter((p) => p.citation.kind === "paragraph" && p.citation.number === n)
    .map((p) => p.text)
    .join(" ");
}

describe("passages of an article", () => {
  it("has one passage per paragraph, list item and quote, then key points and sources, with stable ids", async () => {
    const passages = passagesOf(await valley());
    const longParts = passages.filter((p) => p.citation.number === 9 && p.citation.kind === "paragraph");
    expect(longParts.length).toBeGreaterThanOrEqual(Math.ceil(LONG.length / MAX_PASSAGE_CHARS));
    expect(passages.map((p) => p.id)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `valley-floods#p${n}`),
      ...longParts.map((_, i) => `valley-floods#p9.${i + 1}`),
      "valley-floods#p10",
      "valley-floods#k1",
      "valley-floods#k2",
      "valley-floods#s1",
      "valley-floods#s2",
    ]);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it("reduces Markdown to its text, keeps headings out and numbers list items and quotes as paragraphs", async () => {
    const passages = passagesOf(await valley());
    expect(EXPECTED_PARAGRAPHS.map((_, i) => paragraphText(passages, i + 1))).toEqual(EXPECTED_PARAGRAPHS);
    const all = passages.map((p) => p.text).join("\n");
    expect(all).not.toMatch(/Villages$|What happens next|^Floods cut off/m);
    expect(all).not.toMatch(/[*_`[\]]|\(https?:/);
  });

  it("keeps words apart across a nested list item and a hard line break", async () => {
    const [article] = await articlesOf({
      "wrap.md": minimalArticle(
        "wrap",
        "- Lower Mill\n  - the bridge collapsed\n- Crossbeck\n\nFirst line  \nsecond line\\\nthird line\n\n> One.\n>\n> - Two\n",
      ),
    });
    if (!article) throw new Error("not loaded");
    expect(passagesOf(article).map((p) => [p.id, p.text])).toEqual([
      ["wrap#p1", "Lower Mill the bridge collapsed"],
      ["wrap#p2", "Crossbeck"],
      ["wrap#p3", "First line second line third line"],
      ["wrap#p4", "One. Two"],
    ]);
  });

  it("gives key points and sources their own texts", async () => {
    const passages = passagesOf(await valley());
    const texts = (kind: string) => passages.filter((p) => p.citation.kind === kind).map((p) => p.text);
    expect(texts("key-point")).toEqual(["Three villages were cut off.", "Repairs will take weeks."]);
    expect(texts("source")).toEqual(["Regional water authority bulletin", "Meteorological office warning"]);
  });

  it("cites title, paragraph number, label, url, date and outlet", async () => {
    const passages = passagesOf(await valley());
    const byId = new Map(passages.map((p) => [p.id, p.citation]));
    const common = {
      docId: "valley-floods",
      title: "Floods cut off the Ardent valley",
      url: "https://news.example/valley-floods",
      published: "2024-11-02",
      outlet: "Valley Courier",
    };
    expect(byId.get("valley-floods#p3")).toStrictEqual({
      ...common,
      paragraph: 3,
      kind: "paragraph",
      number: 3,
      label: "paragraph 3",
    });
    expect(byId.get("valley-floods#p9.2")).toStrictEqual({
      ...common,
      paragraph: 9,
      kind: "paragraph",
      number: 9,
      part: 2,
      label: "paragraph 9, part 2",
    });
    expect(byId.get("valley-floods#k2")).toStrictEqual({
      ...common,
      paragraph: null,
      kind: "key-point",
      number: 2,
      label: "key point 2",
    });
    // A source's citation is of the article that names it, not of the source's own link.
    expect(byId.get("valley-floods#s2")).toStrictEqual({
      ...common,
      paragraph: null,
      kind: "source",
      number: 2,
      label: "source 2",
    });
  });

  it("cites a null url, and no outlet, for an article without them", async () => {
    const [article] = await articlesOf({ "bare.md": minimalArticle("bare", "One.\n\nTwo.\n") });
    if (!article) throw new Error("not loaded");
    const citations = passagesOf(article).map((p) => p.citation);
    expect(citations.map((c) => [c.label, c.url, c.published])).toEqual([
      ["paragraph 1", null, "2025-08-09"],
      ["paragraph 2", null, "2025-08-09"],
    ]);
    for (const citation of citations) expect(citation).not.toHaveProperty("outlet");
  });
});

describe("a paragraph longer than MAX_PASSAGE_CHARS", () => {
  it("is cut at sentence boundaries into parts within the limit that rejoin to the paragraph", async () => {
    expect(LONG.length).toBeGreaterThan(2 * MAX_PASSAGE_CHARS);
    const parts = passagesOf(await valley()).filter((p) => p.citation.paragraph === 9);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(normalise(parts.map((p) => p.text).join(" "))).toBe(normalise(LONG));
    for (const [i, part] of parts.entries()) {
      expect(part.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(part.text).toMatch(/[.!?]["”’)]?$/);
      // Each part starts where one of the paragraph's sentences starts.
      expect(LONG_SENTENCES.some((s) => part.text.startsWith(s))).toBe(true);
      expect(part.citation).toMatchObject({ paragraph: 9, part: i + 1, label: `paragraph 9, part ${i + 1}` });
    }
  });

  it("keeps a single sentence over the limit whole, and cuts the sentences around it within the limit", async () => {
    const giant = `The report lists ${Array.from({ length: 120 }, (_, i) => `item ${i + 1}`).join(", ")}.`;
    const before = LONG_SENTENCES.slice(0, 7).join(" ");
    const after = LONG_SENTENCES.slice(7).join(" ");
    expect(giant.length).toBeGreaterThan(MAX_PASSAGE_CHARS);
    const [article] = await articlesOf({
      "one.md": minimalArticle("one", `${giant}\n\n${before} ${giant} ${after}\n`),
    });
    if (!article) throw new Error("not loaded");
    const passages = passagesOf(article);
    const first = passages.filter((p) => p.citation.paragraph === 1);
    expect(first.map((p) => [p.id, p.text])).toEqual([["one#p1", giant]]);
    expect(first[0]?.citation).not.toHaveProperty("part");

    const second = passages.filter((p) => p.citation.paragraph === 2);
    expect(normalise(second.map((p) => p.text).join(" "))).toBe(normalise(`${before} ${giant} ${after}`));
    expect(second.map((p) => p.id)).toEqual(second.map((_, i) => `one#p2.${i + 1}`));
    expect(second.filter((p) => p.text.length > MAX_PASSAGE_CHARS).map((p) => p.text)).toEqual([giant]);
    for (const part of second) expect(part.text).toMatch(/[.!?]["”’)]?$/);
  });

  it("is not cut when exactly at the limit, and is cut one character over it", async () => {
    const filler = Array.from({ length: 50 }, () => "Rain fell again.").join(" ");
    const exact = `${filler} ${"Y".repeat(MAX_PASSAGE_CHARS - filler.length - 2)}.`;
    const over = `${filler} ${"Y".repeat(MAX_PASSAGE_CHARS - filler.length - 1)}.`;
    expect([exact.length, over.length]).toEqual([MAX_PASSAGE_CHARS, MAX_PASSAGE_CHARS + 1]);
    const [article] = await articlesOf({ "limit.md": minimalArticle("limit", `${exact}\n\n${over}\n`) });
    if (!article) throw new Error("not loaded");
    const passages = passagesOf(article);
    expect(passages.filter((p) => p.citation.paragraph === 1).map((p) => [p.id, p.text])).toEqual([
      ["limit#p1", exact],
    ]);
    const parts = passages.filter((p) => p.citation.paragraph === 2);
    expect(parts.map((p) => p.id)).toEqual(["limit#p2.1", "limit#p2.2"]);
    expect(parts.map((p) => p.text).join(" ")).toBe(over);
  });
});

describe("passage ids", () => {
  it("do not change when another article is added", async () => {
    const dir = await dirs.make({ "valley-floods.md": VALLEY });
    const before = Library.build(await loadCorpus(dir)).data.passages;
    // Its file and id sort before the first article, so that it is read first.
    await writeFile(
      path.join(dir, "a-bridge.md"),
      minimalArticle("a-bridge", "A new bridge.\n\nOpened today.\n"),
    );
    const after = Library.build(await loadCorpus(dir)).data.passages;
    expect(after.filter((p) => p.citation.docId === "valley-floods")).toEqual(before);
    expect(after.filter((p) => p.citation.docId === "a-bridge").map((p) => p.id)).toEqual([
      "a-bridge#p1",
      "a-bridge#p2",
    ]);
  });

  it("do not change when a later paragraph is edited, even into one cut into parts", async () => {
    const dir = await dirs.make({ "valley-floods.md": VALLEY });
    const before = passagesOf((await loadCorpus(dir)).articles[0] as Article);
    const edited = VALLEY.replace("The clean-up will begin on Monday.", `${LONG}\n\n${LONG}`);
    await writeFile(path.join(dir, "valley-floods.md"), edited);
    const after = passagesOf((await loadCorpus(dir)).articles[0] as Article);

    const earlier = (list: readonly Passage[]) => list.filter((p) => (p.citation.paragraph ?? 0) <= 9);
    expect(earlier(after)).toEqual(earlier(before));
    expect(after.filter((p) => p.citation.paragraph === 10).map((p) => p.id)).toEqual(
      before.filter((p) => p.citation.paragraph === 9).map((p) => p.id.replace("#p9.", "#p10.")),
    );
    expect(after.find((p) => p.id === "valley-floods#p11.1")).toBeDefined();
    const extras = (list: readonly Passage[]) => list.filter((p) => p.citation.paragraph === null);
    expect(extras(after)).toEqual(extras(before));
  });
});
