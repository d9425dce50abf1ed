import type { Client } from "discord.js";
import type { MetricObjectWithValues, MetricValue } from "prom-client";

/**
 * What a shard process answers when its manager, or another shard, asks through discord.js's
 * `broadcastEval`: how it is doing, to follow the corpus version published, its metrics. The
 * function broadcastEval sends is evaluated in the shard with the client as its argument, so the
 * bridge hangs on the client under a registered symbol that function can name.
 */
export const BRIDGE_KEY = "storydesk.shard";

/** One shard as /corpus status and the health endpoint show it. */
export interface ShardReport {
  readonly shard: number;
  readonly pid: number;
  readonly version: string;
  readonly guilds: number;
  /** The gateway heartbeat latency, -1 before the first heartbeat. */
  readonly pingMs: number;
  readonly uptimeMs: number;
  readonly ready: boolean;
  /** Why it is not ready. */
  readonly reason?: string;
}

/** A shard's answer to "serve the version published". */
export interface ShardAdoption {
  readonly shard: number;
  readonly version: string;
  readonly ok: boolean;
  readonly reason?: string;
}

export type ShardMetrics = MetricObjectWithValues<MetricValue<string>>[];

export interface ShardBridge {
  report(): ShardReport;
  adopt(): Promise<ShardAdoption>;
  metrics(): Promise<ShardMetrics>;
}

/** The requests a bridge answers, by name: the one thing a broadcast function passes it. */
export type BridgeRequest = keyof ShardBridge;

export function attachBridge(client: Client, bridge: ShardBridge): void {
  (client as unknown as Record<symbol, ShardBridge>)[Symbol.for(BRIDGE_KEY)] = bridge;
}
