import { z } from "zod";
import { corpusSettings, LOG_LEVELS, readSettings } from "../entry/config.ts";

/** Discord snowflakes are 17 to 20 digit integers. */
const snowflake = z.string().regex(/^\d{17,20}$/, { error: "must be a Discord id (17 to 20 digits)" });

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

/** Reads and checks the bot's configuration from the environment (after dotenv has loaded `.env`). */
export function readBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  return readSettings(schema, env);
}
