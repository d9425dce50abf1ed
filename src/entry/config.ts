import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { defaultSnapshotFile, type OpenOptions } from "../core/index.ts";
import { ConfigError } from "./errors.ts";

/** Reads `.env` into the environment, without overriding what the shell already set. */
export function loadEnvFile(): void {
  loadDotenv({ quiet: true });
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The settings every entry point reads (the command line and the bot): where the corpus and its
 * snapshots live. The bot's configuration extends this schema with its own.
 */
export const corpusSettings = z.object({
  CORPUS_DIR: z.string().trim().min(1).default("./corpus"),
  /** Directory of snapshot files; `off` keeps none. */
  SNAPSHOT_DIR: z.string().trim().min(1).default(".storydesk"),
});
export type CorpusSettings = z.infer<typeof corpusSettings>;

/**
 * Reads and checks settings from the environment (after dotenv has loaded `.env`), every problem in
 * one ConfigError. Empty values ("DISCORD_GUILD_ID=") mean "not set".
 */
export function readSettings<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

/** Where to open the corpus from: CORPUS_DIR, with its snapshot under SNAPSHOT_DIR (or none). */
export function openOptionsOf(settings: CorpusSettings): OpenOptions {
  return {
    corpusDir: settings.CORPUS_DIR,
    snapshotFile:
      settings.SNAPSHOT_DIR === "off"
        ? null
        : defaultSnapshotFile(settings.CORPUS_DIR, path.resolve(settings.SNAPSHOT_DIR)),
  };
}
