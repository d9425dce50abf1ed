import type { Measured, Runs } from "./stats.ts";

/** A corpus to measure, as named on the command line. */
export type CorpusSpec =
  | { readonly kind: "bundled"; readonly dir: string }
  | { readonly kind: "synthetic"; readonly size: number; readonly seed: number }
  | { readonly kind: "jsonl"; readonly file: string };

/** A corpus written out for measuring: its Markdown directory and, unless bundled, its rows as JSONL. */
export interface PreparedCorpus {
  readonly name: string;
  readonly spec: CorpusSpec;
  readonly articles: number;
  readonly mdDir: string;
  /** Rows (`{id,title,text,published}` per line) the in-process figures build from; null: parse `mdDir`. */
  readonly rowsFile: string | null;
  /** Where the snapshot of `mdDir` is written. */
  readonly snapshotFile: string;
  /** Scratch space for this corpus (copies for the refresh). */
  readonly workDir: string;
  readonly words: number;
  /** The question the ready probe asks: the first article's title. */
  readonly question: string;
}

/** The settings every measurement of a run shares. */
export interface BenchSettings {
  readonly seed: number;
  /** Timed runs wanted per figure (after one warm-up), when they fit `budgetMs`. */
  readonly runs: number;
  /** Time one figure may take on one corpus; runs are cut (down to one, without warm-up) to fit. */
  readonly budgetMs: number;
  readonly queries: number;
  readonly discordAsks: number;
  /** The refresh figure: how long asks run without a refresh, at least (default 3 s). */
  readonly quietMs: number;
  /** The refresh figure: refreshes follow one another until this many asks were due during them (default 300). */
  readonly asksDuringRefresh: number;
  /** The sharded figure: the TOTAL_SHARDS compared (default 1, 2, 4), and the /ask each answers (default 400). */
  readonly shardCounts: readonly number[];
  readonly shardedAsks: number;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
  readonly count: number;
}

/** Latency over query passes: p50 and p99 are the medians of the passes' own. */
export interface PassedLatency extends Runs {
  /** Queries of the warm-up pass (the whole set unless that would take over a quarter of the budget). */
  readonly warmupQueries: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
  readonly queriesPerPass: number;
  readonly passes: readonly LatencySummary[];
}

export interface MemoryResult {
  /** After loading the code, before reading the corpus. */
  readonly baseline: { readonly heapUsed: number; readonly rss: number; readonly arrayBuffers: number };
  /** After the build, the corpus dropped, with only the library left. */
  readonly after: {
    readonly heapUsed: number;
    readonly rss: number;
    readonly arrayBuffers: number;
    readonly external: number;
  };
  readonly passages: number;
}

export interface ReadyResult {
  /** Spawn to the answer line, without a snapshot: read, parse, build, write the snapshot, answer. */
  readonly cold: Measured;
  /** The same with the snapshot in place. */
  readonly warm: Measured;
  /** What the probe reported of its last warm run: time in its own imports, open and ask. */
  readonly warmParts: {
    readonly startMs: number;
    readonly importMs: number;
    readonly openMs: number;
    readonly askMs: number;
  };
  readonly coldParts: {
    readonly startMs: number;
    readonly importMs: number;
    readonly openMs: number;
    readonly askMs: number;
  };
  readonly snapshotBytes: number;
}

export interface RefreshResult {
  /** One ask every `periodMs`, each timed from when it was due. */
  readonly periodMs: number;
  readonly without: LatencySummary;
  readonly during: LatencySummary;
  readonly refreshes: number;
  readonly refreshMs: Measured;
  readonly warmups: number;
}

export interface DiscordResult {
  /** Dispatch to the callback, from the emulator's Ack.at (whole milliseconds). */
  readonly ack: LatencySummary;
  /** The same measured by the benchmark around dispatch and the ack wait (sub-millisecond). */
  readonly wall: LatencySummary;
  readonly warmups: number;
  /** Discord rules the bot's requests broke, by the emulator's count (0 expected). */
  readonly violations: number;
}

/** What the worker process measures of one corpus. */
export interface WorkerResult {
  readonly articles: number;
  readonly passages: number;
  readonly build: Measured;
  readonly ask: PassedLatency & {
    readonly answered: number;
    readonly slowest: readonly { query: string; ms: number }[];
  };
  readonly minisearch: PassedLatency & { readonly buildMs: number };
  readonly snapshotLoad: Measured;
  /** A cold open step by step, in process: read and hash the files, parse and check them, write the snapshot. */
  readonly scan: Measured;
  readonly parse: Measured;
  readonly snapshotWrite: Measured;
  readonly refresh: RefreshResult;
  readonly discord: DiscordResult;
}

/** The bot run with TOTAL_SHARDS shards (bench/shards.ts). */
export interface ShardRun {
  readonly shards: number;
  readonly guilds: number;
  /** Manager start to every shard's READY. */
  readonly readyMs: number;
  readonly interactions: number;
  readonly perSecond: number;
  readonly latency: LatencySummary;
  /** Resident memory of each shard process after answering. */
  readonly shardRssBytes: readonly number[];
  readonly managerRssBytes: number | null;
  readonly violations: number;
}

/** Everything measured of one corpus. */
export interface CorpusResult {
  readonly name: string;
  readonly kind: CorpusSpec["kind"];
  readonly size: number | null;
  readonly articles: number;
  readonly words: number;
  readonly passages: number;
  readonly memory: MemoryResult;
  readonly ready: ReadyResult;
  readonly worker: WorkerResult;
  /** Sharded runs, one per shard count. */
  readonly shards: readonly ShardRun[];
  readonly seconds: number;
}
