import { fileURLToPath } from "node:url";
import { count, loadLanguageDetector, Storydesk } from "../core/index.ts";
import { loadEnvFile } from "../entry/config.ts";
import { CLIError, EXIT_FAILURE } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { type Bot, type FatalClose, startBot } from "./bot.ts";
import { readBotConfig, storydeskOptionsOf } from "./config.ts";
import { createLogger } from "./logger.ts";
import { boundStop, EXIT_GATEWAY_REFUSED, firstSignal } from "./service/shutdown.ts";
import { runShardManager } from "./sharding/manager.ts";
import { describeStartError, isTokenRejected } from "./start-errors.ts";

/**
 * Why the bot stops: a signal from the operator, a gateway close Discord will not take back, or (a
 * shard) its manager gone.
 */
type StopReason =
  | { readonly signal: NodeJS.Signals }
  | { readonly fatal: FatalClose }
  | { readonly orphaned: true };

/**
 * `npm start`: checks the configuration, opens the corpus, connects, and runs until a signal
 * (SIGTERM or SIGINT) or a fatal gateway close. It then finishes the interactions in flight within
 * SHUTDOWN_TIMEOUT_SECONDS and exits 0; a deadline passed, or a fatal close, exits 1 with a line
 * saying why. With TOTAL_SHARDS it runs the shards instead, each a process running this file.
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
    if (config.TOTAL_SHARDS !== undefined && !isShard) {
      const logger = createLogger(config.LOG_LEVEL).child({ manager: true });
      process.exit(await runShardManager({ config, logger, script: fileURLToPath(import.meta.url) }));
    }
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
      if (isShard) {
        // Said, then ended here: the channel to the manager would keep a shard process alive.
        logger.error({ event: "start-failed" }, describeStartError(cause));
        process.exit(isTokenRejected(cause) ? EXIT_GATEWAY_REFUSED : EXIT_FAILURE);
      }
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

    const reason = await Promise.race<StopReason>([
      firstSignal().then((signal) => ({ signal })),
      bot.fatal.then((fatal) => ({ fatal })),
      // A shard whose manager is gone stops rather than serve on unsupervised.
      ...(isShard
        ? [
            new Promise<StopReason>((resolve) =>
              process.once("disconnect", () => resolve({ orphaned: true })),
            ),
          ]
        : []),
    ]);
    boundStop(config.SHUTDOWN_TIMEOUT_SECONDS, (why) => logger.error({ event: "stopped" }, why));
    logger.info(
      {
        event: "stopping",
        ...("signal" in reason ? { signal: reason.signal } : {}),
        ...("fatal" in reason ? { code: reason.fatal.code } : {}),
        ...("orphaned" in reason ? { orphaned: true } : {}),
      },
      `shutting down (at most ${config.SHUTDOWN_TIMEOUT_SECONDS} s)${"orphaned" in reason ? ": the shard manager is gone" : ""}`,
    );
    const { cutShort } = await bot.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    await storydesk.close();
    let exitCode = 0;
    if ("fatal" in reason) exitCode = isShard ? EXIT_GATEWAY_REFUSED : EXIT_FAILURE;
    if (cutShort.length > 0) {
      exitCode = exitCode || EXIT_FAILURE;
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
