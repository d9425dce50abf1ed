import { type OpenedLibrary, openLibrary } from "../core/index.ts";
import { corpusSettings, loadEnvFile, openOptionsOf, readSettings } from "./config.ts";

/** Opens the corpus as the command line does: CORPUS_DIR and SNAPSHOT_DIR from `.env` or the shell. */
export async function openCorpus(): Promise<OpenedLibrary> {
  loadEnvFile();
  return openLibrary(openOptionsOf(readSettings(corpusSettings)));
}
