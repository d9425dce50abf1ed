import type { Growth } from "./figures.ts";
import { int, mib, ms, ratio, runs, table } from "./format.ts";
import { sizeLabel } from "./prepare.ts";
import type { Measured } from "./stats.ts";
import type { TargetCheck } from "./targets.ts";
import type { BenchSettings, CorpusResult } from "./types.ts";

export interface Report {
  readonly machine: {
    /** 1-minute load averages when the run started and when it ended: other work on the machine skews times. */
    readonly load: { readonly start: number; readonly end: number };
    readonly node: string;
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly platform: string;
  };
  readonly startedAt: string;
  /** The commit measured (see code-version.ts) when the run started and when it ended. */
  readonly code: { readonly start: string; readonly end: string };
  readonly seconds: number;
  readonly settings: BenchSettings;
  /** node + tsx start, to the first line of a script that does nothing (see ready-probe.ts --noop). */
  readonly processStart: Measured;
  readonly corpora: readonly CorpusResult[];
  readonly growth: Growth;
  readonly targets: readonly TargetCheck[];
}

const perSecond = (count: number, millis: number) => int((count / millis) * 1000);

function corporaTable(rs: readonly CorpusResult[]): string {
  return table(
    ["corpus", ">articles", ">passages", ">words/article", ">passages/article", ">measured in"],
    rs.map((r) => [
      r.name,
      int(r.articles),
      int(r.passages),
      int(r.words / r.articles),
      (r.passages / r.articles).toFixed(1),
      `${r.seconds.toFixed(0)} s`,
    ]),
  );
}

function buildTable(rs: readonly CorpusResult[]): string {
  return table(
    ["corpus", ">build (ms)", ">articles/s", ">passages/s", ">runs"],
    rs.map((r) => {
      const b = r.worker.build;
      return [
        r.name,
        ms(b.median),
        perSecond(r.articles, b.median),
        perSecond(r.passages, b.median),
        runs(b),
      ];
    }),
  );
}

function memoryTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">heap used (MiB)",
      ">of it library",
      ">array buffers (MiB)",
      ">RSS (MiB)",
      ">RSS before (MiB)",
    ],
    rs.map((r) => {
      const m = r.memory;
      return [
        r.name,
        mib(m.after.heapUsed),
        mib(m.after.heapUsed - m.baseline.heapUsed),
        mib(m.after.arrayBuffers),
        mib(m.after.rss),
        mib(m.baseline.rss),
      ];
    }),
  );
}

function snapshotTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">size (MiB)",
      ">bytes/article",
      ">write (ms)",
      ">runs",
      ">load (ms)",
      ">of it scan (ms)",
      ">runs",
    ],
    rs.map((r) => [
      r.name,
      mib(r.ready.snapshotBytes),
      int(r.ready.snapshotBytes / r.articles),
      ms(r.worker.snapshotWrite.median),
      runs(r.worker.snapshotWrite),
      ms(r.worker.snapshotLoad.median),
      ms(r.worker.scan.median),
      runs(r.worker.snapshotLoad),
    ]),
  );
}

function coldOpenTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">scan (ms)",
      ">parse + check (ms)",
      ">build (ms)",
      ">write snapshot (ms)",
      ">sum (ms)",
      ">probe's open (ms)",
    ],
    rs.map((r) => {
      const w = r.worker;
      const sum = w.scan.median + w.parse.median + w.build.median + w.snapshotWrite.median;
      return [
        r.name,
        ms(w.scan.median),
        ms(w.parse.median),
        ms(w.build.median),
        ms(w.snapshotWrite.median),
        ms(sum),
        ms(r.ready.coldParts.openMs),
      ];
    }),
  );
}

function readyTable(rs: readonly CorpusResult[], start: Measured): string {
  return table(
    [
      "corpus",
      ">without snapshot (ms)",
      ">runs",
      ">from snapshot (ms)",
      ">runs",
      ">warm: start / imports / open / ask (ms)",
    ],
    rs.map((r) => {
      const p = r.ready.warmParts;
      return [
        r.name,
        ms(r.ready.cold.median),
        runs(r.ready.cold),
        ms(r.ready.warm.median),
        runs(r.ready.warm),
        `${ms(p.startMs)} / ${ms(p.importMs)} / ${ms(p.openMs)} / ${ms(p.askMs)}`,
      ];
    }),
  ).concat(
    `\n\nnode + tsx alone (spawn to the first line of a script doing nothing): ${ms(start.median)} ms, ${runs(start)}.`,
  );
}

