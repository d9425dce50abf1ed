import { type Corpus, CorpusError, hasErrors, loadCorpus } from "../src/core/index.ts";
import { corpusFromRows, readRows } from "./rows.ts";

/**
 * The corpus the in-process figures build from: the prepared rows (made into articles directly),
 * or, for the bundled corpus (key points, sources, entities), its Markdown files parsed.
 */
export async function corpusFor(mdDir: string, rowsFile: string | null): Promise<Corpus> {
  const corpus = rowsFile === null ? await loadCorpus(mdDir) : corpusFromRows(await readRows(rowsFile));
  if (hasErrors(corpus.diagnostics)) throw new CorpusError(corpus.diagnostics, mdDir);
  return corpus;
}
