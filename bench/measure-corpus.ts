import path from "node:path";
import { benchScript, runChild } from "./child.ts";
import { RESULT_MARKER } from "./markers.ts";
import { measureMemory } from "./memory.ts";
import { prepareCorpus } from "./prepare.ts";
import { measureReady } from "./ready.ts";
import { measureShards } from "./shards.ts";
import type { BenchSettings, CorpusResult, CorpusSpec, ShardRun, WorkerResult } from "./types.ts";
import type { WorkerInput } from "./worker.ts";

/**
 * Every figure of one corpus: written out as Markdown files (and rows), then memory in a fresh
 * process, time to ready in fresh processes (which also writes the snapshot), then the in-process
 * figures in one more fresh process (worker-main.ts), then the bot sharded (shards.ts).
 */
export async function measureCorpus(
  spec: CorpusSpec,
  workDir: string,
  settings: BenchSettings,
  log: (message: string) => void,
): Promise<CorpusResult> {
  const started = performance.now();
  const corpus = await prepareCorpus(spec, workDir);
  const progress = (message: string) => log(`  [${corpus.name}] ${message}`);
  progress(
    `${corpus.articles} articles written as Markdown in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const memory = await measureMemory(corpus);
  progress(
    `memory after build: heap ${(memory.after.heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(memory.after.rss / 2 ** 20).toFixed(0)} MiB`,
  );
  const ready = await measureReady(corpus.mdDir, corpus.snapshotFile, corpus.question, settings, progress);
  const input: WorkerInput = {
    name: corpus.name,
    mdDir: corpus.mdDir,
    rowsFile: corpus.rowsFile,
    snapshotFile: corpus.snapshotFile,
    workDir,
    settings,
    coldOpenMs: ready.cold.median,
  };
  const child = await runChild(benchScript("worker-main.ts"), [JSON.stringify(input)], {
    nodeFlags: ["--expose-gc", "--max-old-space-size=12288"],
    marker: RESULT_MARKER,
  });
  const worker = JSON.parse(child.payload) as WorkerResult;
  const shards: ShardRun[] = [];
  for (const count of settings.shardCounts) {
    // One snapshot directory for every count: the first manager builds it, the next load it.
    const run = await measureShards(
      corpus,
      path.join(workDir, "shard-snapshots"),
      count,
      settings.shardedAsks,
    );
    const perShard = run.shardRssBytes.reduce((a, b) => a + b, 0) / Math.max(1, run.shardRssBytes.length);
    progress(
      `${count} shard${count === 1 ? "" : "s"}: ${run.perSecond.toFixed(0)} interactions/s, p99 ${run.latency.p99.toFixed(0)} ms, RSS ${(perShard / 2 ** 20).toFixed(0)} MiB per shard + manager ${((run.managerRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB`,
    );
    shards.push(run);
  }
  return {
    name: corpus.name,
    kind: spec.kind,
    size: spec.kind === "synthetic" ? spec.size : null,
    articles: corpus.articles,
    words: corpus.words,
    passages: worker.passages,
    memory,
    ready,
    worker,
    shards,
    seconds: (performance.now() - started) / 1000,
  };
}
