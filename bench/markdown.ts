import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_PUBLISHED, paragraphsOf, type Row } from "./rows.ts";

/**
 * An article file in the project's format (README, "An article"): YAML front matter, then the
 * paragraphs separated by blank lines. The title is written as a JSON string, which is valid YAML.
 */
export function articleMarkdown(row: Row): string {
  const front = [
    "---",
    `id: ${row.id}`,
    `title: ${JSON.stringify(row.title)}`,
    `published: ${row.published ?? DEFAULT_PUBLISHED}`,
    "---",
  ];
  return `${front.join("\n")}\n\n${paragraphsOf(row.text).join("\n\n")}\n`;
}

/** Writes rows as `<id>.md` files into `dir` (created), a few hundred files at a time. */
export async function writeMarkdownCorpus(dir: string, rows: readonly Row[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const batch = 256;
  for (let i = 0; i < rows.length; i += batch) {
    await Promise.all(
      rows.slice(i, i + batch).map((row) => writeFile(path.join(dir, `${row.id}.md`), articleMarkdown(row))),
    );
  }
}
