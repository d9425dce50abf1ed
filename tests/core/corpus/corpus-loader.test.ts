import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/core/corpus/diagnostics.ts";
import { CorpusError } from "../../../src/core/corpus/diagnostics.ts";
import { loadCorpus, scanCorpus } from "../../../src/core/corpus/load.ts";
import { parseCorpus } from "../../../src/core/corpus/parse.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { articleFile, type CorpusFiles, minimalArticle, tempDirs } from "../../support/temp-corpus.ts";

const dirs = tempDirs("loader");
afterEach(dirs.cleanup);

async function load(files: CorpusFiles, options: { maxFileBytes?: number } = {}) {
  return loadCorpus(await dirs.make(files), options);
}

/** What a diagnostic must be: its message is matched on the phrase that says what is wrong. */
function diag(severity: Diagnostic["severity"], file: string, line: number | undefined, message: RegExp) {
  const base = { severity, file, message: expect.stringMatching(message) };
  return line === undefined ? base : { ...base, line };
}

const errorsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === "error");

describe("a valid article", () => {
  it("is read with every field, its paragraphs, key points and sources, and their lines", async () => {
    const corpus = await load({
      "port-strike.md": articleFile(
        [
          "id: port-strike", // 2
          'title: "Dockworkers   walk out"', // 3
          "url: https://news.example/port-strike", // 4
          "published: 2025-03-05", // 5
          "outlet: Harbour Gazette", // 6
          "sources:", // 7
          "  - Ministry of Labour statement", // 8
          "  - title: Union press release", // 9
          "    url: https://union.example/release", // 10
          "key_points:", // 11
          "  - Workers want higher wages.", // 12
        ],
        "Dockworkers walked out\non Monday.\n\nThe union said the strike would last a week.\n", // 15, 18
      ),
    });
    expect(corpus.diagnostics).toEqual([]);
    expect(corpus.articles).toHaveLength(1);
    const [article] = corpus.articles;
    expect(article).toMatchObject({
      id: "port-strike",
      title: "Dockworkers walk out",
      url: "https://news.example/port-strike",
      published: "2025-03-05",
      outlet: "Harbour Gazette",
      file: "port-strike.md",
    });
    expect(article?.blocks).toEqual([
      { kind: "paragraph", number: 1, text: "Dockworkers walked out on Monday.", line: 15 },
      { kind: "paragraph", number: 2, text: "The union said the strike would last a week.", line: 18 },
      { kind: "key-point", number: 1, text: "Workers want higher wages.", line: 12 },
      { kind: "source", number: 1, text: "Ministry of Labour statement", line: 8 },
      { kind: "source", number: 2, text: "Union press release", line: 9 },
    ]);
  });
});

