import { Writable } from "node:stream";
import { DiscordEmulator } from "../discord-emulator/index.ts";
import type { Storydesk } from "../src/core/index.ts";
import { startBot } from "../src/discord/bot.ts";
import { readBotConfig } from "../src/discord/config.ts";
import { createLogger } from "../src/discord/logger.ts";
import { APP_ID, TOKEN, USER, WARMUPS } from "./discord-world.ts";
import { summarise } from "./latency.ts";
import type { DiscordResult } from "./types.ts";

const GUILD_ID = "1000000000000000100";

/**
 * Discord handling latency: the loopback emulator and the real bot (startBot, as `npm start` runs
 * it, with no cooldown and no logging) in this process; /ask interactions dispatched one after
 * another, each timed from its dispatch to the emulator receiving the bot's callback (type 4, the
 * reply). The emulator's own `Ack.at` is in whole milliseconds; the benchmark also times the same
 * span itself, to a fraction of one.
 */
export async function measureDiscord(
  storydesk: Storydesk,
  queries: readonly string[],
  count: number,
): Promise<DiscordResult> {
  const emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: "Newsroom" }],
  });
  const config = readBotConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: APP_ID,
    DISCORD_API_URL: emulator.apiUrl,
    ASK_COOLDOWN_SECONDS: "0",
    LOG_LEVEL: "silent",
  });
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const bot = await startBot({ config, storydesk, logger: createLogger(config.LOG_LEVEL, silent) });
  const ack: number[] = [];
  const wall: number[] = [];
  try {
    for (let i = 0; i < WARMUPS + count; i++) {
      const question = queries[i % queries.length] as string;
      const started = performance.now();
      const handle = emulator.chatInput({
        name: "ask",
        options: [{ name: "question", type: 3, value: question }],
        user: USER,
      });
      const received = await handle.ack();
      const ms = performance.now() - started;
      if (received.type !== 4)
        throw new Error(`/ask was answered with callback type ${received.type}, not 4`);
      if (i < WARMUPS) continue;
      ack.push(received.at);
      wall.push(ms);
    }
  } finally {
    await bot.stop();
    await emulator.stop();
  }
  return {
    ack: summarise(ack),
    wall: summarise(wall),
    warmups: WARMUPS,
    violations: emulator.violations.length,
  };
}
