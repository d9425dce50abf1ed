import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonsOf,
  DiscordEmulator,
  type InteractionHandle,
  type StoredMessage,
} from "../../discord-emulator/index.ts";
import { Storydesk } from "../../src/core/serving/storydesk.ts";
import { type Bot, startBot } from "../../src/discord/bot.ts";
import { readBotConfig, storydeskOptionsOf } from "../../src/discord/config.ts";
import { createLogger } from "../../src/discord/logger.ts";
import {
  APP_ID,
  botEnv,
  EPHEMERAL,
  logInto,
  MEMBER,
  MOD_ROLE,
  MODERATOR,
  NEWSROOM,
  TOKEN,
} from "../support/discord-world.ts";
import { aliasBombArticle, articleFile } from "../support/temp-corpus.ts";
import { newsPage, WebServer } from "../support/web-server.ts";

/**
 * Moderators changing the corpus from Discord, end to end: the real discord.js client in the bot,
 * the project's Discord emulator (attachments served as Discord's CDN serves them), and news pages
 * on a loopback web server. Every preview and refusal is private; nothing changes before a
 * moderator confirms; the bot keeps answering throughout.
 */

const EDITOR = { id: "1000000000000000503", username: "editor" };
const CITED = "valdoria-designates-hacker-groups";

let dir: string;
let corpusDir: string;
let emulator: DiscordEmulator;
let web: WebServer;
let bot: Bot;
let storydesk: Storydesk;
const logLines: Array<Record<string, unknown>> = [];

type Who = { user: typeof MEMBER; roles?: string[] };
const asModerator: Who = { user: MODERATOR, roles: [MOD_ROLE] };
const asEditor: Who = { user: EDITOR, roles: [MOD_ROLE] };
const asMember: Who = { user: MEMBER };

function article(id: string, sentence: string): string {
  return articleFile(
    [`id: ${id}`, `title: "${sentence.slice(0, 40)}"`, "published: 2025-10-02", "outlet: Valdor Herald"],
    `${sentence}\n\nOfficials confirmed it on Thursday.\n`,
  );
}

function corpusCommand(
  sub: string,
  options: unknown[],
  who: Who,
  resolved?: Record<string, unknown>,
): InteractionHandle {
  return emulator.chatInput({
    name: "corpus",
    options: [{ name: sub, type: 1, options }],
    user: who.user,
    memberRoles: who.roles ?? [],
    memberPermissions: "0",
    ...(resolved === undefined ? {} : { resolved }),
  });
}

/** `/corpus add` with an attached file. */
function addFile(
  filename: string,
  content: string,
  who: Who = asModerator,
  contentType = "text/markdown; charset=utf-8",
) {
  const upload = emulator.upload({ filename, content, contentType });
  return corpusCommand("add", [{ name: "file", type: 11, value: upload.id }], who, upload.resolved);
}

function addLink(url: string, who: Who = asModerator) {
  return corpusCommand("add", [{ name: "url", type: 3, value: url }], who);
}

/** The reply of a command, checked private. */
async function privateReply(handle: InteractionHandle): Promise<StoredMessage> {
  const message = await handle.original();
  expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  return message;
}

/** Presses a preview's button (Add, Remove, Roll back or Cancel) and returns the preview as edited. */
async function press(preview: StoredMessage, label: string, who: Who = asModerator): Promise<StoredMessage> {
  const button = buttonsOf(preview).find((b) => b.label === label);
  if (!button?.custom_id)
    throw new Error(`no ${label} button on the preview: ${JSON.stringify(preview.embeds)}`);
  const click = emulator.button({
    customId: button.custom_id,
    message: preview,
    user: who.user,
    memberRoles: who.roles ?? [],
    memberPermissions: "0",
  });
  return click.original();
}

const text = (message: StoredMessage) =>
  [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ]),
  ].join("\n");

