import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Storydesk } from "../../../src/core/serving/storydesk.ts";
import { articleFile, tempDirs } from "../../support/temp-corpus.ts";

/**
 * Moderators' changes through the core, on real files and a real git history: previews that write
 * nothing, changes applied one at a time and each recorded, rollbacks to any version, and the
 * corpus served never left behind the files on disk.
 */

const VALDORIA = path.resolve("tests/fixtures/corpora/valdoria");
const dirs = tempDirs("edits");
const MOD = { name: "mod", id: "100000000000000010" };
const OTHER = { name: "other", id: "100000000000000011" };

let corpusDir: string;
let historyDir: string;
let storydesk: Storydesk;

function article(id: string, text = `Dockworkers at ${id} walked out on Monday.`): string {
  return articleFile(
    [`id: ${id}`, `title: "Strike at ${id}"`, "published: 2025-09-14", "outlet: Example News"],
    `${text}\n\nThe union said so.\n`,
  );
}

async function files(): Promise<string[]> {
  return (await readdir(corpusDir)).filter((f) => !f.startsWith(".")).sort();
}

beforeEach(async () => {
  const root = await dirs.empty();
  corpusDir = path.join(root, "corpus");
  historyDir = path.join(root, "history");
  await cp(VALDORIA, corpusDir, { recursive: true });
  storydesk = await Storydesk.open({ corpusDir, snapshotFile: null, historyDir });
});

afterEach(async () => {
  await storydesk.close();
  await dirs.cleanup();
});

function edits() {
  if (!storydesk.edits) throw new Error("a Storydesk with a history has edits");
  return storydesk.edits;
}

