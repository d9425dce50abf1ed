import type { Client } from "discord.js";
import type { Storydesk } from "../../core/index.ts";
import type { Logger } from "../logger.ts";
import type { Readiness } from "../service/health-server.ts";
import type { BotMetrics } from "../service/metrics.ts";
import { attachBridge, type ShardAdoption, type ShardReport } from "./bridge.ts";

/**
 * How often a shard looks for a version published by another process (a shard of another machine,
 * or of another manager sharing the corpus): the bound on how long it serves an older one.
 */
export const PUBLICATION_POLL_MS = 2_000;

/**
 * Makes this process one shard of many: it answers its manager and the other shards (see
 * bridge.ts), and follows the corpus version published by whichever process built the latest one,
 * loading that snapshot, never building it.
 */
export function serveAsShard(options: {
  client: Client;
  ids: readonly number[];
  storydesk: Storydesk;
  metrics: BotMetrics;
  logger: Logger;
  startedAt: number;
  readiness: () => Readiness;
}): { stop(): void } {
  const { client, storydesk, logger } = options;
  const shard = options.ids[0] ?? 0;
  // The poll and a sibling's request may ask at once and share one adoption: each outcome is said once.
  let lastFailure = "";
  let lastAdopted = storydesk.library.version;
  const adopt = async (): Promise<ShardAdoption> => {
    const result = await storydesk.adoptPublished();
    if (result.ok) {
      lastFailure = "";
      if (result.changed && result.version !== lastAdopted) {
        lastAdopted = result.version;
        logger.info(
          { event: "corpus-adopted", version: result.version, ms: Math.round(result.milliseconds) },
          "now serving the corpus version published by another process",
        );
      }
      return { shard, version: result.version, ok: true };
    }
    // Said once per reason, not every poll.
    if (result.reason !== lastFailure) {
      lastFailure = result.reason;
      logger.warn(
        { event: "corpus-adopt-failed", version: result.version, reason: result.reason },
        "could not serve the corpus version published; still serving the previous one",
      );
    }
    return { shard, version: result.version, ok: false, reason: result.reason };
  };
  attachBridge(client, {
    report: (): ShardReport => {
      const state = options.readiness();
      return {
        shard,
        pid: process.pid,
        version: storydesk.library.version,
        guilds: client.guilds.cache.size,
        pingMs: client.ws.ping,
        uptimeMs: Date.now() - options.startedAt,
        ready: state.ready,
        ...(state.ready ? {} : { reason: state.reason }),
      };
    },
    adopt,
    metrics: () => options.metrics.registry.getMetricsAsJSON(),
  });
  const timer = setInterval(() => void adopt(), PUBLICATION_POLL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