describe("article errors", () => {
  it("reports an id used twice, at the line of the second file's `id:`, and keeps the first article", async () => {
    const corpus = await load({
      "a.md": minimalArticle("same"),
      "b.md": articleFile(["title: Second", "published: 2025-08-09", "id: same"]),
      "sub/c.md": minimalArticle("same"),
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "b.md", 4, /id `same` is already used by a\.md/),
      diag("error", "sub/c.md", 2, /id `same` is already used by a\.md/),
    ]);
    expect(corpus.articles.map((a) => a.file)).toEqual(["a.md"]);
  });

  it.each([
    ["id", ["title: T", "published: 2025-08-09"]],
    ["title", ["id: a", "published: 2025-08-09"]],
    ["published", ["id: a", "title: T"]],
  ])("reports a missing `%s`", async (field, frontMatter) => {
    const corpus = await load({ "a.md": articleFile(frontMatter) });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "a.md", 2, new RegExp(`^\`${field}\` is missing`)),
    ]);
    expect(corpus.articles).toEqual([]);
  });

  it.each<[string, string[], number, RegExp]>([
    ["an empty title", ["id: a", 'title: "  "', "published: 2025-08-09"], 3, /`title` must not be empty/],
    [
      "an id that is not a slug, quoting it",
      ["title: T", "id: Port Strike", "published: 2025-08-09"],
      3,
      /`id` must be a slug.*\(got "Port Strike"\)/,
    ],
    [
      "a date YAML reads as a number",
      ["id: a", "title: T", "published: 2025"],
      4,
      /`published` must be a .*date/,
    ],
    [
      "a bad url of a source",
      [
        "id: a",
        "title: T",
        "published: 2025-08-09",
        "sources:",
        "  - title: Court filing",
        "    url: ftp://f.example/x.pdf",
      ],
      7,
      /`sources\[1\]\.url` must be an absolute http\(s\) link/,
    ],
    [
      "invalid YAML (an unclosed bracket)",
      [
        "id: a",
        "title: T",
        "published: 2025-08-09",
        "sources: [Ministry statement, Union release",
        "key_points: []",
      ],
      5,
      /invalid YAML/,
    ],
    [
      "an unclosed bracket on the last line of the front matter",
      ["id: a", "title: T", "sources: [one, two"],
      4,
      /invalid YAML/,
    ],
    [
      "a key given twice, at its second occurrence",
      ["id: a", "title: T", "published: 2025-08-09", "title: U"],
      5,
      /a key is given twice/,
    ],
    ["front matter that is not `key: value` lines", ["- id", "- title"], 2, /must be `key: value` lines/],
    [
      "an alias bomb (aliases expanding a few lines into millions of values)",
      [
        "id: a",
        "title: T",
        "published: 2025-08-09",
        'x0: &x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        "x1: &x1 [*x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0]",
        "x2: &x2 [*x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1]",
        "x3: &x3 [*x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2]",
      ],
      6,
      /the YAML cannot be expanded \(Excessive alias count.*write the values out/,
    ],
  ])("reports %s at its line, and reads no article", async (_name, front, line, message) => {
    const corpus = await load({ "a.md": articleFile(front) });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", line, message)]);
    expect(corpus.articles).toEqual([]);
  });

  it("reports an article with front matter only, at the line after it", async () => {
    const corpus = await load({ "a.md": articleFile(["id: a", "title: T", "published: 2025-08-09"], "") });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 6, /the article has no text/)]);
    expect(corpus.articles).toEqual([]);
  });

  it("counts a body of headings only as no text", async () => {
    const corpus = await load({
      "a.md": articleFile(["id: a", "title: T", "published: 2025-08-09"], "# A heading\n\n## Another\n"),
    });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 6, /the article has no text/)]);
  });

  it.each([
    "09/08/2025",
    "2025-02-30",
    "2023-02-29",
    "2025-13",
    "2025-00-10",
    "2025-8-9",
    "2025-08-09T10:00",
    "August 2025",
  ])("rejects the date %j at its line, quoting it", async (value) => {
    const corpus = await load({
      "a.md": articleFile(["id: a", "title: T", "url: https://news.example/a", `published: "${value}"`]),
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "a.md", 5, /`published` must be a real date written YYYY-MM-DD \(or YYYY-MM/),
    ]);
    expect(corpus.diagnostics[0]?.message).toContain(`(got ${JSON.stringify(value)})`);
    expect(corpus.articles).toEqual([]);
  });

  it.each(["2025-08", "2025-08-09", "2024-02-29", "2025-12-31"])(
    "accepts the date %s, quoted or not",
    async (value) => {
      const corpus = await load({
        "a.md": articleFile(["id: a", "title: T", `published: ${value}`]),
        "b.md": articleFile(["id: b", "title: T", `published: "${value}"`]),
      });
      expect(corpus.diagnostics).toEqual([]);
      expect(corpus.articles.map((a) => a.published)).toEqual([value, value]);
    },
  );

  it.each([
    "ftp://news.example/story",
    "/news/story",
    "news/story.html",
    "not a url",
    "javascript:alert(1)",
    "mailto:desk@news.example",
  ])("rejects the url %j at its line", async (value) => {
    const corpus = await load({
      "a.md": articleFile(["id: a", "title: T", "published: 2025-08-09", `url: "${value}"`]),
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "a.md", 5, /`url` must be an absolute http\(s\) link/),
    ]);
    expect(corpus.diagnostics[0]?.message).toContain(`(got ${JSON.stringify(value)})`);
  });

  it.each(["https://news.example/story?id=4#top", "http://news.example/story"])(
    "accepts the url %s",
    async (url) => {
      const corpus = await load({
        "a.md": articleFile(["id: a", "title: T", "published: 2025-08-09", `url: ${url}`]),
      });
      expect(corpus.diagnostics).toEqual([]);
      expect(corpus.articles[0]?.url).toBe(url);
    },
  );

  it("reports a file without front matter at line 1", async () => {
    const corpus = await load({ "a.md": "Dockworkers walked out on Monday.\n\nThe union said so.\n" });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 1, /no front matter/)]);
  });

  it("reports front matter that is never closed, saying how to close it", async () => {
    const corpus = await load({ "a.md": "---\nid: a\ntitle: T\npublished: 2025-08-09\n\nText.\n" });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "a.md", 1, /front matter is never closed: add a line `---`/),
    ]);
  });

  it("warns of an unknown front-matter field, naming it at its line, and still reads the article", async () => {
    const corpus = await load({
      "a.md": articleFile(["id: a", "title: T", "author: Jane Roe", "published: 2025-08-09"]),
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("warning", "a.md", 4, /unknown field `author` is ignored/),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["a"]);
  });

  it.each<[string, string[], number, RegExp]>([
    [
      "a source",
      ["id: a", "title: T", "published: 2025-08-09", "sources:", "  - title: Ballot", "    date: 2025-08-01"],
      7,
      /unknown field `date` in source 1 is ignored \(known: title, url\)/,
    ],
    [
      "a source holding the key points (a list indented too far)",
      [
        "id: a",
        "title: T",
        "published: 2025-08-09",
        "sources:",
        "  - title: Ballot",
        "    key_points:",
        "      - The strike ended.",
      ],
      7,
      /unknown field `key_points` in source 1 is ignored/,
    ],
    [
      "a key point",
      [
        "id: a",
        "title: T",
        "published: 2025-08-09",
        "key_points:",
        "  - text: The strike ended.",
        "    source: 2",
      ],
      7,
      /unknown field `source` in key point 1 is ignored \(known: text\)/,
    ],
  ])(
    "warns of an unknown field in %s at its line, and still reads the article",
    async (_name, front, line, message) => {
      const corpus = await load({ "a.md": articleFile(front) });
      expect(corpus.diagnostics).toStrictEqual([diag("warning", "a.md", line, message)]);
      expect(corpus.articles.map((a) => a.id)).toEqual(["a"]);
    },
  );

  it("reads a key point written as `text:`", async () => {
    const corpus = await load({
      "a.md": articleFile([
        "id: a",
        "title: T",
        "published: 2025-08-09",
        "key_points:",
        "  - text: The strike ended.",
      ]),
    });
    expect(corpus.diagnostics).toEqual([]);
    expect(
      corpus.articles[0]?.blocks.filter((b) => b.kind === "key-point").map((b) => [b.text, b.line]),
    ).toEqual([["The strike ended.", 6]]);
  });

  it("takes empty optional fields as absent: url, outlet, a source's url, empty lists", async () => {
    const corpus = await load({
      "a.md": articleFile([
        "id: a",
        "title: T",
        "url:",
        'outlet: ""',
        "published: 2025-08-09",
        "sources:",
        "  - title: Ballot",
        "    url:",
        "key_points:",
      ]),
    });
    expect(corpus.diagnostics).toEqual([]);
    const [article] = corpus.articles;
    expect(article?.url).toBeUndefined();
    expect(article?.outlet).toBeUndefined();
    expect(article?.blocks.filter((b) => b.kind !== "paragraph").map((b) => [b.kind, b.text])).toEqual([
      ["source", "Ballot"],
    ]);
  });

  it("warns of a block that is not text (a code block) at its line", async () => {
    const corpus = await load({
      "a.md": articleFile(["id: a", "title: T", "published: 2025-08-09"], "Text.\n\n```\nlet x = 1;\n```\n"),
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("warning", "a.md", 9, /a code block is not part of the article's text/),
    ]);
    expect(corpus.articles[0]?.blocks.map((b) => b.text)).toEqual(["Text."]);
  });
});

