import path from "node:path";
import { z } from "zod";
import type { FetchLimits, StorydeskOptions } from "../core/index.ts";
import { DEFAULT_FETCH_LIMITS } from "../core/index.ts";
import { corpusSettings, LOG_LEVELS, openOptionsOf, readSettings } from "../entry/config.ts";

/** Discord snowflakes are 17 to 20 digit integers. */
const snowflake = z.string().regex(/^\d{17,20}$/, { error: "must be a Discord id (17 to 20 digits)" });

/** A comma-separated list: its items trimmed (and normalised), those `valid` refuses named in one issue. */
function commaList(valid: (item: string) => boolean, problem: string, normalise = (item: string) => item) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = (value ?? "")
        .split(",")
        .map((item) => normalise(item.trim()))
        .filter(Boolean);
      const bad = items.filter((item) => !valid(item));
      if (bad.length > 0) ctx.addIssue({ code: "custom", message: `${problem}: ${bad.join(", ")}` });
      return items;
    });
}

/** The bot's settings: the corpus settings every entry point reads, and the bot's own. */
const schema = corpusSettings.extend({
  DISCORD_TOKEN: z
    .string({ error: "is missing: paste the bot token from the Developer Portal (Bot → Reset Token)" })
    .trim()
    // Shape only: the token is never echoed back in a message.
    .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, {
      error: "does not look like a bot token (three dot-separated parts)",
    }),
  DISCORD_CLIENT_ID: z
    .string({ error: "is missing: copy the Application ID from the Developer Portal (General Information)" })
    .regex(/^\d{17,20}$/, { error: "must be a Discord id (17 to 20 digits)" }),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, for example https://discord.com/api" })
    .optional(),
  MODERATOR_ROLE_IDS: commaList((id) => /^\d{17,20}$/.test(id), "has ids that are not Discord role ids"),
  ASK_COOLDOWN_SECONDS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return 3;
      if (!/^\d+$/.test(value.trim()) || Number(value) > 3600) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number of seconds from 0 to 3600 (got "${value}")`,
        });
      }
      return Number(value);
    }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  SHUTDOWN_TIMEOUT_SECONDS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return 10;
      if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 600) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number of seconds from 1 to 600 (got "${value}")`,
        });
      }
      return Number(value);
    }),
  METRICS_PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value.trim()) || Number(value) > 65535) {
        ctx.addIssue({ code: "custom", message: `must be a port number from 0 to 65535 (got "${value}")` });
      }
      return Number(value);
    }),
  METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Where every version of the corpus is kept (a git repository); `off` keeps none. */
  HISTORY_DIR: z.string().trim().min(1).default(".storydesk/history"),
  URL_IMPORT_ALLOWED_HOSTS: commaList(
    (host) => /^[a-z0-9.:-]+$/.test(host),
    "has entries that are not host names or addresses",
    (host) => host.toLowerCase(),
  ),
});

export type BotConfig = z.infer<typeof schema>;

/** Every setting the bot reads, by name: the README's table and .env.example document each. */
export const BOT_SETTING_KEYS: readonly string[] = Object.keys(schema.shape);

/** Reads and checks the bot's configuration from the environment (after dotenv has loaded `.env`). */
export function readBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  return readSettings(schema, env);
}

/** How the bot opens its corpus: CORPUS_DIR and SNAPSHOT_DIR as everywhere, with the history. */
export function storydeskOptionsOf(config: BotConfig): StorydeskOptions {
  return {
    ...openOptionsOf(config),
    historyDir: config.HISTORY_DIR === "off" ? null : path.resolve(config.HISTORY_DIR),
  };
}

/** The guard of /corpus add: the default limits, and the hosts an operator allowed. */
export function fetchLimitsOf(config: BotConfig): FetchLimits {
  return { ...DEFAULT_FETCH_LIMITS, allowedHosts: config.URL_IMPORT_ALLOWED_HOSTS };
}
