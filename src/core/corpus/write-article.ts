import { stringify } from "yaml";

/** The fields of an article to write as a corpus file. */
export interface ArticleFields {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /** `YYYY-MM-DD` or `YYYY-MM`; left empty for the moderator to fill in when unknown. */
  readonly published?: string;
  readonly outlet?: string;
  readonly paragraphs: readonly string[];
}

/** Characters Markdown would read as formatting anywhere in a line. */
const INLINE = /[\\`*_[\]<>|~&]/g;
/** Punctuation that can open a heading, a quote, a list item, a rule or a fence at a line's start. */
const LEADING = /^[#>+\-=]/;
/** An ordered list's marker: digits, then `.` or `)`. */
const ORDERED = /^(\d+)([.)])/;

/** A paragraph of plain text as Markdown that reads back as the same text. */
function markdownParagraph(text: string): string {
  const escaped = text.replace(INLINE, (c) => `\\${c}`);
  if (LEADING.test(escaped)) return `\\${escaped}`;
  return escaped.replace(ORDERED, "$1\\$2");
}

/**
 * An article in the corpus format: YAML front matter (quoted as YAML needs, by the yaml library),
 * then one paragraph per block. Loading it gives back the same fields and paragraphs.
 *
 * @example
 * articleMarkdown({ id: "port-strike", title: "Dockers: strike ends", published: "2025-09-14", paragraphs: ["It ended."] });
 * // "---\nid: port-strike\ntitle: \"Dockers: strike ends\"\npublished: 2025-09-14\n---\n\nIt ended.\n"
 */
export function articleMarkdown(fields: ArticleFields): string {
  const front: Record<string, string> = { id: fields.id, title: fields.title };
  if (fields.url !== undefined) front.url = fields.url;
  front.published = fields.published ?? "";
  if (fields.outlet !== undefined) front.outlet = fields.outlet;
  const yaml = stringify(front, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${fields.paragraphs.map(markdownParagraph).join("\n\n")}\n`;
}
