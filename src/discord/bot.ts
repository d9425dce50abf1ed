import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Storydesk } from "../core/index.ts";
import type { BotContext } from "./command.ts";
import { commands } from "./commands/index.ts";
import { type BotConfig, fetchLimitsOf } from "./config.ts";
import { Cooldown } from "./cooldown.ts";
import { handleInteraction } from "./interactions.ts";
import type { Logger } from "./logger.ts";
import { PendingChanges } from "./pending-changes.ts";
import { NO_MENTIONS } from "./respond.ts";

export interface Bot {
  readonly client: Client;
  readonly context: BotContext;
  /** Disconnects from Discord and waits for handlers in flight to settle. */
  stop(): Promise<void>;
}

/** Logs in to Discord and answers interactions until stopped. Resolves once the client is ready. */
export async function startBot(options: {
  config: BotConfig;
  storydesk: Storydesk;
  logger: Logger;
}): Promise<Bot> {
  const { config, storydesk, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
  const context: BotContext = {
    storydesk,
    config,
    logger,
    askCooldown: new Cooldown(config.ASK_COOLDOWN_SECONDS),
    startedAt: Date.now(),
    pending: new PendingChanges(),
    fetchLimits: fetchLimitsOf(config),
  };
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const handled = handleInteraction(interaction, commands, context).finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, "gateway disconnected"),
  );
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "gateway resumed"));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.DISCORD_TOKEN);
  await ready;
  logger.info(
    {
      event: "ready",
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      corpus: storydesk.library.version,
    },
    "storydesk is ready",
  );
  return {
    client,
    context,
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
