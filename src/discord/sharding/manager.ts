import type { ChildProcess } from "node:child_process";
import { REST, Routes, type Shard, ShardingManager } from "discord.js";
import { AggregatorRegistry, Counter, Registry } from "prom-client";
import { count, openLibrary, publishOpened } from "../../core/index.ts";
import { CLIError, EXIT_FAILURE, EXIT_USAGE } from "../../entry/errors.ts";
import { type BotConfig, storydeskOptionsOf } from "../config.ts";
import type { Logger } from "../logger.ts";
import { type HealthServer, type Readiness, startHealthServer } from "../service/health-server.ts";
import { boundStop, EXIT_GATEWAY_REFUSED, firstSignal, SHUTDOWN_GRACE_SECONDS } from "../service/shutdown.ts";
import { describeStartError, isTokenRejected } from "../start-errors.ts";
import { askShards } from "./fleet.ts";

/** Discord's pace for identifying: `maxConcurrency` sessions may start every 5 seconds. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long a shard has to connect and become ready, at start and at each respawn. */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** Respawn back-off: 1 s after a first death, doubling up to a minute. */
const RESPAWN_FIRST_MS = 1_000;
const RESPAWN_MAX_MS = 60_000;
/** A shard alive this long has recovered: its next death starts the back-off again. */
const RECOVERED_AFTER_MS = 60_000;

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

/**
 * Builds the corpus once for every shard of this machine, saves and publishes it: they load the
 * snapshot instead of building it. A function of its own so that the manager, which runs on, keeps
 * no reference to the index.
 */
async function buildForShards(config: BotConfig, logger: Logger): Promise<void> {
  const opened = await openLibrary(storydeskOptionsOf(config));
  await publishOpened(opened, "storydesk (start)");
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
}

/**
 * TOTAL_SHARDS: runs the bot as discord.js shards, each its own process running `script`, the shards
 * in SHARD_LIST or all of them, until a signal; then stops them and resolves with the exit status.
 * Before any shard starts, the corpus is built once here and published as the snapshot the shards
 * load. A shard that dies is respawned after a back-off, with a log line saying which and why; one
 * Discord refuses (a rejected token) stops them all, with status 1. The health endpoint
 * (METRICS_PORT) answers for every shard.
 */
