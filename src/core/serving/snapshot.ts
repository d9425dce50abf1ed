import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { makePassage, type Passage } from "../corpus/passages.ts";
import type { BlockKind } from "../corpus/types.ts";
import type { IndexOptions } from "../search/index-options.ts";
import { makeDirectory } from "../store/directories.ts";
import { type ArticleSummary, Library, type LibraryData } from "./library.ts";
import { decodeContainer, encodeContainer, isContainer, isOldContainer } from "./snapshot-file.ts";

/**
 * Version of the snapshot layout and of everything that shapes an index (analysis, passage cutting).
 * Bump it whenever either changes: a snapshot of another version is rebuilt, never read.
 */
export const SNAPSHOT_FORMAT_VERSION = 9;
const FORMAT = "storydesk-index";

/** How a snapshot was used when a library was opened. */
export type SnapshotState =
  | "loaded" // a matching snapshot was read
  | "written" // none matched, so the index was built and saved
  | "stale" // one existed for another corpus or options: rebuilt and replaced
  | "corrupt" // one existed but could not be read (or failed its checksum): rebuilt and replaced
  | "not-written" // the index was built, but saving its snapshot failed (the error says why)
  | "disabled"; // no snapshot path was given

/**
 * A passage as stored: its article's position, block kind, number, part (0 when whole) and the
 * length of its text in `passageText`.
 */
export type StoredPassage = [article: number, kind: BlockKind, number: number, part: number, length: number];

/**
 * The library as the snapshot header stores it: passages compact, their texts joined in one string
 * (parsing one long JSON string is several times faster than 80,000 short ones), the index's arrays
 * beside the header.
 */
type StoredLibrary = Omit<LibraryData, "passages" | "index"> & {
  readonly passages: readonly StoredPassage[];
  readonly passageText: string;
  readonly index: Omit<LibraryData["index"], "arrays">;
};

interface SnapshotHeader {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly key: string;
  readonly createdAt: string;
  readonly library: StoredLibrary;
}

/** Passages in the compact stored form: tuples, and their texts joined in one string. */
export function packPassages(
  articleIndex: ReadonlyMap<string, number>,
  passages: readonly Passage[],
): { passages: StoredPassage[]; text: string } {
  return {
    passages: passages.map((p) => [
      articleIndex.get(p.citation.docId) ?? -1,
      p.citation.kind,
      p.citation.number,
      p.citation.part ?? 0,
      p.text.length,
    ]),
    text: passages.map((p) => p.text).join(""),
  };
}

const KINDS = new Set<unknown>(["paragraph", "key-point", "source"]);

/**
 * Rebuilds passages with the same function that cut them, so that citations read the same (and the
 * objects have the shape the search code was optimised for). Throws when the stored form is damaged.
 */
export function unpackPassages(
  articles: readonly ArticleSummary[],
  stored: readonly StoredPassage[],
  all: string,
): Passage[] {
  let offset = 0;
  const passages = stored.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 5) throw new Error("a stored passage is damaged");
    const [a, kind, number, part, length] = entry;
    const article = articles[a];
    if (!article || !KINDS.has(kind) || typeof number !== "number" || !Number.isInteger(length)) {
      throw new Error("a stored passage is damaged");
    }
    if (length < 0 || offset + length > all.length) throw new Error("the stored passage texts are cut short");
    const text = all.slice(offset, offset + length);
    offset += length;
    return makePassage(article, kind, number, part > 0 ? part : undefined, text);
  });
  if (offset !== all.length) throw new Error("the stored passage texts do not match the passages");
  return passages;
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
function isStoredLibrary(value: unknown): value is StoredLibrary {
  if (!isObject(value) || typeof value.fingerprint !== "string" || !isObject(value.index)) return false;
  if (typeof value.passageText !== "string") return false;
  const lists = [value.articles, value.passages, value.entities, value.designations, value.warnings];
  return lists.every(Array.isArray);
}

/**
 * What a file that is not a container is: a JSON snapshot of an earlier format version (stale, to
 * be replaced), or anything else (corrupt).
 */
