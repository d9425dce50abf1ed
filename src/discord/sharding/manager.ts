import type { ChildProcess } from "node:child_process";
import { REST, Routes, type Shard, ShardingManager } from "discord.js";
import { AggregatorRegistry, Counter, Registry } from "prom-client";
import { count, openLibrary } from "../../core/index.ts";
import { type BotConfig, storydeskOptionsOf } from "../config.ts";
import type { Logger } from "../logger.ts";
import { type HealthServer, type Readiness, startHealthServer } from "../service/health-server.ts";
import { askShards } from "./fleet.ts";

/** Discord's pace for identifying: `maxConcurrency` sessions may start every 5 seconds. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long a shard has to connect and become ready, at start and at each respawn. */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** Respawn back-off: 1 s after a first death, doubling up to a minute; reset by a minute alive. */
const RESPAWN_FIRST_MS = 1_000;
const RESPAWN_MAX_MS = 60_000;

/** What Discord says about sharding this bot: how many shards, and how many may identify at once. */
async function gatewayAdvice(config: BotConfig): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST({
    timeout: 10_000,
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  });
  rest.setToken(config.DISCORD_TOKEN);
  const body = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit?: { max_concurrency?: number };
  };
  return { shards: body.shards, maxConcurrency: body.session_start_limit?.max_concurrency ?? 1 };
}

export interface ShardManagerRun {
  /** Settles with the exit status once every shard has stopped. */
  readonly done: Promise<number>;
  readonly health: HealthServer | undefined;
  readonly shardList: readonly number[];
  /** Stops every shard (SIGTERM each, as a supervisor would) and waits for them. */
  stop(): Promise<number>;
}

/**
 * Runs the bot as discord.js shards (TOTAL_SHARDS), each its own process running `script`, the
 * shards in SHARD_LIST or all of them. Before any shard starts, the corpus is built once here and
 * saved as the snapshot the shards load. A shard that dies is respawned after a back-off, with a
 * log line saying which and why; the health endpoint (METRICS_PORT) answers for every shard.
 */