async function answered(question: string): Promise<boolean> {
  const handle = emulator.chatInput({
    name: "ask",
    options: [{ name: "question", type: 3, value: question }],
    user: MEMBER,
  });
  const message = await handle.original();
  return message.embeds[0]?.title === "Answer from the articles";
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-changes-"));
  corpusDir = path.join(dir, "corpus");
  await cp("tests/fixtures/corpora/valdoria", corpusDir, { recursive: true });
  web = await WebServer.start();
  web
    .serve("/news/port-strike", {
      body: newsPage({
        title: "Valdor dockworkers end three-week strike",
        paragraphs: [
          "Dockworkers at Valdor port voted on Saturday to end a three-week strike that had stopped most container traffic.",
          "The union said 84% of members backed the deal, which raises pay by 9% over two years.",
        ],
        published: "2025-10-04T09:00:00Z",
        site: "Valdor Herald",
      }),
    })
    .serve("/report.pdf", { headers: { "content-type": "application/pdf" }, body: "%PDF" })
    .serve("/loop", { status: 302, headers: { location: "/loop" } })
    .serve("/to-private", { status: 302, headers: { location: "http://192.168.1.1/admin" } })
    .serve("/huge", { body: `<p>${"word ".repeat(600_000)}</p>` })
    .serve("/slow", () => {});
  emulator = await DiscordEmulator.start({
    // A link that never answers is given up after the import\'s 10 s: the test waits longer for its reply.
    waitTimeoutMs: 20_000,
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [NEWSROOM],
  });
  const config = readBotConfig(
    botEnv({ apiUrl: emulator.apiUrl, dir, corpusDir, extra: { URL_IMPORT_ALLOWED_HOSTS: "127.0.0.1" } }),
  );
  const sink = logInto(logLines);
  storydesk = await Storydesk.open(storydeskOptionsOf(config));
  bot = await startBot({ config, storydesk, logger: createLogger(config.LOG_LEVEL, sink) });
});

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  // Whatever a test did, the bot still answers from its corpus.
  expect(await answered("who designated the Red Lantern Collective?")).toBe(true);
});