describe("encoding", () => {
  const head = articleFile(["id: a", "title: T", "published: 2025-08-09"], "First paragraph.\n\nSecond ");

  it("reports bytes that are not UTF-8 at the line of the first bad byte", async () => {
    const bytes = Buffer.concat([
      Buffer.from(head),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(" paragraph.\n\nThird \xff\n"),
    ]);
    const corpus = await load({ "a.md": bytes });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 9, /not valid UTF-8/)]);
    expect(corpus.articles).toEqual([]);
  });

  it("reports a file saved as Latin-1", async () => {
    const latin1 = Buffer.from(
      articleFile(
        ["id: a", "title: T", "published: 2025-08-09"],
        "Plain line.\n\nCartel de Jalisco Nueva Generación.\n",
      ),
      "latin1",
    );
    const corpus = await load({ "a.md": latin1 });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 9, /not valid UTF-8/)]);
  });

  it("is not misled by a genuine replacement character before the first bad byte", async () => {
    const text = articleFile(
      ["id: a", "title: Broken \uFFFD glyph", "published: 2025-08-09"],
      "First paragraph.\n\nSecond ",
    );
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    const corpus = await load({ "a.md": bytes });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 9, /not valid UTF-8/)]);
  });

  it("counts lines right in a file with a byte-order mark", async () => {
    const bytes = Buffer.concat([Buffer.from(`\uFEFF${head}`), Buffer.from([0xe2, 0x82]), Buffer.from("\n")]);
    const corpus = await load({ "a.md": bytes });
    expect(corpus.diagnostics).toStrictEqual([diag("error", "a.md", 9, /not valid UTF-8/)]);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const corpus = await load({ "a.md": `\uFEFF${minimalArticle("bom", "Généración — “quoted”.\n")}` });
    expect(corpus.diagnostics).toEqual([]);
    expect(corpus.articles[0]).toMatchObject({ id: "bom", title: "Article bom" });
    expect(corpus.articles[0]?.blocks[0]?.text).toBe("Généración — “quoted”.");
  });
});

