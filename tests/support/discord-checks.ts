import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import { expect } from "vitest";
// The emulator's copy of Discord's limits, not the bot's: a referee independent of what it checks.
import { MessageLimits as LIMITS } from "../../discord-emulator/validate-message.ts";

/**
 * Checks of a rendered message, written from Discord's documentation: every limit, no live mention,
 * no live Markdown in user text. The property tests hold every renderer to them.
 */

/** A message as the renderers build it or as it is sent (then `content` may be absent). */
export interface Sendable {
  readonly content?: string | undefined;
  readonly embeds?: readonly APIEmbed[] | undefined;
  readonly components?: ReadonlyArray<APIActionRowComponent<APIButtonComponent>> | undefined;
}

export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every text of a message Discord shows, with where it is. */
export function textsOf(payload: Sendable): Array<[where: string, text: string]> {
  const out: Array<[string, string]> = [];
  if (payload.content !== undefined) out.push(["content", payload.content]);
  for (const [e, embed] of (payload.embeds ?? []).entries()) {
    if (embed.title !== undefined) out.push([`embed ${e} title`, embed.title]);
    if (embed.description !== undefined) out.push([`embed ${e} description`, embed.description]);
    for (const [f, field] of (embed.fields ?? []).entries()) {
      out.push([`embed ${e} field ${f} name`, field.name], [`embed ${e} field ${f} value`, field.value]);
    }
    if (embed.footer !== undefined) out.push([`embed ${e} footer`, embed.footer.text]);
    if (embed.author !== undefined) out.push([`embed ${e} author`, embed.author.name]);
  }
  for (const [r, row] of (payload.components ?? []).entries()) {
    for (const [b, button] of row.components.entries()) {
      if ("label" in button && button.label !== undefined)
        out.push([`row ${r} button ${b} label`, button.label]);
    }
  }
  return out;
}

/** What in a message breaks a limit of Discord's (https://discord.com/developers/docs/resources/message). */
export function limitProblems(payload: Sendable): string[] {
  const problems: string[] = [];
  const over = (where: string, length: number, max: number) => {
    if (length > max) problems.push(`${where}: ${length} > ${max}`);
  };
  if (payload.content !== undefined) over("content", payload.content.length, LIMITS.content);
  const embeds = payload.embeds ?? [];
  over("embeds", embeds.length, LIMITS.embeds);
  let total = 0;
  for (const [e, embed] of embeds.entries()) {
    if (embed.title !== undefined) over(`embed ${e} title`, embed.title.length, LIMITS.embedTitle);
    if (embed.description !== undefined)
      over(`embed ${e} description`, embed.description.length, LIMITS.embedDescription);
    const fields = embed.fields ?? [];
    over(`embed ${e} fields`, fields.length, LIMITS.embedFields);
    for (const [f, field] of fields.entries()) {
      over(`embed ${e} field ${f} name`, field.name.length, LIMITS.fieldName);
      over(`embed ${e} field ${f} value`, field.value.length, LIMITS.fieldValue);
      // Discord trims field texts and refuses empty ones.
      if (field.name.trim() === "") problems.push(`embed ${e} field ${f} name is empty`);
      if (field.value.trim() === "") problems.push(`embed ${e} field ${f} value is empty`);
    }
    if (embed.footer !== undefined) over(`embed ${e} footer`, embed.footer.text.length, LIMITS.footerText);
    if (embed.author !== undefined) over(`embed ${e} author`, embed.author.name.length, LIMITS.authorName);
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
  }
  over("embed characters in the message", total, LIMITS.embedTotal);
  const rows = payload.components ?? [];
  over("action rows", rows.length, LIMITS.actionRows);
  const ids = new Set<string>();
  for (const [r, row] of rows.entries()) {
    over(`row ${r} buttons`, row.components.length, LIMITS.rowButtons);
    if (row.components.length === 0) problems.push(`row ${r} is empty`);
    for (const [b, button] of row.components.entries()) {
      if ("label" in button && button.label !== undefined)
        over(`row ${r} button ${b} label`, button.label.length, LIMITS.buttonLabel);
      if ("custom_id" in button) {
        over(`row ${r} button ${b} custom_id`, button.custom_id.length, LIMITS.customId);
        if (ids.has(button.custom_id)) problems.push(`custom_id ${button.custom_id} is used twice`);
        ids.add(button.custom_id);
      }
    }
  }
  for (const [where, text] of textsOf(payload)) {
    // A lone surrogate (a character cut in half) is not text Discord accepts.
    if (LONE_SURROGATE.test(text)) problems.push(`${where} has half a character`);
  }
  return problems;
}

export function assertWithinDiscordLimits(payload: Sendable): void {
  expect(limitProblems(payload)).toEqual([]);
}

/** Closed code blocks: Discord shows their content as written, mentions included. */
export const FENCED = /```[\s\S]*?```/g;
export const LIVE_MENTION = /@(?:everyone|here)|<@[!&]?|<#/gi;

/** Mentions Discord would show as mentions (replies also disable pinging them). */
export function liveMentions(payload: Sendable): string[] {
  const found: string[] = [];
  for (const [where, text] of textsOf(payload)) {
    for (const m of text.replace(FENCED, "").match(LIVE_MENTION) ?? []) found.push(`${where}: ${m}`);
  }
  return found;
}

export function assertNoLiveMentions(payload: Sendable): void {
  expect(liveMentions(payload)).toEqual([]);
}

export function assertSafe(payload: Sendable): void {
  assertWithinDiscordLimits(payload);
  assertNoLiveMentions(payload);
}

/** Discord's autolinks (simple-markdown's `url` and `autolink` rules): formatting inside them is inert. */
export const URL_AT = /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/y;
export const ANGLE_LINK_AT = /<[^: >]+:\/[^ >]+>/y;

/**
 * The first Markdown that Discord would render in `text`, outside its autolinks: an unescaped `*`,
 * `_` or backtick (emphasis, underline, code), `~~` (strikethrough), `||` (spoiler) or `](` (masked
 * link). A backslash escapes the punctuation after it, as in Discord.
 */
export function liveMarkdown(text: string): string | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\") {
      i += /[^0-9A-Za-z\s]/.test(text.charAt(i + 1)) ? 2 : 1;
      continue;
    }
    URL_AT.lastIndex = i;
    ANGLE_LINK_AT.lastIndex = i;
    const link = URL_AT.exec(text) ?? ANGLE_LINK_AT.exec(text);
    if (link) {
      i += link[0].length;
      continue;
    }
    const next = text.charAt(i + 1);
    if (c === "*" || c === "_" || c === "`") return `live ${c} at ${i}`;
    if ((c === "~" || c === "|") && next === c) return `live ${c}${c} at ${i}`;
    if (c === "]" && next === "(") return `live ]( at ${i}`;
    i++;
  }
  return undefined;
}