function oldFormat(raw: Buffer): "stale" | "corrupt" {
  try {
    const parsed = JSON.parse(raw.toString("utf8")) as { format?: unknown; version?: unknown } | null;
    return parsed?.format === FORMAT && parsed.version !== SNAPSHOT_FORMAT_VERSION ? "stale" : "corrupt";
  } catch {
    return "corrupt";
  }
}

/**
 * Reads the library stored at `file` if it was built for `key`. Returns the reason otherwise:
 * `missing`, `stale` or `corrupt`. Never throws for a bad file: a snapshot is a cache, not a source.
 */
export async function readSnapshot(
  file: string,
  key: string,
): Promise<{ library: Library } | { reason: "missing" | "stale" | "corrupt" }> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch {
    return { reason: "missing" };
  }
  if (isOldContainer(raw)) return { reason: "stale" };
  if (!isContainer(raw)) return { reason: oldFormat(raw) };
  try {
    const { header, arrays } = decodeContainer(raw);
    const parsed = header as Partial<SnapshotHeader>;
    if (parsed.format !== FORMAT) return { reason: "corrupt" };
    // Another version may lay its file out differently: that is no damage, so it is checked first.
    if (parsed.version !== SNAPSHOT_FORMAT_VERSION) return { reason: "stale" };
    if (typeof parsed.key !== "string" || !isStoredLibrary(parsed.library)) return { reason: "corrupt" };
    if (parsed.key !== key) return { reason: "stale" };
    const stored = parsed.library;
    const { passageText: _text, ...rest } = stored;
    const data: LibraryData = {
      ...rest,
      passages: unpackPassages(stored.articles, stored.passages, stored.passageText),
      index: { ...stored.index, arrays },
    };
    return { library: Library.fromData(data) };
  } catch {
    return { reason: "corrupt" };
  }
}

/**
 * Saves a library atomically: written to a temporary file beside the target, then renamed over it,
 * so that a reader sees the old snapshot or the new one, never half of one.
 */
export async function writeSnapshot(file: string, key: string, library: Library): Promise<void> {
  const { passages, index, ...rest } = library.data;
  const packed = packPassages(new Map(rest.articles.map((a, i) => [a.id, i])), passages);
  const header: SnapshotHeader = {
    format: FORMAT,
    version: SNAPSHOT_FORMAT_VERSION,
    key,
    createdAt: new Date().toISOString(),
    library: {
      ...rest,
      passages: packed.passages,
      passageText: packed.text,
      index: {
        options: index.options,
        terms: index.terms,
        words: index.words,
      },
    },
  };
  await makeDirectory(path.dirname(file));
  const temporary = `${file}.${HOST}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, encodeContainer(header, index.arrays));
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
}

/** This machine, as temporary snapshot files name it (several machines may share the directory). */
const HOST = hostname().replace(/[^A-Za-z0-9-]/g, "-") || "host";
/** A temporary file older than this is left over whoever wrote it: no write takes an hour. */
const ABANDONED_MS = 60 * 60 * 1000;
/** Younger than this, a temporary file of a process that has just ended may still be renamed. */
const SETTLING_MS = 60 * 1000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: the process exists, under another user.
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files a write of `file` left behind when its process was killed: those of a
 * process of this machine that is no longer running, and any over an hour old. Returns how many.
 * Never throws: the snapshot is a cache, and a file it cannot remove is left for the next start.
 */
export async function removeStaleTemporaries(file: string, now = Date.now()): Promise<number> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const [host, pid] = name.slice(prefix.length).split(".");
    const full = path.join(dir, name);
    try {
      const age = now - (await stat(full)).mtimeMs;
      const orphan = host === HOST && !isRunning(Number(pid)) && age > SETTLING_MS;
      if (orphan || age > ABANDONED_MS) {
        await rm(full, { force: true });
        removed++;
      }
    } catch {
      // Renamed or removed meanwhile by its writer: nothing to do.
    }
  }
  return removed;
}
