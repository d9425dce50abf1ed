import { escapeMarkdown } from "discord.js";
import { sentences } from "../core/text/sentences.ts";

const ELLIPSIS = "…";

/**
 * Shortens text to at most `max` characters: at the last sentence end that fits, else at the last
 * space, else mid-word, with an ellipsis when anything was cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return text.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let cut = 0;
  for (const sentence of sentences(text)) {
    if (sentence.end > room) break;
    cut = sentence.end;
  }
  if (cut === 0) {
    const space = text.lastIndexOf(" ", room);
    cut = space > room / 2 ? space : room;
  }
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Makes text safe to show as written: Markdown is escaped, and mentions (@everyone, @here, <@id>,
 * <@&id>, <#id>) are broken with a zero-width space so that they neither ping nor render. Replies
 * also send `allowed_mentions: { parse: [] }`; this keeps the text from even looking like a mention.
 */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text)
    .replace(/@(everyone|here)/gi, "@\u200b$1")
    .replace(/<(@[!&]?|#)/g, "<\u200b$1");
}

/** Escapes text and fits it into `max` characters, cutting the raw text so no escape is split. */
export function escapeAndFit(text: string, max: number): string {
  let budget = max;
  for (;;) {
    const escaped = escapeUserText(truncate(text, budget));
    if (escaped.length <= max || budget <= 1) return escaped.slice(0, max);
    budget -= escaped.length - max;
  }
}

/** Reverses {@link escapeUserText} well enough to search the text again (buttons reread questions). */
export function unescapeUserText(text: string): string {
  return text.replace(/\u200b/g, "").replace(/\\([\\*_~`|>#\-[\]()<:.!])/g, "$1");
}