function askTable(rs: readonly CorpusResult[]): string {
  return table(
    ["corpus", ">p50 (ms)", ">p99 (ms)", ">mean (ms)", ">max (ms)", ">answered", ">queries × passes"],
    rs.map((r) => {
      const a = r.worker.ask;
      return [
        r.name,
        ms(a.p50),
        ms(a.p99),
        ms(a.mean),
        ms(a.max),
        `${Math.round(a.answered * 100)}%`,
        `${int(a.queriesPerPass)} × ${runs(a)}`,
      ];
    }),
  );
}

function miniSearchTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">MiniSearch p50",
      ">MiniSearch p99",
      ">ask/MiniSearch p50",
      ">ask/MiniSearch p99",
      ">MiniSearch build (ms)",
      ">queries × passes",
    ],
    rs.map((r) => {
      const m = r.worker.minisearch;
      const a = r.worker.ask;
      return [
        r.name,
        ms(m.p50),
        ms(m.p99),
        ratio(a.p50 / m.p50),
        ratio(a.p99 / m.p99),
        ms(m.buildMs),
        `${int(m.queriesPerPass)} × ${runs(m)}`,
      ];
    }),
  );
}

function refreshTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">one ask every",
      ">p99 without",
      ">p99 during",
      ">during/without",
      ">max during",
      ">asks during",
      ">refreshes",
      ">refresh (ms)",
    ],
    rs.map((r) => {
      const f = r.worker.refresh;
      return [
        r.name,
        `${f.periodMs} ms`,
        ms(f.without.p99),
        ms(f.during.p99),
        ratio(f.during.p99 / f.without.p99),
        ms(f.during.max),
        int(f.during.count),
        `${f.refreshes}${f.warmups > 0 ? " (+1w)" : ""}`,
        ms(f.refreshMs.median),
      ];
    }),
  );
}

function discordTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">p50 (ms)",
      ">p99 (ms)",
      ">max (ms)",
      ">p50 wall (ms)",
      ">p99 wall (ms)",
      ">interactions",
      ">violations",
    ],
    rs.map((r) => {
      const d = r.worker.discord;
      return [
        r.name,
        String(d.ack.p50),
        String(d.ack.p99),
        String(d.ack.max),
        ms(d.wall.p50),
        ms(d.wall.p99),
        `${d.ack.count} (+${d.warmups}w)`,
        String(d.violations),
      ];
    }),
  );
}

function shardTable(rs: readonly CorpusResult[]): string {
  return table(
    [
      "corpus",
      ">shards",
      ">servers",
      ">interactions/s",
      ">p50 (ms)",
      ">p99 (ms)",
      ">RSS per shard",
      ">RSS all shards",
      ">manager RSS",
      ">ready (ms)",
      ">violations",
    ],
    rs.flatMap((r) =>
      r.shards.map((s) => {
        const total = s.shardRssBytes.reduce((a, b) => a + b, 0);
        return [
          r.name,
          String(s.shards),
          String(s.guilds),
          int(s.perSecond),
          ms(s.latency.p50),
          ms(s.latency.p99),
          mib(total / Math.max(1, s.shardRssBytes.length)),
          mib(total),
          s.managerRssBytes === null ? "n/a" : mib(s.managerRssBytes),
          int(s.readyMs),
          String(s.violations),
        ];
      }),
    ),
  );
}

function growthTable(growth: Growth): string {
  if (growth.sizes.length < 2) return "_Needs at least two synthetic sizes (`--sizes`)._";
  const labels = growth.sizes.map(sizeLabel);
  const ratios = labels.slice(1).map((l, i) => `>${l}/${labels[i]}`);
  const fmt = (unit: string, v: number) =>
    unit === "MiB" ? mib(v * 2 ** 20) : unit === "/s" ? int(v) : ms(v);
  return table(
    ["figure", ...labels.map((l) => `>${l}`), ...ratios],
    growth.rows.map((row) => [
      row.unit === "ms" ? `${row.figure} (ms)` : row.unit === "MiB" ? `${row.figure} (MiB)` : row.figure,
      ...row.values.map((v) => fmt(row.unit, v)),
      ...row.ratios.map(ratio),
    ]),
  ).concat(
    `\n\nArticles grow ${growth.sizes
      .slice(1)
      .map((s, i) => ratio(s / (growth.sizes[i] as number)))
      .join(", then ")}: a figure that scales linearly with the corpus grows by the same ratio.`,
  );
}

function targetsTable(targets: readonly TargetCheck[]): string {
  return table(
    ["target (from the issue)", "corpus", "measured", "holds"],
    targets.map((t) => [
      t.target,
      t.corpus,
      t.measured,
      t.holds === null ? "n/a" : t.holds ? "PASS" : "FAIL",
    ]),
  );
}

