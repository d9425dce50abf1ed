import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPublication } from "../../../src/core/serving/publication.ts";
import { Storydesk } from "../../../src/core/serving/storydesk.ts";

const SEED = "sheinbaum-rejects-us-military-action.md";
const EXTRA = `---
id: extra-article
title: Second report on the cartels
published: 2025-09-01
---

Officials in Sinaloa reported new arrests of cartel financiers in September.
`;

let dir: string;
let corpusDir: string;
let storydesk: Storydesk;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-service-"));
  corpusDir = path.join(dir, "corpus");
  await cp("corpus", corpusDir, { recursive: true });
  storydesk = await Storydesk.open({ corpusDir, snapshotFile: path.join(dir, "snapshot.json") });
});

afterEach(async () => {
  await storydesk.close();
  await rm(dir, { recursive: true, force: true });
});

describe("Storydesk refresh", () => {
  it("swaps in the new corpus and reports what was added, changed and removed", async () => {
    const before = storydesk.status().counts;
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const seed = path.join(corpusDir, SEED);
    await writeFile(
      seed,
      (await readFile(seed, "utf8")).replace("26 top cartel figures were", "26 senior cartel figures were"),
    );
    const result = await storydesk.refresh("mod (1)");
    if (!result.ok) throw new Error("refresh failed");
    expect(result.added).toEqual(["extra-article"]);
    expect(result.changed).toEqual(["sheinbaum-rejects-us-military-action"]);
    expect(result.removed).toEqual([]);
    expect(result.before).toEqual(before);
    expect(result.after.documents).toBe(before.documents + 1);
    expect(result.after.version).not.toBe(before.version);
    expect((await storydesk.ask("Who arrested cartel financiers?")).answered).toBe(true);
    expect(storydesk.status().lastRefresh).toMatchObject({ by: "mod (1)", ok: true });

    await rm(path.join(corpusDir, "extra.md"));
    const again = await storydesk.refresh("mod (1)");
    expect(again.ok && again.removed).toEqual(["extra-article"]);
  });

  it("refreshes again after a broken corpus, a missing directory and close(), which a later refresh survives", async () => {
    await writeFile(path.join(corpusDir, "broken.md"), "---\ntitle: [unclosed\n---\nText.\n");
    expect((await storydesk.refresh("mod")).ok).toBe(false);
    await rm(path.join(corpusDir, "broken.md"));
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const fixed = await storydesk.refresh("mod");
    expect(fixed.ok && fixed.added).toEqual(["extra-article"]);

    // The corpus directory gone: the thread reports it and stays usable.
    await rm(corpusDir, { recursive: true });
    expect((await storydesk.refresh("mod")).ok).toBe(false);
    await cp("corpus", corpusDir, { recursive: true });

    await storydesk.close();
    const reopened = await storydesk.refresh("mod");
    expect(reopened.ok && reopened.removed).toEqual(["extra-article"]);
    expect((await storydesk.ask("Will Mexico let U.S. troops in?")).answered).toBe(true);
  });

  it("keeps serving the old corpus when the new one has errors, and lists them", async () => {
    const version = storydesk.library.version;
    await writeFile(
      path.join(corpusDir, "broken.md"),
      "---\nid: broken\ntitle: Broken\npublished: 2025-13-40\n---\n\nText.\n",
    );
    const result = await storydesk.refresh("mod (1)");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((d) => `${d.file}:${d.line}`)).toEqual(["broken.md:4"]);
    expect(result.serving.version).toBe(version);
    expect(storydesk.library.version).toBe(version);
    expect((await storydesk.ask("Who is Anna Kelly?")).answered).toBe(true);
    expect(storydesk.status().lastRefresh).toMatchObject({ ok: false });
  });

  it("coalesces concurrent refreshes into one run", async () => {
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const [first, second, third] = await Promise.all([
      storydesk.refresh("a (1)"),
      storydesk.refresh("b (2)"),
      storydesk.refresh("c (3)"),
    ]);
    expect([first.joined, second.joined, third.joined]).toEqual([false, true, true]);
    expect(second.ok && second.added).toEqual(["extra-article"]);
    expect(third.milliseconds).toBe(first.milliseconds);
    expect(storydesk.status().lastRefresh?.by).toBe("a (1)");
    // Once it is over, the next refresh runs anew (and finds nothing new).
    const next = await storydesk.refresh("d (4)");
    expect(next.joined).toBe(false);
    expect(next.ok && [...next.added, ...next.changed, ...next.removed]).toEqual([]);
  });

  it("keeps serving when the corpus directory disappears", async () => {
    await rm(corpusDir, { recursive: true });
    const result = await storydesk.refresh("mod (1)");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/cannot read the corpus directory/);
    expect((await storydesk.ask("Who is Anna Kelly?")).answered).toBe(true);
  });
});

