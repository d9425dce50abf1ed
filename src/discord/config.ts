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

/** A whole number from `min` to `max`, `fallback` when unset; `what` names the unit in the message. */
function wholeNumber(options: { min: number; max: number; fallback: number; what: string }) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return options.fallback;
      const n = Number(value.trim());
      if (!/^\d+$/.test(value.trim()) || n < options.min || n > options.max) {
        ctx.addIssue({
          code: "custom",
          message: `must be ${options.what} from ${options.min} to ${options.max} (got "${value}")`,
        });
      }
      return n;
    });
}

/** The bot's settings: the corpus settings every entry point reads, and the bot's own. */
const schema = corpusSettings
  .extend({
    DISCORD_TOKEN: z
      .string({ error: "is missing: paste the bot token from the Developer Portal (Bot → Reset Token)" })
      .trim()
      // Shape only: the token is never echoed back in a message.
      .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, {
        error: "does not look like a bot token (three dot-separated parts)",
      }),
    DISCORD_CLIENT_ID: z
      .string({
        error: "is missing: copy the Application ID from the Developer Portal (General Information)",
      })
      .regex(/^\d{17,20}$/, { error: "must be a Discord id (17 to 20 digits)" }),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL, for example https://discord.com/api" })
      .optional(),
    MODERATOR_ROLE_IDS: commaList((id) => /^\d{17,20}$/.test(id), "has ids that are not Discord role ids"),
    ASK_COOLDOWN_SECONDS: wholeNumber({ min: 0, max: 3600, fallback: 3, what: "a whole number of seconds" }),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    SHUTDOWN_TIMEOUT_SECONDS: wholeNumber({
      min: 1,
      max: 600,
      fallback: 10,
      what: "a whole number of seconds",
    }),
    // -1: off (unset), as no port is.
    METRICS_PORT: wholeNumber({ min: 0, max: 65535, fallback: -1, what: "a port number" }).transform(
      (port) => (port < 0 ? undefined : port),
    ),
    METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
    /** Where every version of the corpus is kept (a git repository); `off` keeps none. */
    HISTORY_DIR: z.string().trim().min(1).default(".storydesk/history"),
    URL_IMPORT_ALLOWED_HOSTS: commaList(
      (host) => /^[a-z0-9.:-]+$/.test(host),
      "has entries that are not host names or addresses",
      (host) => host.toLowerCase(),
    ),
    /** Run the shards under discord.js's ShardingManager: "auto" (Discord's recommendation) or a count. */
    TOTAL_SHARDS: z
      .string()
      .trim()
      .regex(/^(auto|[1-9]\d{0,3})$/, { error: 'must be "auto" or a number of shards from 1 to 9999' })
      .transform((value) => (value === "auto" ? ("auto" as const) : Number(value)))
      .optional(),
    /** The shard ids this machine runs, of TOTAL_SHARDS. */
    SHARD_LIST: commaList(
      (id) => /^\d{1,4}$/.test(id),
      "has entries that are not shard ids (0, 1, 2 ...)",
    ).transform((ids) => ids.map(Number)),
  })
  .superRefine((config, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (config.SHARD_LIST.length > 0 && config.TOTAL_SHARDS === undefined) {
      issue("SHARD_LIST", "needs TOTAL_SHARDS: the shard ids are out of a total");
    }
    const repeated = config.SHARD_LIST.filter((id, i) => config.SHARD_LIST.indexOf(id) !== i);
    if (repeated.length > 0) issue("SHARD_LIST", `names a shard twice: ${[...new Set(repeated)].join(", ")}`);
    const total = config.TOTAL_SHARDS;
    if (typeof total === "number") {
      const beyond = config.SHARD_LIST.filter((id) => id >= total);
      if (beyond.length > 0)
        issue(
          "SHARD_LIST",
          `has ids beyond TOTAL_SHARDS=${total} (ids run from 0 to ${total - 1}): ${beyond.join(", ")}`,
        );
    }
    if (total !== undefined && config.SNAPSHOT_DIR === "off") {
      issue(
        "SNAPSHOT_DIR",
        "cannot be off with TOTAL_SHARDS: the shards load the corpus built once from its snapshot",
      );
    }
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
