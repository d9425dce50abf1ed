import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DiscordEmulator, guildIdForShard } from "../discord-emulator/index.ts";
import { ROOT } from "./child.ts";
import { APP_ID, TOKEN, USER, WARMUPS } from "./discord-world.ts";
import { summarise } from "./latency.ts";
import type { ShardRun } from "./types.ts";

const GUILDS_PER_SHARD = 4;
/** Interactions in flight at once: a busy bot's many servers asking together. */
const CONCURRENCY = 16;

/** Resident memory of a process, from /proc (Linux); null elsewhere or once it has exited. */
async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

/**
 * The bot sharded as `npm start` runs it with TOTAL_SHARDS=`shards` (a ShardingManager process and
 * one process per shard) against the loopback emulator, guilds spread evenly over the shards:
 * /ask interactions, CONCURRENCY in flight, over every guild in turn. Reports interactions handled
 * per second (dispatch of the first to the callback of the last), their latency, and the resident
 * memory of each shard process and of the manager once they have answered.
 */
export async function measureShards(
  corpus: { mdDir: string; question: string },
  snapshotDir: string,
  shards: number,
  asks: number,
): Promise<ShardRun> {
  const guilds = Array.from({ length: shards * GUILDS_PER_SHARD }, (_, i) => ({
    id: guildIdForShard(i % shards, shards, Math.floor(i / shards)),
    name: `Server ${i}`,
  }));
  const emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds,
    recommendedShards: shards,
    maxConcurrency: 16,
    // A shard at 10,000 articles opens its snapshot, or builds the index when there is none: on a
    // slow machine that took more than the emulator's default 10 s, and the bench stopped there.
    waitTimeoutMs: 60_000,
  });
  const manager = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/discord/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: emulator.apiUrl,
      CORPUS_DIR: corpus.mdDir,
      SNAPSHOT_DIR: snapshotDir,
      HISTORY_DIR: "off",
      ASK_COOLDOWN_SECONDS: "0",
      TOTAL_SHARDS: String(shards),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const shardPids = new Map<number, number>();
  let buffer = "";
  manager.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.includes('"shard-spawned"')) continue;
      const parsed = JSON.parse(line) as { shard: number; pid: number };
      shardPids.set(parsed.shard, parsed.pid);
    }
  });
  const exited = new Promise<number | null>((resolve) => manager.on("exit", (code) => resolve(code)));
  try {
    const ready = performance.now();
    await Promise.race([
      emulator.waitForReady({ shards }),
      exited.then((code) => {
        throw new Error(`the sharded bot exited with status ${code} before it was ready`);
      }),
    ]);
    const readyMs = performance.now() - ready;
    let next = 0;
    const one = async (): Promise<number> => {
      const guild = guilds[next++ % guilds.length]?.id as string;
      const started = performance.now();
      const ack = await emulator
        .chatInput({
          name: "ask",
          options: [{ name: "question", type: 3, value: corpus.question }],
          user: USER,
          guildId: guild,
        })
        .ack();
      if (ack.type !== 4) throw new Error(`/ask was answered with callback type ${ack.type}, not 4`);
      return performance.now() - started;
    };
    for (let i = 0; i < WARMUPS; i++) await one();
    const latencies: number[] = [];
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < asks) {
          issued++;
          latencies.push(await one());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const perShard = await Promise.all([...shardPids.values()].map(residentBytes));
    const shardRss = perShard.filter((bytes): bytes is number => bytes !== null);
    return {
      shards,
      guilds: guilds.length,
      readyMs,
      interactions: latencies.length,
      perSecond: latencies.length / seconds,
      latency: summarise(latencies),
      shardRssBytes: shardRss,
      managerRssBytes: manager.pid === undefined ? null : await residentBytes(manager.pid),
      violations: emulator.violations.length,
    };
  } finally {
    manager.kill("SIGTERM");
    await exited;
    await emulator.stop();
  }
}