describe("corpus changes", () => {
  it("records the corpus as found at start, once", async () => {
    const [start, ...rest] = await storydesk.changes();
    expect(rest).toEqual([]);
    expect(start).toMatchObject({
      kind: "start",
      version: storydesk.library.version,
      author: { name: "storydesk" },
    });
    expect(start?.added).toEqual(expect.arrayContaining(["entities.yaml", "hollin-arrests.md"]));
    await storydesk.close();
    storydesk = await Storydesk.open({ corpusDir, snapshotFile: null, historyDir });
    expect(await storydesk.changes()).toHaveLength(1);
  });

  it("previews an addition without writing it, then adds, serves and records it", async () => {
    const before = await files();
    const preview = await edits().previewAddition(article("port-strike"));
    expect(preview).toMatchObject({
      file: "port-strike.md",
      errors: [],
      article: {
        id: "port-strike",
        title: "Strike at port-strike",
        published: "2025-09-14",
        outlet: "Example News",
        paragraphs: 2,
      },
    });
    expect(await files()).toEqual(before);

    const applied = await edits().add(article("port-strike"), MOD);
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    expect(applied.refresh.added).toEqual(["port-strike"]);
    expect(applied.change).toMatchObject({
      kind: "add",
      added: ["port-strike.md"],
      author: MOD,
      version: storydesk.library.version,
    });
    expect(await files()).toContain("port-strike.md");
    expect((await storydesk.ask("who walked out at port-strike?")).answered).toBe(true);
    expect((await storydesk.changes()).map((c) => c.kind)).toEqual(["add", "start"]);
  });

  it("refuses an article with errors, or whose id is taken, saying why and writing nothing", async () => {
    const broken = await edits().previewAddition(
      articleFile(["id: Bad Id", "title: T", "published: 2025-02-30"]),
    );
    expect(broken.errors.map((d) => d.message).join("\n")).toMatch(
      /`id` must be a slug[\s\S]*`published` must be a real date/,
    );
    const taken = await edits().previewAddition(article("hollin-arrests"));
    expect(taken.errors[0]?.message).toMatch(/already has a file hollin-arrests\.md/);
    const applied = await edits().add(article("hollin-arrests"), MOD);
    expect(applied.ok).toBe(false);
    expect(await storydesk.changes()).toHaveLength(1);
  });

  it("refuses to remove an article entities.yaml quotes, and removes one it does not", async () => {
    const cited = await edits().previewRemoval("valdoria-designates-hacker-groups");
    expect(cited?.errors.some((d) => d.file === "entities.yaml")).toBe(true);
    expect((await edits().remove("valdoria-designates-hacker-groups", MOD))?.ok).toBe(false);

    await edits().add(article("port-strike"), MOD);
    const removal = await edits().previewRemoval("port-strike");
    expect(removal).toMatchObject({
      file: "port-strike.md",
      errors: [],
      article: { title: "Strike at port-strike" },
    });
    const removed = await edits().remove("port-strike", MOD);
    expect(removed).toMatchObject({ ok: true, change: { kind: "remove", removed: ["port-strike.md"] } });
    expect(await files()).not.toContain("port-strike.md");
    expect(await edits().previewRemoval("no-such-article")).toBeUndefined();
  });

  it("rolls back to any recorded version, by commit or by corpus version, as one more version", async () => {
    const first = storydesk.library.version;
    await edits().add(article("port-strike"), MOD);
    await edits().add(article("dock-talks"), OTHER);
    const preview = await edits().previewRollback(first);
    expect(preview).toMatchObject({
      removed: ["dock-talks.md", "port-strike.md"],
      added: [],
      changed: [],
      errors: [],
    });
    const rolled = await edits().rollback(first, MOD);
    expect(rolled).toMatchObject({ ok: true, change: { kind: "rollback", restored: first } });
    expect(storydesk.library.version).toBe(first);
    expect(await files()).not.toContain("port-strike.md");

    // Nothing is lost: the version with both articles can be restored in turn, by its commit id.
    const both = (await storydesk.changes()).find(
      (c) => c.kind === "add" && c.added.includes("dock-talks.md"),
    );
    await edits().rollback(both?.commit.slice(0, 10) ?? "", MOD);
    expect(await files()).toEqual(expect.arrayContaining(["dock-talks.md", "port-strike.md"]));
    expect(await edits().previewRollback("0000000")).toBeUndefined();
  });

  it("serialises two moderators' changes made at the same moment, and records both", async () => {
    const [a, b] = await Promise.all([
      edits().add(article("port-strike"), MOD),
      edits().add(article("dock-talks"), OTHER),
    ]);
    expect(a?.ok && b?.ok).toBe(true);
    const changes = await storydesk.changes();
    expect(
      changes
        .filter((c) => c.kind === "add")
        .map((c) => c.author.name)
        .sort(),
    ).toEqual(["mod", "other"]);
    expect(storydesk.library.stats.documents).toBe(5);
  });

  it("records edits made on disk when a refresh picks them up, and nothing when nothing changed", async () => {
    await writeFile(path.join(corpusDir, "dock-talks.md"), article("dock-talks"));
    const refreshed = await storydesk.refresh(MOD);
    expect(refreshed).toMatchObject({
      ok: true,
      recorded: { kind: "refresh", added: ["dock-talks.md"], author: MOD },
    });
    const again = await storydesk.refresh(MOD);
    expect(again.ok && again.recorded).toBe(undefined);
  });

  it("refuses a change while an edit on disk breaks the corpus, and writes nothing", async () => {
    await edits().add(article("port-strike"), MOD);
    const version = storydesk.library.version;
    // An edit on disk that breaks the corpus: the next change's rebuild fails, and is undone.
    await writeFile(
      path.join(corpusDir, "broken.md"),
      articleFile(["id: broken", "title: T", "published: 2025-02-30"]),
    );
    const refused = await edits().add(article("dock-talks"), OTHER);
    expect(refused.ok).toBe(false);
    expect(await files()).not.toContain("dock-talks.md");
    expect(storydesk.library.version).toBe(version);
    await rm(path.join(corpusDir, "broken.md"));
    expect(await readFile(path.join(corpusDir, "port-strike.md"), "utf8")).toBe(article("port-strike"));
  });
});
