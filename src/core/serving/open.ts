import { createHash } from "node:crypto";
import path from "node:path";
import { CorpusError, type Diagnostic, hasErrors } from "../corpus/diagnostics.ts";
import { type ReadOptions, scanCorpus } from "../corpus/scan.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "../search/index-options.ts";
import { Library } from "./library.ts";
import {
  readSnapshot,
  removeStaleTemporaries,
  type SnapshotState,
  snapshotKey,
  writeSnapshot,
} from "./snapshot.ts";

export interface OpenOptions {
  /** Directory of the corpus. */
  readonly corpusDir: string;
  /** Snapshot file to load and save; `null` disables snapshots. Default: see {@link defaultSnapshotFile}. */
  readonly snapshotFile?: string | null;
  readonly indexOptions?: IndexOptions;
  readonly readOptions?: ReadOptions;
  /**
   * Load the snapshot, never build: a process that serves what another built (a shard) must not
   * rebuild it. Throws {@link SnapshotUnavailableError} when the snapshot does not match the files.
   */
  readonly snapshotOnly?: boolean;
}

/** The snapshot could not serve a `snapshotOnly` open: missing, stale (the files changed) or corrupt. */
export class SnapshotUnavailableError extends Error {
  override readonly name = "SnapshotUnavailableError";
  constructor(readonly reason: "missing" | "stale" | "corrupt" | "disabled" | "corpus-errors") {
    super(`storydesk: the snapshot cannot be loaded (${reason})`);
  }
}

export interface OpenedLibrary {
  readonly library: Library;
  readonly snapshot: {
    readonly state: SnapshotState;
    readonly file: string | null;
    /** Why the snapshot could not be saved, with state `not-written`. */
    readonly saveError?: string;
  };
  readonly warnings: readonly Diagnostic[];
  readonly milliseconds: number;
}

/**
 * Where the snapshot of a corpus lives by default: `.storydesk/` under `cacheDir` (the working
 * directory unless SNAPSHOT_DIR says otherwise), one file per corpus directory.
 */
export function defaultSnapshotFile(corpusDir: string, cacheDir = path.resolve(".storydesk")): string {
  const id = createHash("sha256").update(path.resolve(corpusDir)).digest("hex").slice(0, 12);
  return path.join(cacheDir, `index-${id}.snapshot`);
}

/** Snapshots written before the stored warnings left out the scan's own may repeat them. */
function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Opens the corpus in `corpusDir`: from its snapshot when one matches the corpus's content and the
 * index options, otherwise by reading, checking and indexing it (then saving a new snapshot).
 *
 * @throws CorpusError when the directory cannot be read, or the corpus has errors; it lists every one.
 */
export async function openLibrary(options: OpenOptions): Promise<OpenedLibrary> {
  const started = performance.now();
  const indexOptions = options.indexOptions ?? DEFAULT_INDEX_OPTIONS;
  const file =
    options.snapshotFile === undefined ? defaultSnapshotFile(options.corpusDir) : options.snapshotFile;
  const scan = await scanCorpus(options.corpusDir, options.readOptions);
  const key = snapshotKey(scan.fingerprint, indexOptions);
  const done = (
    library: Library,
    state: SnapshotState,
    warnings: readonly Diagnostic[],
    saveError?: string,
  ) => ({
    library,
    snapshot: { state, file, ...(saveError === undefined ? {} : { saveError }) },
    warnings,
    milliseconds: performance.now() - started,
  });

  // A scan error (a symlink leaving the directory, an oversized file) excludes a file from the
  // fingerprint, so a snapshot could match without it: such a corpus is never served.
  let reason: "missing" | "stale" | "corrupt" = "missing";
  if (file !== null) await removeStaleTemporaries(file);
  if (file !== null && !hasErrors(scan.diagnostics)) {
    const stored = await readSnapshot(file, key);
    if ("library" in stored) {
      return done(
        stored.library,
        "loaded",
        uniqueDiagnostics([...scan.diagnostics, ...stored.library.data.warnings]),
      );
    }
    reason = stored.reason;
  }
  if (options.snapshotOnly) {
    throw new SnapshotUnavailableError(
      file === null ? "disabled" : hasErrors(scan.diagnostics) ? "corpus-errors" : reason,
    );
  }
  // Parsing pulls in YAML, Markdown and schema libraries: loaded only when the snapshot cannot serve.
  const { parseCorpus } = await import("../corpus/parse.ts");
  const corpus = parseCorpus(scan);
  if (hasErrors(corpus.diagnostics)) throw new CorpusError(corpus.diagnostics, options.corpusDir);
  // The scan's warnings (a stray file, say) are found afresh at every open, so the snapshot keeps only
  // the parse's: a loaded library must not repeat a warning about a file removed since.
  const parsed = corpus.diagnostics.filter((d) => !scan.diagnostics.includes(d));
  const library = Library.build({ ...corpus, diagnostics: parsed }, indexOptions);
  const warnings = corpus.diagnostics;
  if (file === null) return done(library, "disabled", warnings);
  try {
    await writeSnapshot(file, key, library);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return done(library, "not-written", warnings, message);
  }
  return done(library, reason === "missing" ? "written" : reason, warnings);
}
