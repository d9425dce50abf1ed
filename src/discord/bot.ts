import { Client, Events, GatewayIntentBits, MessageFlags, Status } from "discord.js";
import type { Storydesk } from "../core/index.ts";
import type { BotContext } from "./command.ts";
import { commands } from "./commands/index.ts";
import { type BotConfig, fetchLimitsOf } from "./config.ts";
import { Cooldown } from "./cooldown.ts";
import { describe, handleInteraction } from "./interactions.ts";
import type { Logger } from "./logger.ts";
import { PendingChanges } from "./pending-changes.ts";
import { NO_MENTIONS } from "./respond.ts";
import { watchGateway } from "./service/gateway-log.ts";
import { type HealthServer, type Readiness, startHealthServer } from "./service/health-server.ts";
import { BotMetrics } from "./service/metrics.ts";
import { guardPackets } from "./service/payload-guard.ts";
import { RecentIds } from "./service/recent-ids.ts";
import { serveAsShard } from "./sharding/shard.ts";

/** A close Discord will not take back: the bot must stop, and say why. */
export interface FatalClose {
  readonly code: number;
  readonly reason: string;
}

export interface Bot {
  readonly client: Client;
  readonly context: BotContext;
  /** The health and metrics endpoint, when METRICS_PORT is set. */
  readonly health: HealthServer | undefined;
  /** Settles when the gateway closes for good (a revoked token, say). */
  readonly fatal: Promise<FatalClose>;
  /**
   * Stops taking interactions, lets those in flight finish for up to `deadlineMs`, then
   * disconnects. Returns the interactions the deadline cut short (their commands).
   */
  stop(deadlineMs?: number): Promise<{ cutShort: string[] }>;
}

/** How long a REST request may take before it counts as lost; Discord answers in well under this. */
const REST_TIMEOUT_MS = 10_000;

function readiness(client: Client, storydesk: Storydesk): Readiness {
  if (storydesk.status().counts.documents === 0) return { ready: false, reason: "no corpus loaded" };
  // Each shard's status, not the manager's: the manager's stays Ready once it has been, through drops.
  if (!client.isReady() || client.ws.shards.some((shard) => shard.status !== Status.Ready)) {
    return { ready: false, reason: "the gateway is not connected" };
  }
  return { ready: true };
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
    // No retries: a callback Discord processed but answered 502 would be sent twice (see failureKind).
    rest: {
      retries: 0,
      timeout: REST_TIMEOUT_MS,
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    },
  });
  // In a shard process discord.js reads its shard ids from the environment its manager set.
  const configured = client.options.shards;
  const shardIds =
    typeof configured === "number" ? [configured] : Array.isArray(configured) ? configured : [];
  const sharded = client.shard !== null;
  const metrics = new BotMetrics(
    { status: () => storydesk.status(), gatewayPing: () => client.ws.ping },
    sharded ? { shard: shardIds.join(",") } : {},
  );
  const context: BotContext = {
    storydesk,
    config,
    logger,
    askCooldown: new Cooldown(config.ASK_COOLDOWN_SECONDS),
    startedAt: Date.now(),
    pending: new PendingChanges(),
    fetchLimits: fetchLimitsOf(config),
    metrics,
    recent: new RecentIds(),
  };
  const inFlight = new Map<Promise<void>, string>();
  let stopping = false;
  guardPackets(client, (event, reason) => {
    metrics.droppedPayloads.inc({ reason: "malformed" });
    logger.warn(
      { event: "payload-dropped", gatewayEvent: event, reason },
      `dropped a malformed ${event}: ${reason}`,
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) {
      // Answered rather than left to fail: the user learns to ask again in a moment.
      if (interaction.isRepliable()) {
        interaction
          .reply({
            content: "storydesk is restarting: please try again in a minute.",
            flags: MessageFlags.Ephemeral,
            allowedMentions: NO_MENTIONS,
          })
          .catch(() => undefined);
      }
      return;
    }
    const label = describe(interaction).command;
    const handled = handleInteraction(interaction, commands, context).finally(() => inFlight.delete(handled));
    inFlight.set(handled, label);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));

  let fatalClose: (close: FatalClose) => void = () => {};
  const fatal = new Promise<FatalClose>((resolve) => {
    fatalClose = resolve;
  });
  watchGateway(client, {
    logger,
    metrics,
    inFlight: () => inFlight.size,
    stopping: () => stopping,
    onFatal: (code, reason) => fatalClose({ code, reason }),
  });

  // Listening before the login, so that a supervisor's probe hears "not ready" and why, not nothing.
  // A shard's manager serves every shard's health and metrics instead.
  const health =
    config.METRICS_PORT === undefined || sharded
      ? undefined
      : await startHealthServer({
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          scrape: () => metrics.scrape(),
          readiness: () => readiness(client, storydesk),
        });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await health?.close();
    throw error;
  }
  const shard = sharded
    ? serveAsShard({
        client,
        ids: shardIds,
        storydesk,
        metrics,
        logger,
        startedAt: context.startedAt,
        readiness: () => readiness(client, storydesk),
      })
    : undefined;
  logger.info(
    {
      event: "ready",
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      corpus: storydesk.library.version,
      ...(health ? { metrics: `http://${config.METRICS_HOST}:${health.port}/metrics` } : {}),
    },
    "storydesk is ready",
  );
  return {
    client,
    context,
    health,
    fatal,
    async stop(deadlineMs = 10_000) {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"deadline">((resolve) => {
        timer = setTimeout(() => resolve("deadline"), deadlineMs);
      });
      const settled = await Promise.race([
        Promise.allSettled([...inFlight.keys()]).then(() => "done" as const),
        deadline,
      ]);
      clearTimeout(timer);
      const cutShort = settled === "deadline" ? [...inFlight.values()] : [];
      shard?.stop();
      await health?.close();
      await client.destroy();
      return { cutShort };
    },
  };
}
