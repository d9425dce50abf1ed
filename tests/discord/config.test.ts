import { describe, expect, it } from "vitest";
import { readBotConfig } from "../../src/discord/config.ts";
import { Cooldown } from "../../src/discord/cooldown.ts";
import { ConfigError } from "../../src/entry/errors.ts";

// Shaped like a bot token, but made up: never a real secret in the repository.
const TOKEN = "test-token-for-storydesk.emulator.only-on-loopback-not-a-secret";
const BASE = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "100000000000000001" };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readBotConfig(env);
  } catch (cause) {
    if (cause instanceof ConfigError) return cause.problems;
    throw cause;
  }
  return [];
}

describe("bot configuration", () => {
  it("applies defaults to a minimal .env", () => {
    expect(readBotConfig(BASE)).toMatchObject({
      CORPUS_DIR: "./corpus",
      SNAPSHOT_DIR: ".storydesk",
      ASK_COOLDOWN_SECONDS: 3,
      LOG_LEVEL: "info",
      MODERATOR_ROLE_IDS: [],
    });
  });

  it("keeps the history in .storydesk/history unless told otherwise, and reads the hosts imports may fetch", () => {
    expect(readBotConfig(BASE)).toMatchObject({
      HISTORY_DIR: ".storydesk/history",
      URL_IMPORT_ALLOWED_HOSTS: [],
    });
    expect(
      readBotConfig({
        ...BASE,
        HISTORY_DIR: "off",
        URL_IMPORT_ALLOWED_HOSTS: " News.Intranet , 10.0.0.5,::1",
      }),
    ).toMatchObject({ HISTORY_DIR: "off", URL_IMPORT_ALLOWED_HOSTS: ["news.intranet", "10.0.0.5", "::1"] });
    expect(problemsOf({ ...BASE, URL_IMPORT_ALLOWED_HOSTS: "good.example, http://bad/" })).toEqual([
      "URL_IMPORT_ALLOWED_HOSTS has entries that are not host names or addresses: http://bad/",
    ]);
  });

  it("reads the service settings: shutdown deadline, metrics port and address", () => {
    const defaults = readBotConfig(BASE);
    expect(defaults).toMatchObject({ SHUTDOWN_TIMEOUT_SECONDS: 10, METRICS_HOST: "127.0.0.1" });
    expect(defaults.METRICS_PORT).toBeUndefined();
    expect(readBotConfig({ ...BASE, SHUTDOWN_TIMEOUT_SECONDS: "30", METRICS_PORT: "9464" })).toMatchObject({
      SHUTDOWN_TIMEOUT_SECONDS: 30,
      METRICS_PORT: 9464,
    });
    expect(problemsOf({ ...BASE, SHUTDOWN_TIMEOUT_SECONDS: "0", METRICS_PORT: "70000" })).toEqual([
      'SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600 (got "0")',
      'METRICS_PORT must be a port number from 0 to 65535 (got "70000")',
    ]);
  });

  it("reads the sharding settings, and says what is wrong with them", () => {
    expect(readBotConfig(BASE).TOTAL_SHARDS).toBeUndefined();
    expect(readBotConfig(BASE).SHARD_LIST).toEqual([]);
    expect(readBotConfig({ ...BASE, TOTAL_SHARDS: "auto" })).toMatchObject({ TOTAL_SHARDS: "auto" });
    expect(readBotConfig({ ...BASE, TOTAL_SHARDS: "4", SHARD_LIST: " 2, 3" })).toMatchObject({
      TOTAL_SHARDS: 4,
      SHARD_LIST: [2, 3],
    });
    expect(problemsOf({ ...BASE, TOTAL_SHARDS: "many" })).toEqual([
      'TOTAL_SHARDS must be "auto" or a number of shards from 1 to 9999',
    ]);
    expect(problemsOf({ ...BASE, SHARD_LIST: "0,1" })).toEqual([
      "SHARD_LIST needs TOTAL_SHARDS: the shard ids are out of a total",
    ]);
    expect(problemsOf({ ...BASE, TOTAL_SHARDS: "4", SHARD_LIST: "3,4,7" })).toEqual([
      "SHARD_LIST has ids beyond TOTAL_SHARDS=4 (ids run from 0 to 3): 4, 7",
    ]);
    expect(problemsOf({ ...BASE, TOTAL_SHARDS: "4", SHARD_LIST: "1,2,1" })).toEqual([
      "SHARD_LIST names a shard twice: 1",
    ]);
    expect(problemsOf({ ...BASE, TOTAL_SHARDS: "2", SNAPSHOT_DIR: "off" })).toEqual([
      "SNAPSHOT_DIR cannot be off with TOTAL_SHARDS: the shards load the corpus built once from its snapshot",
    ]);
  });

  it("treats empty values as unset", () => {
    const config = readBotConfig({
      ...BASE,
      DISCORD_GUILD_ID: "",
      DISCORD_API_URL: " ",
      MODERATOR_ROLE_IDS: "",
    });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
  });

  it("lists every missing or invalid key in one message", () => {
    const problems = problemsOf({
      DISCORD_CLIENT_ID: "12",
      DISCORD_API_URL: "ftp://example.com",
      MODERATOR_ROLE_IDS: "100000000000000002, boss",
      ASK_COOLDOWN_SECONDS: "soon",
      LOG_LEVEL: "loud",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "DISCORD_TOKEN",
      "DISCORD_CLIENT_ID",
      "DISCORD_API_URL",
      "MODERATOR_ROLE_IDS",
      "ASK_COOLDOWN_SECONDS",
      "LOG_LEVEL",
    ]);
    expect(problems[0]).toMatch(/missing/);
    expect(problems[3]).toMatch(/boss/);
  });

  it("never repeats the token in its messages", () => {
    const wrong = "not.a-token-but-a-secret-anyway";
    const error = (() => {
      try {
        readBotConfig({ ...BASE, DISCORD_TOKEN: wrong, LOG_LEVEL: "loud" });
      } catch (cause) {
        return cause as Error;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DISCORD_TOKEN does not look like a bot token/);
    expect(error.message).not.toContain(wrong);
  });

  it("parses moderator roles and the cooldown", () => {
    const config = readBotConfig({
      ...BASE,
      MODERATOR_ROLE_IDS: "100000000000000002, 100000000000000003",
      ASK_COOLDOWN_SECONDS: "0",
    });
    expect(config.MODERATOR_ROLE_IDS).toEqual(["100000000000000002", "100000000000000003"]);
    expect(config.ASK_COOLDOWN_SECONDS).toBe(0);
  });
});

describe("cooldown", () => {
  it("makes a user wait the rest of the window, and only that user", () => {
    const cooldown = new Cooldown(3);
    expect(cooldown.take("a", 10_000)).toBe(0);
    expect(cooldown.take("a", 10_500)).toBe(3);
    expect(cooldown.take("a", 12_100)).toBe(1);
    expect(cooldown.take("b", 12_100)).toBe(0);
    expect(cooldown.take("a", 13_000)).toBe(0);
  });

  it("is off at 0 seconds", () => {
    const cooldown = new Cooldown(0);
    expect(cooldown.take("a", 1)).toBe(0);
    expect(cooldown.take("a", 2)).toBe(0);
  });
});
