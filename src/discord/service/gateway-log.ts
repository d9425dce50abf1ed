import { type Client, Events } from "discord.js";
import type { Logger } from "../logger.ts";
import type { BotMetrics } from "./metrics.ts";

/** Close codes after which Discord will not accept the bot again without a change of settings. */
const FATAL_CLOSES: Readonly<Record<number, string>> = {
  4004: "Discord rejected the token: reset it in the Developer Portal (Bot → Reset Token) and put the new one in DISCORD_TOKEN",
  4010: "Discord refused the shard settings (invalid shard): check TOTAL_SHARDS and SHARD_LIST",
  4011: "Discord requires sharding for this many servers: set TOTAL_SHARDS=auto",
  4012: "Discord refused the gateway API version: update discord.js",
  4013: "Discord refused the gateway intents as invalid",
  4014: "Discord refused a privileged intent that is not enabled for this application in the Developer Portal",
};

/** The one line an operator reads for a fatal close. */
export function fatalCloseReason(code: number): string {
  return (
    FATAL_CLOSES[code] ?? `Discord closed the gateway with code ${code} and will not accept a reconnection`
  );
}

/**
 * Logs every gateway state change as one JSON line, counts it, and calls `onFatal` for a close that
 * cannot be resumed. `inFlight` says how many interactions were being handled, which a disconnect
 * may cost their replies.
 */
export function watchGateway(
  client: Client,
  options: {
    logger: Logger;
    metrics: BotMetrics;
    inFlight: () => number;
    /** Whether the bot is stopping: its own disconnect is not a drop. */
    stopping: () => boolean;
    onFatal: (code: number, reason: string) => void;
  },
): void {
  const { logger, metrics } = options;
  let reconnecting = false;
  const count = (event: string) => metrics.gatewayEvents.inc({ event });
  client.on(Events.ShardReconnecting, (shard) => {
    if (options.stopping()) return;
    reconnecting = true;
    count("reconnecting");
    logger.warn(
      { event: "gateway-disconnected", shard, inFlight: options.inFlight() },
      "gateway disconnected; reconnecting (interactions sent meanwhile arrive on resume)",
    );
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    reconnecting = false;
    count("resumed");
    logger.info(
      { event: "gateway-resumed", shard, replayed },
      `gateway resumed; ${replayed} events replayed`,
    );
  });
  client.on(Events.ShardReady, (shard) => {
    if (!reconnecting) return;
    reconnecting = false;
    count("new_session");
    logger.warn(
      { event: "gateway-new-session", shard },
      "gateway resume refused: a new session began, and the interactions sent while disconnected are lost",
    );
  });
  client.on(Events.Debug, (message) => {
    const invalid = /invalid session/i.exec(message);
    if (!invalid) return;
    count("invalid_session");
    logger.warn(
      { event: "gateway-invalid-session", detail: message },
      "gateway session invalidated by Discord",
    );
  });
  client.on(Events.ShardError, (error, shard) => {
    logger.warn({ event: "gateway-error", shard, error: error.message }, "gateway connection error");
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    count("fatal");
    const reason = fatalCloseReason(event.code);
    logger.error({ event: "gateway-closed", shard, code: event.code }, reason);
    options.onFatal(event.code, reason);
  });
}
