import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/args.ts";
import { growth } from "../../bench/figures.ts";
import { articleMarkdown } from "../../bench/markdown.ts";
import { measureCorpus } from "../../bench/measure-corpus.ts";
import { makeQueries } from "../../bench/queries.ts";
import { type Report, renderMarkdown } from "../../bench/report.ts";
import { corpusFromRows } from "../../bench/rows.ts";
import { syntheticCorpus } from "../../bench/synthetic.ts";
import { checkTargets } from "../../bench/targets.ts";
import type { BenchSettings, CorpusResult } from "../../bench/types.ts";
import { loadCorpus } from "../../src/core/corpus/load.ts";

/**
 * The benchmark's correctness, never its timings: the synthetic corpus generator is deterministic and
 * shaped as specified, and one tiny pass of every measurement yields a well-formed report.
 */

const SEED = 7;
const words = (text: string) => text.split(/\s+/).filter((w) => w.length > 0);

describe("synthetic corpus generator", () => {
  const rows = syntheticCorpus(SEED, 40);

  it("gives byte-identical articles for the same seed, other articles for another", () => {
    const again = syntheticCorpus(SEED, 40);
    expect(again.map(articleMarkdown).join("")).toBe(rows.map(articleMarkdown).join(""));
    expect(
      syntheticCorpus(SEED + 1, 40)
        .map(articleMarkdown)
        .join(""),
    ).not.toBe(rows.map(articleMarkdown).join(""));
  });

  it("makes a smaller corpus the prefix of a larger one", () => {
    expect(syntheticCorpus(SEED, 10)).toEqual(rows.slice(0, 10));
  });

  it("writes news-shaped articles: 6-12 word titles, 4-12 paragraphs of 2-5 sentences", () => {
    for (const row of rows) {
      expect(words(row.title).length).toBeGreaterThanOrEqual(6);
      expect(words(row.title).length).toBeLessThanOrEqual(12);
      const paragraphs = row.text.split("\n\n");
      expect(paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(paragraphs.length).toBeLessThanOrEqual(12);
      for (const p of paragraphs) {
        const sentences = p.split(/(?<=\.) /);
        expect(sentences.length).toBeGreaterThanOrEqual(2);
        expect(sentences.length).toBeLessThanOrEqual(5);
      }
    }
    const mean = rows.reduce((sum, r) => sum + words(r.text).length, 0) / rows.length;
    expect(mean).toBeGreaterThan(250);
    expect(mean).toBeLessThan(520);
  });

  it("writes Markdown the corpus loader reads back as the rows' own paragraphs", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "storydesk-bench-md-"));
    try {
      const { writeMarkdownCorpus } = await import("../../bench/markdown.ts");
      await writeMarkdownCorpus(dir, rows.slice(0, 10));
      const parsed = await loadCorpus(dir);
      expect(parsed.diagnostics).toEqual([]);
      const direct = corpusFromRows(rows.slice(0, 10));
      expect(parsed.articles.map((a) => [a.id, a.title, a.published, a.blocks.map((b) => b.text)])).toEqual(
        direct.articles.map((a) => [a.id, a.title, a.published, a.blocks.map((b) => b.text)]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("makes the same queries from the same seed: titles, 6-word spans, and spans typed as chat", () => {
    const sources = rows.map((r) => ({ title: r.title, passages: r.text.split("\n\n") }));
    const queries = makeQueries(sources, 30, SEED);
    expect(makeQueries(sources, 30, SEED)).toEqual(queries);
    expect(queries.filter((_, i) => i % 3 === 0).every((q) => rows.some((r) => r.title === q))).toBe(true);
    expect(queries.filter((_, i) => i % 3 === 1).every((q) => words(q).length === 6)).toBe(true);
    expect(queries.filter((_, i) => i % 3 === 2).every((q) => words(q).length > 6)).toBe(true);
  });
});

describe("npm run bench options", () => {
  it("defaults to the bundled corpus and 1k and 10k synthetic articles; 50k on request", () => {
    const sizes = (argv: string[]) =>
      parseBenchArgs(argv, "corpus").corpora.map((c) => (c.kind === "synthetic" ? c.size : c.kind));
    expect(sizes([])).toEqual(["bundled", 1000, 10_000]);
    expect(sizes(["--sizes", "1000,10000,50000", "--no-bundled"])).toEqual([1000, 10_000, 50_000]);
  });

  it("measures only the JSONL corpus (and the bundled one) when --corpus is given", () => {
    const options = parseBenchArgs(["--corpus", "x.jsonl", "--json"], "corpus");
    expect(options.corpora.map((c) => c.kind)).toEqual(["bundled", "jsonl"]);
    expect(options.json).toBe(true);
  });

  it("rejects sizes that are not positive whole numbers", () => {
    expect(() => parseBenchArgs(["--sizes", "10,abc"], "corpus")).toThrow(/--sizes/);
  });
});

describe("one tiny bench pass", () => {
  let work: string | undefined;
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("measures a small synthetic corpus and reports every figure, growth and target", {
    timeout: 90_000,
  }, async () => {
    work = await mkdtemp(path.join(tmpdir(), "storydesk-bench-"));
    const settings: BenchSettings = {
      seed: SEED,
      runs: 1,
      budgetMs: 2000,
      queries: 40,
      discordAsks: 5,
      quietMs: 300,
      asksDuringRefresh: 10,
      shardCounts: [1, 2],
      shardedAsks: 10,
    };
    const results: CorpusResult[] = [];
    for (const size of [20, 40]) {
      results.push(
        await measureCorpus(
          { kind: "synthetic", size, seed: SEED },
          path.join(work, String(size)),
          settings,
          () => {},
        ),
      );
    }
    for (const r of results) {
      expect(r.articles).toBe(r.size);
      expect(r.passages).toBeGreaterThan(r.articles * 3);
      expect(r.worker.build.values.length).toBeGreaterThanOrEqual(1);
      expect(r.worker.ask.passes[0]?.count).toBe(40);
      expect(r.worker.minisearch.queriesPerPass).toBe(40);
      expect(r.ready.snapshotBytes).toBeGreaterThan(0);
      expect(r.memory.after.heapUsed).toBeGreaterThan(0);
      expect(r.worker.refresh.refreshes).toBeGreaterThanOrEqual(1);
      expect(r.worker.refresh.during.count).toBeGreaterThan(0);
      expect(r.worker.discord.ack.count).toBe(5);
      expect(r.worker.discord.violations).toBe(0);
      expect(r.shards.map((s) => [s.shards, s.interactions, s.violations])).toEqual([
        [1, 10, 0],
        [2, 10, 0],
      ]);
      for (const run of r.shards) {
        expect(run.shardRssBytes).toHaveLength(run.shards);
        expect(run.perSecond).toBeGreaterThan(0);
      }
    }
    const targets = checkTargets(results);
    expect(targets.map((t) => t.target)).toEqual([
      "ask() p99 <= 5 ms at 10k articles",
      "build >= 1,000 articles/s",
      "build >= 1,000 articles/s",
      "ready from a snapshot <= 1 s at 10k articles",
      "ask() p99 during a refresh <= 2 × p99 without",
      "ask() p99 during a refresh <= 2 × p99 without",
    ]);
    expect(targets[0]?.holds).toBeNull();
    const grown = growth(results);
    expect(grown.sizes).toEqual([20, 40]);
    expect(grown.rows.every((row) => row.values.length === 2 && row.ratios.length === 1)).toBe(true);
    const report: Report = {
      machine: {
        load: { start: 0, end: 0 },
        node: process.version,
        cpu: "test",
        cores: 1,
        memoryGiB: 1,
        platform: "test",
      },
      startedAt: "2025-01-01T00:00:00.000Z",
      code: { start: "abc1234", end: "abc1234" },
      seconds: 1,
      settings,
      processStart: { warmups: 0, runs: 1, median: 1, values: [1] },
      corpora: results,
      growth: grown,
      targets,
    };
    const markdown = renderMarkdown(report);
    for (const heading of [
      "Index build",
      "Memory after build",
      "Snapshot",
      "Time to ready",
      "Raw MiniSearch",
      "during a refresh",
      "Discord handling",
      "Growth",
      "Targets",
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain("| synthetic 40 ");
    expect(markdown).toMatch(/\| (PASS|FAIL) +\|/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
