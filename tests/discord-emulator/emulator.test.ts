import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Routes,
} from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buttonsOf, DiscordEmulator, type EmulatorOptions } from "../../discord-emulator/index.ts";

/**
 * The Discord emulator, driven by an unmodified discord.js Client: it must look like Discord to
 * discord.js, and it must catch what Discord would reject.
 */

const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.emulator.test-token";
const APP_ID = "1000000000000000001";
const GUILD_ID = "1000000000000000100";
const CHANNEL_ID = "1000000000000000200";
const EDITOR_ROLE = "1000000000000000300";

const cleanups: (() => Promise<unknown>)[] = [];
/** Errors the bot's interaction handlers threw; a test fails if any are left unexpected. */
const handlerErrors: unknown[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  expect(handlerErrors.splice(0)).toEqual([]);
});

type InteractionHandler = (interaction: Interaction) => Promise<void>;

/** An emulator and a discord.js client logged in to it; `handle` sets what the bot does with interactions. */
async function connect(options: Partial<EmulatorOptions> = {}) {
  const emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: "Newsroom",
        roles: [{ id: EDITOR_ROLE, name: "editor", permissions: "8192" }],
        channels: [{ id: CHANNEL_ID, name: "general" }],
      },
    ],
    ...options,
  });
  cleanups.push(() => emulator.stop());
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
  cleanups.push(() => client.destroy());
  const debug: string[] = [];
  client.on(Events.Debug, (message) => debug.push(message));
  let handler: InteractionHandler = async () => {};
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  await emulator.waitForReady();
  return {
    emulator,
    client,
    debug,
    handle(next: InteractionHandler) {
      handler = next;
    },
  };
}

/** A promise with its resolve function, to pass values out of the bot's handler; fails after 5 s. */
function later<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bot's handler did not report back (${String(handlerErrors)})`)),
      5000,
    );
    timer.unref();
    resolve = (value) => {
      clearTimeout(timer);
      r(value);
    };
  });
  promise.catch(() => {}); // a test that already failed need not also report this
  return { promise, resolve };
}

/** What a discord.js call threw (or "no error"). */
async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    return error;
  }
}

describe("login", () => {
  it("serves GET /gateway/bot, READY and GUILD_CREATE, so the client becomes ready with its guild cached", async () => {
    const { emulator, client } = await connect();
    expect(client.user?.id).toBe(APP_ID);
    expect(client.application?.id).toBe(APP_ID);
    const guild = client.guilds.cache.get(GUILD_ID);
    expect(guild?.name).toBe("Newsroom");
    expect(guild?.available).toBe(true);
    expect(guild?.roles.cache.map((r) => r.name).sort()).toEqual(["@everyone", "editor"]);
    expect(guild?.channels.cache.get(CHANNEL_ID)?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(APP_ID);
    expect(emulator.gateway).toMatchObject({
      identifies: 1,
      connected: true,
      intents: GatewayIntentBits.Guilds,
    });
    expect(emulator.gateway.connections[0]).toEqual({ path: "/gateway", query: "?v=10&encoding=json" });
    expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /api/v10/gateway/bot 200",
    ]);
    expect(emulator.violations).toEqual([]);
  });

  it("rejects a wrong token: REST answers 401, so login fails", async () => {
    const emulator = await DiscordEmulator.start({ token: TOKEN, applicationId: APP_ID });
    cleanups.push(() => emulator.stop());
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
    cleanups.push(() => client.destroy());
    const error = await errorOf(client.login("MTAwMDAwMDAwMDAwMDAwMDAx.wrong.token"));
    expect(error).toMatchObject({ code: DiscordjsErrorCodes.TokenInvalid });
    expect(emulator.violations.map((v) => v.rule)).toEqual(["auth.unauthorized"]);
    expect(emulator.requests[0]?.status).toBe(401);
  });

  it("registers commands by bulk overwrite and rejects invalid ones with Discord's 50035", async () => {
    const { emulator, client } = await connect();
    const application = client.application;
    if (!application) throw new Error("no application after login");
    const registered = await application.commands.set([
      {
        name: "ask",
        description: "Ask a question about the story",
        options: [
          { type: 3, name: "question", description: "Your question", required: true, autocomplete: true },
        ],
      },
    ]);
    expect([...registered.values()].map((c) => c.name)).toEqual(["ask"]);
    expect(emulator.commands.global).toMatchObject([{ name: "ask", application_id: APP_ID }]);
    expect(registered.first()?.id).toBe(emulator.commands.global[0]?.id);
    await application.commands.set([{ name: "sources", description: "List the sources" }], GUILD_ID);
    expect(emulator.commands.guilds.get(GUILD_ID)).toMatchObject([{ name: "sources", guild_id: GUILD_ID }]);
    expect(emulator.violations).toEqual([]);

    const error = await errorOf(
      application.commands.set([
        { name: "Ask Me", description: "" },
        {
          name: "pick",
          description: "x".repeat(101),
          options: [
            {
              type: 3,
              name: "choice",
              description: "Choose",
              choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })),
            },
          ],
        },
      ]),
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect(emulator.violations.map((v) => v.rule).sort()).toEqual([
      "commands.description.length",
      "commands.description.required",
      "commands.name.invalid",
      "commands.option.choices.count",
    ]);
    expect(emulator.commands.global.map((c) => c.name)).toEqual(["ask"]);
  });
});

