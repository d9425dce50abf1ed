import { max, median, percentile, runsWithin } from "./stats.ts";
import type { LatencySummary, PassedLatency } from "./types.ts";

export function summarise(latencies: readonly number[]): LatencySummary {
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    max: latencies.length === 0 ? Number.NaN : max(latencies),
    count: latencies.length,
  };
}

/**
 * Times `fn` on each item, one after another, awaiting what it returns (storydesk's ask is
 * asynchronous); returns each call's milliseconds.
 */
export async function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): Promise<number[]> {
  const out = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    const started = performance.now();
    await fn(items[i] as T);
    out[i] = performance.now() - started;
  }
  return out;
}

/**
 * Latency over passes of the whole query set: a warm-up pass (the JIT keeps optimising for the first
 * thousand or so calls; when a whole pass would take over a quarter of the budget, the warm-up covers
 * only as many queries as fit in that quarter, at least 100), then as many passes as `wanted` allows
 * within the budget (at least one). With `fit`, a pass that alone would overrun the budget is cut to
 * the first queries that fit it (at least 200). p50 and p99 are the medians of the passes' own
 * percentiles. `onPass` sees every timed pass's latencies.
 */
export async function latencyPasses<T>(
  all: readonly T[],
  fn: (item: T) => unknown,
  wanted: number,
  budgetMs: number,
  options: { fit?: boolean; onPass?: (latencies: readonly number[]) => void } = {},
): Promise<PassedLatency> {
  let items = all;
  const probe = await timeEach(items.slice(0, 50), fn);
  const perItem = probe.reduce((a, b) => a + b, 0) / Math.max(1, probe.length);
  const warmCount = Math.min(items.length, Math.max(100, Math.floor(budgetMs / 4 / Math.max(perItem, 1e-3))));
  const started = performance.now();
  await timeEach(items.slice(0, warmCount), fn);
  const warmMs = performance.now() - started;
  const perQuery = warmMs / warmCount;
  if (options.fit && perQuery * items.length > budgetMs - warmMs) {
    items = items.slice(0, Math.max(200, Math.floor((budgetMs - warmMs) / perQuery)));
  }
  const onePass = perQuery * items.length;
  const plan = runsWithin({ warmups: 0, runs: wanted }, onePass, budgetMs - warmMs);
  const passes: LatencySummary[] = [];
  for (let i = 0; i < plan.runs; i++) {
    const latencies = await timeEach(items, fn);
    options.onPass?.(latencies);
    passes.push(summarise(latencies));
  }
  return {
    warmups: 1,
    warmupQueries: warmCount,
    runs: passes.length,
    p50: median(passes.map((p) => p.p50)),
    p99: median(passes.map((p) => p.p99)),
    mean: median(passes.map((p) => p.mean)),
    max: max(passes.map((p) => p.max)),
    queriesPerPass: items.length,
    passes,
  };
}
