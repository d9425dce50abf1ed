import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
} from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  DiscordEmulator,
  type EmulatorOptions,
  guildIdForShard,
  shardOf,
} from "../../discord-emulator/index.ts";

/**
 * Gateway sharding, driven by unmodified discord.js Clients, one per shard (`shards: [id]`), as the
 * shard processes of a ShardingManager run: each shard must get only the guilds it owns by Discord's
 * formula, and only their events.
 */

const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.emulator.test-token";
const APP_ID = "1000000000000000001";
const GUILDS_PER_SHARD = 2;

const cleanups: (() => Promise<unknown>)[] = [];
/** Errors the shard clients' handlers threw; a test fails if any are left. */
const handlerErrors: unknown[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  expect(handlerErrors.splice(0)).toEqual([]);
});

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** A field of a JSON object, or undefined. */
function fieldOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null
    ? Object.getOwnPropertyDescriptor(value, key)?.value
    : undefined;
}

/** The `id` of an object (GUILD_CREATE's `d`), or the `id`s of a list of them (READY's `guilds`). */
function idsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(idsIn);
  const id = fieldOf(value, "id");
  return typeof id === "string" ? [id] : [];
}

/** guilds[k]: the ids of the guilds shard k owns among `count`. */
function guildsByShard(count: number): string[][] {
  return Array.from({ length: count }, (_, shard) =>
    Array.from({ length: GUILDS_PER_SHARD }, (_, n) => guildIdForShard(shard, count, n)),
  );
}

/** An emulator whose guilds are spread over `count` shards, GUILDS_PER_SHARD each, interleaved. */
async function startEmulator(count: number, options: Partial<EmulatorOptions> = {}) {
  const guilds = guildsByShard(count);
  const interleaved = Array.from({ length: GUILDS_PER_SHARD }, (_, n) => guilds.map((ids) => ids[n] ?? ""));
  const emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: interleaved.flat().map((id, i) => ({ id, name: `Guild ${i}` })),
    ...options,
  });
  cleanups.push(() => emulator.stop());
  return { emulator, guilds };
}

interface ShardBot {
  readonly shard: number;
  readonly client: Client;
  /** The ids of the INTERACTION_CREATEs this client's socket received, in order. */
  readonly interactions: string[];
  /** The raw dispatches this client received, by event name. */
  readonly events: string[];
  /** How often discord.js reported a resumed session. */
  resumes: number;
}

/**
 * A discord.js Client for one shard of `count`, logged in to the emulator (ready with its guilds).
 * Its answers name its shard, so a reply says which client answered: a slash command gets
 * "shard <id>" with a button, a click on it "clicked on shard <id>", an autocomplete one choice.
 */
async function shardBot(emulator: DiscordEmulator, shard: number, count: number): Promise<ShardBot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: [shard],
    shardCount: count,
    rest: { api: emulator.apiUrl },
    // discord.js waits 5 s between a shard's IDENTIFYs; Discord's limit is not what these tests are about.
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  });
  cleanups.push(() => client.destroy());
  const bot: ShardBot = { shard, client, interactions: [], events: [], resumes: 0 };
  client.on(Events.Raw, (packet: unknown) => {
    const t = fieldOf(packet, "t");
    if (typeof t !== "string") return;
    bot.events.push(t);
    if (t === "INTERACTION_CREATE") bot.interactions.push(...idsIn(fieldOf(packet, "d")));
  });
  client.on(Events.ShardResume, () => {
    bot.resumes++;
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    answer(interaction, shard).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return bot;
}

async function answer(interaction: Interaction, shard: number): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const button = new ButtonBuilder().setCustomId("again").setLabel("Again").setStyle(ButtonStyle.Primary);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(button);
    await interaction.reply({ content: `shard ${shard}`, components: [row] });
  } else if (interaction.isButton()) {
    await interaction.update({ content: `clicked on shard ${shard}`, components: [] });
  } else if (interaction.isAutocomplete()) {
    await interaction.respond([{ name: `shard ${shard}`, value: "x" }]);
  }
}

