import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Issues snowflakes the way Discord does (milliseconds since 2015 in the top bits, an increment in the
 * low bits), so ids sort by creation and match discord.js's 17-19 digit patterns.
 */
export class Snowflakes {
  #increment = 0n;

  next(): string {
    this.#increment = (this.#increment + 1n) & 0xfffn;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.#increment).toString();
  }
}

/** An opaque interaction token, shaped like Discord's (long, URL-safe). */
export function interactionToken(interactionId: string): string {
  const prefix = Buffer.from(`interaction:${interactionId}:`).toString("base64url");
  return `${prefix}${randomBytes(48).toString("base64url")}`;
}

/** A gateway session id: 32 hex characters, like Discord's. */
export function sessionId(): string {
  return randomBytes(16).toString("hex");
}
