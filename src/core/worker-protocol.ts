import { Worker } from "node:worker_threads";
import { CorpusError, type Diagnostic } from "./corpus/diagnostics.ts";
import { CorpusDirectoryError } from "./corpus/scan.ts";
import { Library, type LibraryData } from "./library.ts";
import type { OpenedLibrary, OpenOptions } from "./open.ts";
import type { Passage } from "./passages.ts";

/** Passages per message: each message is one task on the receiving thread, so none stalls it long. */
export const PASSAGE_CHUNK = 2000;

/** What the build worker sends back. */
export type WorkerReply =
  | { readonly kind: "passages"; readonly passages: readonly Passage[] }
  | {
      readonly kind: "done";
      readonly rest: Omit<LibraryData, "passages" | "index">;
      readonly index: LibraryData["index"];
      readonly snapshot: OpenedLibrary["snapshot"];
      readonly warnings: readonly Diagnostic[];
      readonly milliseconds: number;
    }
  | { readonly kind: "corpus-error"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "directory-error"; readonly message: string }
  | { readonly kind: "failure"; readonly message: string };

const WORKER = new URL(`./build-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/**
 * Opens a corpus like {@link openLibrary}, but reads, checks, indexes and saves it on a worker
 * thread, so that the calling thread keeps answering meanwhile.
 */
export function openLibraryInWorker(options: OpenOptions): Promise<OpenedLibrary> {
  return new Promise((resolve, reject) => {
    // Run from TypeScript sources (npm start, the tests), the worker registers tsx's loader first.
    const worker = WORKER.pathname.endsWith(".ts")
      ? new Worker(
          `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); });`,
          { eval: true },
        )
      : new Worker(WORKER);
    const passages: Passage[] = [];
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on("message", (reply: WorkerReply) => {
      switch (reply.kind) {
        case "passages":
          passages.push(...reply.passages);
          return;
        case "done":
          settle(() => {
            try {
              const library = Library.fromData({ ...reply.rest, passages, index: reply.index });
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
        case "directory-error":
          settle(() => reject(new CorpusDirectoryError(reply.message)));
          return;
        case "failure":
          settle(() => reject(new Error(`storydesk: the corpus could not be built: ${reply.message}`)));
      }
    });
    worker.on("error", (cause) => settle(() => reject(cause)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`storydesk: the build worker stopped (exit ${code})`))),
    );
    worker.postMessage(options);
  });
}
