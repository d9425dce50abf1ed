import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buttonsOf, DiscordEmulator, type StoredMessage } from "../../discord-emulator/index.ts";
import { Storydesk } from "../../src/core/serving/storydesk.ts";
import { type Bot, startBot } from "../../src/discord/bot.ts";
import { readBotConfig } from "../../src/discord/config.ts";
import { createLogger } from "../../src/discord/logger.ts";
import {
  APP_ID,
  botEnv,
  EPHEMERAL,
  GUILD_ID,
  logInto,
  MEMBER,
  MOD_ROLE,
  MODERATOR,
  NEWSROOM,
  TOKEN,
} from "../support/discord-world.ts";

/**
 * The bot end to end: the real discord.js client in the bot talks to the project's Discord emulator
 * on 127.0.0.1, which enforces Discord's rules (3-second acknowledgement, one acknowledgement,
 * message and embed limits) and records every violation.
 */

const MANAGE_GUILD = String(1n << 5n);
const ARTICLE = "sheinbaum-rejects-us-military-action";
const URL = "https://news.example/sheinbaum (interview)";

const execFileAsync = promisify(execFile);

let dir: string;
let corpusDir: string;
let emulator: DiscordEmulator;
let bot: Bot;
let storydesk: Storydesk;
const logLines: Array<Record<string, unknown>> = [];

function envFor(extra: Record<string, string> = {}) {
  return botEnv({ apiUrl: emulator.apiUrl, dir, corpusDir, extra });
}

async function launch(extra: Record<string, string> = {}): Promise<Bot> {
  const config = readBotConfig(envFor(extra));
  const sink = logInto(logLines);
  storydesk = await Storydesk.open({ corpusDir, snapshotFile: path.join(dir, "snapshots", "index.json") });
  return startBot({ config, storydesk, logger: createLogger(config.LOG_LEVEL, sink) });
}

const question = (text: string, extra: unknown[] = []) => [
  { name: "question", type: 3, value: text },
  ...extra,
];

async function ask(
  text: string,
  opts: { private?: boolean; user?: typeof MEMBER; guildId?: string | null } = {},
) {
  const handle = emulator.chatInput({
    name: "ask",
    options: question(
      text,
      opts.private === undefined ? [] : [{ name: "private", type: 5, value: opts.private }],
    ),
    user: opts.user ?? MEMBER,
    ...(opts.guildId === undefined ? {} : { guildId: opts.guildId }),
  });
  const ack = await handle.ack();
  return { handle, ack, message: await handle.original() };
}

function corpusCommand(
  sub: "refresh" | "status",
  who: { user: typeof MEMBER; roles?: string[]; permissions?: string },
) {
  return emulator.chatInput({
    name: "corpus",
    options: [{ name: sub, type: 1, options: [] }],
    user: who.user,
    memberRoles: who.roles ?? [],
    memberPermissions: who.permissions ?? "0",
  });
}

const embedText = (message: StoredMessage) =>
  message.embeds
    .flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ])
    .join("\n");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-bot-"));
  corpusDir = path.join(dir, "corpus");
  await cp("corpus", corpusDir, { recursive: true });
  // Give the article a link, so that citations are masked links (with characters a link must escape).
  const seed = path.join(corpusDir, `${ARTICLE}.md`);
  await writeFile(
    seed,
    (await readFile(seed, "utf8")).replace("\npublished:", `\nurl: "${URL}"\npublished:`),
  );
  emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [NEWSROOM],
  });
  bot = await launch();
});

afterEach(() => {
  expect(emulator.violations).toEqual([]);
});