describe("interaction responses", () => {
  it("reply: callback type 4 becomes @original, with allowed_mentions recorded", async () => {
    const { emulator, handle } = await connect();
    const seen = later<Record<string, unknown>>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.resolve({
        command: interaction.commandName,
        question: interaction.options.getString("question"),
        guildId: interaction.guildId,
        channelId: interaction.channelId,
        cachedChannel: interaction.channel?.id,
        roles: interaction.inCachedGuild() ? [...interaction.member.roles.cache.keys()].sort() : null,
        canManageMessages: interaction.memberPermissions?.has("ManageMessages"),
        locale: interaction.locale,
      });
      await interaction.reply({
        content: "The cartels were designated [1].",
        allowedMentions: { parse: [] },
      });
    });
    const handle1 = emulator.chatInput({
      name: "ask",
      options: [{ type: 3, name: "question", value: "Which cartels?" }],
      memberRoles: [EDITOR_ROLE],
      locale: "es-ES",
    });
    const ack = await handle1.ack();
    expect(ack.type).toBe(4);
    expect(ack.at).toBeLessThan(3000);
    const original = await handle1.original();
    expect(original).toMatchObject({
      content: "The cartels were designated [1].",
      allowed_mentions: { parse: [] },
      ephemeral: false,
      kind: "reply",
      interaction_id: handle1.id,
      channel_id: CHANNEL_ID,
      edits: 0,
    });
    expect(await seen.promise).toEqual({
      command: "ask",
      question: "Which cartels?",
      guildId: GUILD_ID,
      channelId: CHANNEL_ID,
      cachedChannel: CHANNEL_ID,
      roles: [EDITOR_ROLE, GUILD_ID].sort(),
      canManageMessages: true,
      locale: "es-ES",
    });
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.violations).toEqual([]);
  });

  it("records that allowed_mentions was not sent", async () => {
    const { emulator, handle } = await connect();
    handle(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply("no mention settings");
    });
    const original = await emulator.chatInput({ name: "ask" }).original();
    expect(original.content).toBe("no mention settings");
    expect("allowed_mentions" in original).toBe(false);
  });

  it("deferReply + editReply: type 5, a loading placeholder, then the edited @original (ephemeral kept)", async () => {
    const { emulator, handle } = await connect();
    const mayEdit = later<void>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await mayEdit.promise;
      await interaction.editReply({ content: "Here is the answer.", allowedMentions: { parse: [] } });
    });
    const h = emulator.chatInput({ name: "ask" });
    expect((await h.ack()).type).toBe(5);
    const placeholder = emulator.messages[0];
    expect(placeholder).toMatchObject({ loading: true, ephemeral: true, content: "" });
    let resolvedEarly = false;
    const original = h.original().then((m) => {
      resolvedEarly = !placeholder?.edits;
      return m;
    });
    await sleep(50);
    mayEdit.resolve();
    expect(await original).toMatchObject({
      content: "Here is the answer.",
      loading: false,
      ephemeral: true,
      edits: 1,
      allowed_mentions: { parse: [] },
    });
    expect(resolvedEarly).toBe(false);
    expect(emulator.violations).toEqual([]);
  });

  it("followUp: a second message, ephemeral by flag, returned to discord.js with ?wait=true", async () => {
    const { emulator, handle } = await connect();
    const followUpId = later<string>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply("First part.");
      const message = await interaction.followUp({ content: "Second part.", flags: MessageFlags.Ephemeral });
      followUpId.resolve(message.id);
    });
    const h = emulator.chatInput({ name: "ask" });
    const followUp = await h.waitForFollowUp();
    expect(followUp).toMatchObject({ content: "Second part.", ephemeral: true, kind: "follow-up" });
    expect(await followUpId.promise).toBe(followUp.id);
    expect((await h.original()).content).toBe("First part.");
    expect(h.followUps()).toHaveLength(1);
    expect(emulator.requests.some((r) => r.method === "POST" && r.query === "?wait=true")).toBe(true);
    expect(emulator.violations).toEqual([]);
  });

  it("the first follow-up after a deferral fills the placeholder, as on Discord", async () => {
    const { emulator, handle } = await connect();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.followUp("Filled in.");
      await interaction.followUp("A real follow-up.");
    });
    const h = emulator.chatInput({ name: "ask" });
    expect((await h.original()).content).toBe("Filled in.");
    expect((await h.waitForFollowUp()).content).toBe("A real follow-up.");
    expect(emulator.messages).toHaveLength(2);
  });

  it("a DM interaction carries `user` and no guild", async () => {
    const { emulator, handle } = await connect();
    const seen = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.resolve({
        inGuild: interaction.inGuild(),
        user: interaction.user.username,
        member: interaction.member,
      });
      await interaction.reply({ content: "Hello in private.", withResponse: true });
    });
    const h = emulator.chatInput({
      name: "ask",
      guildId: null,
      user: { id: "1000000000000000999", username: "reader" },
    });
    expect(await seen.promise).toEqual({ inGuild: false, user: "reader", member: null });
    expect((await h.original()).guild_id).toBeNull();
    expect(emulator.requests.some((r) => r.query === "?with_response=true" && r.status === 200)).toBe(true);
    expect(emulator.violations).toEqual([]);
  });

  it("autocomplete: respond() delivers the choices", async () => {
    const { emulator, handle } = await connect();
    handle(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([
        { name: `${typed} cartels`, value: "cartels" },
        { name: `${typed} tariffs`, value: "tariffs" },
      ]);
    });
    const h = emulator.autocomplete({
      name: "ask",
      options: [{ type: 3, name: "question", value: "who", focused: true }],
    });
    expect(await h.autocompleteChoices()).toEqual([
      { name: "who cartels", value: "cartels" },
      { name: "who tariffs", value: "tariffs" },
    ]);
    expect((await h.ack()).type).toBe(8);
    expect(emulator.violations).toEqual([]);
  });

  it("button: a click on a stored message, answered with update(), edits that message", async () => {
    const { emulator, handle } = await connect();
    const clicked = later<{ customId: string; messageId: string }>();
    handle(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId("sources:1").setLabel("Sources").setStyle(ButtonStyle.Secondary),
          new ButtonBuilder().setURL("https://example.org/story").setLabel("Read").setStyle(ButtonStyle.Link),
        );
        await interaction.reply({ content: "Answer.", components: [row] });
      } else if (interaction.isButton()) {
        clicked.resolve({ customId: interaction.customId, messageId: interaction.message.id });
        await interaction.update({ content: "Answer, with sources.", components: [] });
      }
    });
    const command = emulator.chatInput({ name: "ask" });
    const answer = await command.original();
    expect(buttonsOf(answer).map((b) => b.custom_id ?? b.url)).toEqual([
      "sources:1",
      "https://example.org/story",
    ]);
    expect(() => emulator.button({ customId: "nope", message: answer })).toThrow(
      /no button with custom_id "nope"/,
    );

    const click = emulator.button({ customId: "sources:1", message: answer });
    expect((await click.ack()).type).toBe(7);
    expect(await clicked.promise).toEqual({ customId: "sources:1", messageId: answer.id });
    const updated = await click.original();
    expect(updated.id).toBe(answer.id);
    expect(answer).toMatchObject({ content: "Answer, with sources.", components: [], edits: 1 });
    expect(emulator.violations).toEqual([]);
  });
});

