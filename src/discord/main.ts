import { loadEnvFile, openOptionsFrom } from "../config.ts";
import { CorpusError, formatDiagnostic } from "../core/corpus/diagnostics.ts";
import { CorpusDirectoryError } from "../core/corpus/scan.ts";
import { loadLanguageDetector } from "../core/text/lexicon/language.ts";
import { Storydesk } from "../core/serving/storydesk.ts";
import { type Bot, startBot } from "./bot.ts";
import { readBotConfigOrExplain } from "./config.ts";
import { createLogger } from "./logger.ts";
import { describeStartError } from "./start-errors.ts";

/** `npm start`: checks the configuration, opens the corpus, connects, and runs until a signal. */
async function main(): Promise<number> {
  const started = performance.now();
  loadEnvFile();
  const config = readBotConfigOrExplain();
  if (!config) return 2;
  const logger = createLogger(config.LOG_LEVEL);
  let storydesk: Storydesk;
  try {
    storydesk = await Storydesk.open(
      openOptionsFrom({ CORPUS_DIR: config.CORPUS_DIR, SNAPSHOT_DIR: config.SNAPSHOT_DIR }),
    );
  } catch (cause) {
    if (cause instanceof CorpusError) {
      const errors = cause.diagnostics.filter((d) => d.severity === "error");
      process.stderr.write(
        `storydesk: the corpus in ${config.CORPUS_DIR} has errors; fix them (npm run corpus:check lists them):\n${errors
          .map((d) => formatDiagnostic(d, `${config.CORPUS_DIR.replace(/\/$/, "")}/`))
          .join("\n")}\n`,
      );
      return 2;
    }
    if (cause instanceof CorpusDirectoryError) {
      process.stderr.write(`${cause.message}\n`);
      return 2;
    }
    throw cause;
  }
  const status = storydesk.status();
  logger.info({ event: "corpus", ...status.counts, snapshot: status.snapshot.state }, "corpus loaded");

  let bot: Bot;
  try {
    bot = await startBot({ config, storydesk, logger });
  } catch (cause) {
    process.stderr.write(`${describeStartError(cause)}\n`);
    return 1;
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
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    process.stderr.write(`storydesk: could not start: ${describeStartError(cause)}\n`);
    process.exitCode = 1;
  },
);
