import type { Client } from "discord.js";

/** Why an INTERACTION_CREATE payload cannot be an interaction, or undefined when it can. */
export function malformedInteraction(d: unknown): string | undefined {
  if (d === null || typeof d !== "object") return "the payload is not an object";
  const p = d as Record<string, unknown>;
  if (typeof p.id !== "string" || typeof p.token !== "string" || typeof p.type !== "number") {
    return "the payload has no id, token or type";
  }
  const member = p.member as { user?: { id?: unknown } } | null | undefined;
  const user = (p.user as { id?: unknown } | null | undefined) ?? member?.user;
  if (typeof user?.id !== "string") return "the payload has no user";
  const data = p.data as Record<string, unknown> | null | undefined;
  if (p.type === 2 || p.type === 4) {
    if (typeof data?.name !== "string") return "the command payload has no data.name";
  } else if (p.type === 3) {
    if (typeof data?.custom_id !== "string") return "the component payload has no data.custom_id";
  }
  return undefined;
}

/** A gateway packet as discord.js hands it to its handlers. */
interface Packet {
  readonly t?: string | null;
  readonly d?: unknown;
}

/**
 * Drops gateway packets that would crash discord.js's handlers (an INTERACTION_CREATE with no data,
 * no user, or null), and any packet whose handler throws, calling `onDrop` with why, so that one
 * bad payload is one log line and the process lives.
 *
 * discord.js offers no hook before its packet handlers, so this wraps the WebSocketManager's
 * `handlePacket`, which every dispatch goes through (discord.js 14).
 */
export function guardPackets(client: Client, onDrop: (event: string, reason: string) => void): void {
  // handlePacket is internal to discord.js (not in its typings): reached through a cast, checked below.
  const ws = client.ws as unknown as { handlePacket?: (packet?: Packet, shard?: unknown) => boolean };
  const original = ws.handlePacket;
  if (typeof original !== "function")
    throw new Error("discord.js no longer has WebSocketManager#handlePacket");
  ws.handlePacket = function guarded(packet?: Packet, shard?: unknown): boolean {
    const event = packet?.t ?? "unknown";
    if (event === "INTERACTION_CREATE") {
      const reason = malformedInteraction(packet?.d);
      if (reason !== undefined) {
        onDrop(event, reason);
        return true;
      }
    }
    try {
      return original.call(this, packet, shard);
    } catch (cause) {
      onDrop(event, `its handler failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      return true;
    }
  };
}
