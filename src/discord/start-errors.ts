import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from "discord.js";

/**
 * A one-line explanation of why the bot could not reach Discord, saying what to check. Never includes
 * the token: discord.js errors do not carry it, and nothing here adds it.
 */
export function describeStartError(cause: unknown): string {
  if (cause instanceof DiscordjsError && cause.code === DiscordjsErrorCodes.TokenInvalid) {
    return "storydesk: Discord rejected the token: copy a fresh one from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.";
  }
  if (cause instanceof DiscordAPIError) {
    if (cause.status === 401) return "storydesk: Discord rejected the token: check DISCORD_TOKEN in .env.";
    if (cause.status === 403)
      return `storydesk: Discord refused the request (${cause.message}): check the bot's permissions and DISCORD_GUILD_ID.`;
    if (cause.status === 404)
      return `storydesk: Discord does not know this application or server (${cause.message}): check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.`;
    return `storydesk: Discord answered ${cause.status}: ${cause.message}`;
  }
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN") {
    return `storydesk: cannot reach Discord (${String(code)}): check the network, or DISCORD_API_URL if you set it.`;
  }
  return `storydesk: ${cause instanceof Error ? cause.message : String(cause)}`;
}

/** Whether Discord refused the token: no restart can help until the operator changes it. */
export function isTokenRejected(cause: unknown): boolean {
  return (
    (cause instanceof DiscordjsError && cause.code === DiscordjsErrorCodes.TokenInvalid) ||
    (cause instanceof DiscordAPIError && cause.status === 401)
  );
}
