import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import { LIMITS } from "../limits.ts";
import { truncate } from "../text.ts";

/** A message as the renderers build it; the respond helper adds flags and allowed mentions. */
export interface ReplyPayload {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: ReadonlyArray<APIActionRowComponent<APIButtonComponent>>;
}

/** Characters that count towards Discord's 6000-character limit for the embeds of one message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Fits an embed into every Discord limit, as a last guard behind the renderers' own budgets: each
 * part is cut to its own limit, then fields are dropped from the end (noted in the footer) and the
 * description shortened until the whole fits in 6000 characters.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  // Discord trims field texts and refuses them empty.
  const fields = (embed.fields ?? []).slice(0, LIMITS.embedFields).map((f) => ({
    ...f,
    name: f.name.trim() === "" ? "\u200b" : truncate(f.name, LIMITS.fieldName),
    value: f.value.trim() === "" ? "\u200b" : truncate(f.value, LIMITS.fieldValue),
  }));
  const fitted: APIEmbed = {
    ...embed,
    ...(embed.title === undefined ? {} : { title: truncate(embed.title, LIMITS.embedTitle) }),
    ...(embed.description === undefined
      ? {}
      : { description: truncate(embed.description, LIMITS.embedDescription) }),
    ...(embed.footer === undefined
      ? {}
      : { footer: { ...embed.footer, text: truncate(embed.footer.text, LIMITS.footer) } }),
    ...(embed.author === undefined
      ? {}
      : { author: { ...embed.author, name: truncate(embed.author.name, LIMITS.author) } }),
    fields,
  };
  const footer = fitted.footer;
  let dropped = 0;
  while (embedLength(fitted) > LIMITS.embedTotal && fields.length > 0) {
    fields.pop();
    dropped++;
    // The note counts towards the total too: added after the loop, it could push the embed over.
    if (footer) {
      fitted.footer = {
        ...footer,
        text: truncate(`${footer.text} · ${dropped} more not shown`, LIMITS.footer),
      };
    }
  }
  const excess = embedLength(fitted) - LIMITS.embedTotal;
  if (excess > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  return fitted;
}
