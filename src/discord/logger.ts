import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * The bot's logger: one JSON line per event on stdout. Any field that could carry the token is
 * redacted, as a second line of defence: the token is never logged on purpose.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: "storydesk" },
    redact: {
      paths: [
        "token",
        "*.token",
        "config.DISCORD_TOKEN",
        "DISCORD_TOKEN",
        "headers.authorization",
        "*.headers.authorization",
        // A failed request's URL and body: an interaction's webhook routes carry its token.
        "err.url",
        "err.requestBody",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
