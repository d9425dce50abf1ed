import { z } from "zod";

/** Discord snowflakes are 17 to 20 digit integers. */
const snowflake = z.string().regex(/^\d{17,20}$/, { error: "must be a Discord id (17 to 20 digits)" });

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const schema = z.object({
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
  MODERATOR_ROLE_IDS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const ids = (value ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      const bad = ids.filter((id) => !/^\d{17,20}$/.test(id));
      if (bad.length > 0)
        ctx.addIssue({ code: "custom", message: `has ids that are not Discord role ids: ${bad.join(", ")}` });
      return ids;
    }),
  CORPUS_DIR: z.string().trim().min(1).default("./corpus"),
  SNAPSHOT_DIR: z.string().trim().min(1).default(".storydesk"),
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
});

export type BotConfig = z.infer<typeof schema>;

/** Every problem with the environment, in one message, so a user fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `storydesk: the configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"} (set them in .env; see .env.example):\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Reads and checks the bot's configuration from the environment (after dotenv has loaded `.env`). */
export function readBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  // Empty values in .env ("DISCORD_GUILD_ID=") mean "not set".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

/** The configuration, or `undefined` after printing every problem with it on stderr. */
export function readBotConfigOrExplain(): BotConfig | undefined {
  try {
    return readBotConfig();
  } catch (cause) {
    if (!(cause instanceof ConfigError)) throw cause;
    process.stderr.write(`${cause.message}\n`);
    return undefined;
  }
}
