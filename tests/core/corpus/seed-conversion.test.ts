import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { passagesOf } from "../../../src/core/corpus/passages.ts";
import type { Article, BlockKind } from "../../../src/core/corpus/types.ts";

// The seed lives in ../shared, which is not shipped with the project: without it, these tests skip.
const SEED = path.resolve("../shared/seed/000_820ec7ca716bbdf0.txt");
const CONVERTED = "sheinbaum-rejects-us-military-action.md";
const HAS_SEED = existsSync(SEED);
if (!HAS_SEED)
  console.warn(`seed-conversion: skipped, ${SEED} is absent (../shared is not part of the project).`);

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** The seed's parts: a headline, paragraphs, one "Sources: 1. ... 2. ..." line and "- " key points. */
interface Seed {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly sources: readonly string[];
  readonly keyPoints: readonly string[];
}

function readSeed(file: string): Seed {
  const lines = readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const [title, ...rest] = lines;
  const sourcesAt = rest.findIndex((line) => /^Sources:/.test(line));
  if (title === undefined || sourcesAt < 0) throw new Error(`${file}: no headline or no "Sources:" line`);
  const sourcesLine = rest[sourcesAt]?.replace(/^Sources:\s*/, "") ?? "";
  const numbered = [...sourcesLine.matchAll(/(?:^|\s)(\d+)\.\s+(.+?)(?=\s+\d+\.\s|$)/g)];
  expect(numbered.map((m) => Number(m[1]))).toEqual(numbered.map((_, i) => i + 1));
  const after = rest.slice(sourcesAt + 1);
  expect(after.every((line) => line.startsWith("- "))).toBe(true);
  return {
    title,
    paragraphs: rest.slice(0, sourcesAt),
    sources: numbered.map((m) => m[2] ?? ""),
    keyPoints: after.map((line) => line.slice(2)),
  };
}

describe.skipIf(!HAS_SEED)("the converted seed article", () => {
  let seed: Seed;
  let article: Article;
  const texts = (kind: BlockKind) => article.blocks.filter((b) => b.kind === kind).map((b) => b.text);

  beforeAll(async () => {
    seed = readSeed(SEED);
    const corpus = await loadCorpus(path.resolve("corpus"));
    expect(corpus.diagnostics.filter((d) => d.file === CONVERTED)).toEqual([]);
    const found = corpus.articles.find((a) => a.file === CONVERTED);
    if (!found) throw new Error(`corpus/${CONVERTED} did not load`);
    article = found;
  });

  it("reads the seed as a headline, six paragraphs, three sources and three key points", () => {
    expect(seed.paragraphs).toHaveLength(6);
    expect(seed.sources).toHaveLength(3);
    expect(seed.keyPoints).toHaveLength(3);
  });

  it("has the seed's first line as its title", () => {
    expect(article.title).toBe(normalise(seed.title));
  });

  it("has every paragraph of the seed, verbatim and in order, and no other", () => {
    expect(texts("paragraph")).toEqual(seed.paragraphs.map(normalise));
    expect(article.blocks.filter((b) => b.kind === "paragraph").map((b) => b.number)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it("has the three items of the seed's Sources line as its sources", () => {
    expect(texts("source")).toEqual(seed.sources.map(normalise));
    expect(texts("source")[0]).toBe("Mexico extradites 26 top cartel figures to U.S.");
  });

  it("has the seed's three bullets as its key points", () => {
    expect(texts("key-point")).toEqual(seed.keyPoints.map(normalise));
  });

  it("does not count sources or key points as paragraphs", () => {
    const paragraphs = texts("paragraph").map((t) => t.toLowerCase());
    for (const extra of [...seed.sources, ...seed.keyPoints]) {
      const wanted = normalise(extra).toLowerCase();
      expect(paragraphs.some((p) => p.includes(wanted))).toBe(false);
    }
    expect(paragraphs.some((p) => p.startsWith("sources:") || p.startsWith("- "))).toBe(false);
    const ids = passagesOf(article).map((p) => p.id.slice(p.id.indexOf("#")));
    expect(ids).toEqual(["#p1", "#p2", "#p3", "#p4", "#p5", "#p6", "#k1", "#k2", "#k3", "#s1", "#s2", "#s3"]);
  });
});
