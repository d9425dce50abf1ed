import { parentPort } from "node:worker_threads";
import { CorpusError } from "../corpus/diagnostics.ts";
import { CHUNK, NEXT, type WorkerReply, type WorkerRequest } from "./build-worker.ts";
import type { OpenedLibrary } from "./open.ts";
import { type OpenOptions, openLibrary, SnapshotUnavailableError } from "./open.ts";
import { packPassages } from "./snapshot.ts";

/**
 * A worker thread that reads, checks and indexes a corpus, so that a refresh never stalls the thread
 * answering questions. The library goes back in parts, one each time the receiving thread asks for
 * the next: articles, passages and terms in chunks, then the word list as one string and the
 * typed arrays, transferred without copying. Sent all at once, the parts would be decoded in one go (a port delivers every message
 * waiting in one task), which is the stall the chunks are there to avoid.
 */
function* chunksOf<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

function* partsOf(opened: OpenedLibrary): Generator<{ reply: WorkerReply; transfer?: ArrayBuffer[] }> {
  const { passages, articles, index, ...rest } = opened.library.data;
  const { terms, words, ...arrays } = index;
  for (const items of chunksOf(articles)) yield { reply: { kind: "articles", items } };
  const articleIndex = new Map(articles.map((a, i) => [a.id, i]));
  for (const chunk of chunksOf(passages)) {
    const packed = packPassages(articleIndex, chunk);
    yield { reply: { kind: "passages", items: packed.passages, text: packed.text } };
  }
  for (const items of chunksOf(terms)) yield { reply: { kind: "terms", items } };
  const buffers = Object.values(index.arrays).map((array) => array.buffer as ArrayBuffer);
  yield {
    reply: {
      kind: "done",
      rest,
      index: { ...arrays, words },
      snapshot: opened.snapshot,
      warnings: opened.warnings,
      milliseconds: opened.milliseconds,
    },
    transfer: [...new Set(buffers)],
  };
}

const port = parentPort;
if (!port) throw new Error("storydesk: build-worker-thread.ts runs as a worker thread only");

let parts: Generator<{ reply: WorkerReply; transfer?: ArrayBuffer[] }> | undefined;

const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

const sendNext = () => {
  const next = parts?.next();
  if (!next || next.done) return;
  send(next.value.reply, next.value.transfer);
  // The library is the caller's now: this thread keeps nothing of it until the next open.
  if (next.value.reply.kind === "done") parts = undefined;
};

async function open(options: OpenOptions): Promise<void> {
  try {
    parts = partsOf(await openLibrary(options));
    sendNext();
  } catch (cause) {
    if (cause instanceof CorpusError) send({ kind: "corpus-error", diagnostics: cause.diagnostics });
    else if (cause instanceof SnapshotUnavailableError) send({ kind: "no-snapshot", reason: cause.reason });
    else
      send({
        kind: "failure",
        message: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
      });
  }
}

port.on("message", (request: WorkerRequest) => {
  if (request === NEXT) sendNext();
  else if (request.kind === "open") void open(request.options);
});
