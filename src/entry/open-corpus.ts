import { type OpenedLibrary, openLibrary } from "../core/index.ts";
import { corpusSettings, loadEnvFile, openOptionsOf, readSettings } from "./config.ts";

/**
 * Opens the corpus as the command line does: CORPUS_DIR and SNAPSHOT_DIR from `.env` or the shell.
 * A snapshot that cannot be saved is a warning on stderr: the answer does not depend on it.
 */
export async function openCorpus(): Promise<OpenedLibrary> {
  loadEnvFile();
  const opened = await openLibrary(openOptionsOf(readSettings(corpusSettings)));
  if (opened.snapshot.saveError !== undefined) {
    process.stderr.write(
      `storydesk: warning: the index could not be cached (${opened.snapshot.saveError}); set SNAPSHOT_DIR to a writable directory, or to off.\n`,
    );
  }
  return opened;
}
