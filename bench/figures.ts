import type { CorpusResult } from "./types.ts";

/** A figure of a corpus result, for the growth table. */
export interface Figure {
  readonly name: string;
  readonly unit: "ms" | "MiB" | "/s" | "";
  readonly of: (r: CorpusResult) => number;
}

export const FIGURES: readonly Figure[] = [
  { name: "index build", unit: "ms", of: (r) => r.worker.build.median },
  { name: "build rate (articles/s)", unit: "/s", of: (r) => (r.articles / r.worker.build.median) * 1000 },
  { name: "heap used after build", unit: "MiB", of: (r) => r.memory.after.heapUsed / 2 ** 20 },
  { name: "array buffers after build", unit: "MiB", of: (r) => r.memory.after.arrayBuffers / 2 ** 20 },
  { name: "RSS after build", unit: "MiB", of: (r) => r.memory.after.rss / 2 ** 20 },
  { name: "snapshot size", unit: "MiB", of: (r) => r.ready.snapshotBytes / 2 ** 20 },
  { name: "snapshot write", unit: "ms", of: (r) => r.worker.snapshotWrite.median },
  { name: "snapshot load (openLibrary)", unit: "ms", of: (r) => r.worker.snapshotLoad.median },
  { name: "scan (read + hash files)", unit: "ms", of: (r) => r.worker.scan.median },
  { name: "parse + check", unit: "ms", of: (r) => r.worker.parse.median },
  { name: "ready without snapshot", unit: "ms", of: (r) => r.ready.cold.median },
  { name: "ready from snapshot", unit: "ms", of: (r) => r.ready.warm.median },
  { name: "ask() p50", unit: "ms", of: (r) => r.worker.ask.p50 },
  { name: "ask() p99", unit: "ms", of: (r) => r.worker.ask.p99 },
  { name: "raw MiniSearch p50", unit: "ms", of: (r) => r.worker.minisearch.p50 },
  { name: "raw MiniSearch p99", unit: "ms", of: (r) => r.worker.minisearch.p99 },
  { name: "ask() p99 during refresh", unit: "ms", of: (r) => r.worker.refresh.during.p99 },
  { name: "refresh", unit: "ms", of: (r) => r.worker.refresh.refreshMs.median },
  { name: "Discord p50", unit: "ms", of: (r) => r.worker.discord.ack.p50 },
  { name: "Discord p99", unit: "ms", of: (r) => r.worker.discord.ack.p99 },
];

export interface GrowthRow {
  readonly figure: string;
  readonly unit: string;
  /** The figure at each synthetic size, smallest first. */
  readonly values: readonly number[];
  /** Each size's value over the previous size's. */
  readonly ratios: readonly number[];
}

export interface Growth {
  readonly sizes: readonly number[];
  readonly rows: readonly GrowthRow[];
}

/** How each figure grows across the synthetic sizes measured (10k/1k, 50k/10k by default). */
export function growth(results: readonly CorpusResult[]): Growth {
  const synthetic = results
    .filter((r) => r.kind === "synthetic" && r.size !== null)
    .sort((a, b) => (a.size as number) - (b.size as number));
  const sizes = synthetic.map((r) => r.size as number);
  const rows = FIGURES.map((f) => {
    const values = synthetic.map(f.of);
    return {
      figure: f.name,
      unit: f.unit,
      values,
      ratios: values.slice(1).map((v, i) => v / (values[i] as number)),
    };
  });
  return { sizes, rows };
}
