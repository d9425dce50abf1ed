import { randomBytes } from "node:crypto";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isCorpusFilePath } from "../corpus/scan.ts";
import { makeDirectory } from "./directories.ts";

/**
 * Writes a corpus file atomically: to a temporary file beside it (an ignored name, so that a refresh
 * never reads it half written), then renamed over the target.
 */
export async function writeCorpusFile(
  corpusDir: string,
  relative: string,
  content: Uint8Array | string,
): Promise<void> {
  const target = path.join(corpusDir, ...relative.split("/"));
  await makeDirectory(path.dirname(target));
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
}

export async function removeCorpusFile(corpusDir: string, relative: string): Promise<void> {
  await rm(path.join(corpusDir, ...relative.split("/")), { force: true });
}

/** The corpus files under a directory (relative paths, `/` separators), without following links. */
export async function corpusFilePaths(corpusDir: string): Promise<string[]> {
  const entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(corpusDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter(isCorpusFilePath)
    .sort();
}

/**
 * Makes the corpus directory hold exactly `files` (a version's files): writes each one, and removes
 * the corpus files it does not have. Other files (drafts, notes) are left alone.
 */
export async function replaceCorpusFiles(
  corpusDir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  for (const [relative, content] of files) await writeCorpusFile(corpusDir, relative, content);
  for (const relative of await corpusFilePaths(corpusDir)) {
    if (!files.has(relative)) await removeCorpusFile(corpusDir, relative);
  }
}
