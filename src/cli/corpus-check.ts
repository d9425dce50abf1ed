import { corpusLocation, loadEnvFile } from "../config.ts";
import { formatDiagnostic } from "../core/corpus/diagnostics.ts";
import { loadCorpus } from "../core/corpus/load.ts";
import { CorpusDirectoryError } from "../core/corpus/scan.ts";
import { Library } from "../core/serving/library.ts";
import { CLIError, EXIT_PROBLEMS } from "./cli-error.ts";
import { parseCommandLine, runCommand } from "./run.ts";

const USAGE = "npm run corpus:check -- [--json] [directory]";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nChecks every article and the entities file of the corpus (default: CORPUS_DIR, or ./corpus).\n`,
    );
    return;
  }
  if (positionals.length > 1) throw new CLIError(`storydesk: give at most one directory. Usage: ${USAGE}`);
  loadEnvFile();
  const dir = positionals[0] ?? corpusLocation().corpusDir;
  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  try {
    corpus = await loadCorpus(dir);
  } catch (cause) {
    if (cause instanceof CorpusDirectoryError) throw new CLIError(cause.message);
    throw cause;
  }
  const errors = corpus.diagnostics.filter((d) => d.severity === "error");
  const warnings = corpus.diagnostics.filter((d) => d.severity === "warning");
  const stats =
    errors.length === 0
      ? Library.build(corpus).stats
      : { documents: corpus.articles.length, passages: 0, entities: corpus.entities.length, designated: 0 };
  if (values.json) {
    const report = { directory: dir, ok: errors.length === 0, ...stats, errors, warnings };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const prefix = `${dir.replace(/\/$/, "")}/`;
    for (const d of corpus.diagnostics) process.stdout.write(`${formatDiagnostic(d, prefix)}\n`);
    const summary =
      errors.length === 0
        ? `${dir}: OK, ${plural(stats.documents, "article")}, ${plural(stats.passages, "passage")}, ${plural(stats.entities, "entity").replace("entitys", "entities")}, ${stats.designated} designated`
        : `${dir}: ${plural(errors.length, "error")}: the corpus cannot be served until ${errors.length === 1 ? "it is" : "they are"} fixed`;
    process.stdout.write(
      `${summary}${warnings.length > 0 ? ` (${plural(warnings.length, "warning")})` : ""}.\n`,
    );
  }
  if (errors.length > 0) process.exitCode = EXIT_PROBLEMS;
}

await runCommand(main);
