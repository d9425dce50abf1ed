import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";

/** An ask issued at its scheduled time: when it was due, and how long after that it finished. */
export interface ScheduledCall {
  readonly due: number;
  readonly ms: number;
}

/**
 * Calls `fn` at a steady rate, one call every `periodMs`, until `stop()` says so, and times each call
 * from when it was due, not from when it started: a call that waited for the event loop (a blocking
 * build, a previous slow call) counts the wait. Sleeps with a timer until just before the due time,
 * then yields turn by turn, so that timer slack does not add to the latency.
 */
export async function steadyCalls(
  periodMs: number,
  fn: (i: number) => unknown,
  stop: () => boolean,
): Promise<ScheduledCall[]> {
  const calls: ScheduledCall[] = [];
  const start = performance.now() + periodMs;
  for (let i = 0; !stop(); i++) {
    const due = start + i * periodMs;
    const ahead = due - performance.now();
    if (ahead > 2) await sleep(ahead - 1.5);
    while (performance.now() < due) await nextTurn();
    // Behind schedule: still yield once, as a new event would, so other work can interleave.
    if (ahead <= 0) await nextTurn();
    await fn(i);
    calls.push({ due, ms: performance.now() - due });
  }
  return calls;
}
