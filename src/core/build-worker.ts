import { parentPort } from "node:worker_threads";
import { CorpusError } from "./corpus/diagnostics.ts";
import { CorpusDirectoryError } from "./corpus/scan.ts";
import { type OpenOptions, openLibrary } from "./open.ts";
import { PASSAGE_CHUNK, type WorkerReply } from "./worker-protocol.ts";

/**
 * A worker thread that reads, checks and indexes a corpus, so that a refresh never stalls the thread
 * answering questions. The library comes back in parts: typed arrays are transferred without copying,
 * and passages come in chunks, each a separate task on the receiving thread.
 */
const port = parentPort;
if (!port) throw new Error("storydesk: build-worker.ts runs as a worker thread only");

port.once("message", async (options: OpenOptions) => {
  const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  try {
    const opened = await openLibrary(options);
    const { passages, index, ...rest } = opened.library.data;
    for (let i = 0; i < passages.length; i += PASSAGE_CHUNK) {
      send({ kind: "passages", passages: passages.slice(i, i + PASSAGE_CHUNK) });
    }
    const buffers = Object.values(index.arrays).map((array) => array.buffer as ArrayBuffer);
    send(
      {
        kind: "done",
        rest,
        index,
        snapshot: opened.snapshot,
        warnings: opened.warnings,
        milliseconds: opened.milliseconds,
      },
      [...new Set(buffers)],
    );
  } catch (cause) {
    if (cause instanceof CorpusError) send({ kind: "corpus-error", diagnostics: cause.diagnostics });
    else if (cause instanceof CorpusDirectoryError) send({ kind: "directory-error", message: cause.message });
    else
      send({
        kind: "failure",
        message: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
      });
  }
});
