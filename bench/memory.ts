import { benchScript, runChild } from "./child.ts";
import { RESULT_MARKER } from "./markers.ts";
import type { MemoryResult, PreparedCorpus } from "./types.ts";

/** Heap and RSS after a build, read in a fresh child process (see memory-probe.ts). */
export async function measureMemory(corpus: PreparedCorpus): Promise<MemoryResult> {
  const args = corpus.rowsFile === null ? [corpus.mdDir] : [corpus.mdDir, corpus.rowsFile];
  const result = await runChild(benchScript("memory-probe.ts"), args, {
    nodeFlags: ["--expose-gc", "--max-old-space-size=12288"],
    marker: RESULT_MARKER,
  });
  return JSON.parse(result.payload) as MemoryResult;
}
