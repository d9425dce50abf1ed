import { existsSync } from "node:fs";
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import os, { hostname } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorpusError, type Diagnostic } from "../../../src/core/corpus/diagnostics.ts";
import { scanCorpus } from "../../../src/core/corpus/scan.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "../../../src/core/search/index-options.ts";
import { Library, type LibraryData } from "../../../src/core/serving/library.ts";
import { defaultSnapshotFile, type OpenOptions, openLibrary } from "../../../src/core/serving/open.ts";
import {
  readSnapshot,
  SNAPSHOT_FORMAT_VERSION,
  snapshotKey,
  writeSnapshot,
} from "../../../src/core/serving/snapshot.ts";

/**
 * Snapshots through `openLibrary`, on a temporary copy of the bundled corpus: when a snapshot is
 * used, when it is rebuilt, and that a bad or foreign one is never served.
 */

const BUNDLED_CORPUS = fileURLToPath(new URL("../../../corpus", import.meta.url));
const FORMAT_0_FIXTURE = fileURLToPath(new URL("../../fixtures/snapshots/format-0.json", import.meta.url));
const ARTICLE = "sheinbaum-rejects-us-military-action.md";

const QUESTIONS = [
  "Which cartels were designated as terrorist organisations?",
  "Who is the White House spokesperson?",
  "How many cartel figures were extradited in August 2025?",
  "Will US troops be allowed into Mexico?",
  "What did sheinbam say about the military?",
  "CJNG",
  "What is the capital of France?",
];

/** A snapshot's header (or an old JSON snapshot), loosely typed so that tests can damage it. */
interface SnapshotJson {
  format?: unknown;
  version?: unknown;
  key?: unknown;
  createdAt?: unknown;
  library?: unknown;
  /** The arrays stored after the header: name, type, place and length. */
  arrays?: Array<{ name: string; type: string; length: number }>;
}

// The container layout, written out again here on purpose: the tests read and damage files as bytes.
const MAGIC = "SDSNAP02";
/** Magic, header length and CRC-32: the bytes before the header. */
const PREFIX = 16;
const align = (n: number) => Math.ceil(n / 8) * 8;

/** Writes the checksum a snapshot's bytes need, as a writer with a bug in its header would. */
function withChecksum(bytes: Buffer): Buffer {
  bytes.writeUInt32LE(crc32(bytes.subarray(PREFIX)), 12);
  return bytes;
}

let root: string;
let corpusDir: string;
let snapshotFile: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "storydesk-snapshot-"));
  corpusDir = path.join(root, "corpus");
  await cp(BUNDLED_CORPUS, corpusDir, { recursive: true });
  snapshotFile = path.join(root, "cache", "index.json");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function open(options: Partial<OpenOptions> = {}) {
  return openLibrary({ corpusDir, snapshotFile, ...options });
}

const built = new Map<string, Library>();

/** A library built from the corpus as it is now, without any snapshot (cached by content and options). */
async function fresh(indexOptions: IndexOptions = DEFAULT_INDEX_OPTIONS): Promise<Library> {
  const key = await currentKey(indexOptions);
  let library = built.get(key);
  if (!library) {
    library = (await open({ snapshotFile: null, indexOptions })).library;
    built.set(key, library);
  }
  return library;
}

async function currentKey(indexOptions: IndexOptions = DEFAULT_INDEX_OPTIONS): Promise<string> {
  return snapshotKey((await scanCorpus(corpusDir)).fingerprint, indexOptions);
}

/** The JSON of a file: a snapshot's header, or the whole of a JSON file (the old-format fixture). */
async function readJson(file: string): Promise<SnapshotJson> {
  const bytes = await readFile(file);
  if (bytes.toString("latin1", 0, 8) !== MAGIC) return JSON.parse(bytes.toString("utf8")) as SnapshotJson;
  return JSON.parse(bytes.toString("utf8", PREFIX, PREFIX + bytes.readUInt32LE(8))) as SnapshotJson;
}

