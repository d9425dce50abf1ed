import type { Answer, AskOptions } from "../answering/answer-types.ts";
import { CorpusError, type Diagnostic, errorsOf, warningsOf } from "../corpus/diagnostics.ts";
import type { Change, ChangeAuthor, CorpusHistory } from "../store/history.ts";
import type { CorpusLock } from "../store/lock.ts";
import { BuildWorker } from "./build-worker.ts";
import { CorpusEdits } from "./corpus-edits.ts";
import type { Library } from "./library.ts";
import { type OpenedLibrary, type OpenOptions, openLibrary, SnapshotUnavailableError } from "./open.ts";
import { publishOpened, readPublication } from "./publication.ts";
import type { SnapshotState } from "./snapshot.ts";

export interface StorydeskOptions extends OpenOptions {
  /**
   * Where the corpus's history is kept (a git repository with the corpus directory as its work
   * tree); `null` or absent: no history, and no changes from Discord.
   */
  readonly historyDir?: string | null;
}

/** Counts of a library, for status replies and refresh reports. */
export interface LibraryCounts {
  readonly version: string;
  readonly documents: number;
  readonly passages: number;
  readonly entities: number;
  readonly designated: number;
}

interface RefreshBase {
  /** Whether this call joined a refresh already running instead of starting its own. */
  readonly joined: boolean;
  readonly milliseconds: number;
  readonly by: string;
  readonly warnings: readonly Diagnostic[];
}

/** A refresh that swapped a new library in. */
export interface RefreshSuccess extends RefreshBase {
  readonly ok: true;
  readonly before: LibraryCounts;
  readonly after: LibraryCounts;
  /** Article ids added, changed (content differs) and removed. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly snapshot: SnapshotState;
  /** Why the snapshot could not be saved (state `not-written`). */
  readonly snapshotError?: string;
  /** The version recorded in the history, when there is one and the files changed. */
  readonly recorded?: Change;
  /** Whether the version was published for other processes sharing the snapshot (see adoptPublished). */
  readonly published: boolean;
  /** Why it was not published, when it was not. */
  readonly publishError?: string;
}

/** A refresh that found errors: the library that was serving still is. */
export interface RefreshFailure extends RefreshBase {
  readonly ok: false;
  readonly errors: readonly Diagnostic[];
  readonly serving: LibraryCounts;
}

export type RefreshResult = RefreshSuccess | RefreshFailure;

/** What {@link Storydesk.adoptPublished} did: the version now served, and whether it changed. */
export type AdoptResult =
  | { readonly ok: true; readonly version: string; readonly changed: boolean; readonly milliseconds: number }
  | {
      readonly ok: false;
      readonly version: string;
      /** Why the published version is not served: its snapshot is missing, stale or corrupt, or this process is busy building. */
      readonly reason: string;
    };

export interface StorydeskStatus {
  readonly counts: LibraryCounts;
  readonly loadedAt: Date;
  readonly snapshot: { readonly state: SnapshotState; readonly file: string | null; readonly error?: string };
  /** Whether changes are recorded (and so whether moderators can add, remove and roll back). */
  readonly history: boolean;
  readonly lastRefresh: { readonly at: Date; readonly by: string; readonly ok: boolean } | null;
  readonly refreshing: boolean;
}

export function countsOf(library: Library): LibraryCounts {
  return { version: library.version, ...library.stats };
}

/**
 * The library being served, and its refresh: a new library is built beside the one serving and
 * swapped in whole, so that questions are answered throughout and a broken corpus changes nothing.
 * Concurrent refreshes share one run.
 */
export class Storydesk {
  private current: OpenedLibrary;
  private loadedAt: Date;
  private running: Promise<Omit<RefreshSuccess, "joined"> | Omit<RefreshFailure, "joined">> | undefined;
  private last: StorydeskStatus["lastRefresh"] = null;
  private readonly builder = new BuildWorker();
  private preparing = new AbortController();
  private readonly lock: CorpusLock | null;
  private adopting: Promise<AdoptResult> | undefined;
  /**
   * The publication last acted on (its version and time) and what came of it, so that one is loaded
   * once, not at every poll.
   */
  private followed: { readonly key: string; readonly result: AdoptResult } | undefined;
  /** Adding, removing and rolling back articles; null without a history. */
  readonly edits: CorpusEdits | null;