describe("the corpus directory", () => {
  it("reports a file over the size limit, naming its size and the limit, and reads one at the limit", async () => {
    const limit = 160;
    const header = articleFile(["id: exact", "title: T", "published: 2025-08-09"], "");
    const exact = `${header}${"A".repeat(limit - header.length - 2)}.\n`;
    const big = minimalArticle("big", `${"Many words. ".repeat(20)}\n`);
    expect(Buffer.byteLength(exact)).toBe(limit);
    const corpus = await load({ "big.md": big, "exact.md": exact }, { maxFileBytes: limit });
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "error",
        "big.md",
        undefined,
        new RegExp(`is ${Buffer.byteLength(big)} bytes, over the limit of ${limit}`),
      ),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["exact"]);
  });

  it("reports a symbolic link leading outside the directory and does not read it", async () => {
    const outside = await dirs.make({
      "secret.md": minimalArticle("secret"),
      "folder/x.md": minimalArticle("x"),
    });
    const dir = await dirs.make({ "a.md": minimalArticle("a") });
    await symlink(path.join(outside, "secret.md"), path.join(dir, "leak.md"));
    await symlink(path.join(outside, "folder"), path.join(dir, "folder"));
    const corpus = await loadCorpus(dir);
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "folder", undefined, /leads outside the corpus directory/),
      diag("error", "leak.md", undefined, /leads outside the corpus directory/),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["a"]);
  });

  it("reports a symbolic link pointing at nothing", async () => {
    const dir = await dirs.make({ "a.md": minimalArticle("a") });
    await symlink(path.join(dir, "gone.md"), path.join(dir, "dangling.md"));
    const corpus = await loadCorpus(dir);
    expect(corpus.diagnostics).toStrictEqual([diag("error", "dangling.md", undefined, /points at nothing/)]);
  });

  it("follows symbolic links to a file and to a directory inside it", async () => {
    const dir = await dirs.make({
      "_library/piece.md": minimalArticle("piece"),
      "_archive/2025/old.md": minimalArticle("old"),
    });
    await symlink(path.join("_library", "piece.md"), path.join(dir, "piece.md"));
    await symlink(path.join(dir, "_archive", "2025"), path.join(dir, "latest"));
    const corpus = await loadCorpus(dir);
    expect(corpus.diagnostics).toEqual([]);
    expect(corpus.articles.map((a) => [a.id, a.file])).toEqual([
      ["old", "latest/old.md"],
      ["piece", "piece.md"],
    ]);
  });

  it("ignores, with a warning, a symbolic link to an article that is read directly anyway", async () => {
    const dir = await dirs.make({ "a.md": minimalArticle("a") });
    await symlink("a.md", path.join(dir, "alias.md"));
    const corpus = await loadCorpus(dir);
    expect(corpus.diagnostics).toStrictEqual([
      diag("warning", "alias.md", undefined, /points at a\.md, already read/),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["a"]);
  });

  it("reports a symbolic link back to a directory that contains it instead of reading it again and again", async () => {
    const dir = await dirs.make({ "a.md": minimalArticle("a"), "sub/b.md": minimalArticle("b") });
    await symlink(".", path.join(dir, "loop"));
    await symlink("..", path.join(dir, "sub", "up"));
    const corpus = await loadCorpus(dir);
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "loop", undefined, /leads back to a directory that contains it/),
      diag("error", "sub/up", undefined, /leads back to a directory that contains it/),
    ]);
    expect(corpus.articles.map((a) => a.file)).toEqual(["a.md", "sub/b.md"]);
  });

  it("warns of files that are not articles, without a line, and ignores them", async () => {
    const corpus = await load({
      "a.md": minimalArticle("a"),
      "notes.txt": "not an article",
      "photo.jpg": new Uint8Array([0xff, 0xd8, 0xff]),
      "entities.yml": "entities: []\n",
      "sub/entities.yaml": "entities: [[[\n",
    });
    expect(corpus.diagnostics).toStrictEqual([
      diag("warning", "entities.yml", undefined, /not an article/),
      diag("warning", "notes.txt", undefined, /not an article/),
      diag("warning", "photo.jpg", undefined, /not an article/),
      diag("warning", "sub/entities.yaml", undefined, /not an article/),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["a"]);
  });

  it("ignores files and directories whose names start with _ or .", async () => {
    const corpus = await load({
      "a.md": minimalArticle("a"),
      "_draft.md": "not even front matter",
      ".hidden.md": "---\n[[[\n---\n",
      "_templates/article.md": minimalArticle("a"),
      ".git/config": "[core]\n",
      ".obsidian/workspace.json": "{}",
      "sub/_wip.md": "broken",
      "sub/.DS_Store": new Uint8Array([0, 1, 2]),
      "_entities.yaml": "entities: [[[\n",
    });
    expect(corpus.diagnostics).toEqual([]);
    expect(corpus.articles.map((a) => a.file)).toEqual(["a.md"]);
  });

  it("reads articles in subdirectories, naming them by relative path", async () => {
    const corpus = await load({
      "2025/08/late.md": minimalArticle("late"),
      "2025/03/early.md": minimalArticle("early"),
      "top.md": minimalArticle("top"),
      "2025/08/bad.md": articleFile(["id: bad", "title: T", "published: 2025-02-30"]),
    });
    expect(corpus.articles.map((a) => a.file)).toEqual(["2025/03/early.md", "2025/08/late.md", "top.md"]);
    expect(corpus.diagnostics).toStrictEqual([diag("error", "2025/08/bad.md", 4, /must be a real date/)]);
  });

  it("reports an empty corpus on the directory itself", async () => {
    const corpus = await loadCorpus(await dirs.empty());
    expect(corpus.diagnostics).toStrictEqual([diag("error", ".", undefined, /the corpus has no articles/)]);
  });

  it("reports a corpus of ignored and other files only as empty", async () => {
    const corpus = await load({ "_draft.md": minimalArticle("draft"), "readme.txt": "hello" });
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", ".", undefined, /the corpus has no articles/),
      diag("warning", "readme.txt", undefined, /not an article/),
    ]);
  });

  it("throws a CorpusError naming a missing directory", async () => {
    const missing = path.join(await dirs.empty(), "no-such-corpus");
    const failure = loadCorpus(missing);
    await expect(failure).rejects.toBeInstanceOf(CorpusError);
    await expect(failure).rejects.toThrow(`"${missing}"`);
  });

  it("throws a CorpusError for a file given as the directory", async () => {
    const dir = await dirs.make({ "a.md": minimalArticle("a") });
    const file = path.join(dir, "a.md");
    await expect(loadCorpus(file)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(file)).rejects.toThrow(file);
  });

  it("fingerprints content: equal for equal files, different after an edit", async () => {
    const files = { "a.md": minimalArticle("a"), "entities.yaml": "entities: []\n" };
    const one = await scanCorpus(await dirs.make(files));
    const two = await scanCorpus(await dirs.make(files));
    const edited = await scanCorpus(
      await dirs.make({ ...files, "a.md": minimalArticle("a", "Other text.\n") }),
    );
    const renamed = await scanCorpus(
      await dirs.make({ "b.md": files["a.md"], "entities.yaml": files["entities.yaml"] }),
    );
    expect(one.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(two.fingerprint).toBe(one.fingerprint);
    expect(edited.fingerprint).not.toBe(one.fingerprint);
    expect(renamed.fingerprint).not.toBe(one.fingerprint);
    expect(one.files.map((f) => f.path)).toEqual(["a.md", "entities.yaml"]);
    const parsed = parseCorpus(one);
    expect(parsed.fingerprint).toBe(one.fingerprint);
    expect(parsed.articles.map((a) => a.id)).toEqual(["a"]);
  });
});