afterAll(async () => {
  await bot?.stop();
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run register", () => {
  it("bulk-overwrites the three commands in the guild, or globally", async () => {
    const run = (extra: Record<string, string>) =>
      execFileAsync(process.execPath, ["--import", "tsx", "src/discord/register.ts"], {
        env: { PATH: process.env.PATH, ...envFor(extra) },
      });
    const guild = await run({ DISCORD_GUILD_ID: GUILD_ID });
    expect(guild.stdout).toMatch(
      /Registered 3 commands in server 1000000000000000100: \/ask, \/designations, \/corpus/,
    );
    const registered = emulator.commands.guilds.get(GUILD_ID) ?? [];
    expect(registered.map((c) => c.name)).toEqual(["ask", "designations", "corpus"]);
    const [askCommand, designations, corpus] = registered;
    expect(askCommand?.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, min_length: 1, max_length: 300 }),
      expect.objectContaining({ name: "private", type: 5, required: false }),
    ]);
    expect(askCommand?.contexts).toEqual([0, 1, 2]);
    expect(designations?.options).toEqual([
      expect.objectContaining({ name: "organisation", autocomplete: true }),
    ]);
    expect(corpus?.default_member_permissions).toBe(MANAGE_GUILD);
    expect(corpus?.contexts).toEqual([0]);
    const global = await run({});
    expect(global.stdout).toMatch(/Registered 3 commands globally/);
    expect((emulator.commands.global as unknown[]).length).toBe(3);
  });

  it("refuses a wrong token with a message naming DISCORD_TOKEN and not the token", async () => {
    const wrong = "wrong-token-for-storydesk.emulator.only-on-loopback-not-a-secret";
    const failed = await execFileAsync(process.execPath, ["--import", "tsx", "src/discord/register.ts"], {
      env: { PATH: process.env.PATH, ...envFor({ DISCORD_TOKEN: wrong }) },
    }).catch((error: { code: number; stderr: string; stdout: string }) => error);
    expect("code" in failed && failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Discord rejected the token: check DISCORD_TOKEN/);
    expect(failed.stderr).not.toContain(wrong);
    // The rejected request is Discord's rule, not the bot's mistake.
    emulator.violations.splice(0);
  });
});

