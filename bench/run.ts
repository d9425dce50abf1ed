/**
 * `npm run bench`: measures storydesk's index build, memory, snapshot, time to ready, ask() latency
 * (alone, against raw MiniSearch, during a refresh) and Discord handling, on the bundled corpus and
 * synthetic or JSONL corpora; prints Markdown tables (or `--json`) on stdout, progress on stderr.
 * Layout: args.ts (options) → prepare.ts (corpora as Markdown) → measure-corpus.ts (memory.ts,
 * ready.ts, worker.ts in child processes) → figures.ts, targets.ts → report.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEFAULT_SIZES, LARGE_SIZE, parseBenchArgs, USAGE } from "./args.ts";
import { ROOT } from "./child.ts";
import { codeVersion } from "./code-version.ts";
import { growth } from "./figures.ts";
import { measureCorpus } from "./measure-corpus.ts";
import { processStartMs } from "./ready.ts";
import { type Report, renderMarkdown } from "./report.ts";
import { checkTargets } from "./targets.ts";
import type { CorpusResult } from "./types.ts";

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(process.argv.slice(2), path.join(ROOT, "corpus"));
  } catch (cause) {
    log(`bench: ${cause instanceof Error ? cause.message : String(cause)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.corpora.length === 0) {
    log("bench: nothing to measure: give --sizes or --corpus, or leave out --no-bundled");
    return 2;
  }
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const codeAtStart = codeVersion();
  const started = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), "storydesk-bench-"));
  if (options.keep) log(`bench: working in ${work}`);
  try {
    log(`bench: ${options.corpora.length} corpora; progress below, results on stdout at the end`);
    const sizes = options.corpora.flatMap((c) => (c.kind === "synthetic" ? [c.size] : []));
    if (sizes.join() === DEFAULT_SIZES.join()) {
      log(
        `bench: the ${LARGE_SIZE / 1000}k corpus is left out of the default run (10 to 12 minutes alone on 2 cores); add it with --sizes ${[...DEFAULT_SIZES, LARGE_SIZE].join(",")}`,
      );
    }
    const processStart = await processStartMs(options.settings);
    log(`  node + tsx start: ${processStart.median.toFixed(0)} ms`);
    const results: CorpusResult[] = [];
    for (const [i, spec] of options.corpora.entries()) {
      const result = await measureCorpus(spec, path.join(work, `corpus-${i}`), options.settings, log);
      log(`  [${result.name}] done in ${result.seconds.toFixed(0)} s`);
      results.push(result);
      if (!options.keep) await rm(path.join(work, `corpus-${i}`), { recursive: true, force: true });
    }
    const cpus = os.cpus();
    const report: Report = {
      machine: {
        load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
        node: process.version,
        cpu: cpus[0]?.model.trim() ?? "unknown CPU",
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
      },
      startedAt,
      code: { start: codeAtStart, end: codeVersion() },
      seconds: (performance.now() - started) / 1000,
      settings: options.settings,
      processStart,
      corpora: results,
      growth: growth(results),
      targets: checkTargets(results),
    };
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report));
    log(`bench: done in ${report.seconds.toFixed(0)} s`);
    return 0;
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