describe("the entities file", () => {
  const RAID = articleFile(
    ["id: raid", "title: Valdoria designates a hacker group", "published: 2025-03-14"],
    "The Interior Ministry designated the Red Lantern Collective as a terrorist organisation on 14 March.\n\n" +
      "Officials said the Grey Owl group had not been designated.\n",
  );
  const DECREE = articleFile(
    ["id: decree", "title: The decree", "published: 2025-03-15"],
    "The decree was signed by the Interior Ministry on 14 March and published a week later.\n",
  );
  const withEntities = (...lines: string[]) =>
    load({ "raid.md": RAID, "decree.md": DECREE, "entities.yaml": `${lines.join("\n")}\n` });

  it("accepts designations whose quote, authority and date are in the article, whatever the case and punctuation", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective", // 2
      "    kind: organisation",
      "    aliases: [RLC]",
      "    designations:",
      "      - article: raid",
      "        quote: designated the RED LANTERN collective, as a terrorist   organisation",
      "        as: terrorist organisation",
      "        authority: interior ministry",
      "        date: 14 March",
      "  - name: Interior Ministry", // 11
      "    kind: organisation",
    );
    expect(corpus.diagnostics).toEqual([]);
    expect(corpus.entities).toEqual([
      {
        name: "Red Lantern Collective",
        kind: "organisation",
        aliases: ["RLC"],
        line: 2,
        designations: [
          {
            article: "raid",
            quote: "designated the RED LANTERN collective, as a terrorist   organisation",
            as: "terrorist organisation",
            authority: "interior ministry",
            date: "14 March",
          },
        ],
      },
      { name: "Interior Ministry", kind: "organisation", aliases: [], designations: [], line: 11 },
    ]);
  });

  it("reports a designation citing an unknown article at its `article:` line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid-on-port-esker", // 5
      "        quote: designated the Red Lantern Collective",
      "        as: terrorist organisation",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 5, /cites article `raid-on-port-esker`, which is not in the corpus/),
    ]);
    expect(corpus.entities[0]?.designations).toEqual([]);
  });

  it("reports a quote that is not in the article at the quote's line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid",
      "        quote: designated the Red Lantern Collective as a terrorist group", // 6
      "        as: terrorist organisation",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "error",
        "entities.yaml",
        6,
        /the quote for "Red Lantern Collective" does not appear in `raid` \(raid\.md\)/,
      ),
    ]);
    expect(corpus.entities[0]?.designations).toEqual([]);
  });

  it("does not accept a quote spread over two paragraphs", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid",
      "        quote: on 14 March. Officials said", // 6
      "        as: terrorist organisation",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 6, /does not appear in `raid`/),
    ]);
  });

  it("reports an authority and a date that are not in the article, each at its line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid",
      "        quote: designated the Red Lantern Collective",
      "        as: terrorist organisation",
      "        authority: Justice Ministry", // 8
      "        date: 15 March", // 9
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "error",
        "entities.yaml",
        8,
        /the authority "Justice Ministry" for "Red Lantern Collective" does not appear in `raid`/,
      ),
      diag(
        "error",
        "entities.yaml",
        9,
        /the date "15 March" for "Red Lantern Collective" does not appear in `raid`/,
      ),
    ]);
    expect(corpus.entities[0]?.designations).toEqual([]);
  });

  it("reports a designated entity none of whose names is in the cited article, at the entity's line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective", // 2
      "    kind: organisation",
      "    aliases: [RLC, Linterna Roja]",
      "    designations:",
      "      - article: decree",
      "        quote: signed by the Interior Ministry on 14 March",
      "        as: terrorist organisation",
      "  - name: Ministry of the Interior", // 9
      "    kind: organisation",
      "    aliases: [Interior Ministry]",
      "    designations:",
      "      - article: decree",
      "        quote: signed by the Interior Ministry on 14 March",
      "        as: signatory",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "error",
        "entities.yaml",
        2,
        /"Red Lantern Collective" is designated by `decree`, but neither its name nor an alias appears/,
      ),
    ]);
  });

  it("reports an alias given to two entities at the second one's alias line, whatever its case", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    aliases: [RLC, Red Lantern]",
      "  - name: Grey Owl",
      "    kind: organisation",
      "    aliases:",
      "      - Owl Group",
      "      - rlc", // 9
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 9, /"rlc" already names "Red Lantern Collective"/),
    ]);
  });

  it("reports an entity whose name is another entity's alias, and two entries of the same name", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    aliases: [RLC]",
      "  - name: RLC", // 5
      "    kind: term",
      "  - name: Grey Owl",
      "    kind: organisation",
      "  - name: Grey Owl", // 9
      "    kind: person",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 5, /"RLC" already names "Red Lantern Collective"/),
      diag("error", "entities.yaml", 9, /there is already an entry for "Grey Owl" \(line 7\): merge the two/),
    ]);
  });

  it("lets one entity repeat its own name as an alias", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    aliases: [red lantern collective, RLC]",
    );
    expect(corpus.diagnostics).toEqual([]);
  });

  it("warns of a misspelt field of the file, an entity or a designation, each at its line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    alias: [RLC]", // 4
      "    designations:",
      "      - article: valdoria-designates-hacker-groups",
      "        quote: the Interior Ministry designated the Red Lantern Collective as a terrorist organisation",
      "        as: terrorist organisation",
      "        by: Interior Ministry", // 9
      "colour: red", // 10
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "warning",
        "entities.yaml",
        4,
        /unknown field `alias` in entity 1 is ignored \(known: name, kind, aliases, designations\)/,
      ),
      // This corpus has no such article: the designation is checked as before.
      diag(
        "error",
        "entities.yaml",
        6,
        /cites article `valdoria-designates-hacker-groups`, which is not in the corpus/,
      ),
      diag(
        "warning",
        "entities.yaml",
        9,
        /unknown field `by` in designation 1 of entity 1 is ignored \(known: article, quote, as, authority, date\)/,
      ),
      diag("warning", "entities.yaml", 10, /unknown field `colour` is ignored \(known: entities\)/),
    ]);
  });

  it("reports a bad `kind` at its line, listing the allowed ones", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "  - name: Grey Owl",
      "    kind: hacker group", // 5
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag(
        "error",
        "entities.yaml",
        5,
        /`entities\[2\]\.kind` must be one of organisation, person, place, term/,
      ),
    ]);
    expect(corpus.diagnostics[0]?.message).toContain('(got "hacker group")');
  });

  it("keeps checking the other entries when one entry has a schema error", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Grey Owl",
      "    kind: hacker group", // 3
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid",
      "        quote: a sentence that is nowhere in the raid article", // 8
      "        as: terrorist organisation",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 3, /`entities\[1\]\.kind` must be one of/),
      diag("error", "entities.yaml", 8, /the quote for "Red Lantern Collective" does not appear/),
    ]);
    expect(corpus.entities.map((e) => e.name)).toEqual(["Red Lantern Collective"]);
  });

  it("reports a designation without `as` at the designation's line", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "    designations:",
      "      - article: raid", // 5
      "        quote: designated the Red Lantern Collective",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 5, /`entities\[1\]\.designations\[1\]\.as` is missing/),
    ]);
  });

  it("reports invalid YAML at the line of the unclosed bracket", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      "    kind: organisation",
      "  - name: Grey Owl",
      "    aliases: [Owl Group, Grey Owls", // 5
      "    kind: organisation",
    );
    expect(corpus.diagnostics).toStrictEqual([diag("error", "entities.yaml", 5, /invalid YAML/)]);
    expect(corpus.entities).toEqual([]);
  });

  it("reports an alias bomb in entities.yaml at its first alias, and reads no entity", async () => {
    const corpus = await withEntities(
      "entities:",
      "  - name: Red Lantern Collective",
      '    aliases: &a ["R", "R", "R", "R", "R", "R", "R", "R", "R", "R"]', // 3
      "    kind: organisation",
      "  - name: B",
      "    aliases: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", // 6
      "  - name: C",
      "    aliases: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "  - name: D",
      "    aliases: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    );
    expect(corpus.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 6, /the YAML cannot be expanded/),
    ]);
    expect(corpus.entities).toEqual([]);
  });

  it("reports a file without the `entities:` list", async () => {
    const missing = await withEntities("# nothing here yet");
    expect(missing.diagnostics).toStrictEqual([diag("error", "entities.yaml", 1, /`entities` is missing/)]);
    const notList = await withEntities("# the entities", "entities: Red Lantern Collective");
    expect(notList.diagnostics).toStrictEqual([
      diag("error", "entities.yaml", 2, /`entities` must be a list/),
    ]);
  });
});

