import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Makes a directory and its missing parents, one at a time. Node's own recursive mkdir retries
 * forever where a parent exists but refuses children (`/proc/nope` spins at 100 % CPU); here every
 * failure is thrown at once, naming the directory.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found) {
      if (!found.isDirectory()) throw new Error(`cannot make ${target}: ${at} is not a directory`);
      break;
    }
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
    }
  }
}