/** Rewrites the snapshot's header after `mutate` has changed it, keeping the arrays' bytes. */
async function damage(mutate: (snapshot: SnapshotJson & { library: Record<string, unknown> }) => void) {
  const bytes = await readFile(snapshotFile);
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString("utf8", PREFIX, PREFIX + length)) as SnapshotJson & {
    library: Record<string, unknown>;
  };
  const tail = bytes.subarray(align(PREFIX + length));
  mutate(header);
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(align(PREFIX + json.length) + tail.length);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(json.length, 8);
  json.copy(out, PREFIX);
  tail.copy(out, align(PREFIX + json.length));
  await writeFile(snapshotFile, withChecksum(out));
}

function libraryField(snapshot: { library: Record<string, unknown> }, name: keyof LibraryData) {
  return snapshot.library[name] as Record<string, unknown> & unknown[];
}

/** The library answers every question as one built from scratch does, and lists the same organisations. */
async function expectSameLibrary(actual: Library, expected: Library): Promise<void> {
  for (const question of QUESTIONS) {
    expect(await actual.ask(question), question).toEqual(await expected.ask(question));
    expect(await actual.ask(question, { top: 5 }), question).toEqual(
      await expected.ask(question, { top: 5 }),
    );
  }
  expect(actual.designations()).toEqual(expected.designations());
  expect(actual.version).toBe(expected.version);
  expect(actual.stats).toEqual(expected.stats);
  expect(actual.organisation("CJNG")).toEqual(expected.organisation("CJNG"));
}

/** A snapshot file that a later open can load: the current format and version. */
async function expectGoodSnapshot(): Promise<void> {
  const snapshot = await readJson(snapshotFile);
  expect(snapshot.format).toBe("storydesk-index");
  expect(snapshot.version).toBe(SNAPSHOT_FORMAT_VERSION);
  expect(snapshot.key).toBe(await currentKey());
  const again = await open();
  expect(again.snapshot.state).toBe("loaded");
}

async function temporaryFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(".tmp"));
}

function errorsOf(diagnostics: readonly Diagnostic[]) {
  return diagnostics.filter((d) => d.severity === "error").map((d) => ({ file: d.file, line: d.line }));
}

async function corpusErrorOf(promise: Promise<unknown>): Promise<CorpusError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

describe("snapshot round trip", () => {
  it("writes a snapshot on the first open and loads it on the next, answering identically", async () => {
    const first = await open();
    expect(first.snapshot).toEqual({ state: "written", file: snapshotFile });
    expect(existsSync(snapshotFile)).toBe(true);
    expect((await first.library.ask(QUESTIONS[0] as string)).answered).toBe(true);

    const second = await open();
    expect(second.snapshot).toEqual({ state: "loaded", file: snapshotFile });
    await expectSameLibrary(second.library, first.library);
    await expectSameLibrary(second.library, await fresh());
    expect(second.library.designations()).toHaveLength(7);
    expect(second.warnings).toEqual(first.warnings);

    const third = await open();
    expect(third.snapshot.state).toBe("loaded");
  });

  it("uses a snapshot file per corpus directory by default", async () => {
    const a = defaultSnapshotFile(corpusDir, path.join(root, "cache"));
    expect(path.dirname(a)).toBe(path.join(root, "cache"));
    expect(defaultSnapshotFile(`${corpusDir}/`, path.join(root, "cache"))).toBe(a);
    expect(defaultSnapshotFile(path.join(root, "other"), path.join(root, "cache"))).not.toBe(a);
  });
});

