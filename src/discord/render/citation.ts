import type { Citation } from "../../core/index.ts";
import { escapeAndFit, escapeUserText } from "../text.ts";

/** The article title as a masked link when the article has one, else in italics. */
export function titleLink(citation: Pick<Citation, "title" | "url">, maxTitle = 120): string {
  // escapeAndFit escapes brackets too, so the title cannot end the link's text early.
  const title = escapeAndFit(citation.title, maxTitle);
  if (!citation.url) return `*${title}*`;
  // Parentheses and spaces would end a masked link early; angle brackets, and an @ before "everyone"
  // or "here", would spell a mention should Discord show the link as text.
  const url = citation.url
    .replace(/[()\s<>]/gu, (c) =>
      Array.from(
        new TextEncoder().encode(c),
        (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
      ).join(""),
    )
    .replace(/@(?=everyone|here)/gi, "%40");
  return `[${title}](${url})`;
}

/** "paragraph 4 · 2025-08", the part of a citation that fits in a field name. */
export function citationLabel(citation: Citation): string {
  return `${citation.label} · ${citation.published || "undated"}`;
}

/** One line citing a passage: label, date and the article as a link. */
export function citationLine(citation: Citation): string {
  return `— ${titleLink(citation)}, ${escapeUserText(citationLabel(citation))}`;
}