export async function startShardManager(options: {
  config: BotConfig;
  logger: Logger;
  script: string;
}): Promise<ShardManagerRun> {
  const { config, logger } = options;
  const setting = config.TOTAL_SHARDS ?? 1;
  let advice: { shards: number; maxConcurrency: number } | undefined;
  try {
    advice = await gatewayAdvice(config);
  } catch (cause) {
    if (setting === "auto") throw cause;
    logger.warn(
      { event: "gateway-advice", error: cause instanceof Error ? cause.message : String(cause) },
      "could not ask Discord how fast shards may connect: spawning them 5.5 s apart",
    );
  }
  const total = setting === "auto" ? (advice?.shards ?? 1) : setting;
  const shardList = config.SHARD_LIST.length > 0 ? [...config.SHARD_LIST] : [...Array(total).keys()];
  const beyond = shardList.filter((id) => id >= total);
  if (beyond.length > 0) {
    throw new Error(
      `SHARD_LIST has ids beyond the ${total} shards Discord recommends (TOTAL_SHARDS=auto): ${beyond.join(", ")}`,
    );
  }

  // Built once for every shard of this machine: they load the snapshot instead of building it.
  const opened = await openLibrary(storydeskOptionsOf(config));
  logger.info(
    {
      event: "corpus",
      version: opened.library.version,
      ...opened.library.stats,
      snapshot: opened.snapshot.state,
      ms: Math.round(opened.milliseconds),
    },
    "corpus built for the shards",
  );

  const registry = new Registry();
  const restarts = new Counter({
    name: "storydesk_shard_restarts_total",
    help: "Shard processes respawned after they died, by shard.",
    labelNames: ["shard"] as const,
    registers: [registry],
  });

  const manager = new ShardingManager(options.script, {
    token: config.DISCORD_TOKEN,
    totalShards: total,
    shardList,
    mode: "process",
    // Respawned here instead, with a back-off and a log line.
    respawn: false,
    execArgv: process.execArgv,
  });
  let stopping = false;
  const exits = new Map<number, number>();
  const deaths = new Map<number, { count: number; spawnedAt: number }>();

  const respawn = (shard: Shard, child: ChildProcess) => {
    const exitCode = child.exitCode;
    const signal = child.signalCode;
    exits.set(shard.id, exitCode ?? 1);
    if (stopping) return;
    const previous = deaths.get(shard.id);
    const aliveFor = Date.now() - (previous?.spawnedAt ?? 0);
    const n = previous && aliveFor < RESPAWN_MAX_MS ? previous.count + 1 : 1;
    const delay = Math.min(RESPAWN_MAX_MS, RESPAWN_FIRST_MS * 2 ** (n - 1));
    deaths.set(shard.id, { count: n, spawnedAt: Date.now() + delay });
    restarts.inc({ shard: String(shard.id) });
    const how = signal ? `was killed by ${signal}` : `exited with status ${exitCode}`;
    logger.warn(
      { event: "shard-died", shard: shard.id, exitCode, signal, respawnInMs: delay, deathsInARow: n },
      `shard ${shard.id} ${how}; respawning it in ${delay / 1000} s (its last log lines say why)`,
    );
    setTimeout(() => {
      if (stopping) return;
      shard.spawn(SHARD_READY_TIMEOUT_MS).catch((cause: unknown) => {
        logger.error(
          {
            event: "shard-respawn-failed",
            shard: shard.id,
            error: cause instanceof Error ? cause.message : String(cause),
          },
          `shard ${shard.id} did not become ready after its respawn`,
        );
      });
    }, delay).unref();
  };

  manager.on("shardCreate", (shard) => {
    // Process mode: every shard is a child process (the manager is created with mode "process").
    shard.on("spawn", (spawned) => {
      const child = spawned as ChildProcess;
      exits.delete(shard.id);
      deaths.set(shard.id, { count: deaths.get(shard.id)?.count ?? 0, spawnedAt: Date.now() });
      logger.info({ event: "shard-spawned", shard: shard.id, pid: child.pid }, `shard ${shard.id} started`);
    });
    shard.on("ready", () =>
      logger.info({ event: "shard-ready", shard: shard.id }, `shard ${shard.id} is ready`),
    );
    shard.on("death", (child) => respawn(shard, child as ChildProcess));
  });

  const maxConcurrency = advice?.maxConcurrency ?? 1;
  await manager.spawn({
    amount: total,
    delay: shardList.length <= maxConcurrency ? 0 : IDENTIFY_WINDOW_MS,
    timeout: SHARD_READY_TIMEOUT_MS,
  });

  const health =
    config.METRICS_PORT === undefined
      ? undefined
      : await startHealthServer({
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          readiness: async (): Promise<Readiness> => {
            const answers = await askShards(manager, shardList, "report");
            const problems = answers.flatMap((a) =>
              !a.ok
                ? [`shard ${a.shard}: ${a.error}`]
                : a.value.ready
                  ? []
                  : [`shard ${a.shard}: ${a.value.reason}`],
            );
            return problems.length === 0 ? { ready: true } : { ready: false, reason: problems.join("; ") };
          },
          scrape: async () => {
            const answers = await askShards(manager, shardList, "metrics");
            const shards = answers.flatMap((a) => (a.ok ? [a.value] : []));
            const merged = AggregatorRegistry.aggregate([...shards, await registry.getMetricsAsJSON()]);
            return { contentType: merged.contentType, text: await merged.metrics() };
          },
        });

  logger.info(
    {
      event: "started",
      pid: process.pid,
      shards: shardList,
      total,
      ...(health ? { metrics: `http://${config.METRICS_HOST}:${health.port}/metrics` } : {}),
    },
    `running ${count(shardList.length, "shard")} of ${total}`,
  );

  const alive = () => [...manager.shards.values()].filter((s) => s.process && s.process.exitCode === null);
  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finished = resolve;
  });
  const stop = async (): Promise<number> => {
    if (!stopping) {
      stopping = true;
      const running = alive();
      await Promise.all(
        running.map(
          (shard) =>
            new Promise<void>((resolve) => {
              shard.process?.once("exit", () => resolve());
              shard.process?.kill("SIGTERM");
              // Each shard bounds its own stop; this bounds a shard that does not.
              setTimeout(
                () => {
                  shard.process?.kill("SIGKILL");
                  resolve();
                },
                (config.SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000,
              ).unref();
            }),
        ),
      );
      await health?.close();
      const failed = [...exits].filter(([, code]) => code !== 0).map(([shard]) => shard);
      if (failed.length > 0) {
        logger.error(
          { event: "shards-failed", shards: failed },
          `${count(failed.length, "shard")} did not stop cleanly: ${failed.join(", ")}`,
        );
      }
      finished(failed.length > 0 ? 1 : 0);
    }
    return done;
  };
  return { done, health, shardList, stop };
}