describe("stale snapshots", () => {
  const question = "Who opened a desalination plant?";

  it("rebuilds after an article is edited, then loads the new snapshot", async () => {
    await open();
    expect((await (await fresh()).ask(question)).answered).toBe(false);
    await appendFile(
      path.join(corpusDir, ARTICLE),
      "\nThe governor of Sonora opened a desalination plant in Puerto Peñasco in July.\n",
    );

    const edited = await open();
    expect(edited.snapshot.state).toBe("stale");
    const answer = await edited.library.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.text).toContain("desalination plant");
    expect(answer.passages[0]?.citation.paragraph).toBe(7);
    await expectSameLibrary(edited.library, await fresh());
    await expectGoodSnapshot();
    await expectSameLibrary((await open()).library, edited.library);
  });

  it("rebuilds after an article is added or removed", async () => {
    const before = await open();
    await writeFile(
      path.join(corpusDir, "tijuana-bridge.md"),
      [
        "---",
        "id: tijuana-bridge",
        'title: "Tijuana opens a border bridge"',
        'published: "2025-09-02"',
        "---",
        "",
        "The mayor of Tijuana opened a pedestrian bridge across the border on Tuesday.",
        "",
      ].join("\n"),
    );
    const added = await open();
    expect(added.snapshot.state).toBe("stale");
    expect(added.library.version).not.toBe(before.library.version);
    expect(added.library.stats.documents).toBe(2);
    const answer = await added.library.ask("Who opened a pedestrian bridge?");
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.citation.docId).toBe("tijuana-bridge");
    await expectGoodSnapshot();

    await rm(path.join(corpusDir, "tijuana-bridge.md"));
    const removed = await open();
    expect(removed.snapshot.state).toBe("stale");
    expect(removed.library.version).toBe(before.library.version);
    expect((await removed.library.ask("Who opened a pedestrian bridge?")).answered).toBe(false);
  });

  it("rebuilds after the entities file changes", async () => {
    await open();
    const entities = path.join(corpusDir, "entities.yaml");
    const text = await readFile(entities, "utf8");
    await writeFile(
      entities,
      text.replace("aliases: [Sinaloa Cartel]", "aliases: [Sinaloa Cartel, Chapitos]"),
    );
    const edited = await open();
    expect(edited.snapshot.state).toBe("stale");
    expect(edited.library.organisation("Chapitos")?.organisation.name).toBe("Cartel de Sinaloa");
    await expectGoodSnapshot();
  });

  it("rebuilds when the index options differ", async () => {
    const other: IndexOptions = { ...DEFAULT_INDEX_OPTIONS, k: 1.2, titleBoost: 2 };
    expect((await open()).snapshot.state).toBe("written");

    const rebuilt = await open({ indexOptions: other });
    expect(rebuilt.snapshot.state).toBe("stale");
    expect(rebuilt.library.data.index.options).toEqual(other);
    await expectSameLibrary(rebuilt.library, await fresh(other));

    const loaded = await open({ indexOptions: other });
    expect(loaded.snapshot.state).toBe("loaded");
    expect(loaded.library.data.index.options).toEqual(other);
    await expectSameLibrary(loaded.library, rebuilt.library);

    const back = await open();
    expect(back.snapshot.state).toBe("stale");
    expect(back.library.data.index.options).toEqual(DEFAULT_INDEX_OPTIONS);
  });

  it("does not reuse the snapshot of another corpus", async () => {
    await open();
    const otherDir = path.join(root, "other-corpus");
    await cp(corpusDir, otherDir, { recursive: true });
    await appendFile(path.join(otherDir, ARTICLE), "\nA paragraph only the other corpus has.\n");
    const other = await openLibrary({ corpusDir: otherDir, snapshotFile });
    expect(other.snapshot.state).toBe("stale");
    expect(other.library.stats.passages).toBe((await fresh()).stats.passages + 1);
  });
});

