import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { type Corpus, corpusFromTexts } from "../src/core/index.ts";
import { readJsonl } from "../src/eval/jsonl.ts";

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

const rowSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string({ error: 'each line needs a "title" string' }),
  text: z.string({ error: 'each line needs a "text" string' }),
  published: z.string().optional(),
});

/** Reads a JSONL corpus; ids are made slugs (lowercase letters, digits, hyphens) as articles need. */
export async function readRows(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  const seen = new Set<string>();
  (await readJsonl(file, rowSchema)).forEach((value, i) => {
    let id = slug(value.id === undefined ? "" : String(value.id));
    if (id.length === 0 || seen.has(id)) id = `row-${i + 1}`;
    seen.add(id);
    const title = value.title.replace(/\s+/g, " ").trim() || id;
    if (paragraphsOf(value.text).length === 0) return;
    const published =
      value.published !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.published)
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
 * The corpus `Library.build` takes, made straight from rows: it skips Markdown parsing, which the
 * benchmark times separately (time to ready).
 */
export function corpusFromRows(rows: readonly Row[]): Corpus {
  return corpusFromTexts(
    rows.map((row) => ({
      id: row.id,
      title: row.title,
      published: row.published ?? DEFAULT_PUBLISHED,
      paragraphs: paragraphsOf(row.text),
    })),
  );
}

/** Writes rows as JSONL, one `{id,title,text,published}` a line. */
export async function writeJsonl(file: string, rows: readonly Row[]): Promise<void> {
  await writeFile(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
}