/** An emulator with `count` shards' guilds and one logged-in client per shard. */
async function connectShards(count: number, options: Partial<EmulatorOptions> = {}) {
  const { emulator, guilds } = await startEmulator(count, options);
  const bots = await Promise.all(
    Array.from({ length: count }, (_, shard) => shardBot(emulator, shard, count)),
  );
  await emulator.waitForReady({ shards: count });
  return { emulator, guilds, bots };
}

/** A raw gateway connection: HELLO read, `identify` sends op 2, `next` reads the next payload. */
async function rawSocket(emulator: DiscordEmulator) {
  const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
    headers: { Authorization: `Bot ${TOKEN}` },
  });
  const url = String(fieldOf(await response.json(), "url"));
  const socket = new WebSocket(`${url}?v=10&encoding=json`);
  cleanups.push(async () => socket.terminate());
  const payloads: { op: number; t?: string; d: unknown }[] = [];
  const waiting: (() => void)[] = [];
  socket.on("message", (data) => {
    payloads.push(JSON.parse(data.toString()));
    for (const wake of waiting.splice(0)) wake();
  });
  const next = async () => {
    while (payloads.length === 0) await new Promise<void>((r) => waiting.push(r));
    return payloads.shift();
  };
  const closed = once(socket, "close").then(([code]) => Number(code));
  await once(socket, "open");
  expect(await next()).toMatchObject({ op: 10 });
  const identify = (shard?: unknown) =>
    socket.send(
      JSON.stringify({
        op: 2,
        d: { token: TOKEN, intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) },
      }),
    );
  return { socket, next, identify, closed };
}

describe("shard arithmetic", () => {
  it("shardOf is Discord's (guild_id >> 22) % num_shards", () => {
    // Discord's documentation example snowflake: its timestamp part is 41944705796.
    const id = "175928847299117063";
    expect([1, 2, 3, 4, 5].map((count) => shardOf(id, count))).toEqual([0, 0, 2, 0, 1]);
    expect(shardOf(String(7n << 22n), 4)).toBe(3);
    expect(shardOf(String((7n << 22n) | 0x3fffffn), 4)).toBe(3);
    expect(() => shardOf("not-a-snowflake", 2)).toThrow(RangeError);
    expect(() => shardOf(id, 0)).toThrow(RangeError);
  });

  it("guildIdForShard makes distinct 18-19 digit snowflakes owned by the named shard", () => {
    const ids = [3, 4].flatMap((count) =>
      Array.from({ length: count }, (_, shard) =>
        [0, 1, 2].map((n) => {
          const id = guildIdForShard(shard, count, n);
          expect(id).toMatch(/^\d{18,19}$/);
          expect(shardOf(id, count)).toBe(shard);
          return `${count}:${id}`;
        }),
      ).flat(),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => guildIdForShard(2, 2)).toThrow(RangeError);
    expect(() => guildIdForShard(0, 2, -1)).toThrow(RangeError);
  });
});

