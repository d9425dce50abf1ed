import { type ParseArgsConfig, parseArgs } from "node:util";
import { CorpusError, QuestionError } from "../core/index.ts";
import { CLIError, ConfigError, EXIT_FAILURE, EXIT_USAGE } from "./errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
type WithHelp<O extends Options> = O & { help: { type: "boolean"; short: "h" } };
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: WithHelp<O>; allowPositionals: true; strict: true }>
>["values"];

/** A command: its usage, what it does, its options, and what it runs. */
export interface Command<O extends Options> {
  /** One line: `npm run ask -- [--json] "question"`. */
  readonly usage: string;
  /** What the command does, printed under the usage by --help. */
  readonly description: string;
  readonly options?: O;
  /** The positional arguments it takes: none (the default), or up to `max` of what `name` says. */
  readonly positionals?: { readonly max: number; readonly name: string };
  /** Runs the command; the exit status it returns, or 0. */
  readonly run: (args: {
    readonly values: Values<O>;
    readonly positionals: readonly string[];
  }) => Promise<number | undefined> | Promise<void>;
}

/**
 * `--top -1` as `--top=-1`: node's parser reads a value starting with `-` as an option, and would
 * answer "argument is ambiguous" where the user needs to hear what is wrong with the number.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Parses arguments strictly, turning node's parse errors into a one-line message with the usage. */
function parse<O extends Options>(
  argv: readonly string[],
  command: Command<O>,
): { values: Values<O>; positionals: string[] } {
  // A cast, since TypeScript cannot spread a generic record into a narrower one.
  const options = {
    ...(command.options ?? {}),
    help: { type: "boolean", short: "h" },
  } as unknown as WithHelp<O>;
  try {
    return parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (cause) {
    const reason =
      cause instanceof Error ? cause.message.split("\n")[0]?.replace(/\. To specify.*$/, "") : "";
    throw new CLIError(`storydesk: ${reason}. Usage: ${command.usage}`);
  }
}

/** The path a filesystem call was refused, when that is the failure: the operator's to fix, not a bug. */
function deniedPath(cause: unknown): string | undefined {
  const { code, path } = (cause ?? {}) as { code?: unknown; path?: unknown };
  return (code === "EACCES" || code === "EPERM" || code === "EROFS") && typeof path === "string"
    ? path
    : undefined;
}

/** What a failure tells a person: one line (and details under it), and the exit status. */
export function describeFailure(cause: unknown): { lines: string[]; exitCode: number } {
  if (cause instanceof CLIError)
    return { lines: [cause.message, ...cause.details], exitCode: cause.exitCode };
  if (cause instanceof ConfigError) return { lines: [cause.message], exitCode: EXIT_USAGE };
  if (cause instanceof QuestionError) return { lines: [`storydesk: ${cause.message}`], exitCode: EXIT_USAGE };
  if (cause instanceof CorpusError) {
    const { summary, details } = cause.explain();
    return { lines: [summary, ...details], exitCode: EXIT_USAGE };
  }
  const denied = deniedPath(cause);
  if (denied) {
    return {
      lines: [
        `storydesk: cannot write ${denied}: permission denied. Give the user running storydesk write access to it, or point SNAPSHOT_DIR, HISTORY_DIR or CORPUS_DIR elsewhere.`,
      ],
      exitCode: EXIT_FAILURE,
    };
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return {
    lines: [`storydesk: unexpected error: ${message} (set DEBUG=storydesk for details)`],
    exitCode: EXIT_FAILURE,
  };
}

/**
 * Runs an entry point (every `npm run` script): parses its arguments, answers --help, refuses what
 * it does not take, and turns every failure into a message and an exit status. A mistake the user
 * can fix prints one line (and the details under it) and exits 2; a bug prints one line and exits 1,
 * with the stack only under DEBUG=storydesk.
 */
export async function runMain<O extends Options>(
  command: Command<O>,
  argv = process.argv.slice(2),
): Promise<void> {
  // A reader that stops reading (`npm run -s ask -- cartels | head -1`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  try {
    const { values, positionals } = parse(argv, command);
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`Usage: ${command.usage}\n${command.description}\n`);
      return;
    }
    const max = command.positionals?.max ?? 0;
    if (positionals.length > max) {
      const extra = positionals[max];
      throw new CLIError(
        max === 0
          ? `storydesk: unexpected argument "${extra}". Usage: ${command.usage}`
          : `storydesk: give at most ${max === 1 ? "one" : max} ${command.positionals?.name}${max === 1 ? "" : "s"}. Usage: ${command.usage}`,
      );
    }
    const code = await command.run({ values, positionals });
    if (typeof code === "number") process.exitCode = code;
  } catch (cause) {
    const { lines, exitCode } = describeFailure(cause);
    process.stderr.write(`${lines.join("\n")}\n`);
    if (exitCode === EXIT_FAILURE && process.env.DEBUG?.includes("storydesk") && cause instanceof Error)
      process.stderr.write(`${cause.stack}\n`);
    process.exitCode = exitCode;
  }
}
