import { Worker } from "node:worker_threads";
import { CorpusError, type Diagnostic } from "../corpus/diagnostics.ts";
import type { Passage } from "../corpus/passages.ts";
import { type ArticleSummary, Library, type LibraryData } from "./library.ts";
import { type OpenedLibrary, type OpenOptions, SnapshotUnavailableError } from "./open.ts";
import { type StoredPassage, unpackPassages } from "./snapshot.ts";

/**
 * Items per message: each message is one task on the receiving thread, and decoding 2,000 passages
 * (or articles, or terms) takes it a few milliseconds, so a swap never stalls the answers for long.
 */
export const CHUNK = 2000;

/** What the receiving thread sends for the next part, once it has handled one and yielded. */
export const NEXT = "next";

/** A part of the library too large to decode in one task, sent in chunks before "done". */
export type WorkerChunk =
  | { readonly kind: "articles"; readonly items: readonly ArticleSummary[] }
  /** Passages packed as in a snapshot, and rebuilt on arrival: objects made by structured clone have
   *  other shapes than those the search code was optimised for, and the first questions after a swap
   *  would each wait tens of milliseconds for it to be optimised again. Sent after every article. */
  | { readonly kind: "passages"; readonly items: readonly StoredPassage[]; readonly text: string }
  | { readonly kind: "terms"; readonly items: readonly string[] };

/** What the build worker sends back. */
export type WorkerReply =
  | WorkerChunk
  | {
      readonly kind: "done";
      readonly rest: Omit<LibraryData, "passages" | "articles" | "index">;
      readonly index: Omit<LibraryData["index"], "terms">;
      readonly snapshot: OpenedLibrary["snapshot"];
      readonly warnings: readonly Diagnostic[];
      readonly milliseconds: number;
    }
  | { readonly kind: "corpus-error"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "no-snapshot"; readonly reason: SnapshotUnavailableError["reason"] }
  | { readonly kind: "failure"; readonly message: string };

const WORKER = new URL(
  `./build-worker-thread${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
);

/** What the receiving thread sends: a corpus to open, or a request for the next part of one. */
export type WorkerRequest = { readonly kind: "open"; readonly options: OpenOptions } | typeof NEXT;

function startWorker(): Worker {
  // Run from TypeScript sources (npm start, the tests), the worker registers tsx's loader first.
  return WORKER.pathname.endsWith(".ts")
    ? new Worker(
        `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); });`,
        { eval: true },
      )
    : new Worker(WORKER);
}

/**
 * A worker thread that opens corpora like {@link openLibrary} (reads, checks, indexes and saves
 * them), so that the calling thread keeps answering meanwhile. One thread serves every refresh, one
 * at a time, and waits between them without keeping the process alive: ending a thread that built a
 * large index stalls the whole process while its heap is released (50 ms for 7,600 articles), and
 * starting one costs half a second. A thread that fails is replaced at the next open.
 */
export class BuildWorker {
  private worker: Worker | undefined;
  /** Opens waiting for the thread: one at a time, in order (a refresh after a follower's load). */
  private queue: Promise<unknown> = Promise.resolve();

  /** Opens a corpus on the worker thread, after any open already asked for; rejects like {@link openLibrary}. */
  open(options: OpenOptions): Promise<OpenedLibrary> {
    const opened = this.queue.then(() => this.openNow(options));
    this.queue = opened.catch(() => undefined);
    return opened;
  }

  private openNow(options: OpenOptions): Promise<OpenedLibrary> {
    const worker = this.worker ?? startWorker();
    this.worker = worker;
    worker.ref();
    return new Promise<OpenedLibrary>((resolve, reject) => {
      const passages: Passage[] = [];
      const articles: ArticleSummary[] = [];
      const terms: string[] = [];
      let settled = false;
      const settle = (action: () => void, broken = false) => {
        if (settled) return;
        settled = true;
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (broken) {
          this.worker = undefined;
          void worker.terminate();
        } else {
          worker.unref();
        }
        action();
      };
      // After a part, questions waiting on the event loop go first.
      const askForNext = () => {
        setImmediate(() => {
          if (!settled) worker.postMessage(NEXT satisfies WorkerRequest);
        });
      };
      const onMessage = (reply: WorkerReply) => {
        switch (reply.kind) {
          case "passages":
            for (const passage of unpackPassages(articles, reply.items, reply.text)) passages.push(passage);
            return askForNext();
          case "articles":
            for (const article of reply.items) articles.push(article);
            return askForNext();
          case "terms":
            for (const term of reply.items) terms.push(term);
            return askForNext();
          case "done":
            settle(() => {
              try {
                const library = Library.fromData({
                  ...reply.rest,
                  articles,
                  passages,
                  index: { ...reply.index, terms },
                });
                resolve({
                  library,
                  snapshot: reply.snapshot,
                  warnings: reply.warnings,
                  milliseconds: reply.milliseconds,
                });
              } catch (cause) {
                reject(cause);
              }
            });
            return;
          case "corpus-error":
            settle(() => reject(new CorpusError(reply.diagnostics)));
            return;
          case "no-snapshot":
            settle(() => reject(new SnapshotUnavailableError(reply.reason)));
            return;
          case "failure":
            settle(
              () => reject(new Error(`storydesk: the corpus could not be built: ${reply.message}`)),
              true,
            );
        }
      };
      const onError = (cause: Error) => settle(() => reject(cause), true);
      const onExit = (code: number) =>
        settle(() => reject(new Error(`storydesk: the build worker stopped (exit ${code})`)), true);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ kind: "open", options } satisfies WorkerRequest);
    });
  }

  /** Stops the worker thread, if one runs; the next open starts another. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
