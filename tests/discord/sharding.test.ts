import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DiscordEmulator, guildIdForShard, shardOf } from "../../discord-emulator/index.ts";
import type { StoredMessage } from "../../discord-emulator/types.ts";
import { APP_ID, botEnv, MEMBER, MOD_ROLE, MODERATOR, TOKEN } from "../support/discord-world.ts";
import { killStarted, type LogLine, type Running, startProcess } from "../support/processes.ts";

/**
 * The bot sharded as discord.js shards it (TOTAL_SHARDS, SHARD_LIST): a ShardingManager process
 * whose shards are processes of their own, against the emulator's sharded gateway, with guilds
 * spread over four shards. One corpus is built once and followed by every shard.
 */

const COUNT = 4;
const GUILDS = [0, 1, 2, 3].flatMap((shard) =>
  [0, 1].map((n) => ({
    id: guildIdForShard(shard, COUNT, n),
    name: `Shard ${shard} newsroom ${n}`,
    roles: [{ id: MOD_ROLE, name: "editors", permissions: "0" }],
  })),
);
const guildOf = (shard: number) => GUILDS[shard * 2]?.id as string;

let dir: string;
let corpusDir: string;
let emulator: DiscordEmulator;

function manager(extra: Record<string, string> = {}): Running {
  return startProcess(
    process.execPath,
    ["--import", "tsx", "src/discord/main.ts"],
    botEnv({
      apiUrl: emulator.apiUrl,
      dir,
      corpusDir,
      extra: { TOTAL_SHARDS: String(COUNT), METRICS_PORT: "0", ...extra },
    }),
  );
}

function ask(guildId: string, question: string) {
  return emulator.chatInput({
    name: "ask",
    options: [{ name: "question", type: 3, value: question }],
    user: MEMBER,
    guildId,
  });
}

function corpus(guildId: string, sub: "refresh" | "status") {
  return emulator.chatInput({
    name: "corpus",
    options: [{ name: sub, type: 1, options: [] }],
    user: MODERATOR,
    memberRoles: [MOD_ROLE],
    guildId,
  });
}

const text = (message: StoredMessage) => JSON.stringify(message.embeds);

async function addArticle(id: string, title: string, body: string): Promise<void> {
  await writeFile(
    path.join(corpusDir, `${id}.md`),
    `---\nid: ${id}\ntitle: ${title}\npublished: 2025-09-02\n---\n\n${body}\n`,
  );
}

/** The interaction log line a shard wrote for an interaction. */
const handledBy = (running: Running, id: string) =>
  running.line("interaction", (l: LogLine) => l.interaction === id);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-shards-"));
  corpusDir = path.join(dir, "corpus");
  await cp("corpus", corpusDir, { recursive: true });
  emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: GUILDS,
    recommendedShards: COUNT,
    // All four identify at once, as a large bot's may: no 5 s between shards in the tests.
    maxConcurrency: 16,
  });
});