afterAll(async () => {
  await bot?.stop();
  await storydesk?.close();
  await emulator?.stop();
  await web?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("/corpus add", () => {
  it("from a file: a private preview, nothing written, then Add serves it and records it", async () => {
    const before = storydesk.library.version;
    const preview = await privateReply(
      addFile(
        "ferry.md",
        article("ferry-fares", "Ferry fares between Valdor and Hollin will rise by 12% in November."),
      ),
    );
    expect(preview.embeds[0]?.title).toBe("Add “Ferry fares between Valdor and Hollin wi”?");
    expect(text(preview)).toMatch(
      /Published\n2025-10-02[\s\S]*Outlet\nValdor Herald[\s\S]*Paragraphs\n2[\s\S]*Ferry fares between Valdor/,
    );
    expect(buttonsOf(preview).map((b) => b.label)).toEqual(["Add", "Cancel"]);
    expect(await readdir(corpusDir)).not.toContain("ferry-fares.md");
    expect(storydesk.library.version).toBe(before);

    const done = await press(preview, "Add");
    expect(done.embeds[0]?.title).toBe("Added “Ferry fares between Valdor and Hollin wi”");
    expect(text(done)).toMatch(
      new RegExp(
        `Added: \`ferry-fares\`[\\s\\S]*Recorded as commit \`[0-9a-f]{10}\`[\\s\\S]*corpus ${before} → ${storydesk.library.version}`,
      ),
    );
    expect(buttonsOf(done)).toEqual([]);
    expect(await readdir(corpusDir)).toContain("ferry-fares.md");
    expect(await answered("how much will ferry fares rise?")).toBe(true);
  });

  it("from a link: imports the page with its title, date and outlet, then adds it", async () => {
    const preview = await privateReply(addLink(web.url("/news/port-strike")));
    expect(preview.embeds[0]?.title).toBe("Add “Valdor dockworkers end three-week strike”?");
    expect(text(preview)).toMatch(
      /valdor-dockworkers-end-three-week-strike[\s\S]*2025-10-04[\s\S]*Valdor Herald[\s\S]*127\.0\.0\.1/,
    );
    const done = await press(preview, "Add");
    expect(done.embeds[0]?.title).toBe("Added “Valdor dockworkers end three-week strike”");
    expect(await answered("how many union members backed the dock deal?")).toBe(true);
  });

  it("shows what to fix, and no Add button, for an article with errors", async () => {
    const preview = await privateReply(
      addFile("bad.md", articleFile(["id: Bad Id", "title: T", "published: 2025-02-30"])),
    );
    expect(preview.embeds[0]?.title).toBe("Cannot add this article");
    expect(text(preview)).toMatch(
      /2 errors to fix first[\s\S]*`id` must be a slug[\s\S]*`published` must be a real date/,
    );
    expect(buttonsOf(preview)).toEqual([]);
  });

  it.each<[string, () => InteractionHandle, RegExp]>([
    [
      "a private address",
      () => addLink("http://10.0.0.7/news"),
      /private or local address \(10\.0\.0\.7 is a private address\)/,
    ],
    [
      "a redirect to a private address",
      () => addLink(web.url("/to-private")),
      /192\.168\.1\.1 is a private address/,
    ],
    [
      "the cloud metadata address",
      () => addLink("http://169.254.169.254/latest/meta-data/"),
      /169\.254\.169\.254 is a linkLocal address/,
    ],
    [
      "the unspecified address",
      () => addLink(`http://0.0.0.0:${web.port}/news/port-strike`),
      /0\.0\.0\.0 is a unspecified address/,
    ],
    ["another scheme", () => addLink("ftp://files.example/a.md"), /only http and https links/],
    ["too many redirects", () => addLink(web.url("/loop")), /redirects more than 5 times/],
    ["a page too large", () => addLink(web.url("/huge")), /larger than 2 MB/],
    [
      "a page that is not HTML",
      () => addLink(web.url("/report.pdf")),
      /not a web page \(it is application\/pdf\)/,
    ],
    [
      "a file that is not Markdown",
      () => addFile("photo.png", "png bytes", asModerator, "image/png"),
      /photo\.png is not a Markdown file/,
    ],
    [
      "both a file and a link",
      () => {
        const upload = emulator.upload({ filename: "a.md", content: "x" });
        return corpusCommand(
          "add",
          [
            { name: "url", type: 3, value: "https://example.com" },
            { name: "file", type: 11, value: upload.id },
          ],
          asModerator,
          upload.resolved,
        );
      },
      /either `file:`.*or `url:`/,
    ],
    ["neither", () => corpusCommand("add", [], asModerator), /either `file:`/],
  ])("refuses %s privately, saying why", async (_name, send, message) => {
    const before = storydesk.library.version;
    const reply = await privateReply(send());
    expect(text(reply)).toMatch(message);
    expect(buttonsOf(reply)).toEqual([]);
    expect(storydesk.library.version).toBe(before);
  });

  it("refuses a site that does not answer within the time limit", { timeout: 30_000 }, async () => {
    const reply = await privateReply(addLink(web.url("/slow")));
    expect(text(reply)).toMatch(/did not answer within 10 s/);
  });

  it("Cancel changes nothing, and a used or foreign preview's buttons do nothing", async () => {
    const content = article("tram-strike", "Tram drivers in Hollin will strike on Friday over pay.");
    const preview = await privateReply(addFile("tram.md", content));
    const cancelled = await press(preview, "Cancel");
    expect(cancelled.content).toBe("Cancelled: nothing was changed.");
    expect(await readdir(corpusDir)).not.toContain("tram-strike.md");

    const second = await privateReply(addFile("tram.md", content));
    const [addButton] = buttonsOf(second);
    // Another moderator cannot confirm this moderator's preview.
    const foreign = emulator.button({
      customId: String(addButton?.custom_id),
      message: second,
      user: EDITOR,
      memberRoles: [MOD_ROLE],
      memberPermissions: "0",
    });
    expect((await foreign.original()).content).toMatch(/expired or was already used: nothing was changed/);
    expect(await readdir(corpusDir)).not.toContain("tram-strike.md");
  });
});

describe("/corpus remove", () => {
  it("suggests articles by id and title, previews, and removes after Remove", async () => {
    await press(
      await privateReply(
        addFile("bus.md", article("bus-lanes", "Hollin opens two new bus lanes in October.")),
      ),
      "Add",
    );
    const suggest = emulator.autocomplete({
      name: "corpus",
      options: [
        { name: "remove", type: 1, options: [{ name: "article", type: 3, value: "bus", focused: true }] },
      ],
      user: MODERATOR,
      memberRoles: [MOD_ROLE],
      memberPermissions: "0",
    });
    expect(await suggest.autocompleteChoices()).toEqual([
      { name: "Hollin opens two new bus lanes in Octobe (bus-lanes)", value: "bus-lanes" },
    ]);

    const preview = await privateReply(
      corpusCommand("remove", [{ name: "article", type: 3, value: "bus-lanes" }], asModerator),
    );
    expect(preview.embeds[0]?.title).toBe("Remove “Hollin opens two new bus lanes in Octobe”?");
    expect(await readdir(corpusDir)).toContain("bus-lanes.md");
    const done = await press(preview, "Remove");
    expect(done.embeds[0]?.title).toBe("Removed “Hollin opens two new bus lanes in Octobe”");
    expect(text(done)).toMatch(/Removed: `bus-lanes`/);
    expect(await readdir(corpusDir)).not.toContain("bus-lanes.md");
  });

  it("refuses to remove an article entities.yaml quotes, and an unknown one", async () => {
    const cited = await privateReply(
      corpusCommand("remove", [{ name: "article", type: 3, value: CITED }], asModerator),
    );
    expect(cited.embeds[0]?.title).toMatch(/^Cannot remove/);
    expect(text(cited)).toMatch(/entities\.yaml:\d+: error/);
    expect(buttonsOf(cited)).toEqual([]);
    const unknown = await privateReply(
      corpusCommand("remove", [{ name: "article", type: 3, value: "no-such" }], asModerator),
    );
    expect(unknown.content).toMatch(/The corpus has no article `no-such`/);
  });
});

describe("/corpus history and /corpus rollback", () => {
  it("lists the versions, suggests them, and rolls back to one after Roll back, as one more version", async () => {
    const history = await privateReply(corpusCommand("history", [], asModerator));
    expect(history.embeds[0]?.title).toBe("Corpus history");
    expect(text(history)).toMatch(/removed by moderator: `bus-lanes\.md`/);
    expect(text(history)).toMatch(/the corpus as found at start/);

    const changes = await storydesk.changes(50);
    const start = changes.at(-1);
    if (!start) throw new Error("no start version");
    const suggest = emulator.autocomplete({
      name: "corpus",
      options: [
        {
          name: "rollback",
          type: 1,
          options: [{ name: "version", type: 3, value: start.version.slice(0, 4), focused: true }],
        },
      ],
      user: MODERATOR,
      memberRoles: [MOD_ROLE],
      memberPermissions: "0",
    });
    const choices = await suggest.autocompleteChoices();
    expect(choices.map((c) => c.value)).toContain(start.commit);

    // A version as /corpus status shows it is accepted as well as a commit.
    const preview = await privateReply(
      corpusCommand("rollback", [{ name: "version", type: 3, value: start.version }], asModerator),
    );
    expect(preview.embeds[0]?.title).toBe(`Roll back to ${start.version}?`);
    expect(text(preview)).toMatch(/remove `ferry-fares\.md`/);
    const done = await press(preview, "Roll back");
    expect(done.embeds[0]?.title).toBe(`Rolled back to ${start.version}`);
    expect(storydesk.library.version).toBe(start.version);
    expect(await readdir(corpusDir)).not.toContain("ferry-fares.md");
    expect((await storydesk.changes(1))[0]).toMatchObject({
      kind: "rollback",
      restored: start.version,
      author: { name: "moderator", id: MODERATOR.id },
    });

    // Nothing was lost: the version before the rollback comes back the same way.
    const before = changes[0];
    const forward = await privateReply(
      corpusCommand("rollback", [{ name: "version", type: 3, value: before?.commit ?? "" }], asModerator),
    );
    await press(forward, "Roll back");
    expect(await readdir(corpusDir)).toContain("ferry-fares.md");

    const unknown = await privateReply(
      corpusCommand("rollback", [{ name: "version", type: 3, value: "deadbeef00" }], asModerator),
    );
    expect(unknown.content).toMatch(/No recorded version is `deadbeef00`/);
  });
});

describe("two moderators at the same moment", () => {
  it("serialises their changes, and records both", async () => {
    const [first, second] = await Promise.all([
      privateReply(
        addFile(
          "one.md",
          article("bridge-repairs", "The Hollin bridge closes for repairs in December."),
          asModerator,
        ),
      ),
      privateReply(
        addFile(
          "two.md",
          article("school-meals", "Valdor schools will serve free meals from January."),
          asEditor,
        ),
      ),
    ]);
    const [a, b] = await Promise.all([press(first, "Add", asModerator), press(second, "Add", asEditor)]);
    expect(a.embeds[0]?.title).toMatch(/^Added/);
    expect(b.embeds[0]?.title).toMatch(/^Added/);
    const recent = await storydesk.changes(2);
    expect(recent.map((c) => c.author.name).sort()).toEqual(["editor", "moderator"]);
    expect(recent.flatMap((c) => c.added).sort()).toEqual(["bridge-repairs.md", "school-meals.md"]);
    expect(await answered("when does the hollin bridge close?")).toBe(true);
    expect(await answered("when will schools serve free meals?")).toBe(true);
  });
});

describe("who may change the corpus", () => {
  it.each<[string, () => InteractionHandle]>([
    ["add", () => addLink(web.url("/news/port-strike"), asMember)],
    [
      "remove",
      () => corpusCommand("remove", [{ name: "article", type: 3, value: "hollin-arrests" }], asMember),
    ],
    ["history", () => corpusCommand("history", [], asMember)],
    [
      "rollback",
      () => corpusCommand("rollback", [{ name: "version", type: 3, value: "abcdef12" }], asMember),
    ],
    ["refresh", () => corpusCommand("refresh", [], asMember)],
  ])("refuses a plain member's /corpus %s, privately", async (_name, send) => {
    const reply = await privateReply(send());
    expect(reply.content).toMatch(/Only moderators can manage the corpus/);
  });

  it("gives a plain member no suggestions, and refuses their press of a preview's button", async () => {
    const suggest = emulator.autocomplete({
      name: "corpus",
      options: [
        { name: "remove", type: 1, options: [{ name: "article", type: 3, value: "", focused: true }] },
      ],
      user: MEMBER,
    });
    expect(await suggest.autocompleteChoices()).toEqual([]);
    const preview = await privateReply(
      addFile("x.md", article("harbour-fees", "Harbour fees in Valdor rise by 3%.")),
    );
    const click = emulator.button({
      customId: String(buttonsOf(preview)[0]?.custom_id),
      message: preview,
      user: MEMBER,
    });
    const refused = await click.original();
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.content).toMatch(/Only moderators/);
    expect(await readdir(corpusDir)).not.toContain("harbour-fees.md");
  });

  it("refuses an unknown subcommand instead of running a refresh", async () => {
    const refreshes = logLines.filter((l) => l.event === "refresh").length;
    const reply = await privateReply(corpusCommand("nuke", [], asModerator));
    expect(reply.content).toMatch(
      /\/corpus has no subcommand “nuke”: use add, remove, history, rollback, refresh, status/,
    );
    expect(logLines.filter((l) => l.event === "refresh")).toHaveLength(refreshes);
  });
});

describe("a corpus broken on disk", () => {
  it("lists an alias bomb with its file and line on refresh, and keeps serving the last good corpus", async () => {
    const version = storydesk.library.version;
    await writeFile(path.join(corpusDir, "bomb.md"), aliasBombArticle());
    try {
      const reply = await privateReply(corpusCommand("refresh", [], asModerator));
      expect(reply.embeds[0]?.title).toBe("Refresh failed: the previous corpus is still answering");
      expect(text(reply)).toMatch(/bomb\.md:6: error: the YAML cannot be expanded/);
      expect(storydesk.library.version).toBe(version);
      // And no change can be previewed as addable while it is there.
      const preview = await privateReply(
        addFile("ok.md", article("ok-article", "A fine article about Valdor.")),
      );
      expect(preview.embeds[0]?.title).toMatch(/^Cannot add/);
    } finally {
      await rm(path.join(corpusDir, "bomb.md"));
    }
  });
});