describe("Storydesk snapshot state", () => {
  it("says the snapshot was not written, and why, when its directory cannot be made", async () => {
    const blocker = path.join(dir, "blocker");
    await writeFile(blocker, "a file where the snapshot directory should be\n");
    const unwritable = await Storydesk.open({
      corpusDir,
      snapshotFile: path.join(blocker, "cache", "index.snapshot"),
    });
    try {
      expect(unwritable.status().snapshot).toMatchObject({
        state: "not-written",
        error: expect.stringMatching(/ENOTDIR|not a directory/),
      });
      await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
      const result = await unwritable.refresh("moderator");
      expect(result).toMatchObject({
        ok: true,
        snapshot: "not-written",
        snapshotError: expect.stringMatching(/blocker is not a directory/),
      });
      expect((await unwritable.ask("who reported arrests of cartel financiers?")).answered).toBe(true);
    } finally {
      await unwritable.close();
    }
  });
});

describe("Storydesk publication: processes sharing a snapshot follow one build", () => {
  let follower: Storydesk;

  beforeEach(async () => {
    follower = await Storydesk.open({ corpusDir, snapshotFile: path.join(dir, "snapshot.json") });
  });

  afterEach(async () => {
    await follower.close();
  });

  it("serves the version another process built, loading its snapshot", async () => {
    expect(await follower.adoptPublished()).toMatchObject({ ok: true, changed: false });
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const built = await storydesk.refresh("mod (1)");
    if (!built.ok) throw new Error("refresh failed");
    expect(built.published).toBe(true);

    const adopted = await follower.adoptPublished();
    expect(adopted).toMatchObject({ ok: true, changed: true, version: built.after.version });
    expect(follower.status().snapshot.state).toBe("loaded");
    expect(follower.status().lastRefresh).toMatchObject({ by: "mod (1)", ok: true });
    expect((await follower.ask("Who arrested cartel financiers?")).answered).toBe(true);
    expect(await follower.adoptPublished()).toMatchObject({ ok: true, changed: false });
  });

  it("publishes the version it opened, so that a publication older than the files is not followed", async () => {
    const published = await readPublication(path.join(dir, "snapshot.json"));
    expect(published?.version).toBe(follower.library.version);
    expect(published?.by).toBe("storydesk (start)");
  });

  it("refreshes while it loads a publication: one build at a time, the refresh's library standing", async () => {
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const built = await storydesk.refresh("mod");
    if (!built.ok) throw new Error("refresh failed");
    await writeFile(path.join(corpusDir, "later.md"), EXTRA.replace("extra-article", "later-article"));
    const [adopted, refreshed] = await Promise.all([follower.adoptPublished(), follower.refresh("mod (2)")]);
    if (!refreshed.ok) throw new Error("the follower's refresh failed");
    expect(refreshed.after.documents).toBe(built.after.documents + 1);
    expect(adopted.ok ? adopted.changed : false).toBe(false);
    expect(follower.library.version).toBe(refreshed.after.version);
  });

  it("never builds: keeps its version and says why when the snapshot does not match the files", async () => {
    const before = follower.library.version;
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    const built = await storydesk.refresh("mod");
    if (!built.ok) throw new Error("refresh failed");
    // The files change again after the build: the published snapshot no longer matches them.
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA.replace("September", "October"));
    const adopted = await follower.adoptPublished();
    expect(adopted).toEqual({
      ok: false,
      version: before,
      reason: `the snapshot of ${built.after.version} is stale`,
    });
    expect(follower.library.version).toBe(before);
    // Acted on once: the same publication is not loaded again at every poll, even once it would load.
    await writeFile(path.join(corpusDir, "extra.md"), EXTRA);
    expect(await follower.adoptPublished()).toEqual(adopted);
    expect(follower.library.version).toBe(before);
  });
});
