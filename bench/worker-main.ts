/**
 * Child process entry for worker.ts: measures one corpus, prints progress on stderr and one line,
 * `RESULT {json}`, on stdout.
 *
 * Usage: node --expose-gc --import tsx bench/worker-main.ts '{"name": ..., "mdDir": ..., ...}' (WorkerInput)
 */
import { RESULT_MARKER } from "./markers.ts";
import { runWorker, type WorkerInput } from "./worker.ts";

const input = JSON.parse(process.argv[2] ?? "") as WorkerInput;
const result = await runWorker(input, (message) => process.stderr.write(`  [${input.name}] ${message}\n`));
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
