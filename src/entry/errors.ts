import { count } from "../core/index.ts";

/** Exit status for a command used wrongly or given input it cannot use. */
export const EXIT_USAGE = 2;
/** Exit status when a check ran and found problems. */
export const EXIT_PROBLEMS = 1;
/** Exit status of a bug or of a service that failed. */
export const EXIT_FAILURE = 1;

/** An error the user can fix: printed as its message alone, never with a stack trace. */
export class CLIError extends Error {
  readonly exitCode: number;
  /** Further lines printed after the message (for example every corpus error). */
  readonly details: readonly string[];
  constructor(message: string, options: { exitCode?: number; details?: readonly string[] } = {}) {
    super(message);
    this.name = "CLIError";
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.details = options.details ?? [];
  }
}

/** Every problem with the environment, in one message, so a user fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `storydesk: the configuration has ${count(problems.length, "problem")} (set them in .env; see .env.example):\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}`,
    );
    this.name = "ConfigError";
  }
}
