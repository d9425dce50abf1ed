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

/** Raised when the corpus cannot be served; carries every problem found, not just the first. */
export class CorpusError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0];
    super(
      `storydesk: the corpus has ${errors.length} error${errors.length === 1 ? "" : "s"}${
        first ? `, first: ${formatDiagnostic(first)}` : ""
      }`,
    );
    this.name = "CorpusError";
    this.diagnostics = diagnostics;
  }
}
