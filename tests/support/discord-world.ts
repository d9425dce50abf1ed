/** The Discord world of the bot's end-to-end tests: one application, one server, its people. */
import { Writable } from "node:stream";

// Shaped like a bot token, but made up: never a real secret in the repository.
export const TOKEN = "test-token-for-storydesk.emulator.only-on-loopback-not-a-secret";
export const APP_ID = "1000000000000000001";
export const GUILD_ID = "1000000000000000100";
/** The server's moderator role, listed in MODERATOR_ROLE_IDS. */
export const MOD_ROLE = "1000000000000000301";
export const MEMBER = { id: "1000000000000000501", username: "reader" };
export const MODERATOR = { id: "1000000000000000502", username: "moderator" };
/** Discord's flag of a message only its recipient sees. */
export const EPHEMERAL = 64;

/** The tests' server, with the moderators' role. */
export const NEWSROOM = {
  id: GUILD_ID,
  name: "Newsroom",
  roles: [{ id: MOD_ROLE, name: "editors", permissions: "0" }],
};

/**
 * The settings of a bot under test: the emulator's API, its state under `dir` (never the working
 * directory: a test must not leave a history there), moderators by role, no cooldown, info logs.
 */
export function botEnv(options: {
  apiUrl: string;
  dir: string;
  corpusDir?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: APP_ID,
    DISCORD_API_URL: options.apiUrl,
    MODERATOR_ROLE_IDS: MOD_ROLE,
    CORPUS_DIR: options.corpusDir ?? "corpus",
    SNAPSHOT_DIR: `${options.dir}/snapshots`,
    HISTORY_DIR: `${options.dir}/history`,
    ASK_COOLDOWN_SECONDS: "0",
    LOG_LEVEL: "info",
    ...options.extra,
  };
}

/** A stream for the bot's logger that keeps each JSON line it writes, parsed, in `lines`. */
export function logInto(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
}
