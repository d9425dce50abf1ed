import { execFileSync } from "node:child_process";
import { ROOT } from "./child.ts";

/**
 * The commit measured, and whether src/ had uncommitted changes: storydesk's code changes under a
 * benchmark run by other people's work, and a report is only comparable with one of the same code.
 */
export function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--", "src").length > 0
      ? `${head} + uncommitted changes in src/`
      : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}
