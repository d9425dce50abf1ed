/**
 * Promises that settle when the emulator's state satisfies a condition. Every state change calls
 * `notify()`, which re-evaluates the pending probes once the current request or message has been
 * fully handled (on the next turn of the event loop); a probe returns a value to resolve, `undefined`
 * to keep waiting, or throws to reject. Each wait fails with a readable error after its timeout.
 */

interface Waiter {
  /** Runs the probe; settles the promise and returns true when it is done. */
  attempt(): boolean;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class Waiters {
  readonly #pending = new Set<Waiter>();
  readonly #timeoutMs: number;
  #closed: string | null = null;
  #scheduled: NodeJS.Immediate | null = null;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  until<T>(what: string, probe: () => T | undefined, timeoutMs = this.#timeoutMs): Promise<T> {
    if (this.#closed !== null) return Promise.reject(new Error(`${what}: ${this.#closed}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        attempt: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return true;
          }
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        reject,
        timer: setTimeout(() => {
          this.#pending.delete(waiter);
          reject(new Error(`${what}: still waiting after ${timeoutMs} ms`));
        }, timeoutMs),
      };
      if (waiter.attempt()) clearTimeout(waiter.timer);
      else this.#pending.add(waiter);
    });
  }

  notify(): void {
    if (this.#scheduled) return;
    this.#scheduled = setImmediate(() => {
      this.#scheduled = null;
      for (const waiter of [...this.#pending]) if (waiter.attempt()) this.#settle(waiter);
    });
  }

  /** Rejects every pending wait, and every later one, with `reason`. */
  close(reason: string): void {
    this.#closed = reason;
    if (this.#scheduled) clearImmediate(this.#scheduled);
    for (const waiter of [...this.#pending]) {
      this.#settle(waiter);
      waiter.reject(new Error(reason));
    }
  }

  #settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.#pending.delete(waiter);
  }
}