describe("rules", () => {
  it("a reply after the deadline: the ack times out and discord.js gets 10062 Unknown interaction", async () => {
    const { emulator, handle } = await connect({ ackDeadlineMs: 300 });
    const error = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await sleep(500);
      error.resolve(await errorOf(interaction.reply("Too late.")));
    });
    const h = emulator.chatInput({ name: "ask" });
    await expect(h.ack()).rejects.toThrow(/got no accepted response within 300 ms/);
    expect(await error.promise).toMatchObject({ code: 10062, status: 404 });
    expect(h.violations().map((v) => v.rule)).toEqual([
      "interaction.ack-deadline",
      "interaction.late-callback",
    ]);
    expect(emulator.messages).toEqual([]);
  });

  it("a second callback: 40060 Interaction has already been acknowledged", async () => {
    const { emulator, client, handle } = await connect();
    const second = later<unknown>();
    const local = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply("Once.");
      // discord.js refuses a second reply itself; the raw request shows what Discord says.
      local.resolve(await errorOf(interaction.reply("Twice.")));
      const raw = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: "Twice." } },
        auth: false,
      });
      second.resolve(await errorOf(raw));
    });
    const h = emulator.chatInput({ name: "ask" });
    expect(await local.promise).toMatchObject({ code: DiscordjsErrorCodes.InteractionAlreadyReplied });
    expect(await second.promise).toMatchObject({ code: 40060, status: 400 });
    expect((await h.original()).content).toBe("Once.");
    expect(emulator.violations.map((v) => v.rule)).toEqual(["interaction.already-acknowledged"]);
  });

  it("content over 2000 characters: 50035, and the interaction can still be answered", async () => {
    const { emulator, handle } = await connect();
    const error = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      error.resolve(await errorOf(interaction.reply("x".repeat(2001))));
      await interaction.reply("x".repeat(2000));
    });
    const h = emulator.chatInput({ name: "ask" });
    const rejected = await error.promise;
    expect(rejected).toBeInstanceOf(DiscordAPIError);
    expect(rejected).toMatchObject({
      code: 50035,
      rawError: { errors: { data: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } },
    });
    expect((await h.original()).content).toHaveLength(2000);
    expect(emulator.violations).toMatchObject([
      { rule: "message.content.length", interactionId: h.id, code: 50035 },
    ]);
  });

  it("26 embed fields and 6001 embed characters are rejected; 6000 pass", async () => {
    const { emulator, handle } = await connect();
    const errors = later<unknown[]>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const fields = Array.from({ length: 26 }, (_, i) => ({ name: `Field ${i}`, value: "value" }));
      const tooManyFields = await errorOf(interaction.reply({ embeds: [{ title: "Sources", fields }] }));
      const tooLong = await errorOf(
        interaction.reply({ embeds: [{ description: "a".repeat(4096) }, { description: "b".repeat(1905) }] }),
      );
      errors.resolve([tooManyFields, tooLong]);
      await interaction.reply({
        embeds: [{ description: "a".repeat(4096) }, { description: "b".repeat(1904) }],
      });
    });
    const h = emulator.chatInput({ name: "ask" });
    const [tooManyFields, tooLong] = await errors.promise;
    expect(tooManyFields).toMatchObject({ code: 50035, status: 400 });
    expect(tooLong).toMatchObject({ code: 50035, status: 400 });
    expect((await h.original()).embeds).toHaveLength(2);
    expect(emulator.violations.map((v) => v.rule)).toEqual(["embed.fields.count", "embed.total.length"]);
  });

  it("bad components: more than 5 buttons in a row, duplicate custom ids, long labels", async () => {
    const { emulator, handle } = await connect();
    const error = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const button = (id: string, label = "Go") => ({ type: 2, style: 1, custom_id: id, label });
      const rows = [
        { type: 1, components: ["a", "b", "c", "d", "e", "f"].map((id) => button(id)) },
        { type: 1, components: [button("a"), button("g", "L".repeat(81))] },
      ];
      error.resolve(await errorOf(interaction.reply({ content: "Pick one.", components: rows })));
    });
    emulator.chatInput({ name: "ask" });
    expect(await error.promise).toMatchObject({ code: 50035 });
    expect(emulator.violations.map((v) => v.rule).sort()).toEqual([
      "components.button.label.length",
      "components.custom_id.duplicate",
      "components.row.size",
    ]);
  });

  it("26 autocomplete choices are rejected", async () => {
    const { emulator, handle } = await connect();
    const error = later<unknown>();
    handle(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const choices = Array.from({ length: 26 }, (_, i) => ({ name: `Choice ${i}`, value: `c${i}` }));
      error.resolve(await errorOf(interaction.respond(choices)));
    });
    emulator.autocomplete({
      name: "ask",
      options: [{ type: 3, name: "question", value: "", focused: true }],
    });
    expect(await error.promise).toMatchObject({ code: 50035, status: 400 });
    expect(emulator.violations.map((v) => v.rule)).toEqual(["autocomplete.choices.count"]);
  });

  it("follow-ups need an acknowledged interaction and an unexpired token; empty messages are rejected", async () => {
    const { emulator, client, handle } = await connect({ tokenLifetimeMs: 300 });
    const results = later<unknown[]>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const early = await errorOf(
        client.rest.post(Routes.webhook(APP_ID, interaction.token), {
          body: { content: "Early." },
          auth: false,
        }),
      );
      const empty = await errorOf(interaction.reply({ content: "" }));
      await interaction.reply("On time.");
      await sleep(400);
      const expired = await errorOf(interaction.followUp("Too late for the token."));
      results.resolve([early, empty, expired]);
    });
    emulator.chatInput({ name: "ask" });
    const [early, empty, expired] = await results.promise;
    expect(early).toMatchObject({ code: 10015, status: 404 });
    expect(empty).toMatchObject({ code: 50006, status: 400 });
    expect(expired).toMatchObject({ code: 50027, status: 401 });
    expect(emulator.violations.map((v) => v.rule)).toEqual([
      "webhook.not-acknowledged",
      "message.empty",
      "webhook.token-expired",
    ]);
  });

  it("records unknown routes with a 404", async () => {
    const { emulator, client } = await connect();
    const error = await errorOf(client.rest.get(Routes.guildBans(GUILD_ID)));
    expect(error).toMatchObject({ status: 404, code: 0 });
    expect(emulator.violations).toMatchObject([
      { rule: "route.unknown", request: `GET /guilds/${GUILD_ID}/bans` },
    ]);
  });
});

