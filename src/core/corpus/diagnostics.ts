import { count } from "../text/plural.ts";

/** A problem found while reading the corpus, pointing at the file and line to fix. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  /** Path of the file, relative to the corpus directory ("." for the directory itself). */
  readonly file: string;
  /** 1-based line, when the problem has one. */
  readonly line?: number;
  /** What is wrong and how to fix it, in one sentence or two. */
  readonly message: string;
}

export function error(file: string, line: number | undefined, message: string): Diagnostic {
  return line === undefined
    ? { severity: "error", file, message }
    : { severity: "error", file, line, message };
}

export function warning(file: string, line: number | undefined, message: string): Diagnostic {
  return line === undefined
    ? { severity: "warning", file, message }
    : { severity: "warning", file, line, message };
}

/** `file:line: severity: message`, the form editors and CI logs link to. */
export function formatDiagnostic(diagnostic: Diagnostic, prefix = ""): string {
  const where = `${prefix}${diagnostic.file}${diagnostic.line === undefined ? "" : `:${diagnostic.line}`}`;
  return `${where}: ${diagnostic.severity}: ${diagnostic.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

export function warningsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "warning");
}

/** The file of a diagnostic about the corpus directory itself. */
const DIRECTORY = ".";

/**
 * Raised when the corpus cannot be served: its directory cannot be read, or its files have errors.
 * Carries every problem found, not just the first.
 */
export class CorpusError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /**
   * @param dir the corpus directory, to name the files of the errors as a user finds them
   *   (`corpus/article.md:3`); the paths of the diagnostics are relative to it.
   */
  constructor(
    diagnostics: readonly Diagnostic[],
    readonly dir?: string,
  ) {
    const errors = errorsOf(diagnostics);
    const first = errors[0];
    super(
      errors.length === 1 && first?.file === DIRECTORY
        ? first.message
        : `storydesk: the corpus has ${count(errors.length, "error")}${
            first ? `, first: ${formatDiagnostic(first)}` : ""
          }`,
    );
    this.name = "CorpusError";
    this.diagnostics = diagnostics;
  }

  /** The corpus directory itself cannot be read; the message says what to do. */
  static unreadable(message: string, dir?: string): CorpusError {
    return new CorpusError([error(DIRECTORY, undefined, message)], dir);
  }

  get errors(): Diagnostic[] {
    return errorsOf(this.diagnostics);
  }

  /**
   * What to tell a person, in one place for every entry point: one line saying what to fix, then
   * every error as `corpus/file:line: error: message`.
   */
  explain(corpusDir = this.dir ?? "the corpus"): {
    readonly summary: string;
    readonly details: readonly string[];
  } {
    const errors = this.errors;
    const only = errors[0];
    if (errors.length === 1 && only?.file === DIRECTORY) return { summary: only.message, details: [] };
    return {
      summary: `storydesk: the corpus in ${corpusDir} has ${count(errors.length, "error")}; fix ${
        errors.length === 1 ? "it" : "them"
      } (npm run corpus:check lists them):`,
      details: errors.map((d) => formatDiagnostic(d, `${corpusDir.replace(/\/$/, "")}/`)),
    };
  }
}
