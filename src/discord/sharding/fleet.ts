import type { Client, ShardClientUtil, ShardingManager } from "discord.js";
import type { RefreshSuccess } from "../../core/index.ts";
import {
  BRIDGE_KEY,
  type BridgeRequest,
  type ShardAdoption,
  type ShardMetrics,
  type ShardReport,
} from "./bridge.ts";

/** Either end of discord.js's sharding: a shard's ShardClientUtil, or the manager. */
type Broadcaster = Pick<ShardClientUtil, "broadcastEval"> | Pick<ShardingManager, "broadcastEval">;

/** A shard's answer, or why there is none (down, respawning, not answering). */
export type ShardAnswer<T> =
  | { readonly shard: number; readonly ok: true; readonly value: T }
  | { readonly shard: number; readonly ok: false; readonly error: string };

/** How long a shard may take to answer before it counts as not answering. */
const ANSWER_TIMEOUT_MS = 15_000;

interface Answers {
  report: ShardReport;
  adopt: ShardAdoption;
  metrics: ShardMetrics;
}

/**
 * Asks each shard in `ids` through discord.js's broadcastEval, each separately (all at once) so
 * that one shard down or respawning does not hide the others' answers.
 */
export async function askShards<R extends BridgeRequest>(
  through: Broadcaster,
  ids: readonly number[],
  request: R,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<ShardAnswer<Answers[R]>[]> {
  // Evaluated in each shard, from its source text: it can name nothing outside itself.
  const call = (client: Client, context: { key: string; request: BridgeRequest }) =>
    (client as unknown as Record<symbol, Record<BridgeRequest, () => unknown>>)[Symbol.for(context.key)]?.[
      context.request
    ]?.();
  return Promise.all(
    ids.map(async (shard): Promise<ShardAnswer<Answers[R]>> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          (through as Pick<ShardingManager, "broadcastEval">).broadcastEval(call, {
            shard,
            context: { key: BRIDGE_KEY, request },
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
          }),
        ]);
        if (answer === undefined || answer === null) return { shard, ok: false, error: "not started yet" };
        return { shard, ok: true, value: answer as Answers[R] };
      } catch (cause) {
        const error = cause instanceof Error ? cause.message : String(cause);
        return { shard, ok: false, error };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** The shards this machine runs: SHARD_LIST, or all of the total. */
export function localShards(client: Client, shardList: readonly number[]): number[] {
  const total = client.shard?.count ?? 1;
  return shardList.length > 0 ? [...shardList] : Array.from({ length: total }, (_, i) => i);
}

/** How a new corpus version spread over the shards of this machine (of this manager). */
export interface VersionSpread {
  readonly version: string;
  /** Whether it was published for the other machines; if not, why. */
  readonly published: true | string;
  /** Shards here serving it now. */
  readonly serving: number;
  /** Shards here. */
  readonly shards: number;
  /** Shards here on another version, or not answering, and why. */
  readonly behind: readonly { readonly shard: number; readonly reason: string }[];
  /** Shards run by other managers (other machines), which follow a publication within the poll interval. */
  readonly elsewhere: number;
}

/**
 * Asks every shard of this machine to serve the version a refresh just built and counts those that
 * do: what the moderator's reply says. Undefined when the bot is not sharded.
 */
export async function spreadVersion(
  client: Client,
  shardList: readonly number[],
  refresh: RefreshSuccess,
): Promise<VersionSpread | undefined> {
  if (!client.shard) return undefined;
  const version = refresh.after.version;
  const published = refresh.published || (refresh.publishError ?? "not published");
  const here = localShards(client, shardList);
  const answers = await askShards(client.shard, here, "adopt");
  const behind = answers.flatMap((a) => {
    if (!a.ok) return [{ shard: a.shard, reason: a.error }];
    if (a.value.version === version) return [];
    return [{ shard: a.shard, reason: a.value.reason ?? `serves ${a.value.version}` }];
  });
  return {
    version,
    published,
    serving: here.length - behind.length,
    shards: here.length,
    behind,
    elsewhere: client.shard.count - here.length,
  };
}

/** Every shard of this machine's report, for /corpus status; undefined when not sharded. */
export async function shardReports(
  client: Client,
  shardList: readonly number[],
): Promise<ShardAnswer<ShardReport>[] | undefined> {
  if (!client.shard) return undefined;
  return askShards(client.shard, localShards(client, shardList), "report");
}