describe("sharded gateway", () => {
  it("each shard's client caches only the guilds its shard owns, from READY and GUILD_CREATE", async () => {
    const { emulator, guilds, bots } = await connectShards(4);
    for (const bot of bots) {
      expect(sorted(bot.client.guilds.cache.keys())).toEqual(sorted(guilds[bot.shard] ?? []));
      expect(bot.events.filter((t) => t === "GUILD_CREATE")).toHaveLength(GUILDS_PER_SHARD);
      expect([...bot.client.ws.shards.keys()]).toEqual([bot.shard]);
    }
    const sessions = emulator.shards();
    expect(
      sessions.map(({ shard, count, connected, identifies }) => ({ shard, count, connected, identifies })),
    ).toEqual([0, 1, 2, 3].map((shard) => ({ shard, count: 4, connected: true, identifies: 1 })));
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(4);
    expect(emulator.gateway.identifies).toBe(4);
    expect(emulator.violations).toEqual([]);
  });

  it("an interaction in a guild of shard k reaches client k only, and client k answers it", async () => {
    const { emulator, guilds, bots } = await connectShards(4);
    const sent = new Map<number, string[]>();
    for (const [shard, ids] of guilds.entries())
      for (const guildId of ids) {
        const handle = emulator.chatInput({ name: "ask", guildId });
        expect(handle.shard).toBe(shard);
        expect((await handle.original()).content).toBe(`shard ${shard}`);
        sent.set(shard, [...(sent.get(shard) ?? []), handle.id]);
      }
    for (const bot of bots) expect(bot.interactions).toEqual(sent.get(bot.shard));
    expect(emulator.violations).toEqual([]);
  });

  it("a DM interaction reaches shard 0 only", async () => {
    const { emulator, bots } = await connectShards(4);
    const handle = emulator.chatInput({ name: "ask", guildId: null, user: { id: "1000000000000000999" } });
    expect(handle.shard).toBe(0);
    expect((await handle.original()).content).toBe("shard 0");
    expect(bots.map((bot) => bot.interactions)).toEqual([[handle.id], [], [], []]);
  });

  it("buttons, redeliveries and raw guild events go to the guild's shard too", async () => {
    const { emulator, guilds, bots } = await connectShards(2);
    const guildId = guilds[1]?.[0] ?? "";
    const command = emulator.chatInput({ name: "ask", guildId });
    const click = emulator.button({ customId: "again", message: await command.original() });
    expect(click.shard).toBe(1);
    expect((await click.original()).content).toBe("clicked on shard 1");
    const focused = [{ type: 3, name: "question", value: "", focused: true }];
    const complete = emulator.autocomplete({ name: "ask", options: focused, guildId });
    expect(complete.shard).toBe(1);
    expect(await complete.autocompleteChoices()).toEqual([{ name: "shard 1", value: "x" }]);
    expect(emulator.redeliver(command)).toBe(1);
    const role = { id: "1000000000000000300", name: "new", permissions: "0", position: 1 };
    expect(emulator.dispatchRaw("GUILD_ROLE_CREATE", { guild_id: guildId, role })).toBe(1);
    expect(emulator.dispatchRaw("TYPING_START", { channel_id: "1", user_id: "2", timestamp: 0 })).toBe(0);
    const [bot0, bot1] = bots;
    await expect.poll(() => bot1?.events.filter((t) => t === "GUILD_ROLE_CREATE")).toHaveLength(1);
    expect(bot1?.interactions).toEqual([command.id, click.id, complete.id, command.id]);
    await expect.poll(() => bot0?.events.includes("TYPING_START")).toBe(true);
    expect(bot0?.events.filter((t) => t === "GUILD_ROLE_CREATE" || t === "INTERACTION_CREATE")).toEqual([]);
    expect(bot1?.events.includes("TYPING_START")).toBe(false);
    // Client 1 answered the redelivered command again, as a bot without deduplication does.
    await expect.poll(() => handlerErrors.length).toBe(1);
    expect(handlerErrors.splice(0)).toMatchObject([{ code: 40060 }]);
    expect(emulator.violations.map((v) => v.rule)).toEqual(["interaction.already-acknowledged"]);
  });

  it("dropping shard 2: shard 1 keeps receiving; shard 2 resumes and gets what was queued for it", async () => {
    const { emulator, guilds, bots } = await connectShards(4);
    const before = emulator.shards();
    const shard2 = before[2];
    emulator.holdGateway();
    emulator.dropConnection(4000, { shard: 2 });
    expect(emulator.shards().map((s) => s.connected)).toEqual([true, true, false, true]);

    const toShard1 = emulator.chatInput({ name: "ask", guildId: guilds[1]?.[0] ?? "" });
    const queued = emulator.chatInput({ name: "ask", guildId: guilds[2]?.[0] ?? "" });
    expect([toShard1.shard, queued.shard]).toEqual([1, 2]);
    expect((await toShard1.original()).content).toBe("shard 1");
    expect(bots[2]?.interactions).toEqual([]);

    emulator.releaseGateway();
    await emulator.waitForResume();
    expect((await queued.original()).content).toBe("shard 2");
    expect(bots.map((bot) => bot.interactions)).toEqual([[], [toShard1.id], [queued.id], []]);
    expect(emulator.gateway.resumes).toEqual([
      { sessionId: shard2?.sessionId, seq: shard2?.sequence, accepted: true, replayed: 1 },
    ]);
    await expect.poll(() => bots[2]?.resumes).toBe(1);
    expect(bots.map((bot) => bot.resumes)).toEqual([0, 0, 1, 0]);
    const after = emulator.shards();
    expect(after.map((s) => s.sessionId)).toEqual(before.map((s) => s.sessionId));
    expect(after.map((s) => [s.connected, s.identifies])).toEqual(before.map(() => [true, 1]));
    expect(emulator.violations).toEqual([]);
  });

  it("an invalidated shard 1 identifies again and gets its guilds back; the others keep their sessions", async () => {
    const { emulator, guilds, bots } = await connectShards(3);
    const before = emulator.shards();
    emulator.dropConnection(4000, { shard: 1, invalidateSession: true });
    await expect(emulator.waitForResume()).rejects.toThrow(
      /waitForResume\(\): after the drop shard 1 identified again instead of resuming/,
    );
    await expect.poll(() => emulator.shards()[1]?.connected).toBe(true);
    const after = emulator.shards();
    expect(after.map((s) => s.identifies)).toEqual([1, 2, 1]);
    expect(after.map((s) => s.sessionId === before[s.shard]?.sessionId)).toEqual([true, false, true]);
    const [bot0, bot1, bot2] = bots;
    await expect
      .poll(() => bot1?.events.filter((t) => t === "GUILD_CREATE").length)
      .toBe(2 * GUILDS_PER_SHARD);
    expect([bot0, bot2].map((bot) => bot?.events.filter((t) => t === "READY").length)).toEqual([1, 1]);
    const handle = emulator.chatInput({ name: "ask", guildId: guilds[1]?.[1] ?? "" });
    expect((await handle.original()).content).toBe("shard 1");
    expect(bot1?.interactions).toEqual([handle.id]);
  });

  it("waitForResume({ shard }) waits for that shard's resume, not another's", async () => {
    const { emulator } = await connectShards(2);
    emulator.dropConnection(4000, { shard: 1 });
    await emulator.waitForResume({ shard: 1 });
    expect(emulator.shards().map((s) => s.connected)).toEqual([true, true]);
    expect(emulator.gateway.resumes).toHaveLength(1);
    emulator.holdGateway();
    emulator.dropConnection(4000, { shard: 0 });
    const shard0 = emulator.waitForResume({ shard: 0 });
    let resumed = false;
    void shard0.then(() => {
      resumed = true;
    });
    await emulator.waitForResume({ shard: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resumed).toBe(false);
    emulator.releaseGateway();
    await shard0;
    expect(emulator.gateway.resumes).toHaveLength(2);
  });

  it("waitForReady({ shards }) waits for every shard; an interaction for a shard without a session throws", async () => {
    const { emulator, guilds } = await startEmulator(2, { waitTimeoutMs: 300 });
    await shardBot(emulator, 1, 2);
    await expect(emulator.waitForReady({ shards: 2 })).rejects.toThrow(/waitForReady\(\{ shards: 2 \}\)/);
    await emulator.waitForReady({ shards: 1 });
    expect(() => emulator.chatInput({ name: "ask", guildId: guilds[0]?.[0] ?? "" })).toThrow(
      /belongs to shard 0 of 2, which has no session/,
    );
    expect(() => emulator.chatInput({ name: "ask", guildId: null })).toThrow(/shard 0 of 2/);
    expect(emulator.chatInput({ name: "ask", guildId: guilds[1]?.[0] ?? "" }).shard).toBe(1);
    const late = shardBot(emulator, 0, 2);
    await emulator.waitForReady({ shards: 2 });
    await late;
  });
});

describe("shard sessions on the wire", () => {
  it("READY names the shard and lists only its guilds; a new IDENTIFY for the shard replaces its session", async () => {
    const { emulator, guilds } = await startEmulator(2);
    const first = await rawSocket(emulator);
    first.identify([1, 2]);
    const ready = await first.next();
    expect(ready).toMatchObject({ t: "READY", d: { shard: [1, 2] } });
    expect(sorted(idsIn(fieldOf(ready?.d, "guilds")))).toEqual(sorted(guilds[1] ?? []));
    const created = [await first.next(), await first.next()];
    expect(created.map((p) => p?.t)).toEqual(["GUILD_CREATE", "GUILD_CREATE"]);
    expect(sorted(created.flatMap((p) => idsIn(p?.d)))).toEqual(sorted(guilds[1] ?? []));
    const firstSession = emulator.shards()[0]?.sessionId;

    const second = await rawSocket(emulator);
    second.identify([1, 2]);
    expect(await second.next()).toMatchObject({ t: "READY", d: { shard: [1, 2] } });
    expect(emulator.shards()).toMatchObject([{ shard: 1, count: 2, identifies: 2 }]);
    expect(emulator.shards()[0]?.sessionId).not.toBe(firstSession);
    await second.next();
    await second.next();
    const handle = emulator.chatInput({ name: "ask", guildId: guilds[1]?.[1] ?? "" });
    expect(await second.next()).toMatchObject({ t: "INTERACTION_CREATE", d: { id: handle.id } });

    const third = await rawSocket(emulator);
    third.socket.send(JSON.stringify({ op: 6, d: { token: TOKEN, session_id: firstSession, seq: 1 } }));
    expect(await third.next()).toEqual({ op: 9, d: false });
  });

  it("an IDENTIFY without a shard is shard [0, 1] and gets every guild", async () => {
    const { emulator, guilds } = await startEmulator(2);
    const raw = await rawSocket(emulator);
    raw.identify();
    const ready = await raw.next();
    expect(ready).toMatchObject({ t: "READY", d: { shard: [0, 1] } });
    expect(sorted(idsIn(fieldOf(ready?.d, "guilds")))).toEqual(sorted(guilds.flat()));
    expect(emulator.shards()).toMatchObject([{ shard: 0, count: 1 }]);
  });

  it.each<[string, unknown]>([
    ["id >= count", [2, 2]],
    ["count < 1", [0, 0]],
    ["a negative id", [-1, 2]],
    ["not a pair", [1]],
    ["not integers", ["0", "2"]],
  ])("closes an IDENTIFY with an invalid shard (%s) with 4010", async (_name, shard) => {
    const { emulator } = await startEmulator(2);
    const raw = await rawSocket(emulator);
    raw.identify(shard);
    expect(await raw.closed).toBe(4010);
    expect(emulator.violations).toMatchObject([{ rule: "gateway.invalid-shard", status: 4010 }]);
    expect(emulator.shards()).toEqual([]);
    expect(emulator.gateway.identifies).toBe(0);
  });

  it("closes with 4010 a discord.js shard whose shard count differs from the live shards'", async () => {
    const { emulator } = await connectShards(2);
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      shards: [2],
      shardCount: 3,
      rest: { api: emulator.apiUrl },
    });
    cleanups.push(() => client.destroy());
    const disconnected = once(client, Events.ShardDisconnect).then(([event, shardId]) => ({
      event,
      shardId,
    }));
    const ready = once(client, Events.ClientReady).then(() => "ready instead of closed");
    const errors: unknown[] = [];
    client.on(Events.ShardError, (error) => errors.push(error));
    client.on(Events.Error, (error) => errors.push(error));
    client.login(TOKEN).catch((error: unknown) => errors.push(error));
    expect(await Promise.race([disconnected, ready])).toEqual({
      event: expect.objectContaining({ code: 4010 }),
      shardId: 2,
    });
    expect(emulator.violations).toMatchObject([
      {
        rule: "gateway.invalid-shard",
        description: expect.stringContaining(
          "shard [2, 3] while shard 0 is connected with a session of 2 shards",
        ),
      },
    ]);
    expect(emulator.shards().map((s) => [s.shard, s.count, s.connected])).toEqual([
      [0, 2, true],
      [1, 2, true],
    ]);
  });
});