/** The report as Markdown: one table per figure group, the growth table and the targets. */
export function renderMarkdown(report: Report): string {
  const rs = report.corpora;
  const s = report.settings;
  const m = report.machine;
  return [
    "# storydesk benchmark",
    "",
    `${report.startedAt} · node ${m.node} · ${m.cpu} × ${m.cores} · ${m.memoryGiB} GiB · ${m.platform} · ${report.seconds.toFixed(0)} s in all`,
    "",
    report.code.start === report.code.end
      ? `Code: ${report.code.start}.`
      : `Code: ${report.code.start} at the start, ${report.code.end} at the end: storydesk changed during the run, so corpora measured early and late ran different code.`,
    "",
    `Load average (1 min): ${m.load.start.toFixed(2)} at the start, ${m.load.end.toFixed(2)} at the end, on` +
      ` ${m.cores} cores. The benchmark keeps about one core busy; more than that means other work competed` +
      " with it, and its times are inflated.",
    "",
    `Each time is the median of ${s.runs} timed runs after 1 warm-up run ("runs": "3 (+1w)"); where one run` +
      ` would not fit the ${s.budgetMs / 1000} s budget per figure and corpus, fewer runs are made and the` +
      ` runs column says so ("1 (no w)": a single run, no warm-up). Latency percentiles are the medians` +
      ` of those of ${s.runs} passes over ${int(s.queries)} queries (half titles, half random 6-word spans,` +
      ` seed ${s.seed}), after a warm-up pass. Synthetic corpora: seed ${s.seed}.`,
    "",
    "## Corpora",
    "",
    corporaTable(rs),
    "",
    "## Index build (`Library.build` on the corpus in memory: rows made into articles; the bundled one parsed)",
    "",
    buildTable(rs),
    "",
    "## Memory after build (a fresh process per corpus: build once, drop the corpus, gc twice, read)",
    "",
    memoryTable(rs),
    "",
    "Heap used excludes array buffers (the typed posting arrays live there); RSS includes what the build",
    "freed but the process kept.",
    "",
    "## Snapshot (`openLibrary` with a matching snapshot: scan and hash the files, read and check the snapshot)",
    "",
    snapshotTable(rs),
    "",
    "`scanCorpus` is also timed on its own (the scan column); reading files is noisy, so it can exceed",
    "the whole load.",
    "",
    "## Time to ready (spawn `node --import tsx` on a probe → its first answer printed)",
    "",
    readyTable(rs, report.processStart),
    "",
    "Without snapshot: read, parse, check, build and write the snapshot, then answer (the bot's cold start).",
    "Warm parts, as the probe reports them: start = node and tsx until the probe's first line runs;",
    "imports = loading storydesk's modules; open = `Storydesk.open`; ask = the one question.",
    "",
    "The cold open step by step (medians of the in-process figures: `scanCorpus`, `parseCorpus`,",
    "`Library.build`, `writeSnapshot`), next to the whole `Storydesk.open` of the last cold probe:",
    "",
    coldOpenTable(rs),
    "",
    "## `ask()` latency (`library.ask(q, {top: 3})`, one after another)",
    "",
    askTable(rs),
    "",
    "## Raw MiniSearch on the same passages (`MiniSearchIndex.search`, same analysed terms, top 10)",
    "",
    miniSearchTable(rs),
    "",
    "MiniSearch times only its search (the terms are analysed beforehand); `ask()` includes analysis,",
    "query planning, re-ranking and the answer sentence. Where one pass of MiniSearch would overrun the",
    "budget, it runs over the first queries that fit (at least 200).",
    "",
    "## `ask()` during a refresh (`storydesk.refresh` on a copy of the corpus, one article edited each time)",
    "",
    refreshTable(rs),
    "",
    "Asks are issued at a steady rate and each is timed from when it was due, so time spent waiting for",
    "the event loop (a refresh blocking it) counts.",
    "",
    "## Discord handling (`/ask` through the loopback emulator: dispatch → the bot's reply callback received)",
    "",
    discordTable(rs),
    "",
    "p50/p99/max from the emulator's `Ack.at` (whole ms); wall: the same span timed by the benchmark.",
    "",
    "## Sharded (`TOTAL_SHARDS` = 1, 2, 4: a ShardingManager and one process per shard, 16 /ask in flight)",
    "",
    shardTable(rs),
    "",
    "Interactions per second from the first dispatch to the last reply, every server in turn; RSS of",
    "each shard process (each holds its own copy of the index, loaded from the snapshot) and of the",
    "manager after answering. The emulator runs in the benchmark's process, on the same cores.",
    "",
    "## Growth with corpus size (synthetic)",
    "",
    growthTable(report.growth),
    "",
    "## Targets",
    "",
    targetsTable(report.targets),
    "",
  ].join("\n");
}
