import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Library, type LibraryData } from "./library.ts";
import type { IndexOptions } from "./search/index-options.ts";

/**
 * Version of the snapshot layout and of everything that shapes an index (analysis, passage cutting).
 * Bump it whenever either changes: a snapshot of another version is rebuilt, never read.
 */
export const SNAPSHOT_FORMAT_VERSION = 3;
const FORMAT = "storydesk-index";

/** How a snapshot was used when a library was opened. */
export type SnapshotState =
  | "loaded" // a matching snapshot was read
  | "written" // none matched, so the index was built and saved
  | "stale" // one existed for another corpus or options: rebuilt and replaced
  | "corrupt" // one existed but could not be read: rebuilt and replaced
  | "disabled"; // no snapshot path was given

interface SnapshotFile {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly key: string;
  readonly createdAt: string;
  readonly library: LibraryData;
}

/** The key a snapshot must carry to be used: corpus content, index options and format version. */
export function snapshotKey(fingerprint: string, options: IndexOptions): string {
  return createHash("sha256")
    .update(JSON.stringify({ format: FORMAT, version: SNAPSHOT_FORMAT_VERSION, fingerprint, options }))
    .digest("hex");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether stored library data has every part a library uses. `Library.fromData` checks the index
 * itself; the rest would otherwise fail only when used (or, for warnings, when opened).
 */
function isLibraryData(value: unknown): value is LibraryData {
  if (!isObject(value) || typeof value.fingerprint !== "string" || !isObject(value.index)) return false;
  const lists = [value.articles, value.passages, value.entities, value.designations, value.warnings];
  if (!lists.every(Array.isArray)) return false;
  return (value.passages as unknown[]).every(
    (p) => isObject(p) && typeof p.id === "string" && typeof p.text === "string" && isObject(p.citation),
  );
}

/**
 * Reads the library stored at `file` if it was built for `key`. Returns the reason otherwise:
 * `missing`, `stale` or `corrupt`. Never throws for a bad file: a snapshot is a cache, not a source.
 */
export async function readSnapshot(
  file: string,
  key: string,
): Promise<{ library: Library } | { reason: "missing" | "stale" | "corrupt" }> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    return { reason: "missing" };
  }
  try {
    const parsed = JSON.parse(raw) as Partial<SnapshotFile> | null;
    if (parsed?.format !== FORMAT) return { reason: "corrupt" };
    // Another version may lay its file out differently: that is no damage, so it is checked first.
    if (parsed.version !== SNAPSHOT_FORMAT_VERSION) return { reason: "stale" };
    if (typeof parsed.key !== "string" || !isLibraryData(parsed.library)) return { reason: "corrupt" };
    if (parsed.key !== key) return { reason: "stale" };
    return { library: Library.fromData(parsed.library) };
  } catch {
    return { reason: "corrupt" };
  }
}

/**
 * Saves a library atomically: written to a temporary file beside the target, then renamed over it,
 * so that a reader sees the old snapshot or the new one, never half of one.
 */
export async function writeSnapshot(file: string, key: string, library: Library): Promise<void> {
  const snapshot: SnapshotFile = {
    format: FORMAT,
    version: SNAPSHOT_FORMAT_VERSION,
    key,
    createdAt: new Date().toISOString(),
    library: library.data,
  };
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(snapshot));
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
}
