import { count, errorsOf, formatDiagnostic, Library, loadCorpus, warningsOf } from "../core/index.ts";
import { corpusSettings, loadEnvFile, readSettings } from "../entry/config.ts";
import { EXIT_PROBLEMS } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";

await runMain({
  usage: "npm run corpus:check -- [--json] [directory]",
  description: "Checks every article and the entities file of the corpus (default: CORPUS_DIR, or ./corpus).",
  options: { json: { type: "boolean" } },
  positionals: { max: 1, name: "directory" },
  async run({ values, positionals }) {
    loadEnvFile();
    const dir = positionals[0] ?? readSettings(corpusSettings).CORPUS_DIR;
    const corpus = await loadCorpus(dir);
    const errors = errorsOf(corpus.diagnostics);
    const warnings = warningsOf(corpus.diagnostics);
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
          ? `${dir}: OK, ${count(stats.documents, "article")}, ${count(stats.passages, "passage")}, ${count(stats.entities, "entity").replace("entitys", "entities")}, ${stats.designated} designated`
          : `${dir}: ${count(errors.length, "error")}: the corpus cannot be served until ${errors.length === 1 ? "it is" : "they are"} fixed`;
      process.stdout.write(
        `${summary}${warnings.length > 0 ? ` (${count(warnings.length, "warning")})` : ""}.\n`,
      );
    }
    return errors.length > 0 ? EXIT_PROBLEMS : 0;
  },
});
