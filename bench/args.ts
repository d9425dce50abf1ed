import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "./synthetic.ts";
import type { BenchSettings, CorpusSpec } from "./types.ts";

/**
 * Synthetic sizes of the default run. 50,000 articles are left out: on the 2-core machine the
 * benchmark was written on, that corpus alone takes 10 to 12 minutes (a cold open takes over a
 * minute, a refresh nearly two), which would take the default run well past 10; ask for it with
 * `--sizes`.
 */
export const DEFAULT_SIZES = [1000, 10_000];
export const LARGE_SIZE = 50_000;

export const USAGE = `Usage: npm run bench -- [options]

Measures storydesk on the bundled corpus and on synthetic corpora (default: 1k and 10k articles),
or on JSONL corpora of real text. Markdown tables on stdout, progress on stderr.

Options:
  --sizes N,N,...     synthetic corpus sizes in articles (default ${DEFAULT_SIZES.join(",")}; "none" for none;
                      none by default when --corpus is given). 50000 is not in the default: it alone
                      takes 10 to 12 minutes on 2 cores; run it with --sizes 1000,10000,50000 (~15 min)
  --corpus FILE       a JSONL corpus ({id,title,text} a line, paragraphs separated by blank lines); repeatable
  --no-bundled        leave out the bundled corpus
  --seed N            seed of the synthetic corpora and of the query sets (default ${DEFAULT_SEED})
  --runs N            timed runs per figure after the warm-up (default 3)
  --budget SECONDS    time one figure may take on one corpus; runs are cut to fit it (default 30)
  --queries N         ask() queries per pass (default 1000, at least 1000 for the p99 to mean something)
  --discord N         /ask interactions sent through the Discord emulator (default 300)
  --json              print one JSON document instead of the tables
  --keep              keep the temporary directory (its path is printed on stderr)
  -h, --help          this help`;

export interface BenchOptions {
  readonly corpora: readonly CorpusSpec[];
  readonly settings: BenchSettings;
  readonly json: boolean;
  readonly keep: boolean;
  readonly help: boolean;
}

function positiveInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new Error(`${option} needs a positive whole number (got "${value}")`);
  return Number(value);
}

export function parseBenchArgs(argv: readonly string[], bundledDir: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: "string" },
      corpus: { type: "string", multiple: true },
      "no-bundled": { type: "boolean", default: false },
      seed: { type: "string" },
      runs: { type: "string" },
      budget: { type: "string" },
      queries: { type: "string" },
      discord: { type: "string" },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : positiveInteger(values.seed, "--seed");
  const files = values.corpus ?? [];
  const sizes =
    values.sizes === undefined
      ? files.length > 0
        ? []
        : DEFAULT_SIZES
      : values.sizes === "none"
        ? []
        : values.sizes.split(",").map((s) => positiveInteger(s.trim(), "--sizes"));
  const corpora: CorpusSpec[] = [
    ...(values["no-bundled"] ? [] : [{ kind: "bundled" as const, dir: bundledDir }]),
    ...sizes.map((size) => ({ kind: "synthetic" as const, size, seed })),
    ...files.map((file) => ({ kind: "jsonl" as const, file: path.resolve(file) })),
  ];
  return {
    corpora,
    settings: {
      seed,
      runs: values.runs === undefined ? 3 : positiveInteger(values.runs, "--runs"),
      budgetMs: (values.budget === undefined ? 30 : positiveInteger(values.budget, "--budget")) * 1000,
      queries: values.queries === undefined ? 1000 : positiveInteger(values.queries, "--queries"),
      discordAsks: values.discord === undefined ? 300 : positiveInteger(values.discord, "--discord"),
      quietMs: 3000,
      asksDuringRefresh: 300,
      shardCounts: [1, 2, 4],
      shardedAsks: 400,
    },
    json: values.json,
    keep: values.keep,
    help: values.help,
  };
}
