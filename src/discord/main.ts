import { fileURLToPath } from "node:url";
import { CorpusError, count, loadLanguageDetector, Storydesk } from "../core/index.ts";
import { loadEnvFile } from "../entry/config.ts";
import { CLIError, EXIT_FAILURE } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { type Bot, type FatalClose, startBot } from "./bot.ts";
import { type BotConfig, readBotConfig, storydeskOptionsOf } from "./config.ts";
import { createLogger } from "./logger.ts";
import { type ShardManagerRun, startShardManager } from "./sharding/manager.ts";
import { describeStartError } from "./start-errors.ts";

/** Why the bot stops: a signal from the operator, or a gateway close Discord will not take back. */
type StopReason = { readonly signal: NodeJS.Signals } | { readonly fatal: FatalClose };

/**
 * `npm start`: checks the configuration, opens the corpus, connects, and runs until a signal
 * (SIGTERM or SIGINT) or a fatal gateway close. It then finishes the interactions in flight within
 * SHUTDOWN_TIMEOUT_SECONDS and exits 0; a deadline passed, or a fatal close, exits 1 with a line
 * saying why. A second signal stops at once.
 */
await runMain({
  usage: "npm start",
  description: "Runs the Discord bot with the settings in .env (see .env.example).",
  async run() {
    const started = performance.now();
    loadEnvFile();
    const config = readBotConfig();
    // discord.js's ShardingManager marks the processes it starts; they run one shard each.
    const isShard = process.env.SHARDING_MANAGER === "true";
    if (config.TOTAL_SHARDS !== undefined && !isShard) return runManager(config);
    const logger = isShard
      ? createLogger(config.LOG_LEVEL).child({ shard: Number(process.env.SHARDS) })
      : createLogger(config.LOG_LEVEL);
    const storydesk = await Storydesk.open(storydeskOptionsOf(config));
    const status = storydesk.status();
    logger.info(
      { event: "corpus", ...status.counts, snapshot: status.snapshot.state, history: status.history },
      "corpus loaded",
    );
    if (status.snapshot.error !== undefined) {
      logger.warn(
        { event: "snapshot", file: status.snapshot.file, error: status.snapshot.error },
        "the snapshot could not be saved: the next start will index the corpus again",
      );
    }

    let bot: Bot;
    try {
      bot = await startBot({ config, storydesk, logger });
    } catch (cause) {
      await storydesk.close();
      throw new CLIError(describeStartError(cause), { exitCode: EXIT_FAILURE });
    }
    logger.info(
      { event: "started", pid: process.pid, ms: Math.round(performance.now() - started) },
      "listening for interactions",
    );
    // Loaded now rather than by the first question in another language, which would wait for it.
    loadLanguageDetector().catch((cause: unknown) =>
      logger.warn({ event: "language-detector", error: String(cause) }, "language detection unavailable"),
    );

    const reason = await new Promise<StopReason>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve({ signal }));
      void bot.fatal.then((fatal) => resolve({ fatal }));
    });
    onSecondSignal((signal) => {
      logger.error({ event: "stopped", signal }, `${signal} again: stopping now, without waiting`);
    });
    const deadlineMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    logger.info(
      {
        event: "stopping",
        ...("signal" in reason ? { signal: reason.signal } : { code: reason.fatal.code }),
      },
      `shutting down (at most ${config.SHUTDOWN_TIMEOUT_SECONDS} s)`,
    );
    const { cutShort } = await bot.stop(deadlineMs);
    await storydesk.close();
    let exitCode = "fatal" in reason ? EXIT_FAILURE : 0;
    if (cutShort.length > 0) {
      exitCode = EXIT_FAILURE;
      logger.error(
        { event: "shutdown-deadline", cutShort },
        `the shutdown deadline (${config.SHUTDOWN_TIMEOUT_SECONDS} s) passed with ${count(cutShort.length, "interaction")} unfinished, cut short: ${cutShort.join(", ")}`,
      );
    }
    logger.info({ event: "stopped", exitCode }, "stopped");
    // Requests to a Discord that does not answer may hold sockets open: the process ends here.
    process.exit(exitCode);
  },
});

/**
 * After the first signal, a second one stops at once (exit 1). One that comes within a second of
 * the first is the same request delivered twice (Ctrl+C reaches a whole process group, shards
 * included, and their manager passes its own on), not a second one.
 */
function onSecondSignal(log: (signal: NodeJS.Signals) => void): void {
  const first = Date.now();
  const handle = (signal: NodeJS.Signals) => {
    if (Date.now() - first < 1_000) return;
    log(signal);
    process.exit(EXIT_FAILURE);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, handle);
}

/** TOTAL_SHARDS: runs the shards, each a process running this file, until a signal; then stops them. */
async function runManager(config: BotConfig): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL).child({ manager: true });
  let run: ShardManagerRun;
  try {
    run = await startShardManager({ config, logger, script: fileURLToPath(import.meta.url) });
  } catch (cause) {
    if (cause instanceof CorpusError) throw cause;
    throw new CLIError(describeStartError(cause), { exitCode: EXIT_FAILURE });
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => resolve(s));
  });
  onSecondSignal((again) =>
    logger.error({ event: "stopped", signal: again }, `${again} again: stopping now`),
  );
  logger.info({ event: "stopping", signal }, `stopping ${count(run.shardList.length, "shard")}`);
  const exitCode = await run.stop();
  logger.info({ event: "stopped", exitCode }, "stopped");
  process.exit(exitCode);
}