describe("corrupt snapshots", () => {
  it.each([
    ["binary garbage", Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x0a])],
    ["an empty file", Buffer.alloc(0)],
    ["text that is not JSON", Buffer.from("{ this is not: json")],
  ])("rebuilds and replaces %s", async (_name, bytes) => {
    await mkdir(path.dirname(snapshotFile), { recursive: true });
    await writeFile(snapshotFile, bytes);
    const opened = await open();
    expect(opened.snapshot.state).toBe("corrupt");
    expect(opened.snapshot.saveError).toBeUndefined();
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });

  it.each([
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"storydesk-index"'],
    ["an array", "[1, 2, 3]"],
    ["an unrelated object", '{"hello": "world"}'],
    ["another tool's format", '{"format": "other-index", "version": 1, "key": "abc", "library": {}}'],
    [
      "a key that is not a string",
      `{"format": "storydesk-index", "version": ${SNAPSHOT_FORMAT_VERSION}, "key": 7, "library": {}}`,
    ],
    ["no library", `{"format": "storydesk-index", "version": ${SNAPSHOT_FORMAT_VERSION}, "key": "abc"}`],
  ])("rebuilds and replaces valid JSON of the wrong shape: %s", async (_name, text) => {
    await mkdir(path.dirname(snapshotFile), { recursive: true });
    await writeFile(snapshotFile, text);
    const opened = await open();
    expect(opened.snapshot.state).toBe("corrupt");
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });

  // Each snapshot keeps the right key, so that only its damaged library data can reject it.
  it.each<[string, (snapshot: SnapshotJson & { library: Record<string, unknown> }) => void]>([
    ["the posting lists removed", (s) => (s.arrays = (s.arrays ?? []).filter((a) => a.name !== "textDocs"))],
    ["the term list removed", (s) => delete libraryField(s, "index").terms],
    ["the spelling words removed", (s) => delete libraryField(s, "index").words],
    [
      "a posting array of the wrong type",
      (s) => {
        const tokens = s.arrays?.find((a) => a.name === "tokens");
        if (tokens) tokens.type = "Float32Array";
      },
    ],
    [
      "title terms for one article too few",
      (s) => {
        const starts = s.arrays?.find((a) => a.name === "titleTokenStarts");
        if (starts) starts.length -= 1;
      },
    ],
    ["the title terms removed", (s) => (s.arrays = (s.arrays ?? []).filter((a) => a.name !== "titleTokens"))],
    ["the whole index removed", (s) => delete s.library.index],
    ["the passages removed", (s) => delete s.library.passages],
    ["a passage missing", (s) => libraryField(s, "passages").pop()],
    [
      "a passage of an unknown kind",
      (s) => {
        const passages = libraryField(s, "passages") as unknown[][];
        passages[0] = [0, "chapter", ...(passages[0] ?? []).slice(2)];
      },
    ],
    [
      "a passage of an article not stored",
      (s) => {
        const passages = libraryField(s, "passages") as unknown[][];
        passages[0] = [99, ...(passages[0] ?? []).slice(1)];
      },
    ],
    ["the passage texts removed", (s) => delete s.library.passageText],
    [
      "the passage texts cut short",
      (s) => (s.library.passageText = String(s.library.passageText).slice(0, -1)),
    ],
    [
      "the passage texts longer than the passages",
      (s) => (s.library.passageText = `${s.library.passageText}x`),
    ],
    [
      "a passage's text length negative",
      (s) => {
        const passages = libraryField(s, "passages") as unknown[][];
        passages[0] = [...(passages[0] ?? []).slice(0, 4), -1];
      },
    ],
    ["the entities removed", (s) => delete s.library.entities],
    ["the designations removed", (s) => delete s.library.designations],
    ["the warnings removed", (s) => delete s.library.warnings],
    ["the warnings set to null", (s) => (s.library.warnings = null)],
    ["the fingerprint removed", (s) => delete s.library.fingerprint],
    ["the library emptied", (s) => (s.library = {})],
    ["the library replaced by a string", (s) => ((s as SnapshotJson).library = "library")],
  ])("rebuilds and replaces a snapshot with %s", async (_name, mutate) => {
    await open();
    await damage(mutate);
    expect((await readJson(snapshotFile)).key).toBe(await currentKey());

    const opened = await open();
    expect(opened.snapshot.state).toBe("corrupt");
    expect(opened.warnings).toEqual([]);
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });
});

describe("the stored word list", () => {
  it("is read only for a misspelling, and a damaged one costs the suggestions, not the answer", async () => {
    await open();
    expect((await (await open()).library.ask("What did Sheinbam say?")).didYouMean).toEqual([
      { term: "Sheinbam", suggestion: "sheinbaum" },
    ]);
    await damage((s) => (libraryField(s, "index").words = '{"sheinbaum": oops}'));
    const opened = await open();
    expect(opened.snapshot.state).toBe("loaded");
    const answer = await opened.library.ask("What did Sheinbam say?");
    expect(answer.didYouMean).toEqual([]);
    expect(answer.missingTerms).toContain("Sheinbam");
  });
});