  private constructor(
    private readonly options: StorydeskOptions,
    opened: OpenedLibrary,
    private readonly history: CorpusHistory | null,
    lock: CorpusLock | null,
  ) {
    this.current = opened;
    this.loadedAt = new Date();
    this.prepareSuggestions(opened.library);
    this.lock = lock;
    this.edits =
      history && this.lock
        ? new CorpusEdits(options.corpusDir, history, {
            serving: () => this.current.library,
            rebuild: (by) => this.rebuild(by),
            serialise: (change) => this.serialise(change),
          })
        : null;
  }

  /** Builds the served library's spelling suggestions in the background, and stops the previous one's. */
  private prepareSuggestions(library: Library): void {
    this.preparing.abort();
    this.preparing = new AbortController();
    void library.prepareSuggestions(this.preparing.signal);
  }

  /**
   * Opens the corpus (from its snapshot when it matches), and its history when `historyDir` is set:
   * the corpus as found is recorded when it differs from the latest version (edits made while the
   * bot was stopped). Throws like {@link openLibrary}.
   */
  static async open(options: StorydeskOptions): Promise<Storydesk> {
    const opened = await openLibrary(options);
    if (!options.historyDir) {
      await publishOpened(opened, "storydesk (start)");
      return new Storydesk(options, opened, null, null);
    }
    // git and the lock are loaded only for a history: the command line never needs them.
    const [{ CorpusHistory }, { CorpusLock }] = await Promise.all([
      import("../store/history.ts"),
      import("../store/lock.ts"),
    ]);
    const history = await CorpusHistory.open(options.corpusDir, options.historyDir);
    const storydesk = new Storydesk(options, opened, history, new CorpusLock(options.historyDir));
    await storydesk.serialise(() =>
      history.record({ kind: "start", version: opened.library.version, author: { name: "storydesk" } }),
    );
    await publishOpened(opened, "storydesk (start)");
    return storydesk;
  }

  /** Runs a change to the corpus after every other one, here and in other processes sharing it. */
  private serialise<T>(change: () => Promise<T>): Promise<T> {
    return this.lock ? this.lock.run(change) : change();
  }

  /** The latest recorded versions, newest first (none without a history). */
  async changes(limit = 10): Promise<Change[]> {
    return this.history ? this.history.list(limit) : [];
  }

  /**
   * Stops the refresh thread (it never keeps the process alive, but a clean shutdown ends it) and the
   * background work on the spelling suggestions, after a refresh still running has swapped.
   */
  async close(): Promise<void> {
    await this.running?.catch(() => {});
    this.preparing.abort();
    await this.builder.close();
  }

  get library(): Library {
    return this.current.library;
  }

  get warnings(): readonly Diagnostic[] {
    return this.current.warnings;
  }

  ask(question: string, options?: AskOptions): Promise<Answer> {
    return this.current.library.ask(question, options);
  }

  status(): StorydeskStatus {
    return {
      counts: countsOf(this.current.library),
      loadedAt: this.loadedAt,
      snapshot: {
        state: this.current.snapshot.state,
        file: this.current.snapshot.file,
        ...(this.current.snapshot.saveError === undefined ? {} : { error: this.current.snapshot.saveError }),
      },
      history: this.history !== null,
      lastRefresh: this.last,
      refreshing: this.running !== undefined,
    };
  }

  /**
   * Re-reads and checks the corpus, and swaps the new library in when it has no errors; edits made on
   * disk are then recorded in the history. A call made while a refresh runs joins it and gets its
   * result.
   */
  async refresh(by: ChangeAuthor | string): Promise<RefreshResult> {
    const author = typeof by === "string" ? { name: by } : by;
    if (this.running) return { ...(await this.running), joined: true };
    this.running = this.serialise(async () => {
      const result = await this.run(author.id === undefined ? author.name : `${author.name} (${author.id})`);
      if (!result.ok || !this.history) return result;
      const recorded = await this.history.record({ kind: "refresh", version: result.after.version, author });
      return recorded ? { ...result, recorded } : result;
    });
    try {
      return { ...(await this.running), joined: false };
    } finally {
      this.running = undefined;
    }
  }

