import { EXIT_FAILURE } from "../../entry/errors.ts";

/**
 * The exit status of a shard that Discord refused (a rejected token, intents or shard settings): its
 * manager stops every shard and exits 1 instead of respawning it into the same refusal.
 */
export const EXIT_GATEWAY_REFUSED = 78;

/** Time beyond SHUTDOWN_TIMEOUT_SECONDS a stop may take to close connections, before a hard exit. */
export const SHUTDOWN_GRACE_SECONDS = 5;

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Settles with the first SIGINT or SIGTERM. */
export function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) process.once(signal, () => resolve(signal));
  });
}

/**
 * Once a stop has begun: a second signal stops at once, and so does a stop still running
 * `SHUTDOWN_TIMEOUT_SECONDS` + grace later (a refresh waiting on a lock, a socket that never
 * closes), both with status 1. A signal within a second of the first is the same request delivered
 * twice (Ctrl+C reaches a whole process group, shards included, and their manager passes its own
 * on), not a second one.
 */
export function boundStop(timeoutSeconds: number, log: (why: string) => void): void {
  const first = Date.now();
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (Date.now() - first < 1_000) return;
      log(`${signal} again: stopping now, without waiting`);
      process.exit(EXIT_FAILURE);
    });
  }
  setTimeout(
    () => {
      log(`still stopping ${timeoutSeconds + SHUTDOWN_GRACE_SECONDS} s after the signal: stopping now`);
      process.exit(EXIT_FAILURE);
    },
    (timeoutSeconds + SHUTDOWN_GRACE_SECONDS) * 1000,
  ).unref();
}