describe("the checksum", () => {
  it.each([1, 200])("rebuilds a snapshot with %i flipped bytes, never serving it", async (flips) => {
    await open();
    const bytes = await readFile(snapshotFile);
    // Bytes of the arrays, past the header: damage no JSON parse would notice.
    const start = align(PREFIX + bytes.readUInt32LE(8));
    for (let i = 0; i < flips; i++) {
      const at = start + ((i * 7919) % (bytes.length - start));
      bytes[at] = (bytes[at] as number) ^ 0xff;
    }
    await writeFile(snapshotFile, bytes);
    const opened = await open();
    expect(opened.snapshot.state).toBe("corrupt");
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });

  it("treats a snapshot of the first layout, without a checksum, as stale", async () => {
    await open();
    const bytes = await readFile(snapshotFile);
    bytes.write("SDSNAP01", 0, "latin1");
    await writeFile(snapshotFile, bytes);
    expect((await open()).snapshot.state).toBe("stale");
    await expectGoodSnapshot();
  });
});

describe("interrupted writes", () => {
  it("rebuilds a truncated snapshot", async () => {
    await open();
    const whole = await readFile(snapshotFile);
    await writeFile(snapshotFile, whole.subarray(0, Math.floor(whole.length / 2)));
    const opened = await open();
    expect(opened.snapshot.state).toBe("corrupt");
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });

  it("is not disturbed by a temporary file left beside the snapshot", async () => {
    await open();
    const whole = await readFile(snapshotFile);
    const leftover = `${snapshotFile}.99999.0badcafe.tmp`;
    await writeFile(leftover, whole.subarray(0, Math.floor(whole.length / 3)));

    const opened = await open();
    expect(opened.snapshot.state).toBe("loaded");
    await expectSameLibrary(opened.library, await fresh());

    await rm(snapshotFile);
    const written = await open();
    expect(written.snapshot.state).toBe("written");
    await expectGoodSnapshot();
  });

  it("removes at start the temporary files of writers that died, and keeps a live writer's", async () => {
    await open();
    const dir = path.dirname(snapshotFile);
    const host = hostname().replace(/[^A-Za-z0-9-]/g, "-") || "host";
    // A pid that no process has: a kill -9 left this one.
    const dead = `${snapshotFile}.${host}.2147483646.0badcafe.tmp`;
    const live = `${snapshotFile}.${host}.${process.pid}.0badcafe.tmp`;
    const elsewhere = `${snapshotFile}.other-machine.1234.0badcafe.tmp`;
    const abandoned = `${snapshotFile}.other-machine.1235.0badcafe.tmp`;
    for (const file of [dead, live, elsewhere, abandoned]) await writeFile(file, "half a snapshot");
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
    await utimes(dead, minutesAgo(2), minutesAgo(2));
    await utimes(live, minutesAgo(2), minutesAgo(2));
    await utimes(abandoned, minutesAgo(90), minutesAgo(90));

    expect((await open()).snapshot.state).toBe("loaded");
    expect((await readdir(dir)).sort()).toEqual(
      [path.basename(snapshotFile), path.basename(live), path.basename(elsewhere)].sort(),
    );
  });

  it("leaves no temporary file after writing, and the written snapshot reads back", async () => {
    const library = await fresh();
    const key = await currentKey();
    await writeSnapshot(snapshotFile, key, library);
    await writeSnapshot(snapshotFile, key, library);
    expect(await readdir(path.dirname(snapshotFile))).toEqual(["index.json"]);
    const stored = await readSnapshot(snapshotFile, key);
    expect("library" in stored).toBe(true);
    if ("library" in stored) expectSameLibrary(stored.library, library);
    expect(await readSnapshot(snapshotFile, `${key.slice(1)}0`)).toEqual({ reason: "stale" });
    expect(await readSnapshot(path.join(root, "none.json"), key)).toEqual({ reason: "missing" });

    await open();
    expect(await temporaryFiles(path.dirname(snapshotFile))).toEqual([]);
  });

  it("rejects when the directory cannot be created, leaving the previous snapshot intact", async () => {
    await open();
    const before = await readFile(snapshotFile);
    const blocker = path.join(root, "blocker");
    await writeFile(blocker, "a regular file, not a directory\n");

    const library = await fresh();
    await expect(
      writeSnapshot(path.join(blocker, "cache", "index.json"), await currentKey(), library),
    ).rejects.toThrow();
    expect(await readFile(blocker, "utf8")).toBe("a regular file, not a directory\n");
    expect(await readFile(snapshotFile)).toEqual(before);
    expect((await open()).snapshot.state).toBe("loaded");
  });

  it("rejects a write that fails over an existing snapshot, leaving it intact and no temporary file", async () => {
    await open();
    const before = await readFile(snapshotFile);
    const library = await fresh();
    // A BigInt cannot be written as JSON: the write fails after the temporary file's name is chosen.
    const unwritable = Library.fromData({
      ...library.data,
      warnings: [{ severity: "warning", file: "x.md", line: 1n as unknown as number, message: "m" }],
    });
    await expect(writeSnapshot(snapshotFile, await currentKey(), unwritable)).rejects.toThrow(/BigInt/);
    expect(await readFile(snapshotFile)).toEqual(before);
    expect(await temporaryFiles(path.dirname(snapshotFile))).toEqual([]);
    expect((await open()).snapshot.state).toBe("loaded");
  });

  it("rejects when the snapshot path is a directory, leaving no temporary file", async () => {
    const target = path.join(root, "cache", "index.json");
    await mkdir(path.join(target, "inside"), { recursive: true });
    await expect(writeSnapshot(target, await currentKey(), await fresh())).rejects.toThrow();
    expect(await temporaryFiles(path.dirname(target))).toEqual([]);
    expect((await stat(target)).isDirectory()).toBe(true);
  });
});

