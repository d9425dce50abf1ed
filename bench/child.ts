import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The project's root, where `node --import tsx` resolves tsx and where children run. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A bench/ script's path. */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export interface ChildOptions {
  /** Extra node flags, before `--import tsx`. */
  readonly nodeFlags?: readonly string[];
  /** Resolve as soon as a stdout line starts with this marker (the child may still be running). */
  readonly marker: string;
}

export interface ChildLine {
  /** Milliseconds from just before the spawn to the marker line's arrival. */
  readonly ms: number;
  /** The marker line, without the marker. */
  readonly payload: string;
}

/**
 * Runs `node [flags] --import tsx script args...` from the project root, with stderr passed through
 * (progress), and resolves with the first stdout line starting with `marker` and when it came.
 * Rejects if the child exits without printing it.
 */
export function runChild(script: string, args: readonly string[], options: ChildOptions): Promise<ChildLine> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), "--import", "tsx", script, ...args],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let buffered = "";
    let found: ChildLine | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (found) return;
      buffered += chunk;
      let newline = buffered.indexOf("\n");
      while (newline >= 0 && !found) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith(options.marker)) {
          found = { ms: performance.now() - started, payload: line.slice(options.marker.length) };
        }
        newline = buffered.indexOf("\n");
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (found) resolve(found);
      else reject(new Error(`${script} exited with status ${code} without printing ${options.marker}`));
    });
  });
}
