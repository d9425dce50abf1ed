import { type Corpus, loadCorpus } from "../src/core/index.ts";
import { corpusFromRows, readJsonl } from "./rows.ts";

/**
 * The corpus the in-process figures build from: the prepared rows (made into articles directly),
 * or, for the bundled corpus (key points, sources, entities), its Markdown files parsed.
 */
export async function corpusFor(mdDir: string, rowsFile: string | null): Promise<Corpus> {
  const corpus = rowsFile === null ? await loadCorpus(mdDir) : corpusFromRows(await readJsonl(rowsFile));
  const errors = corpus.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`the corpus has errors: ${errors[0]?.file}: ${errors[0]?.message}`);
  return corpus;
}
