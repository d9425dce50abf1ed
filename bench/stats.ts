/** Order statistics of measurements. */

/** The p-th percentile (0-100) by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function max(values: readonly number[]): number {
  return values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
}

/** How a figure was obtained: timed runs after warm-up runs, and the median taken of them. */
export interface Runs {
  readonly warmups: number;
  readonly runs: number;
}

/** A figure measured several times: the median, and every run, for the JSON output. */
export interface Measured extends Runs {
  readonly median: number;
  readonly values: readonly number[];
}

/**
 * Runs `fn` `warmups` times untimed, then `runs` times, and takes the median of what `fn` returns
 * (a duration or any other figure).
 */
export async function measure(plan: Runs, fn: () => Promise<number> | number): Promise<Measured> {
  for (let i = 0; i < plan.warmups; i++) await fn();
  const values: number[] = [];
  for (let i = 0; i < plan.runs; i++) values.push(await fn());
  return { ...plan, median: median(values), values };
}

/** How many runs fit a time budget, given how long one run took: at least 1, at most `wanted`. */
export function runsWithin(wanted: Runs, oneRunMs: number, budgetMs: number): Runs {
  if (oneRunMs * (wanted.warmups + wanted.runs) <= budgetMs) return wanted;
  const fit = Math.floor(budgetMs / Math.max(oneRunMs, 1));
  return { warmups: fit > wanted.runs ? 1 : 0, runs: Math.max(1, Math.min(wanted.runs, fit)) };
}

/**
 * Measures within a time budget: the first run is timed to see how long one takes; when `wanted`
 * runs fit the budget after it, it was the warm-up and they follow; when fewer fit, fewer follow;
 * when not even one more fits, the first run is the only one (no warm-up), and the result says so.
 */
export async function measureWithin(
  wanted: number,
  budgetMs: number,
  fn: () => Promise<number> | number,
): Promise<Measured> {
  const started = performance.now();
  const first = await fn();
  const took = Math.max(performance.now() - started, 0.001);
  const more = Math.min(wanted, Math.floor((budgetMs - took) / took));
  if (more < 1) return { warmups: 0, runs: 1, median: first, values: [first] };
  return measure({ warmups: 0, runs: more }, fn).then((m) => ({ ...m, warmups: 1 }));
}