describe("gateway", () => {
  it("a drop mid-reply: the reply still arrives, the client RESUMEs, and events queued meanwhile are replayed", async () => {
    const { emulator, client, debug, handle } = await connect();
    const mayAnswer = later<void>();
    handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === "slow") {
        await interaction.deferReply();
        await mayAnswer.promise;
        await interaction.editReply("Answered during the outage.");
      } else {
        await interaction.reply("Answered after the resume.");
      }
    });
    const slow = emulator.chatInput({ name: "slow" });
    expect((await slow.ack()).type).toBe(5);
    const sessionId = emulator.gateway.sessionId;
    const sequence = emulator.gateway.sequence; // READY, GUILD_CREATE, INTERACTION_CREATE
    expect(sequence).toBe(3);
    const resumed = once(client, Events.ShardResume);

    emulator.dropConnection();
    const queued = emulator.chatInput({ name: "queued" });
    mayAnswer.resolve();
    expect((await slow.original()).content).toBe("Answered during the outage.");

    await emulator.waitForResume();
    await resumed;
    expect(emulator.gateway.resumes).toEqual([{ sessionId, seq: sequence, accepted: true, replayed: 1 }]);
    expect(emulator.gateway.identifies).toBe(1);
    expect(emulator.gateway.connections.map((c) => c.path)).toEqual(["/gateway", "/gateway/resume"]);
    expect(debug.some((m) => m.includes("Resuming session") && m.includes(`sequence: ${sequence}`))).toBe(
      true,
    );
    expect((await queued.ack()).type).toBe(4);
    expect((await queued.original()).content).toBe("Answered after the resume.");
    expect(emulator.violations).toEqual([]);
  });

  it("speaks the protocol to a raw client: HELLO, heartbeat ACK, op 9 for an unknown session, 4004 for a bad token", async () => {
    const emulator = await DiscordEmulator.start({ token: TOKEN, applicationId: APP_ID });
    cleanups.push(() => emulator.stop());
    const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${TOKEN}` },
    });
    const info: unknown = await response.json();
    const url = typeof info === "object" && info !== null && "url" in info ? String(info.url) : "";
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/gateway$/);

    const open = async () => {
      const socket = new WebSocket(`${url}?v=10&encoding=json`);
      cleanups.push(async () => socket.terminate());
      const payloads: { op: number; d: unknown }[] = [];
      const waiters: (() => void)[] = [];
      socket.on("message", (data) => {
        payloads.push(JSON.parse(data.toString()));
        for (const wake of waiters.splice(0)) wake();
      });
      const next = async () => {
        while (payloads.length === 0) await new Promise<void>((r) => waiters.push(r));
        return payloads.shift();
      };
      await once(socket, "open");
      return { socket, next };
    };

    const first = await open();
    expect(await first.next()).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });
    first.socket.send(JSON.stringify({ op: 1, d: null }));
    expect(await first.next()).toMatchObject({ op: 11 });
    first.socket.send(JSON.stringify({ op: 6, d: { token: TOKEN, session_id: "not-a-session", seq: 4 } }));
    expect(await first.next()).toEqual({ op: 9, d: false });

    const second = await open();
    await second.next();
    const closed = once(second.socket, "close");
    second.socket.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } }));
    const [code] = await closed;
    expect(code).toBe(4004);
    expect(emulator.gateway.resumes).toEqual([
      { sessionId: "not-a-session", seq: 4, accepted: false, replayed: 0 },
    ]);
    expect(emulator.gateway.heartbeats).toBe(1);
    expect(emulator.violations.map((v) => v.rule)).toEqual(["gateway.authentication-failed"]);
  });
});