describe("/ask", () => {
  it("answers with the sentence (matched words in bold), three cited passages and the corpus version", async () => {
    const { ack, message } = await ask("Who designated the cartels as terrorist organisations?");
    expect(ack.type).toBe(4);
    expect(ack.at).toBeLessThan(3000);
    expect(message.ephemeral).toBe(false);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Answer from the articles");
    expect(embed?.description).toMatch(
      /^\*\*Q:\*\* Who designated the cartels as terrorist organisations\?\n/,
    );
    expect(embed?.description).toMatch(/\*\*designated\*\*/);
    // Up to three passages: as many as answer the question.
    const shown = embed?.fields?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThanOrEqual(3);
    const first = embed?.fields?.[0];
    expect(first?.name).toMatch(/^\[1\] paragraph \d · 2025-08$/);
    // The title is a masked link; the space and parentheses of the URL are escaped so the link holds.
    expect(first?.value).toContain("](https://news.example/sheinbaum%20%28interview%29)");
    expect(embed?.footer?.text).toMatch(
      new RegExp(`^corpus ${storydesk.library.version} · passages 1–${shown} of \\d+$`),
    );
    const total = Number(/of (\d+)$/.exec(embed?.footer?.text ?? "")?.[1]);
    expect(buttonsOf(message).map((b) => b.label)).toEqual(total > 3 ? ["More passages"] : []);
  });

  it("says when the articles don't cover a question, names the missing words, and offers no answer", async () => {
    const { message } = await ask("What is the capital of France?");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Not covered by the articles");
    expect(embed?.description).toContain("The articles don't cover this.");
    expect(embed?.description).toContain('The articles never mention "capital", "France".');
    expect(embed?.fields ?? []).toEqual([]);
    expect(buttonsOf(message)).toEqual([]);
  });

  it("labels the closest passages as related when it abstains", async () => {
    const { message } = await ask("What did Sheinbaum say about tariffs?");
    const [embed] = message.embeds;
    expect(embed?.title).toMatch(/^(Not covered by the articles|The articles don't say)$/);
    expect(embed?.description).toMatch(/\*\*(Related passages|What the articles say about it)\*\* \(/);
    expect((embed?.fields ?? []).every((f) => f.name.startsWith("Related ["))).toBe(true);
    expect(embed?.fields?.length).toBeGreaterThan(0);
    expect(buttonsOf(message)).toEqual([]);
  });

  it("reports did-you-mean for a misspelling", async () => {
    const { message } = await ask("What did Sheinbam say about the military?");
    expect(message.embeds[0]?.description).toContain('Did you mean "sheinbaum" (for "Sheinbam")?');
  });

  it("pages through passages on a public answer, privately for whoever clicks", async () => {
    const { message } = await ask("Who designated the cartels?");
    const [more] = buttonsOf(message);
    const click = emulator.button({ customId: String(more?.custom_id), message, user: MODERATOR });
    expect((await click.ack()).type).toBe(4);
    const page = await click.original();
    expect(page.ephemeral).toBe(true);
    expect(page.embeds[0]?.footer?.text).toMatch(/passages 4–\d+ of/);
    expect(page.embeds[0]?.fields?.[0]?.name).toMatch(/^\[4\] /);
    // The public answer is untouched.
    expect(emulator.messages.find((m) => m.id === message.id)?.edits).toBe(0);
  });

  it("answers privately, turns pages in place, and shares in the channel on request", async () => {
    const { message } = await ask("Who designated the cartels?", { private: true });
    expect(message.ephemeral).toBe(true);
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(buttonsOf(message).map((b) => b.label)).toEqual(["More passages", "Share in channel"]);
    const [moreId] = buttonsOf(message).map((b) => String(b.custom_id));
    const firstPage = message.embeds[0]?.description;

    const more = emulator.button({ customId: String(moreId), message, user: MEMBER });
    expect((await more.ack()).type).toBe(7);
    const turned = await more.original();
    expect(turned.embeds[0]?.footer?.text).toMatch(/passages 4–\d+ of/);

    // The last page offers no more passages, only sharing.
    expect(buttonsOf(turned).map((b) => b.label)).toEqual(["Share in channel"]);
    const shareId = String(buttonsOf(turned)[0]?.custom_id);
    const share = emulator.button({ customId: shareId, message: turned, user: MEMBER });
    expect((await share.ack()).type).toBe(4);
    const shared = await share.original();
    expect(shared.ephemeral).toBe(false);
    expect(shared.content).toBe(`Shared by <@${MEMBER.id}>`);
    expect(shared.allowed_mentions).toEqual({ parse: [] });
    // The channel sees the page that was shared, with the same question and answer.
    expect(shared.embeds[0]?.description).toBe(firstPage);
    expect(shared.embeds[0]?.footer?.text).toBe(turned.embeds[0]?.footer?.text);
    expect(buttonsOf(shared)).toEqual([]);
  });

  it("keeps its buttons working after a restart", async () => {
    const { message } = await ask("Who designated the cartels?");
    await bot.stop();
    bot = await launch();
    const click = emulator.button({
      customId: String(buttonsOf(message)[0]?.custom_id),
      message,
      user: MEMBER,
    });
    expect((await click.original()).embeds[0]?.footer?.text).toMatch(/passages 4–\d+ of/);
  });

  it("escapes @everyone, user mentions and markdown in the question, and pings no one", async () => {
    const text =
      "@everyone <@1000000000000000502> <@&1000000000000000301> **bold** `code` ||spoiler|| cartels?";
    const { message } = await ask(text);
    const description = message.embeds[0]?.description ?? "";
    const firstLine = description.split("\n")[0] ?? "";
    expect(firstLine).toContain("@\u200beveryone");
    expect(firstLine).toContain("<\u200b@1000000000000000502>");
    expect(firstLine).toContain("<\u200b@&1000000000000000301>");
    expect(firstLine).toContain("\\*\\*bold\\*\\*");
    expect(firstLine).toContain("\\`code\\`");
    expect(firstLine).toContain("\\|\\|spoiler\\|\\|");
    expect(firstLine).not.toMatch(/@everyone|<@\d/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it("takes a question of exactly 300 characters", async () => {
    const text = `Who designated the cartels as terrorist organisations ${"and why ".repeat(40)}`.slice(
      0,
      300,
    );
    expect(text.length).toBe(300);
    const { message } = await ask(text);
    expect(message.embeds[0]?.title).toBe("Answer from the articles");
  });

  it("refuses a question over 300 characters privately, saying the limit", async () => {
    const handle = emulator.chatInput({ name: "ask", options: question("x".repeat(301)), user: MEMBER });
    const reply = await handle.original();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/limit is 300/);
  });

  it("says plainly when the articles speak of it but don't say what was asked, with what they do say", async () => {
    const { message } = await ask("who leads the sinaloa cartel lol");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("The articles don't say");
    expect(embed?.description).toContain("The articles don't answer “Who leads the sinaloa cartel?”");
    expect(embed?.description).toContain(
      "**What the articles say about it** (it does not answer the question):",
    );
    expect((embed?.fields ?? []).every((f) => f.name.startsWith("Related ["))).toBe(true);
    expect(embed?.fields?.length).toBeGreaterThan(0);
    expect(buttonsOf(message)).toEqual([]);
  });

  it("answers the answerable part of a two-part question and names the other", async () => {
    const { message } = await ask("who is anna kelly and whats her salary");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Answer from the articles");
    expect(embed?.description).toContain("**Anna** **Kelly**");
    expect(embed?.description).toContain('The articles never mention "salary".');
    expect(embed?.description).toContain("The articles don't answer “What is her salary?”");
  });

  it("answers small talk with what it does and two questions to try", async () => {
    const { message } = await ask("hi");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("storydesk");
    expect(embed?.description).toMatch(/I answer questions about the news story in 1 article/);
    expect(embed?.description).toMatch(/For example: “[^”]+” or “[^”]+”/);
    expect(embed?.fields ?? []).toEqual([]);
    expect(buttonsOf(message)).toEqual([]);
  });

  it("answers a request for the designations with the list and the passages it rests on", async () => {
    const { message } = await ask("list the cartels");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Designated as terrorist organisations (7)");
    expect(embed?.description).toContain("**1. Mara Salvatrucha**");
    expect(embed?.fields?.[0]?.name).toMatch(/^\[1\] paragraph 4 · 2025-08$/);
  });

  it("answers a request for the designations asked beside another question, naming what it leaves open", async () => {
    const { message } = await ask("which cartels r designated? also is el chapo still alive");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Designated as terrorist organisations (7)");
    expect(embed?.description).toMatch(/The articles never mention .*"chapo", "alive"\./);
    expect(embed?.description).toContain("**1. Mara Salvatrucha**");
  });

  it("answers a request for the sources with the article and the reports it names", async () => {
    const { message } = await ask("sources pls");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Sources");
    expect(embed?.description).toContain(
      "The answers come from 1 article, which name 3 sources of their own.",
    );
    expect(embed?.fields?.[0]?.value).toContain("](https://news.example/sheinbaum%20%28interview%29)");
    expect(embed?.fields?.[0]?.value).toContain("source 1: Mexico extradites 26 top cartel figures to U.S.");
  });

  it("answers a request for the story in short with the key points, cited", async () => {
    const { message } = await ask("tldr pls");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("The story in short");
    expect(embed?.description).toContain("The story in short, from the article:");
    expect(embed?.fields?.[0]?.name).toMatch(/^\[1\] key point 1 · 2025-08$/);
  });

  it("asks for a question in the articles' language, naming both", async () => {
    const { message } = await ask("¿Quién es Claudia Sheinbaum?");
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Please ask in the articles' language");
    expect(embed?.description).toContain("The articles are in English, and your question looks like Spanish");
  });

  it("works in a DM", async () => {
    const { message } = await ask("Who is Anna Kelly?", { guildId: null });
    expect(message.guild_id).toBeNull();
    expect(message.embeds[0]?.title).toBe("Answer from the articles");
  });

  it("applies a per-user cooldown with a private 'try again in N s'", async () => {
    await bot.stop();
    bot = await launch({ ASK_COOLDOWN_SECONDS: "3" });
    try {
      await ask("Who is Anna Kelly?", { user: MEMBER });
      const second = emulator.chatInput({
        name: "ask",
        options: question("Who is Tom Cotton?"),
        user: MEMBER,
      });
      const reply = await second.original();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/try again in [1-3] s/);
      const other = await ask("Who is Tom Cotton?", { user: MODERATOR });
      expect(other.message.embeds[0]?.title).toBe("Answer from the articles");
    } finally {
      await bot.stop();
      bot = await launch();
    }
  });
});

describe("/designations", () => {
  it("lists every designated organisation with aliases and a citation link", async () => {
    const handle = emulator.chatInput({ name: "designations", options: [], user: MEMBER });
    const message = await handle.original();
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Designated as terrorist organisations (7)");
    const lines = embed?.description?.split("\n") ?? [];
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(
      /^\*\*1\. Mara Salvatrucha\*\* \(MS-13, MS13\): terrorist organisation by Trump administration on January 20 · \[/,
    );
    for (const line of lines)
      expect(line).toContain("](https://news.example/sheinbaum%20%28interview%29), paragraph 4");
  });

  it("details one organisation with its designation quoted and the passages mentioning it", async () => {
    const handle = emulator.chatInput({
      name: "designations",
      options: [{ name: "organisation", type: 3, value: "Cartel del Golfo" }],
      user: MEMBER,
    });
    const [embed] = (await handle.original()).embeds;
    expect(embed?.title).toBe("Cartel del Golfo");
    expect(embed?.description).toContain("Also called Gulf Cartel, CDG.");
    expect(embed?.description).toContain("> These groups were designated as terrorist organisations");
    expect(embed?.fields?.length).toBeGreaterThan(0);
    expect(embed?.footer?.text).toMatch(/mentioned in \d+ passage/);
  });

  it("finds an organisation by an alias typed by hand, and says so politely when none matches", async () => {
    const byAlias = emulator.chatInput({
      name: "designations",
      options: [{ name: "organisation", type: 3, value: "cjng" }],
      user: MEMBER,
    });
    expect((await byAlias.original()).embeds[0]?.title).toBe("Cartel de Jalisco Nueva Generación");
    const unknown = emulator.chatInput({
      name: "designations",
      options: [{ name: "organisation", type: 3, value: "Hamas" }],
      user: MEMBER,
    });
    const reply = await unknown.original();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/No designated organisation is called "Hamas"/);
  });

  it("autocompletes organisation names from the corpus", async () => {
    const typed = emulator.autocomplete({
      name: "designations",
      options: [{ name: "organisation", type: 3, value: "golf", focused: true }],
      user: MEMBER,
    });
    expect(await typed.autocompleteChoices()).toEqual([
      { name: "Cartel del Golfo (Gulf Cartel, CDG)", value: "Cartel del Golfo" },
    ]);
    const empty = emulator.autocomplete({
      name: "designations",
      options: [{ name: "organisation", type: 3, value: "", focused: true }],
      user: MEMBER,
    });
    expect((await empty.autocompleteChoices()).length).toBe(7);
  });
});

describe("/corpus", () => {
  it("refuses a member without Manage Server or a moderator role, privately", async () => {
    const handle = corpusCommand("refresh", { user: MEMBER });
    const reply = await handle.original();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Only moderators can manage the corpus/);
  });

  it("shows the status to a member with a moderator role", async () => {
    const handle = corpusCommand("status", { user: MODERATOR, roles: [MOD_ROLE] });
    const reply = await handle.original();
    expect(reply.ephemeral).toBe(true);
    const fields = Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields["Corpus version"]).toBe(`\`${storydesk.library.version}\``);
    expect(fields.Documents).toBe("1");
    expect(fields.Snapshot).toMatch(/loaded|written/);
    expect(fields.Uptime).toMatch(/\d+s/);
  });

  it("refreshes: reports counts before → after and what was added, then answers from the new article", async () => {
    await writeFile(
      path.join(corpusDir, "second-article.md"),
      "---\nid: second-article\ntitle: Sinaloa financiers arrested\npublished: 2025-09-02\n---\n\nPolice in Culiacán arrested three financiers of the Sinaloa Cartel on Tuesday.\n",
    );
    try {
      const handle = corpusCommand("refresh", { user: MODERATOR, permissions: MANAGE_GUILD });
      expect((await handle.ack()).type).toBe(5);
      const reply = await handle.original();
      expect(reply.ephemeral).toBe(true);
      const [embed] = reply.embeds;
      expect(embed?.title).toBe("Corpus refreshed");
      expect(embed?.description).toMatch(
        /^Documents 1 → 2, passages \d+ → \d+, designated 7 → 7\nAdded: `second-article`\nChanged: none\nRemoved: none/,
      );
      expect(embed?.footer?.text).toMatch(/ → [0-9a-f]{12} · \d+ ms · snapshot (written|stale)/);
      const { message } = await ask("Who arrested financiers in Culiacán?");
      expect(embedText(message)).toContain("Sinaloa financiers arrested");
      const status = await corpusCommand("status", { user: MODERATOR, permissions: MANAGE_GUILD }).original();
      const last = status.embeds[0]?.fields?.find((f) => f.name === "Last refresh")?.value;
      expect(last).toMatch(/^succeeded <t:\d+:R>, by moderator \(1000000000000000502\)$/);
    } finally {
      await rm(path.join(corpusDir, "second-article.md"));
      await storydesk.refresh("test cleanup");
    }
  });

  it("on a broken corpus lists the errors by file:line and keeps answering from the old index", async () => {
    const version = storydesk.library.version;
    await writeFile(
      path.join(corpusDir, "broken.md"),
      "---\nid: broken\ntitle: Broken\npublished: 2025-02-30\n---\n\nText.\n",
    );
    try {
      const reply = await corpusCommand("refresh", { user: MODERATOR, roles: [MOD_ROLE] }).original();
      const [embed] = reply.embeds;
      expect(embed?.title).toBe("Refresh failed: the previous corpus is still answering");
      expect(embed?.description).toContain("broken.md:4: error: `published` must be a real date");
      expect(embed?.footer?.text).toContain(`still serving corpus ${version}`);
      const { message } = await ask("Who is Anna Kelly?");
      expect(message.embeds[0]?.footer?.text).toContain(`corpus ${version}`);
    } finally {
      await rm(path.join(corpusDir, "broken.md"));
    }
  });

  it("coalesces two concurrent refreshes into one run, and both moderators get its result", async () => {
    const first = corpusCommand("refresh", { user: MODERATOR, permissions: MANAGE_GUILD });
    const second = corpusCommand("refresh", {
      user: { id: "1000000000000000503", username: "other" },
      roles: [MOD_ROLE],
    });
    const [a, b] = await Promise.all([first.original(), second.original()]);
    const notes = [a, b].map((m) => m.embeds[0]?.description?.includes("A refresh was already running"));
    expect(notes.sort()).toEqual([false, true]);
    expect(a.embeds[0]?.title).toBe("Corpus refreshed");
    expect(b.embeds[0]?.title).toBe("Corpus refreshed");
  });

  it("refuses /corpus in a DM", async () => {
    const handle = emulator.chatInput({
      name: "corpus",
      options: [{ name: "status", type: 1 }],
      guildId: null,
      user: MODERATOR,
    });
    expect((await handle.original()).content).toMatch(/Only moderators/);
  });
});

describe("resilience and logs", () => {
  it("resumes after a gateway drop with a command in flight, and answers it and the next one", async () => {
    const resumesBefore = emulator.gateway.resumes.length;
    const inFlight = emulator.chatInput({
      name: "ask",
      options: question("Who is Anna Kelly?"),
      user: MEMBER,
    });
    emulator.dropConnection();
    // Dispatched while the bot is disconnected: the emulator replays it after RESUME.
    const whileDown = emulator.chatInput({
      name: "ask",
      options: question("Who is Tom Cotton?"),
      user: MODERATOR,
    });
    await emulator.waitForResume();
    expect(emulator.gateway.resumes.length).toBe(resumesBefore + 1);
    expect((await inFlight.original()).embeds[0]?.title).toBe("Answer from the articles");
    expect((await whileDown.original()).embeds[0]?.description).toContain("Tom Cotton");
    const { message } = await ask("Who designated the cartels?");
    expect(message.embeds[0]?.title).toBe("Answer from the articles");
  });

  it("answers a failure privately with an error id that the log line carries too", async () => {
    const spy = vi.spyOn(storydesk, "ask").mockImplementationOnce(() => {
      throw new Error("simulated failure");
    });
    try {
      const reply = await emulator
        .chatInput({ name: "ask", options: question("Who is Anna Kelly?"), user: MEMBER })
        .original();
      expect(reply.ephemeral).toBe(true);
      const id = /error ([0-9a-f]{8})/.exec(reply.content)?.[1];
      expect(id).toBeDefined();
      expect(reply.content).not.toMatch(/simulated failure|at .*\.ts/);
      const logged = logLines.find((l) => l.errorId === id);
      expect(logged).toMatchObject({ level: 50, command: "ask", outcome: "error" });
    } finally {
      spy.mockRestore();
    }
  });

  it("logs one structured line per interaction, and never the token", async () => {
    const before = logLines.length;
    await ask("Who is Anna Kelly?");
    // The line is written once the reply has been sent, just after the emulator received it.
    const lines = await vi.waitFor(() => {
      const found = logLines.slice(before).filter((l) => l.event === "interaction");
      expect(found).toHaveLength(1);
      return found;
    });
    expect(lines[0]).toMatchObject({
      kind: "command",
      command: "ask",
      guild: GUILD_ID,
      user: MEMBER.id,
      outcome: "answered",
    });
    expect(typeof lines[0]?.ms).toBe("number");
    expect(JSON.stringify(logLines)).not.toContain(TOKEN);
    expect(JSON.stringify(emulator.messages.map((m) => m.raw()))).not.toContain(TOKEN);
  });
});

describe("npm start", () => {
  it("is ready within seconds from the snapshot, answers, and shuts down cleanly on SIGTERM", async () => {
    const own = await DiscordEmulator.start({
      token: TOKEN,
      applicationId: APP_ID,
      guilds: [{ id: GUILD_ID, name: "Newsroom" }],
    });
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "src/discord/main.ts"], {
      env: { PATH: process.env.PATH, ...envFor({ DISCORD_API_URL: own.apiUrl }) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const started = Date.now();
      await vi.waitFor(() => expect(stdout).toContain("storydesk is ready"), {
        timeout: 15_000,
        interval: 50,
      });
      const reply = await own
        .chatInput({ name: "ask", options: question("Who is Anna Kelly?"), user: MEMBER })
        .original();
      expect(reply.embeds[0]?.title).toBe("Answer from the articles");
      console.info(`npm start: ready and answered in ${Date.now() - started} ms`);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const events = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events.map((e) => e.event).filter(Boolean)).toEqual(
        expect.arrayContaining(["corpus", "ready", "started", "interaction", "stopping", "stopped"]),
      );
      expect(stdout + stderr).not.toContain(TOKEN);
      expect(own.violations).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      await own.stop();
    }
  });

  it("lists every configuration problem in one message and exits 2, without a stack trace", async () => {
    const failed = await execFileAsync(process.execPath, ["--import", "tsx", "src/discord/main.ts"], {
      env: { PATH: process.env.PATH, DISCORD_CLIENT_ID: "12", ASK_COOLDOWN_SECONDS: "soon" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(2);
    expect(failed.stderr).toMatch(/configuration has 3 problems/);
    expect(failed.stderr).toMatch(/DISCORD_TOKEN is missing/);
    expect(failed.stderr).toMatch(/DISCORD_CLIENT_ID must be a Discord id/);
    expect(failed.stderr).toMatch(/ASK_COOLDOWN_SECONDS must be a whole number/);
    expect(failed.stderr).not.toMatch(/^\s+at /m);
  });
});
