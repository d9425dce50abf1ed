import { createHash } from "node:crypto";
import type { Corpus } from "./parse.ts";
import type { Article, Block } from "./types.ts";

/** An article given as plain text, already cut into paragraphs. */
export interface PlainArticle {
  readonly id: string;
  readonly title: string;
  /** ISO date, or "" when the source has none. */
  readonly published: string;
  readonly paragraphs: readonly string[];
}

/** Lines of the front matter a Markdown article of these fields would open with, and the blank after. */
const FRONT_MATTER_LINES = 6;

/**
 * A corpus made straight from plain texts, each paragraph a block, with no Markdown to parse: for
 * evaluation sets and benchmark corpora given as JSONL. Line numbers are those of the same article
 * written as Markdown (front matter, then paragraphs separated by blank lines).
 *
 * @example
 * const corpus = corpusFromTexts([
 *   { id: "a", title: "Port strike", published: "2024-06-01", paragraphs: ["Dockers walked out."] },
 * ]);
 * await Library.build(corpus).ask("who walked out");
 */
export function corpusFromTexts(texts: readonly PlainArticle[]): Corpus {
  const hash = createHash("sha256");
  const articles: Article[] = texts.map((text) => {
    hash.update(text.id).update("\0").update(text.title).update("\0");
    let line = FRONT_MATTER_LINES + 1;
    const blocks: Block[] = text.paragraphs.map((paragraph, i) => {
      hash.update(paragraph).update("\0");
      const block: Block = { kind: "paragraph", number: i + 1, text: paragraph, line };
      line += 2;
      return block;
    });
    return { id: text.id, title: text.title, published: text.published, file: `${text.id}.md`, blocks };
  });
  return { articles, entities: [], fingerprint: hash.digest("hex"), diagnostics: [] };
}
