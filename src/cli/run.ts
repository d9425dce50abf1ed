import { type ParseArgsConfig, parseArgs } from "node:util";
import { loadEnvFile, openOptionsFrom } from "../config.ts";
import { QuestionError } from "../core/answering/answer.ts";
import { CorpusError, formatDiagnostic } from "../core/corpus/diagnostics.ts";
import { CorpusDirectoryError } from "../core/corpus/scan.ts";
import { type OpenedLibrary, openLibrary } from "../core/serving/open.ts";
import { CLIError } from "./cli-error.ts";

/** Parses arguments strictly, turning node's parse errors into a one-line message with the usage. */
export function parseCommandLine<T extends ParseArgsConfig["options"]>(
  argv: readonly string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (cause) {
    const reason =
      cause instanceof Error ? cause.message.split("\n")[0]?.replace(/\. To specify.*$/, "") : "";
    throw new CLIError(`storydesk: ${reason}. Usage: ${usage}`);
  }
}

/** Opens the corpus named by CORPUS_DIR, translating every corpus problem into a CLIError. */
export async function openCorpus(): Promise<OpenedLibrary> {
  loadEnvFile();
  const options = openOptionsFrom();
  const corpusDir = options.corpusDir;
  try {
    return await openLibrary(options);
  } catch (cause) {
    if (cause instanceof CorpusDirectoryError) throw new CLIError(cause.message);
    if (cause instanceof CorpusError) {
      const errors = cause.diagnostics.filter((d) => d.severity === "error");
      throw new CLIError(
        `storydesk: the corpus in ${corpusDir} has ${errors.length} error${errors.length === 1 ? "" : "s"}; fix ${
          errors.length === 1 ? "it" : "them"
        } (npm run corpus:check lists them):`,
        { details: errors.map((d) => formatDiagnostic(d, `${corpusDir.replace(/\/$/, "")}/`)) },
      );
    }
    throw cause;
  }
}

/**
 * Runs a command's main function: a CLIError or a rejected question becomes its message on stderr and
 * its exit status; anything else is a bug, reported in one line with a hint instead of a stack trace.
 */
export async function runCommand(main: (argv: readonly string[]) => Promise<void>): Promise<void> {
  try {
    await main(process.argv.slice(2));
  } catch (cause) {
    if (cause instanceof CLIError) {
      process.stderr.write(`${[cause.message, ...cause.details].join("\n")}\n`);
      process.exitCode = cause.exitCode;
      return;
    }
    if (cause instanceof QuestionError) {
      process.stderr.write(`storydesk: ${cause.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    process.stderr.write(`storydesk: unexpected error: ${message} (set DEBUG=storydesk for details)\n`);
    if (process.env.DEBUG?.includes("storydesk") && cause instanceof Error)
      process.stderr.write(`${cause.stack}\n`);
    process.exitCode = 1;
  }
}
