import { rm, stat } from "node:fs/promises";
import { benchScript, runChild } from "./child.ts";
import { ANSWER_MARKER } from "./markers.ts";
import { type Measured, measure, measureWithin } from "./stats.ts";
import type { BenchSettings, ReadyResult } from "./types.ts";

interface ProbeLine {
  readonly startMs: number;
  readonly importMs: number;
  readonly openMs: number;
  readonly askMs: number;
  readonly state: string;
  readonly answered: boolean;
}

const PROBE = benchScript("ready-probe.ts");

async function probe(args: readonly string[]): Promise<{ ms: number; line: ProbeLine }> {
  const result = await runChild(PROBE, args, { marker: ANSWER_MARKER });
  return { ms: result.ms, line: JSON.parse(result.payload) as ProbeLine };
}

/** Spawn to the first line of a probe that only starts: node and tsx, nothing of storydesk. */
export async function processStartMs(settings: BenchSettings): Promise<Measured> {
  return measure({ warmups: 1, runs: Math.max(3, settings.runs) }, async () => (await probe(["--noop"])).ms);
}

/**
 * Time to ready: a fresh `node --import tsx` process opens the Markdown corpus with a snapshot file,
 * answers one question and prints; timed from just before the spawn to the answer line. Cold: the
 * snapshot is deleted before each run (so the probe reads, parses, builds, and writes it). Warm: the
 * snapshot the last cold run wrote is in place.
 */
export async function measureReady(
  mdDir: string,
  snapshotFile: string,
  question: string,
  settings: BenchSettings,
  progress: (message: string) => void,
): Promise<ReadyResult> {
  const args = [mdDir, snapshotFile, question];
  let coldParts: ProbeLine | undefined;
  const cold = async () => {
    await rm(snapshotFile, { force: true });
    const { ms, line } = await probe(args);
    if (line.state !== "written") throw new Error(`cold start: snapshot ${line.state}, expected written`);
    coldParts = line;
    return ms;
  };
  const coldRuns = await measureWithin(settings.runs, settings.budgetMs, cold);
  progress(`ready without a snapshot: ${coldRuns.median.toFixed(0)} ms`);
  let warmParts: ProbeLine | undefined;
  const warm = async () => {
    const { ms, line } = await probe(args);
    if (line.state !== "loaded") throw new Error(`warm start: snapshot ${line.state}, expected loaded`);
    warmParts = line;
    return ms;
  };
  const warmRuns = await measureWithin(settings.runs, settings.budgetMs, warm);
  progress(`ready from the snapshot: ${warmRuns.median.toFixed(0)} ms`);
  if (!coldParts || !warmParts) throw new Error("the probe printed nothing");
  const parts = (l: ProbeLine) => ({
    startMs: l.startMs,
    importMs: l.importMs,
    openMs: l.openMs,
    askMs: l.askMs,
  });
  return {
    cold: coldRuns,
    warm: warmRuns,
    coldParts: parts(coldParts),
    warmParts: parts(warmParts),
    snapshotBytes: (await stat(snapshotFile)).size,
  };
}
