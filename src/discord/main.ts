import { loadLanguageDetector, Storydesk } from "../core/index.ts";
import { loadEnvFile } from "../entry/config.ts";
import { CLIError, EXIT_FAILURE } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { type Bot, startBot } from "./bot.ts";
import { readBotConfig, storydeskOptionsOf } from "./config.ts";
import { createLogger } from "./logger.ts";
import { describeStartError } from "./start-errors.ts";

/** `npm start`: checks the configuration, opens the corpus, connects, and runs until a signal. */
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
      { event: "started", ms: Math.round(performance.now() - started) },
      "listening for interactions",
    );
    // Loaded now rather than by the first question in another language, which would wait for it.
    loadLanguageDetector().catch((cause: unknown) =>
      logger.warn({ event: "language-detector", error: String(cause) }, "language detection unavailable"),
    );

    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info({ event: "stopping", signal }, "shutting down");
        resolve();
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    await bot.stop();
    await storydesk.close();
    logger.info({ event: "stopped" }, "stopped");
  },
});