describe("resharding", () => {
  it("once the old shards are gone, a new shard count is accepted and their sessions are forgotten", async () => {
    const { emulator, guilds, bots } = await connectShards(2, { waitTimeoutMs: 300 });
    for (const bot of bots) await bot.client.destroy();
    await expect.poll(() => emulator.shards().map((s) => s.connected)).toEqual([false, false]);
    await expect(emulator.waitForReady({ shards: 1 })).rejects.toThrow(/still waiting/);

    const resharded = await shardBot(emulator, 0, 3);
    await emulator.waitForReady({ shards: 1 });
    expect(emulator.shards().map((s) => [s.shard, s.count, s.connected])).toEqual([[0, 3, true]]);
    const all = guilds.flat();
    const owned = all.filter((id) => shardOf(id, 3) === 0);
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.length).toBeLessThan(all.length);
    expect(sorted(resharded.client.guilds.cache.keys())).toEqual(sorted(owned));
    const elsewhere = all.find((id) => shardOf(id, 3) === 1) ?? "";
    expect(() => emulator.chatInput({ name: "ask", guildId: elsewhere })).toThrow(
      /shard 1 of 3, which has no session/,
    );
  });
});

describe("GET /gateway/bot", () => {
  const gatewayBot = async (emulator: DiscordEmulator) => {
    const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${TOKEN}` },
    });
    return fieldOf(await response.json(), "shards");
  };

  it("recommends the configured shard count, 1 by default, and discord.js reads it", async () => {
    const { emulator } = await startEmulator(1);
    expect(await gatewayBot(emulator)).toBe(1);
    const { emulator: three } = await startEmulator(3, { recommendedShards: 3 });
    expect(await gatewayBot(three)).toBe(3);
    const debug: string[] = [];
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      shards: [0],
      shardCount: 3,
      rest: { api: three.apiUrl },
    });
    cleanups.push(() => client.destroy());
    client.on(Events.Debug, (message) => debug.push(message));
    const ready = once(client, Events.ClientReady);
    await client.login(TOKEN);
    await ready;
    expect(debug.some((m) => m.includes("Recommended Shards: 3"))).toBe(true);
    await expect(
      DiscordEmulator.start({ token: TOKEN, applicationId: APP_ID, recommendedShards: 0 }),
    ).rejects.toThrow(RangeError);
  });

  it("says how many shards may identify at once: max_concurrency, 1 by default", async () => {
    const limitOf = async (emulator: DiscordEmulator) => {
      const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
        headers: { Authorization: `Bot ${TOKEN}` },
      });
      return fieldOf(fieldOf(await response.json(), "session_start_limit"), "max_concurrency");
    };
    expect(await limitOf((await startEmulator(1)).emulator)).toBe(1);
    expect(await limitOf((await startEmulator(2, { maxConcurrency: 16 })).emulator)).toBe(16);
    await expect(
      DiscordEmulator.start({ token: TOKEN, applicationId: APP_ID, maxConcurrency: 0 }),
    ).rejects.toThrow(RangeError);
  });
});
