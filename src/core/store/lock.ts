import lockfile from "proper-lockfile";
import { makeDirectory } from "./directories.ts";

/**
 * Runs changes to one corpus one at a time: in this process, in order of arrival; across processes
 * and machines that share the corpus (shards, a second bot), through a lock file beside the history
 * (proper-lockfile: an atomic mkdir, refreshed while held, taken over when its holder died).
 */
export class CorpusLock {
  private tail: Promise<unknown> = Promise.resolve();

  /** @param dir where the lock file lives: the history directory, shared like the corpus. */
  constructor(private readonly dir: string) {}

  /** Runs `change` once every change before it has finished and no other process holds the lock. */
  run<T>(change: () => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.locked(change));
    // A failed change must not stop the ones queued after it.
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async locked<T>(change: () => Promise<T>): Promise<T> {
    await makeDirectory(this.dir);
    const release = await lockfile.lock(this.dir, {
      lockfilePath: `${this.dir}/corpus.lock`,
      realpath: false,
      // A holder that stops refreshing its lock for 20 s is gone; a build of 50,000 articles refreshes it.
      stale: 20_000,
      update: 5_000,
      retries: { retries: 120, factor: 1.2, minTimeout: 100, maxTimeout: 1_000 },
    });
    try {
      return await change();
    } finally {
      await release().catch(() => undefined);
    }
  }
}
