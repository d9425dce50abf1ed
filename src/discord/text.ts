import { sentences } from "../core/index.ts";

const ELLIPSIS = "…";

/**
 * Shortens text to at most `max` characters: at the last sentence end that fits, else at the last
 * space, else mid-word, with an ellipsis when anything was cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return text.slice(0, whole(text, Math.max(0, max)));
  const room = max - ELLIPSIS.length;
  let cut = 0;
  for (const sentence of sentences(text)) {
    if (sentence.end > room) break;
    cut = sentence.end;
  }
  // A sentence end early in the text would throw most of it away: then cut at a space instead.
  if (cut < room / 2) {
    const space = text.lastIndexOf(" ", room);
    cut = space > room / 2 ? space : room;
  }
  return `${text.slice(0, whole(text, cut)).trimEnd()}${ELLIPSIS}`;
}

/** `at`, moved back so that cutting there splits no character in two (half a surrogate pair is not text). */
function whole(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

/**
 * A link as Discord autolinks it (simple-markdown's `url` rule, here also ending at `>`), or one
 * character that Markdown gives a meaning to. Characters inside a link are inert (Discord reads them
 * as part of the link) and are kept, so that the link still leads where it did; only its backslashes
 * are doubled, so that {@link unescapeUserText} gives them back.
 */
const LINK_OR_MARKDOWN = /https?:\/\/[^\s<>]+[^\s<>.,:;"')\]]|[\\*_~`|[\]]/g;

/**
 * Makes text safe to show as written: Markdown is escaped (outside links), and mentions (@everyone,
 * @here, <@id>, <@&id>, <#id>) are broken with a zero-width space so that they neither ping nor
 * render. Replies also send `allowed_mentions: { parse: [] }`; this keeps the text from even looking
 * like a mention.
 */
export function escapeUserText(text: string): string {
  // Every Markdown character is escaped: discord.js's escapeMarkdown leaves some live ("****a****",
  // "````a````", "_" after "<:", masked links) and can add a backslash of its own.
  return text
    .replace(LINK_OR_MARKDOWN, (m) => (m.length > 1 ? m.replace(/\\/g, "\\\\") : `\\${m}`))
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
