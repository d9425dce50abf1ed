import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DiscordEmulator, type InteractionHandle } from "../../discord-emulator/index.ts";
import { Storydesk } from "../../src/core/serving/storydesk.ts";
import { type Bot, startBot } from "../../src/discord/bot.ts";
import { readBotConfig } from "../../src/discord/config.ts";
import { createLogger } from "../../src/discord/logger.ts";
import {
  APP_ID,
  botEnv,
  logInto,
  MEMBER,
  MOD_ROLE,
  MODERATOR,
  NEWSROOM,
  TOKEN,
} from "../support/discord-world.ts";

/**
 * The bot as a service under Discord's faults, through the emulator: a callback answered 502 after
 * Discord processed it, an interaction delivered twice, malformed payloads, dropped and refused
 * sessions; and its health and metrics endpoint, scraped over HTTP.
 */

let dir: string;
let emulator: DiscordEmulator;
let bot: Bot;
let storydesk: Storydesk;
const logLines: Array<Record<string, unknown>> = [];

const logged = (event: string) => logLines.filter((l) => l.event === event);

function ask(text: string): InteractionHandle {
  return emulator.chatInput({
    name: "ask",
    options: [{ name: "question", type: 3, value: text }],
    user: MEMBER,
  });
}

function corpus(sub: "refresh" | "status"): InteractionHandle {
  return emulator.chatInput({
    name: "corpus",
    options: [{ name: sub, type: 1, options: [] }],
    user: MODERATOR,
    memberRoles: [MOD_ROLE],
  });
}

/** The callbacks the bot sent for an interaction: there must be exactly one. */
function callbacksOf(handle: InteractionHandle) {
  return emulator.requests.filter(
    (r) => r.method === "POST" && r.path.startsWith(`/api/v10/interactions/${handle.id}/`),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-service-"));
  emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [NEWSROOM],
  });
  const config = readBotConfig(botEnv({ apiUrl: emulator.apiUrl, dir, extra: { METRICS_PORT: "0" } }));
  const sink = logInto(logLines);
  storydesk = await Storydesk.open({ corpusDir: "corpus", snapshotFile: null });
  bot = await startBot({ config, storydesk, logger: createLogger(config.LOG_LEVEL, sink) });
});

afterEach(() => {
  emulator.clearRestFaults();
});

