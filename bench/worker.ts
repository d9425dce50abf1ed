/**
 * The in-process figures of one corpus: index build, ask() latency, raw MiniSearch, snapshot load,
 * ask() during a refresh, and Discord handling. Run in a fresh process per corpus (worker-main.ts),
 * so that corpora do not share a heap.
 */

import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import {
  DEFAULT_INDEX_OPTIONS,
  Library,
  openLibrary,
  parseCorpus,
  Storydesk,
  scanCorpus,
  snapshotKey,
  writeSnapshot,
} from "../src/core/index.ts";
import { measureAsk, measureMiniSearch, querySources } from "./ask.ts";
import { corpusFor } from "./corpus-source.ts";
import { measureDiscord } from "./discord.ts";
import { makeQueries } from "./queries.ts";
import { copyCorpus, measureRefresh } from "./refresh.ts";
import { measureWithin } from "./stats.ts";
import type { BenchSettings, WorkerResult } from "./types.ts";

export interface WorkerInput {
  readonly name: string;
  readonly mdDir: string;
  readonly rowsFile: string | null;
  readonly snapshotFile: string;
  readonly workDir: string;
  readonly settings: BenchSettings;
  /** How long a cold open took in the ready probe: whether a warm-up refresh fits the budget. */
  readonly coldOpenMs: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The figures of a library built in memory. A function of its own so that the parsed corpus and the
 * libraries it builds are garbage once it returns: a bot holds neither, and a larger heap would make
 * every later figure (the refresh above all) pay for longer garbage collections.
 */
async function inMemoryFigures(input: WorkerInput, progress: (message: string) => void) {
  const { settings } = input;
  const corpus = await corpusFor(input.mdDir, input.rowsFile);
  const articles = corpus.articles.length;
  // The last library built is kept for the ask figures; the one before is dropped before each build.
  const kept: { library?: Library } = {};
  const build = await measureWithin(settings.runs, settings.budgetMs, () => {
    delete kept.library;
    gc();
    const started = performance.now();
    kept.library = Library.build(corpus);
    return performance.now() - started;
  });
  const built = kept.library;
  if (built === undefined) throw new Error("no library was built");
  progress(
    `build: ${build.median.toFixed(0)} ms (${((articles / build.median) * 1000).toFixed(0)} articles/s)`,
  );

  const queries = makeQueries(querySources(built), settings.queries, settings.seed);
  const ask = await measureAsk(built, queries, settings);
  progress(`ask: p50 ${ask.p50.toFixed(2)} ms, p99 ${ask.p99.toFixed(2)} ms`);
  const minisearch = await measureMiniSearch(built, queries, settings);
  progress(`raw MiniSearch: p50 ${minisearch.p50.toFixed(2)} ms, p99 ${minisearch.p99.toFixed(2)} ms`);
  const passages = built.stats.passages;
  const written = path.join(input.workDir, "write-test.json");
  const snapshotWrite = await measureWithin(settings.runs, settings.budgetMs, async () => {
    const started = performance.now();
    await writeSnapshot(written, snapshotKey(built.data.fingerprint, DEFAULT_INDEX_OPTIONS), built);
    return performance.now() - started;
  });
  await rm(written, { force: true });
  delete kept.library;
  return { articles, passages, build, queries, ask, minisearch, snapshotWrite };
}

export async function runWorker(
  input: WorkerInput,
  progress: (message: string) => void,
): Promise<WorkerResult> {
  const { settings } = input;
  const { articles, passages, build, queries, ask, minisearch, snapshotWrite } = await inMemoryFigures(
    input,
    progress,
  );
  gc();

  const snapshotLoad = await measureWithin(settings.runs, settings.budgetMs, async () => {
    const opened = await openLibrary({ corpusDir: input.mdDir, snapshotFile: input.snapshotFile });
    if (opened.snapshot.state !== "loaded")
      throw new Error(`snapshot ${opened.snapshot.state}, expected loaded`);
    return opened.milliseconds;
  });
  gc();
  const scan = await measureWithin(settings.runs, settings.budgetMs, async () => {
    const started = performance.now();
    await scanCorpus(input.mdDir);
    return performance.now() - started;
  });
  const parse = await measureWithin(settings.runs, settings.budgetMs, async () => {
    const scanned = await scanCorpus(input.mdDir);
    const started = performance.now();
    parseCorpus(scanned);
    return performance.now() - started;
  });
  gc();
  progress(
    `snapshot load ${snapshotLoad.median.toFixed(0)} ms; cold open: scan ${scan.median.toFixed(0)} ms, parse ${parse.median.toFixed(0)} ms, snapshot write ${snapshotWrite.median.toFixed(0)} ms`,
  );

  const scratch = await mkdtemp(path.join(input.workDir, "refresh-"));
  try {
    const copy = await copyCorpus(input.mdDir, input.snapshotFile, scratch);
    const storydesk = await Storydesk.open({ corpusDir: copy.dir, snapshotFile: copy.snapshotFile });
    // One ask due every period: a quarter of one core at the mean ask time, at least every 10 ms.
    const periodMs = Math.max(10, Math.ceil(ask.mean * 4));
    const refresh = await measureRefresh(
      storydesk,
      copy.dir,
      queries,
      periodMs,
      settings,
      { warmup: input.coldOpenMs * 3 < settings.budgetMs },
      progress,
    );
    progress(
      `ask p99 during a refresh: ${refresh.during.p99.toFixed(1)} ms (${refresh.refreshes} refreshes of ${refresh.refreshMs.median.toFixed(0)} ms)`,
    );
    gc();
    const discord = await measureDiscord(storydesk, queries, settings.discordAsks);
    progress(`Discord: p50 ${discord.ack.p50} ms, p99 ${discord.ack.p99} ms`);
    return {
      articles,
      passages,
      build,
      ask,
      minisearch,
      snapshotLoad,
      scan,
      parse,
      snapshotWrite,
      refresh,
      discord,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
