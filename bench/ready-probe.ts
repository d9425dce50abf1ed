/**
 * Child process for "time to ready": opens the corpus as the bot does (Storydesk.open with a
 * snapshot file), asks one question and prints one line, `ANSWER {json}`; the parent times the
 * spawn to that line. With `--noop` it prints the line at once: the cost of starting node and tsx.
 *
 * Usage: node --import tsx bench/ready-probe.ts CORPUS_DIR SNAPSHOT_FILE QUESTION | --noop
 */

import { ANSWER_MARKER } from "./markers.ts";

async function main(): Promise<void> {
  const startMs = performance.now();
  const [corpusDir, snapshotFile, question] = process.argv.slice(2);
  if (corpusDir === "--noop") {
    process.stdout.write(`${ANSWER_MARKER}${JSON.stringify({ startMs })}\n`);
    return;
  }
  if (!corpusDir || !snapshotFile || !question)
    throw new Error("usage: ready-probe.ts CORPUS_DIR SNAPSHOT_FILE QUESTION");
  const { Storydesk } = await import("../src/core/index.ts");
  const imported = performance.now();
  const storydesk = await Storydesk.open({ corpusDir, snapshotFile });
  const opened = performance.now();
  const answer = await storydesk.ask(question);
  const asked = performance.now();
  const line = {
    startMs,
    importMs: imported - startMs,
    openMs: opened - imported,
    askMs: asked - opened,
    state: storydesk.status().snapshot.state,
    answered: answer.answered,
  };
  process.stdout.write(`${ANSWER_MARKER}${JSON.stringify(line)}\n`);
}

await main();
