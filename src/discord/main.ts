import { count, loadLanguageDetector, Storydesk } from "../core/index.ts";
import { loadEnvFile } from "../entry/config.ts";
import { CLIError, EXIT_FAILURE } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { type Bot, type FatalClose, startBot } from "./bot.ts";
import { readBotConfig, storydeskOptionsOf } from "./config.ts";
import { createLogger } from "./logger.ts";
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
    const logger = createLogger(config.LOG_LEVEL);
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
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        logger.error({ event: "stopped", signal }, `${signal} again: stopping now, without waiting`);
        process.exit(EXIT_FAILURE);
      });
    }
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