afterAll(async () => {
  killStarted();
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("TOTAL_SHARDS=4: one manager, four shard processes", () => {
  let running: Running;
  let metricsUrl: string;

  beforeAll(async () => {
    running = manager();
    const started = await running.line("started", (l) => l.manager === true);
    expect(started).toMatchObject({ shards: [0, 1, 2, 3], total: COUNT });
    metricsUrl = String(started.metrics);
    await emulator.waitForReady({ shards: COUNT });
  }, 90_000);

  afterAll(async () => {
    running.child.kill("SIGTERM");
    await running.exited;
  });

  it("builds the corpus once, in the manager; the shards load its snapshot", () => {
    expect(running.lines.filter((l) => l.event === "corpus" && l.manager === true)).toHaveLength(1);
    const shardCorpus = running.lines.filter((l) => l.event === "corpus" && typeof l.shard === "number");
    expect(shardCorpus.map((l) => l.shard).sort()).toEqual([0, 1, 2, 3]);
    for (const line of shardCorpus) expect(line.snapshot).toBe("loaded");
  });

  it("answers every guild's /ask from the shard that owns it", { timeout: 60_000 }, async () => {
    for (const guild of GUILDS) {
      const handle = ask(guild.id, "who designated the cartels?");
      expect((await handle.original()).embeds[0]?.title).toBe("Answer from the articles");
      const owner = shardOf(guild.id, COUNT);
      expect(handle.shard).toBe(owner);
      expect((await handledBy(running, handle.id)).shard).toBe(owner);
    }
  });

  it("answers in a guild of shard 3 from a refresh made in a guild of shard 0", {
    timeout: 60_000,
  }, async () => {
    await addArticle(
      "culiacan-financiers",
      "Sinaloa financiers arrested",
      "Police in Culiacán arrested three financiers of the Sinaloa Cartel on Tuesday.",
    );
    const refresh = corpus(guildOf(0), "refresh");
    const reply = await refresh.original();
    expect(reply.embeds[0]?.title).toBe("Corpus refreshed");
    expect(reply.embeds[0]?.description).toContain("Served by 4 of 4 shards on this machine.");
    expect((await handledBy(running, refresh.id)).shard).toBe(0);

    const answer = await ask(guildOf(3), "Who arrested financiers in Culiacán?").original();
    expect(text(answer)).toContain("Sinaloa financiers arrested");
    // Built once, by shard 0: the others loaded the snapshot it wrote.
    // Their log lines come through the processes' pipes, which may trail the reply.
    await vi.waitFor(() =>
      expect(
        running.lines
          .filter((l) => l.event === "corpus-adopted")
          .map((l) => l.shard)
          .sort(),
      ).toEqual([1, 2, 3]),
    );
  });

  it("changes nothing anywhere when a refresh fails", { timeout: 60_000 }, async () => {
    const adoptedBefore = running.lines.filter((l) => l.event === "corpus-adopted").length;
    const before = await corpus(guildOf(2), "status").original();
    const version = before.embeds[0]?.fields?.find((f) => f.name === "Corpus version")?.value;
    await writeFile(path.join(corpusDir, "broken.md"), "---\ntitle: [unclosed\n---\nText.\n");
    try {
      const reply = await corpus(guildOf(0), "refresh").original();
      expect(reply.embeds[0]?.title).toBe("Refresh failed: the previous corpus is still answering");
      // Past a poll of every shard: none moved.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(running.lines.filter((l) => l.event === "corpus-adopted")).toHaveLength(adoptedBefore);
      for (const shard of [0, 1, 2, 3]) {
        const status = await corpus(guildOf(shard), "status").original();
        expect(status.embeds[0]?.fields?.find((f) => f.name === "Corpus version")?.value).toBe(version);
      }
    } finally {
      await rm(path.join(corpusDir, "broken.md"));
    }
  });

  it("lists every shard in /corpus status, and serves every shard's metrics", {
    timeout: 60_000,
  }, async () => {
    const status = await corpus(guildOf(1), "status").original();
    const field = status.embeds[0]?.fields?.find((f) => f.name.startsWith("Shards on this machine"));
    expect(field?.name).toBe("Shards on this machine (4)");
    const lines = field?.value.split("\n") ?? [];
    expect(lines).toHaveLength(4);
    for (const [i, line] of [...lines].sort().entries()) {
      expect(line).toMatch(new RegExp(`^\`#${i}\` \`[0-9a-f]{12}\` · 2 servers · ping `));
      expect(line).not.toContain("old version");
    }

    const health = await fetch(metricsUrl.replace(/\/metrics$/, "/healthz"));
    expect(health.status).toBe(200);
    const metrics = await (await fetch(metricsUrl)).text();
    for (const shard of [0, 1, 2, 3]) {
      expect(metrics).toMatch(
        new RegExp(`^storydesk_interactions_total\\{[^}]*shard="${shard}"[^}]*\\} \\d+$`, "m"),
      );
      expect(metrics).toContain(`storydesk_process_resident_memory_bytes{shard="${shard}"}`);
    }
  });

  it("keeps answering on the other shards when one is killed (-9) during a burst, and respawns it", {
    timeout: 90_000,
  }, async () => {
    const spawned = await running.line("shard-spawned", (l) => l.shard === 2);
    const pid = Number(spawned.pid);
    const others = [0, 1, 3].flatMap((shard) => [guildOf(shard), GUILDS[shard * 2 + 1]?.id as string]);
    const burst = Array.from({ length: 24 }, (_, i) =>
      ask(others[i % others.length] as string, "who designated the cartels?"),
    );
    process.kill(pid, "SIGKILL");
    const replies = await Promise.all(burst.map((handle) => handle.original()));
    for (const reply of replies) expect(reply.embeds[0]?.title).toBe("Answer from the articles");

    const died = await running.line("shard-died", (l) => l.shard === 2);
    expect(died).toMatchObject({ signal: "SIGKILL", respawnInMs: 1000 });
    await running.line(
      "shard-ready",
      (l) => l.shard === 2 && running.lines.indexOf(l) > running.lines.indexOf(died),
    );
    const again = await ask(guildOf(2), "who designated the cartels?").original();
    expect(again.embeds[0]?.title).toBe("Answer from the articles");
    const restarts = await (await fetch(metricsUrl)).text();
    expect(restarts).toMatch(/^storydesk_shard_restarts_total\{shard="2"\} 1$/m);
  });

  it("stops every shard on SIGTERM and exits 0", { timeout: 60_000 }, async () => {
    const pids = running.lines
      .filter((l) => l.event === "started" && typeof l.shard === "number")
      .map((l) => Number(l.pid));
    expect(pids.length).toBeGreaterThanOrEqual(4);
    running.child.kill("SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe("SHARD_LIST: two managers sharing the corpus directories", () => {
  let first: Running;
  let second: Running;

  beforeAll(async () => {
    first = manager({ SHARD_LIST: "0,1" });
    second = manager({ SHARD_LIST: "2,3" });
    await Promise.all([
      first.line("started", (l) => l.manager === true),
      second.line("started", (l) => l.manager === true),
    ]);
    await emulator.waitForReady({ shards: COUNT });
  }, 90_000);

  afterAll(async () => {
    first.child.kill("SIGTERM");
    second.child.kill("SIGTERM");
    await Promise.all([first.exited, second.exited]);
  });

  it("both serve a refresh made through one of them, the other loading its snapshot", {
    timeout: 60_000,
  }, async () => {
    await addArticle(
      "tijuana-port",
      "Tijuana port seizure",
      "Customs officers at the port of Tijuana seized two tonnes of precursor chemicals in October.",
    );
    const reply = await corpus(guildOf(0), "refresh").original();
    const description = reply.embeds[0]?.description ?? "";
    expect(description).toContain("Served by 2 of 2 shards on this machine.");
    expect(description).toContain("2 shards on other machines load it within 2 s.");

    await vi.waitFor(
      async () => {
        const answer = await ask(guildOf(3), "What did customs officers seize in Tijuana?").original();
        expect(text(answer)).toContain("Tijuana port seizure");
      },
      { timeout: 15_000, interval: 1_000 },
    );
    // Each shard of the other machine follows on its own poll, within 2 s and its load of the snapshot.
    await vi.waitFor(
      () =>
        expect(
          second.lines
            .filter((l) => l.event === "corpus-adopted")
            .map((l) => l.shard)
            .sort(),
        ).toEqual([2, 3]),
      { timeout: 10_000, interval: 250 },
    );
  });
});

describe("failing shards", () => {
  const shardPids = (running: Running) =>
    running.lines.filter((l) => l.event === "shard-spawned").map((l) => Number(l.pid));
  const isRunning = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it("stops every shard and exits 1 when Discord refuses one (4004: the token)", {
    timeout: 90_000,
  }, async () => {
    const running = manager();
    await running.line("started", (l) => l.manager === true);
    await emulator.waitForReady({ shards: COUNT });
    emulator.dropConnection(4004, { shard: 1 });
    expect(await running.exited).toEqual({ code: 1, signal: null });
    expect(running.lines.find((l) => l.event === "gateway-closed")).toMatchObject({ shard: 1, code: 4004 });
    expect(running.lines.find((l) => l.event === "shard-refused")).toMatchObject({ shard: 1 });
    expect(running.lines.filter((l) => l.event === "shard-died")).toEqual([]);
    for (const pid of shardPids(running)) expect(isRunning(pid)).toBe(false);
  });

  it("stops the shards when their manager is killed (-9): no shard serves on alone", {
    timeout: 90_000,
  }, async () => {
    const running = manager();
    await running.line("started", (l) => l.manager === true);
    const pids = shardPids(running);
    expect(pids).toHaveLength(COUNT);
    running.child.kill("SIGKILL");
    await vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]), { timeout: 20_000, interval: 250 });
  });
});
