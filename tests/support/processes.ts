import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";

/** A log line of the bot: one JSON object per line on stdout. */
export type LogLine = Record<string, unknown>;

/** A process of the bot started by a test, and what it has logged so far. */
export interface Running {
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  /**
   * Resolves with the first log line of this event (and matching `where`, when given), logged
   * already or to come; rejects if the process exits first.
   */
  line(event: string, where?: (line: LogLine) => boolean): Promise<LogLine>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

/** Starts a process with only `env` (and PATH, HOME) in its environment, collecting its JSON log lines. */
export function startProcess(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that the shards a manager starts can be killed with it.
    detached: true,
  });
  started.push(child);
  const lines: LogLine[] = [];
  const waiting: Array<{ test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const part of parts) {
      if (!part.startsWith("{")) continue;
      const line = JSON.parse(part) as LogLine;
      lines.push(line);
      for (const w of waiting.filter((w) => w.test(line))) w.resolve(line);
    }
  });
  // "close", not "exit": after the output is read to its end, so no log line is still on its way.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    line: (event, where = () => true) =>
      new Promise((resolve, reject) => {
        const test = (l: LogLine) => l.event === event && where(l);
        const found = lines.find(test);
        if (found) resolve(found);
        else waiting.push({ test, resolve });
        void exited.then(() => reject(new Error(`the process exited before logging ${event}`)));
      }),
  };
}

/** Kills every process a test started, and their children (shards), left running: none outlives its test file. */
export function killStarted(): void {
  for (const child of started.splice(0)) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // The group has exited already.
    }
  }
}