describe("snapshots of another format version", () => {
  it("treats the format 0 fixture as stale and rebuilds it", async () => {
    await mkdir(path.dirname(snapshotFile), { recursive: true });
    await cp(FORMAT_0_FIXTURE, snapshotFile);
    expect(await readSnapshot(snapshotFile, await currentKey())).toEqual({ reason: "stale" });

    const opened = await open();
    expect(opened.snapshot.state).toBe("stale");
    await expectSameLibrary(opened.library, await fresh());
    await expectGoodSnapshot();
  });

  it("never trusts the format 0 fixture, even carrying the current key", async () => {
    const fixture = (await readJson(FORMAT_0_FIXTURE)) as SnapshotJson;
    expect(fixture).toMatchObject({ format: "storydesk-index", version: 0 });
    await mkdir(path.dirname(snapshotFile), { recursive: true });
    await writeFile(snapshotFile, JSON.stringify({ ...fixture, key: await currentKey() }));
    const opened = await open();
    expect(opened.snapshot.state).toBe("stale");
    await expectGoodSnapshot();
  });

  it.each([0, SNAPSHOT_FORMAT_VERSION + 1, String(SNAPSHOT_FORMAT_VERSION), null])(
    "never loads a current snapshot relabelled as version %j",
    async (version) => {
      await open();
      await damage((s) => {
        (s as SnapshotJson).version = version;
      });
      const opened = await open();
      expect(opened.snapshot.state).toBe("stale");
      await expectGoodSnapshot();
    },
  );
});