  /** Rebuilds from the files as they are, for a change already holding the lock; records nothing. */
  private async rebuild(by: string): Promise<RefreshResult> {
    return { ...(await this.run(by)), joined: false };
  }

  private async run(by: string) {
    const started = performance.now();
    const before = this.current.library;
    let opened: OpenedLibrary;
    try {
      // On a worker thread: indexing a large corpus takes seconds that questions must not wait.
      opened = await this.builder.open(this.options);
    } catch (cause) {
      if (!(cause instanceof CorpusError)) throw cause;
      this.last = { at: new Date(), by, ok: false };
      return {
        ok: false as const,
        by,
        errors: errorsOf(cause.diagnostics),
        warnings: warningsOf(cause.diagnostics),
        serving: countsOf(before),
        milliseconds: performance.now() - started,
      };
    }
    const old = new Map(before.data.articles.map((a) => [a.id, a.hash]));
    const fresh = new Map(opened.library.data.articles.map((a) => [a.id, a.hash]));
    this.current = opened;
    this.loadedAt = new Date();
    this.last = { at: this.loadedAt, by, ok: true };
    this.prepareSuggestions(opened.library);
    const publishError = await publishOpened(opened, by);
    return {
      ok: true as const,
      by,
      before: countsOf(before),
      after: countsOf(opened.library),
      added: [...fresh.keys()].filter((id) => !old.has(id)),
      changed: [...fresh].filter(([id, hash]) => old.has(id) && old.get(id) !== hash).map(([id]) => id),
      removed: [...old.keys()].filter((id) => !fresh.has(id)),
      snapshot: opened.snapshot.state,
      ...(opened.snapshot.saveError === undefined ? {} : { snapshotError: opened.snapshot.saveError }),
      warnings: opened.warnings,
      published: publishError === null,
      ...(publishError === null ? {} : { publishError }),
      milliseconds: performance.now() - started,
    };
  }

  /**
   * Serves the version another process published (see {@link publish}), loading its snapshot on the
   * build thread, never building: shards of a machine and other machines sharing the corpus and
   * snapshot directories follow one build this way. Nothing changes when the version is already
   * served, or when the snapshot cannot serve it (the result says why). Concurrent calls share one run.
   *
   * @example
   * const result = await storydesk.adoptPublished();
   * if (result.ok && result.changed) console.log(`now serving ${result.version}`);
   */
  adoptPublished(): Promise<AdoptResult> {
    this.adopting ??= this.adopt().finally(() => {
      this.adopting = undefined;
    });
    return this.adopting;
  }

  private async adopt(): Promise<AdoptResult> {
    const started = performance.now();
    const version = this.current.library.version;
    const file = this.current.snapshot.file;
    if (file === null) return { ok: false, version, reason: "snapshots are off (SNAPSHOT_DIR=off)" };
    const published = await readPublication(file);
    const served = (now: string, changed: boolean): AdoptResult => ({
      ok: true,
      version: now,
      changed,
      milliseconds: performance.now() - started,
    });
    if (!published || published.version === version) return served(version, false);
    // A publication already acted on is not loaded again: its result stands until another comes.
    const key = `${published.version} ${published.at}`;
    if (key === this.followed?.key) return this.followed.result;
    const before = this.current;
    let result: AdoptResult;
    try {
      // After any build this process runs (the worker takes one at a time), never instead of it.
      const opened = await this.builder.open({ ...this.options, snapshotOnly: true });
      if (this.current !== before) {
        // This process swapped in a library of its own meanwhile (a refresh): that one stands.
        result = served(this.current.library.version, false);
      } else {
        const changed = opened.library.version !== version;
        if (changed) {
          this.current = opened;
          this.loadedAt = new Date();
          this.last = { at: this.loadedAt, by: published.by, ok: true };
          this.prepareSuggestions(opened.library);
        }
        result = served(opened.library.version, changed);
      }
    } catch (cause) {
      const reason =
        cause instanceof SnapshotUnavailableError
          ? `the snapshot of ${published.version} is ${cause.reason}`
          : cause instanceof CorpusError
            ? "the corpus has errors"
            : cause instanceof Error
              ? cause.message
              : String(cause);
      result = { ok: false, version, reason };
    }
    this.followed = { key, result: result.ok ? { ...result, changed: false } : result };
    return result;
  }
}