describe("a corpus with many errors", () => {
  it("collects every error of every file, sorted by file then line, and cannot be built into a library", async () => {
    const corpus = await load({
      "notes.txt": "a moderator's notes",
      "d/e.md": articleFile(["id: e", "published: 2025-08-09"]),
      "c.md": minimalArticle("c", "The Grey Owl group was named.\n"),
      "b.md": articleFile(["id: b", "title: B", "published: 09/08/2025", "url: ftp://news.example/b"]),
      "a.md": "No front matter here.\n",
      "entities.yaml": [
        "entities:",
        "  - name: Grey Owl",
        "    kind: organisation",
        "    designations:",
        "      - article: c",
        "        quote: the Grey Owl group was banned", // 6
        "        as: terrorist organisation",
        "  - name: Ghost",
        "    kind: organisation",
        "    designations:",
        "      - article: b", // 11: b has errors, so it is not in the corpus
        "        quote: anything",
        "        as: terrorist organisation",
        "",
      ].join("\n"),
    });
    expect(corpus.diagnostics.map((d) => [d.file, d.line, d.severity])).toEqual([
      ["a.md", 1, "error"],
      ["b.md", 4, "error"],
      ["b.md", 5, "error"],
      ["d/e.md", 2, "error"],
      ["entities.yaml", 6, "error"],
      ["entities.yaml", 11, "error"],
      ["notes.txt", undefined, "warning"],
    ]);
    expect(errorsOf(corpus.diagnostics).map((d) => d.message)).toEqual([
      expect.stringMatching(/no front matter/),
      expect.stringMatching(/`published` must be a real date/),
      expect.stringMatching(/`url` must be an absolute http\(s\) link/),
      expect.stringMatching(/`title` is missing/),
      expect.stringMatching(/quote for "Grey Owl" does not appear/),
      expect.stringMatching(/cites article `b`, which is not in the corpus/),
    ]);
    expect(corpus.articles.map((a) => a.id)).toEqual(["c"]);
    expect(() => Library.build(corpus)).toThrow(/corpus with errors/);
  });
});
