import { benchScript, runChild } from "./child.ts";
import { RESULT_MARKER } from "./markers.ts";
import { measureMemory } from "./memory.ts";
import { prepareCorpus } from "./prepare.ts";
import { measureReady } from "./ready.ts";
import type { BenchSettings, CorpusResult, CorpusSpec, WorkerResult } from "./types.ts";
import type { WorkerInput } from "./worker.ts";

/**
 * Every figure of one corpus: written out as Markdown files (and rows), then memory in a fresh
 * process, time to ready in fresh processes (which also writes the snapshot), then the in-process
 * figures in one more fresh process (worker-main.ts).
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
    seconds: (performance.now() - started) / 1000,
  };
}
