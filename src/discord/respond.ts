import { type InteractionReplyOptions, MessageFlags, type RepliableInteraction } from "discord.js";
import { LIMITS } from "./limits.ts";
import type { ReplyPayload } from "./render/payload.ts";
import { truncate } from "./text.ts";

/** No reply of the bot ever pings anyone, whatever its text. */
export const NO_MENTIONS = { parse: [] } as const;

function options(payload: ReplyPayload, ephemeral: boolean): InteractionReplyOptions {
  return {
    ...(payload.content === undefined ? {} : { content: truncate(payload.content, LIMITS.content) }),
    embeds: [...payload.embeds],
    components: [...payload.components],
    allowedMentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * Sends a reply whatever state the interaction is in: edits the deferred reply, follows up an
 * answered one, or replies. Every message goes out with mentions disabled.
 */
export async function respond(
  interaction: RepliableInteraction,
  payload: ReplyPayload,
  { ephemeral = false }: { ephemeral?: boolean } = {},
): Promise<void> {
  const message = options(payload, ephemeral);
  if (interaction.deferred && !interaction.replied) {
    const { flags: _visibilityIsFixedByTheDeferral, ...edit } = message;
    await interaction.editReply(edit);
  } else if (interaction.replied) {
    await interaction.followUp(message);
  } else {
    await interaction.reply(message);
  }
}

/** A short message only the user sees, as the reply or, once one was sent, as a follow-up. */
export async function respondPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
  const message = options({ content: text, embeds: [], components: [] }, true);
  if (interaction.deferred || interaction.replied) await interaction.followUp(message);
  else await interaction.reply(message);
}