export async function runShardManager(options: {
  config: BotConfig;
  logger: Logger;
  script: string;
}): Promise<number> {
  const { config, logger } = options;
  // Listened for first: a signal during the start stops what has started, and nothing is orphaned.
  let signalled = false;
  const signal = firstSignal();
  void signal.then(() => {
    signalled = true;
  });

  const setting = config.TOTAL_SHARDS ?? 1;
  let advice: { shards: number; maxConcurrency: number } | undefined;
  try {
    advice = await gatewayAdvice(config);
  } catch (cause) {
    if (setting === "auto" || isTokenRejected(cause)) {
      throw new CLIError(describeStartError(cause), { exitCode: EXIT_FAILURE });
    }
    logger.warn(
      { event: "gateway-advice", error: cause instanceof Error ? cause.message : String(cause) },
      "could not ask Discord how fast shards may connect: starting them 5.5 s apart",
    );
  }
  const total = setting === "auto" ? (advice?.shards ?? 1) : setting;
  const shardList = config.SHARD_LIST.length > 0 ? [...config.SHARD_LIST] : [...Array(total).keys()];
  const beyond = shardList.filter((id) => id >= total);
  if (beyond.length > 0) {
    throw new CLIError(
      `storydesk: SHARD_LIST has ids beyond the ${total} shards Discord recommends (TOTAL_SHARDS=auto): ${beyond.join(", ")}. Set TOTAL_SHARDS to a number.`,
      { exitCode: EXIT_USAGE },
    );
  }

  await buildForShards(config, logger);
  if (signalled) return 0;

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
  let refused = false;
  // While the shards start, discord.js's spawn fails on a death and the manager stops: no respawn.
  let started = false;
  const exits = new Map<number, number>();
  const killed = new Set<number>();
  const deaths = new Map<number, { count: number; spawnedAt: number }>();
  let health: HealthServer | undefined;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });

  const stopAll = async (): Promise<number> => {
    if (stopping) return done;
    stopping = true;
    const running = [...manager.shards.values()].filter((s) => s.process && s.process.exitCode === null);
    await Promise.all(
      running.map(
        (shard) =>
          new Promise<void>((resolve) => {
            // Each shard bounds its own stop; this bounds a shard that does not.
            const timer = setTimeout(
              () => {
                killed.add(shard.id);
                shard.process?.kill("SIGKILL");
              },
              (config.SHUTDOWN_TIMEOUT_SECONDS + SHUTDOWN_GRACE_SECONDS) * 1000,
            );
            shard.process?.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            shard.process?.kill("SIGTERM");
          }),
      ),
    );
    await health?.close();
    const failed = [
      ...new Set([...killed, ...[...exits].filter(([, code]) => code !== 0).map(([id]) => id)]),
    ];
    if (failed.length > 0) {
      logger.error(
        { event: "shards-failed", shards: failed },
        `${count(failed.length, "shard")} did not stop cleanly: ${failed.join(", ")}`,
      );
    }
    finish(refused || failed.length > 0 ? EXIT_FAILURE : 0);
    return done;
  };

  const onDeath = (shard: Shard, child: ChildProcess) => {
    const exitCode = child.exitCode;
    const signalCode = child.signalCode;
    exits.set(shard.id, exitCode ?? EXIT_FAILURE);
    if (stopping) return;
    if (!started) {
      logger.error(
        { event: "shard-died", shard: shard.id, exitCode, signal: signalCode, starting: true },
        `shard ${shard.id} died while the shards were starting (its last log lines say why)`,
      );
      return;
    }
    if (exitCode === EXIT_GATEWAY_REFUSED) {
      refused = true;
      exits.delete(shard.id);
      logger.error(
        { event: "shard-refused", shard: shard.id },
        `Discord refused shard ${shard.id} (its last line says why: a rejected token, say); stopping every shard`,
      );
      void stopAll();
      return;
    }
    const previous = deaths.get(shard.id);
    const recovered = !previous || Date.now() - previous.spawnedAt >= RECOVERED_AFTER_MS;
    const n = recovered ? 1 : previous.count + 1;
    const delay = Math.min(RESPAWN_MAX_MS, RESPAWN_FIRST_MS * 2 ** (n - 1));
    deaths.set(shard.id, { count: n, spawnedAt: Date.now() + delay });
    restarts.inc({ shard: String(shard.id) });
    const how = signalCode ? `was killed by ${signalCode}` : `exited with status ${exitCode}`;
    logger.warn(
      {
        event: "shard-died",
        shard: shard.id,
        exitCode,
        signal: signalCode,
        respawnInMs: delay,
        deathsInARow: n,
      },
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
      if (stopping) {
        child.kill("SIGTERM");
        return;
      }
      exits.delete(shard.id);
      deaths.set(shard.id, { count: deaths.get(shard.id)?.count ?? 0, spawnedAt: Date.now() });
      logger.info({ event: "shard-spawned", shard: shard.id, pid: child.pid }, `shard ${shard.id} started`);
    });
    shard.on("ready", () =>
      logger.info({ event: "shard-ready", shard: shard.id }, `shard ${shard.id} is ready`),
    );
    shard.on("death", (child) => onDeath(shard, child as ChildProcess));
  });

  /** This manager's shards with a process: those that can answer, started and not dead. */
  const runningShards = () => shardList.filter((id) => manager.shards.get(id)?.process);

  // Listening before the shards start, so that a probe hears "not ready" and why, not nothing.
  health =
    config.METRICS_PORT === undefined
      ? undefined
      : await startHealthServer({
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          readiness: async (): Promise<Readiness> => {
            const running = runningShards();
            const answers = await askShards(manager, running, "report");
            const problems = [
              ...shardList.filter((id) => !running.includes(id)).map((id) => `shard ${id}: not running`),
              ...answers.flatMap((a) =>
                !a.ok
                  ? [`shard ${a.shard}: ${a.error}`]
                  : a.value.ready
                    ? []
                    : [`shard ${a.shard}: ${a.value.reason}`],
              ),
            ];
            return problems.length === 0 ? { ready: true } : { ready: false, reason: problems.join("; ") };
          },
          scrape: async () => {
            const running = runningShards();
            const answers = await askShards(manager, running, "metrics");
            const shards = answers.flatMap((a) => (a.ok ? [a.value] : []));
            const merged = AggregatorRegistry.aggregate([...shards, await registry.getMetricsAsJSON()]);
            return { contentType: merged.contentType, text: await merged.metrics() };
          },
        });

  const maxConcurrency = advice?.maxConcurrency ?? 1;
  const spawned = manager
    .spawn({
      amount: total,
      delay: shardList.length <= maxConcurrency ? 0 : IDENTIFY_WINDOW_MS,
      timeout: SHARD_READY_TIMEOUT_MS,
    })
    .then(
      () => "spawned" as const,
      (cause: unknown) => cause,
    );
  const first = await Promise.race([spawned, signal, done]);
  if (first === "spawned") {
    started = true;
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
  } else if (typeof first !== "number" && typeof first !== "string") {
    logger.error(
      { event: "shards-failed-to-start", error: first instanceof Error ? first.message : String(first) },
      "the shards could not all start: stopping those that did",
    );
    await stopAll();
    return EXIT_FAILURE;
  }
  const reason =
    typeof first === "string" && first !== "spawned" ? first : await Promise.race([signal, done]);
  if (typeof reason === "number") {
    logger.info({ event: "stopped", exitCode: reason }, "stopped");
    return reason;
  }
  boundStop(config.SHUTDOWN_TIMEOUT_SECONDS + SHUTDOWN_GRACE_SECONDS, (why) =>
    logger.error({ event: "stopped" }, why),
  );
  logger.info({ event: "stopping", signal: reason }, `stopping ${count(shardList.length, "shard")}`);
  const exitCode = await stopAll();
  logger.info({ event: "stopped", exitCode }, "stopped");
  return exitCode;
}
