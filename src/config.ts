import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { defaultSnapshotFile, type OpenOptions } from "./core/serving/open.ts";

/** Reads `.env` into the environment, without overriding what the shell already set. */
export function loadEnvFile(): void {
  loadDotenv({ quiet: true });
}

/** Where the corpus and its snapshots live, from CORPUS_DIR and SNAPSHOT_DIR. */
export interface CorpusLocation {
  readonly corpusDir: string;
  /** Directory of snapshot files, or `null` when SNAPSHOT_DIR is `off`. */
  readonly snapshotDir: string | null;
}

export function corpusLocation(env: NodeJS.ProcessEnv = process.env): CorpusLocation {
  const corpusDir = env.CORPUS_DIR?.trim() || "./corpus";
  const snapshot = env.SNAPSHOT_DIR?.trim() || ".storydesk";
  return { corpusDir, snapshotDir: snapshot === "off" ? null : path.resolve(snapshot) };
}

/** Where to open the corpus from: CORPUS_DIR, with its snapshot under SNAPSHOT_DIR (or none). */
export function openOptionsFrom(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const { corpusDir, snapshotDir } = corpusLocation(env);
  return {
    corpusDir,
    snapshotFile: snapshotDir === null ? null : defaultSnapshotFile(corpusDir, snapshotDir),
  };
}
