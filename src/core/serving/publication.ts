import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import type { OpenedLibrary } from "./open.ts";
import type { SnapshotState } from "./snapshot.ts";

/**
 * The version of the corpus last built and saved as a snapshot, so that other processes serving the
 * same corpus (the shards of a machine, other machines sharing the directories) load that snapshot
 * instead of building it again. One small JSON file beside the snapshot.
 */
export interface Publication {
  readonly version: string;
  /** When it was published (ISO 8601). */
  readonly at: string;
  /** Who made the change, as the refresh names them. */
  readonly by: string;
  /** The machine and process that built it. */
  readonly host: string;
  readonly pid: number;
}

export function publicationFile(snapshotFile: string): string {
  return `${snapshotFile}.published.json`;
}

/** Publishes a version whose snapshot has been written, atomically (a reader sees the old or the new). */
export async function publish(snapshotFile: string, version: string, by: string): Promise<Publication> {
  const publication: Publication = {
    version,
    at: new Date().toISOString(),
    by,
    host: hostname(),
    pid: process.pid,
  };
  const file = publicationFile(snapshotFile);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(publication)}\n`);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return publication;
}

/** The publication beside a snapshot; null when there is none or it cannot be read. */
export async function readPublication(snapshotFile: string): Promise<Publication | null> {
  try {
    const parsed = JSON.parse(await readFile(publicationFile(snapshotFile), "utf8")) as Partial<Publication>;
    return typeof parsed.version === "string" && typeof parsed.at === "string"
      ? (parsed as Publication)
      : null;
  } catch {
    return null;
  }
}

/** Snapshot states after which the file on disk holds the library opened. */
const ON_DISK: ReadonlySet<SnapshotState> = new Set(["loaded", "written", "stale", "corrupt"]);

/**
 * Publishes the version of a library just opened or built, when its snapshot is on disk: every
 * process that opens or refreshes the corpus says so, and the others follow (see
 * Storydesk.adoptPublished). Returns why it could not, or null.
 */
export async function publishOpened(opened: OpenedLibrary, by: string): Promise<string | null> {
  const file = opened.snapshot.file;
  if (file === null) return "snapshots are off";
  if (!ON_DISK.has(opened.snapshot.state)) return `the snapshot is ${opened.snapshot.state}`;
  try {
    await publish(file, opened.library.version, by);
    return null;
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
}
