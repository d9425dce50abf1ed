/**
 * Discord's sharding arithmetic: which shard owns a guild, and guild ids a test can place on a shard.
 * The gateway routes every guild's events with it, as Discord does, so a bot whose shards disagree
 * with Discord about who owns a guild is caught by its tests.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
/** 2020-01-01: ids made for shards sort before every id the emulator issues at run time. */
const SHARD_ID_BASE_MS = 1_577_836_800_000n - DISCORD_EPOCH;
const DECIMAL_ID = /^\d{1,20}$/;

/** A shard as IDENTIFY names it: `[shard_id, num_shards]`. */
export interface ShardKey {
  readonly shard: number;
  readonly count: number;
}

/** The single shard of a bot that does not shard: what an IDENTIFY without `shard` means. */
export const NO_SHARDING: ShardKey = { shard: 0, count: 1 };

function checkCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`${what}: the shard count must be an integer >= 1, not ${count}`);
}

/**
 * The shard that owns a guild among `count` shards, by Discord's formula
 * `shard_id = (guild_id >> 22) % num_shards`: the shard that gets the guild's GUILD_CREATE and its
 * events. Throws for an id that is not a decimal snowflake.
 */
export function shardOf(guildId: string, count: number): number {
  checkCount(count, "shardOf()");
  if (!DECIMAL_ID.test(guildId))
    throw new RangeError(`shardOf(): ${JSON.stringify(guildId)} is not a snowflake`);
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * The `n`-th (0-based) guild id owned by `shard` among `count` shards: a valid 18-digit snowflake
 * (a 2020 timestamp), distinct for each `n`, so tests can spread their guilds over shards without
 * doing the arithmetic themselves.
 */
export function guildIdForShard(shard: number, count: number, n = 0): string {
  checkCount(count, "guildIdForShard()");
  if (!Number.isSafeInteger(shard) || shard < 0 || shard >= count)
    throw new RangeError(`guildIdForShard(): shard ${shard} is not one of 0..${count - 1}`);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`guildIdForShard(): n must be an integer >= 0, not ${n}`);
  const shards = BigInt(count);
  const first = SHARD_ID_BASE_MS - (SHARD_ID_BASE_MS % shards) + BigInt(shard);
  const timestamp = first + BigInt(n) * shards;
  return ((timestamp << 22n) | 1n).toString();
}

/**
 * The shard an IDENTIFY's `shard` field names: absent means `[0, 1]`; anything but two integers
 * with `0 <= shard_id < num_shards` is null (Discord closes with 4010 Invalid shard).
 */
export function parseShard(value: unknown): ShardKey | null {
  if (value === undefined) return NO_SHARDING;
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [shard, count] = value;
  if (typeof shard !== "number" || typeof count !== "number") return null;
  if (!Number.isSafeInteger(shard) || !Number.isSafeInteger(count)) return null;
  if (count < 1 || shard < 0 || shard >= count) return null;
  return { shard, count };
}

/**
 * The shard events about `guildId` go to among `count` (null: not about a guild, e.g. a DM → shard
 * 0). Unlike {@link shardOf} it never throws: an id that is not a snowflake (a malformed payload a
 * test sends on purpose) goes to shard 0.
 */
export function routeShard(guildId: string | null, count: number): number {
  if (guildId === null || count <= 1 || !DECIMAL_ID.test(guildId)) return 0;
  return shardOf(guildId, count);
}
