import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { Article, Block, Corpus } from "../src/core/index.ts";

/** One article as plain text: the JSONL shape (`{id, title, text}`, paragraphs separated by blank lines). */
export interface Row {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** ISO date; JSONL corpora have none, so a fixed one is used. */
  readonly published?: string;
}

export const DEFAULT_PUBLISHED = "2005-01-01";

/** The paragraphs of a row's text: blocks separated by blank lines, inner line breaks joined. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);
}

/** Reads a JSONL corpus; ids are made slugs (lowercase letters, digits, hyphens) as articles need. */
export async function readJsonl(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  const seen = new Set<string>();
  const lines = (await readFile(file, "utf8")).split("\n");
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    const value = JSON.parse(line) as { id?: unknown; title?: unknown; text?: unknown; published?: unknown };
    if (typeof value.title !== "string" || typeof value.text !== "string") {
      throw new Error(`${file}:${i + 1}: each line needs "title" and "text" strings`);
    }
    let id = slug(typeof value.id === "string" || typeof value.id === "number" ? String(value.id) : "");
    if (id.length === 0 || seen.has(id)) id = `row-${i + 1}`;
    seen.add(id);
    const title = value.title.replace(/\s+/g, " ").trim() || id;
    if (paragraphsOf(value.text).length === 0) return;
    const published =
      typeof value.published === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.published)
        ? value.published
        : undefined;
    rows.push({ id, title, text: value.text, ...(published === undefined ? {} : { published }) });
  });
  return rows;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The corpus `Library.build` takes, made straight from rows (as src/eval/qa-corpus.ts does): each
 * paragraph a block. It skips Markdown parsing, which the benchmark times separately (time to ready).
 */
export function corpusFromRows(rows: readonly Row[]): Corpus {
  const hash = createHash("sha256");
  const articles: Article[] = rows.map((row) => {
    hash.update(row.id).update("\0").update(row.title).update("\0").update(row.text).update("\0");
    // Line numbers as the Markdown file would have them (front matter of 5 lines, a blank line).
    let line = 7;
    const blocks: Block[] = paragraphsOf(row.text).map((text, i) => {
      const block: Block = { kind: "paragraph", number: i + 1, text, line };
      line += 2;
      return block;
    });
    return {
      id: row.id,
      title: row.title,
      published: row.published ?? DEFAULT_PUBLISHED,
      file: `${row.id}.md`,
      blocks,
    };
  });
  return { articles, entities: [], fingerprint: hash.digest("hex"), diagnostics: [] };
}

/** Writes rows as JSONL, one `{id,title,text,published}` a line. */
export async function writeJsonl(file: string, rows: readonly Row[]): Promise<void> {
  await writeFile(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
}
