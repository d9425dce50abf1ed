import { copyFile, cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Storydesk } from "../src/core/index.ts";
import { summarise } from "./latency.ts";
import { median } from "./stats.ts";
import { steadyCalls } from "./steady.ts";
import type { BenchSettings, RefreshResult } from "./types.ts";

/** A copy of the corpus directory and its snapshot, to refresh without touching the original. */
export async function copyCorpus(
  mdDir: string,
  snapshotFile: string,
  into: string,
): Promise<{ dir: string; snapshotFile: string }> {
  const dir = path.join(into, "corpus");
  await cp(mdDir, dir, { recursive: true });
  const copy = path.join(into, "snapshot.json");
  await copyFile(snapshotFile, copy);
  return { dir, snapshotFile: copy };
}

/**
 * Changes one article, differently each time, so that every refresh sees a new corpus (its snapshot
 * stale) and rebuilds, as after a moderator's edit.
 */
async function editOneArticle(dir: string, n: number): Promise<void> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const file = path.join(dir, names[0] as string);
  const text = (await readFile(file, "utf8")).replace(/\n\nBenchmark edit \d+\.\n$/, "\n");
  await writeFile(file, `${text}\nBenchmark edit ${n}.\n`);
}

/**
 * ask() latency while `storydesk.refresh` runs, next to the same without: one ask every `periodMs`,
 * each timed from when it was due (see steadyCalls). Without: for `quietMs` (or as long as
 * `asksDuringRefresh` asks take). During: refreshes run back to back (each after an edit) until at
 * least one has run and `asksDuringRefresh` asks were due during refreshes, within the budget (and
 * 50 refreshes); the asks due while a refresh ran count.
 */
export async function measureRefresh(
  storydesk: Storydesk,
  dir: string,
  queries: readonly string[],
  periodMs: number,
  settings: BenchSettings,
  options: { warmup: boolean },
  progress: (message: string) => void,
): Promise<RefreshResult> {
  const ask = (i: number) => storydesk.ask(queries[i % queries.length] as string, { top: 3 });
  let edits = 0;
  const refreshOnce = async () => {
    await editOneArticle(dir, ++edits);
    const started = performance.now();
    const result = await storydesk.refresh("bench");
    const ended = performance.now();
    if (!result.ok) throw new Error(`refresh failed: ${result.errors.map((e) => e.message).join("; ")}`);
    return { started, ended };
  };
  if (options.warmup) await refreshOnce();
  // The library now serving was loaded or built just now: asks warm it up before anything is timed.
  const warmEnd = performance.now() + Math.min(1000, settings.quietMs);
  await steadyCalls(periodMs, ask, () => performance.now() >= warmEnd);

  const windowMs = Math.max(settings.quietMs, settings.asksDuringRefresh * periodMs);
  const quietEnd = performance.now() + windowMs;
  const quiet = await steadyCalls(periodMs, ask, () => performance.now() >= quietEnd);
  progress(`ask p99 without a refresh: ${summarise(quiet.map((c) => c.ms)).p99.toFixed(2)} ms`);

  const windows: Array<{ started: number; ended: number }> = [];
  let done = false;
  const began = performance.now();
  const loop = steadyCalls(periodMs, ask, () => done);
  const inWindow = (due: number) => windows.some((w) => due >= w.started && due <= w.ended);
  const dueDuring = () => Math.floor(windows.reduce((sum, w) => sum + (w.ended - w.started), 0) / periodMs);
  while (
    windows.length === 0 ||
    (dueDuring() < settings.asksDuringRefresh &&
      performance.now() - began < settings.budgetMs &&
      windows.length < 50)
  ) {
    windows.push(await refreshOnce());
  }
  done = true;
  const during = (await loop).filter((c) => inWindow(c.due));
  const refreshMs = windows.map((w) => w.ended - w.started);
  return {
    periodMs,
    without: summarise(quiet.map((c) => c.ms)),
    during: summarise(during.map((c) => c.ms)),
    refreshes: windows.length,
    refreshMs: {
      warmups: options.warmup ? 1 : 0,
      runs: refreshMs.length,
      median: median(refreshMs),
      values: refreshMs,
    },
    warmups: options.warmup ? 1 : 0,
  };
}