describe("corpus errors", () => {
  it.each<[string, () => Promise<void>, { file: string; line: number | undefined }[]]>([
    [
      "an invalid date in the article",
      async () => {
        const file = path.join(corpusDir, ARTICLE);
        const text = await readFile(file, "utf8");
        await writeFile(file, text.replace('published: "2025-08"', 'published: "2025-02-30"'));
      },
      [{ file: ARTICLE, line: 6 }],
    ],
    [
      "a new article with two errors",
      async () => {
        await writeFile(
          path.join(corpusDir, "broken.md"),
          "---\nid: Not A Slug\ntitle: A broken article\npublished: 2025-13-01\n---\n\nSome text.\n",
        );
      },
      [
        { file: "broken.md", line: 2 },
        { file: "broken.md", line: 4 },
      ],
    ],
  ])(
    "throws a CorpusError for %s even with a snapshot of the good corpus",
    async (_name, breakCorpus, expected) => {
      await open();
      const before = await readFile(snapshotFile);
      const modified = (await stat(snapshotFile)).mtimeMs;
      await breakCorpus();

      const error = await corpusErrorOf(open());
      expect(errorsOf(error.diagnostics)).toEqual(expect.arrayContaining(expected));
      const first = error.diagnostics.find((d) => d.severity === "error");
      expect(error.message).toContain(`${first?.file}:${first?.line}`);
      expect(await readFile(snapshotFile)).toEqual(before);
      expect((await stat(snapshotFile)).mtimeMs).toBe(modified);
    },
  );

  it("lists every error of the corpus", async () => {
    await writeFile(
      path.join(corpusDir, "broken.md"),
      "---\nid: Not A Slug\ntitle: A broken article\npublished: 2025-13-01\n---\n\nSome text.\n",
    );
    const error = await corpusErrorOf(open({ snapshotFile: null }));
    expect(errorsOf(error.diagnostics)).toEqual([
      { file: "broken.md", line: 2 },
      { file: "broken.md", line: 4 },
    ]);
    expect(error.message).toContain("2 errors");
  });

  it("serves the previous snapshot again once the error is fixed", async () => {
    await open();
    const broken = path.join(corpusDir, "broken.md");
    await writeFile(broken, "---\nid: broken\ntitle: Broken\npublished: yesterday\n---\n\nText.\n");
    await corpusErrorOf(open());
    await rm(broken);
    expect((await open()).snapshot.state).toBe("loaded");
  });

  it.each([
    ["a file", "outside.md", async (target: string) => writeFile(target, "---\nid: outside\n---\n")],
    ["a directory", "outside-dir", async (target: string) => mkdir(target)],
  ])(
    "refuses a symbolic link to %s outside the corpus, even with a matching snapshot",
    async (_kind, name, make) => {
      const outside = path.join(root, name);
      await make(outside);
      await open();
      const before = await readFile(snapshotFile);
      await symlink(outside, path.join(corpusDir, name));
      // The link is left out of the corpus's fingerprint, so the snapshot's key still matches.
      expect((await readJson(snapshotFile)).key).toBe(await currentKey());

      const error = await corpusErrorOf(open());
      expect(error.diagnostics).toContainEqual({
        severity: "error",
        file: name,
        message: expect.stringMatching(/outside the corpus directory/),
      });
      expect(await readFile(snapshotFile)).toEqual(before);
    },
  );
});

describe("disabled and unwritable snapshots", () => {
  it("neither reads nor writes a snapshot when snapshotFile is null", async () => {
    const opened = await open({ snapshotFile: null });
    expect(opened.snapshot).toEqual({ state: "disabled", file: null });
    expect(existsSync(path.dirname(snapshotFile))).toBe(false);
    expect(existsSync(defaultSnapshotFile(corpusDir))).toBe(false);
    expect((await opened.library.ask(QUESTIONS[0] as string)).answered).toBe(true);

    await open();
    await writeFile(snapshotFile, "garbage");
    expect((await open({ snapshotFile: null })).snapshot.state).toBe("disabled");
    expect(await readFile(snapshotFile, "utf8")).toBe("garbage");
  });

  it("still serves the library when the snapshot cannot be saved", async () => {
    const blocker = path.join(root, "blocker");
    await writeFile(blocker, "not a directory\n");
    const file = path.join(blocker, "cache", "index.json");
    for (let i = 0; i < 2; i++) {
      const opened = await open({ snapshotFile: file });
      expect(opened.snapshot.state).toBe("not-written");
      expect(opened.snapshot.file).toBe(file);
      expect(opened.snapshot.saveError).toMatch(/ENOTDIR|not a directory/);
      await expectSameLibrary(opened.library, await fresh());
    }
    expect(await readFile(blocker, "utf8")).toBe("not a directory\n");
  });
});

describe("warnings", () => {
  const notes = () => path.join(corpusDir, "notes.txt");
  const mentionsNotes = (warnings: readonly Diagnostic[]) =>
    warnings.filter((d) => d.file === "notes.txt").length;

  it("reports a warning once, whether the library was built or loaded", async () => {
    await writeFile(notes(), "moderator notes\n");
    const written = await open();
    expect(mentionsNotes(written.warnings)).toBe(1);
    const loaded = await open();
    expect(loaded.snapshot.state).toBe("loaded");
    expect(loaded.warnings).toEqual(written.warnings);
  });

  it("reports the warnings of the corpus as it is now, not as it was when the snapshot was written", async () => {
    await writeFile(notes(), "moderator notes\n");
    await open();
    await rm(notes());
    const loaded = await open();
    expect(loaded.snapshot.state).toBe("loaded");
    expect(mentionsNotes(loaded.warnings)).toBe(0);

    await writeFile(notes(), "moderator notes\n");
    expect(mentionsNotes((await open()).warnings)).toBe(1);
  });
});