afterAll(async () => {
  await bot?.stop();
  await storydesk?.close();
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("callbacks are never sent twice", () => {
  it("recognises a callback Discord processed but answered 502, for 20 of 20 interactions", async () => {
    emulator.injectRestFault({
      match: (method, p) => method === "POST" && /\/callback$/.test(p),
      kind: "after",
      status: 502,
      times: 20,
    });
    const errorsBefore = logLines.filter((l) => l.level === 50).length;
    const handles = Array.from({ length: 20 }, () => ask("who designated the cartels?"));
    for (const handle of handles) {
      expect((await handle.original()).embeds[0]?.title).toBe("Answer from the articles");
    }
    await vi.waitFor(() => expect(logLines.filter((l) => l.outcome === "unconfirmed")).toHaveLength(20));
    for (const handle of handles) expect(callbacksOf(handle)).toHaveLength(1);
    expect(logLines.filter((l) => l.level === 50)).toHaveLength(errorsBefore);
    expect(emulator.violations).toEqual([]);
  });

  it("answers an interaction delivered twice once", async () => {
    const handle = ask("who is anna kelly?");
    await handle.original();
    emulator.redeliver(handle);
    await vi.waitFor(() =>
      expect(logLines.some((l) => l.outcome === "duplicate" && l.interaction === handle.id)).toBe(true),
    );
    expect(callbacksOf(handle)).toHaveLength(1);
    expect(emulator.violations).toEqual([]);
  });
});

describe("malformed payloads", () => {
  it.each<[string, unknown]>([
    ["null", null],
    [
      "without data",
      {
        id: "1000000000000009001",
        application_id: APP_ID,
        type: 2,
        token: "t",
        version: 1,
        user: { id: MEMBER.id, username: "x" },
      },
    ],
    [
      "without a user",
      {
        id: "1000000000000009002",
        application_id: APP_ID,
        type: 2,
        token: "t",
        version: 1,
        data: { id: "1", name: "ask", type: 1 },
      },
    ],
    ["a number", 42],
  ])("drops an INTERACTION_CREATE %s with one log line, and keeps answering", async (_name, payload) => {
    const before = logged("payload-dropped").length;
    emulator.dispatchRaw("INTERACTION_CREATE", payload);
    await vi.waitFor(() => expect(logged("payload-dropped")).toHaveLength(before + 1));
    expect(logged("payload-dropped").at(-1)).toMatchObject({ level: 40, gatewayEvent: "INTERACTION_CREATE" });
    expect((await ask("who designated the cartels?").original()).embeds[0]?.title).toBe(
      "Answer from the articles",
    );
  });
});

describe("gateway state changes", () => {
  it("logs a disconnect and the resume, with the events replayed", async () => {
    emulator.dropConnection();
    await emulator.waitForResume();
    await vi.waitFor(() => expect(logged("gateway-resumed").length).toBeGreaterThan(0));
    expect(logged("gateway-disconnected").at(-1)).toMatchObject({ level: 40, inFlight: expect.any(Number) });
    expect(logged("gateway-resumed").at(-1)).toMatchObject({ replayed: expect.any(Number) });
  });

  it("logs a refused resume: a new session, and interactions sent meanwhile lost", async () => {
    emulator.dropConnection(4000, { invalidateSession: true });
    await vi.waitFor(() => expect(logged("gateway-new-session").length).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    expect(logged("gateway-invalid-session").length).toBeGreaterThan(0);
    expect((await ask("who designated the cartels?").original()).embeds[0]?.title).toBe(
      "Answer from the articles",
    );
  });
});

describe("health and metrics", () => {
  const get = async (p: string) => {
    const response = await fetch(`http://127.0.0.1:${bot.health?.port}${p}`);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      text: await response.text(),
    };
  };

  it("says the bot is ready once a corpus is loaded and the gateway connected", async () => {
    expect(bot.health).toBeDefined();
    expect(await get("/healthz")).toMatchObject({ status: 200, text: '{"status":"ready"}' });
    expect((await get("/nothing")).status).toBe(404);
  });

  it("says it is not ready, and why, while the gateway is disconnected; ready again once it resumes", async () => {
    emulator.holdGateway();
    try {
      emulator.dropConnection(4000);
      await vi.waitFor(
        async () =>
          expect(await get("/healthz")).toMatchObject({
            status: 503,
            text: '{"status":"not ready","reason":"the gateway is not connected"}',
          }),
        { timeout: 10_000 },
      );
    } finally {
      emulator.releaseGateway();
    }
    await emulator.waitForResume();
    await vi.waitFor(async () => expect((await get("/healthz")).status).toBe(200), { timeout: 10_000 });
  });

  it("serves the metrics in Prometheus's format, by name", async () => {
    await ask("who designated the cartels?").original();
    await corpus("refresh").original();
    const metrics = await get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    // Anchored lines: a name, or a name and its exact value.
    for (const line of [
      /^storydesk_interactions_total\{command="ask",kind="command",outcome="answered"\} \d+$/,
      /^storydesk_interaction_duration_seconds_bucket\{le="0\.01",command="ask",kind="command"\} \d+$/,
      /^storydesk_refresh_duration_seconds_count 1$/,
      /^storydesk_refreshes_total\{result="ok"\} 1$/,
      new RegExp(`^storydesk_corpus_info\\{version="${storydesk.library.version}"\\} 1$`),
      /^storydesk_corpus_documents 1$/,
      /^storydesk_gateway_ping_seconds \d/,
      /^storydesk_gateway_events_total\{event="resumed"\} [1-9]\d*$/,
      /^storydesk_dropped_payloads_total\{reason="duplicate"\} 1$/,
      /^storydesk_process_cpu_user_seconds_total \d/,
      /^storydesk_nodejs_eventloop_lag_seconds \d/,
    ]) {
      expect(metrics.text).toMatch(new RegExp(line.source, "m"));
    }
    const answered = /storydesk_answer_duration_seconds_count (\d+)/.exec(metrics.text)?.[1];
    expect(Number(answered)).toBeGreaterThanOrEqual(20);
  });

  it("shows the same counters in brief in /corpus status", async () => {
    const scraped = (await get("/metrics")).text;
    const sum = (pattern: RegExp) =>
      [...scraped.matchAll(pattern)].reduce((n, match) => n + Number(match[1]), 0);
    const interactions = sum(/^storydesk_interactions_total\{[^}]*\} (\d+)$/gm);
    const reconnects = sum(/^storydesk_gateway_events_total\{event="reconnecting"\} (\d+)$/gm);
    expect(interactions).toBeGreaterThan(20);
    expect(reconnects).toBeGreaterThanOrEqual(2);
    // The status command is counted once handled, after its own reply is made.
    const status = await corpus("status").original();
    const since = status.embeds[0]?.fields?.find((f) => f.name === "Since start")?.value;
    expect(since).toBe(
      `${interactions} interactions (0 errors), 1 refresh, ${reconnects} gateway reconnects`,
    );
  });
});
