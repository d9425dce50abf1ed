/**
 * Child process for "memory after build": a fresh process (run with --expose-gc) reads the corpus,
 * builds the library once, drops the corpus, collects garbage and reads its memory. Prints one line,
 * `RESULT {json}` (MemoryResult).
 *
 * Usage: node --expose-gc --import tsx bench/memory-probe.ts MD_DIR [ROWS_FILE]
 */
import { Library } from "../src/core/index.ts";
import { corpusFor } from "./corpus-source.ts";
import { RESULT_MARKER } from "./markers.ts";
import type { MemoryResult } from "./types.ts";

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with --expose-gc");

function settle(): NodeJS.MemoryUsage {
  // Twice: weak references and finalizers freed by the first collection are reclaimed by the second.
  collect?.();
  collect?.();
  return process.memoryUsage();
}

async function build(mdDir: string, rowsFile: string | null): Promise<Library> {
  return Library.build(await corpusFor(mdDir, rowsFile));
}

const [mdDir, rowsFile] = process.argv.slice(2);
if (!mdDir) throw new Error("usage: memory-probe.ts MD_DIR [ROWS_FILE]");
const before = settle();
// Only the library outlives build(): the rows and the corpus are garbage once it returns.
const library = await build(mdDir, rowsFile ?? null);
const after = settle();
const result: MemoryResult = {
  baseline: { heapUsed: before.heapUsed, rss: before.rss, arrayBuffers: before.arrayBuffers },
  after: {
    heapUsed: after.heapUsed,
    rss: after.rss,
    arrayBuffers: after.arrayBuffers,
    external: after.external,
  },
  passages: library.stats.passages,
};
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
