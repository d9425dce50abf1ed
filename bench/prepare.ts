import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { loadCorpus } from "../src/core/index.ts";
import { writeMarkdownCorpus } from "./markdown.ts";
import { paragraphsOf, type Row, readRows, writeJsonl } from "./rows.ts";
import { syntheticCorpus } from "./synthetic.ts";
import type { CorpusSpec, PreparedCorpus } from "./types.ts";

/** "1k", "10k", "2.5k", "800". */
export function sizeLabel(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return `${Number.isInteger(k) ? k : k.toFixed(1)}k`;
}

export function corpusName(spec: CorpusSpec): string {
  switch (spec.kind) {
    case "bundled":
      return "bundled";
    case "synthetic":
      return `synthetic ${sizeLabel(spec.size)}`;
    case "jsonl":
      return path.join(path.basename(path.dirname(spec.file)), path.basename(spec.file));
  }
}

const countWords = (text: string) => text.split(/\s+/).filter((w) => w.length > 0).length;

/**
 * Writes a corpus out for measuring, under `workDir`: its Markdown directory (the project's article
 * format) and, unless bundled, its rows as JSONL for the in-process figures.
 */
export async function prepareCorpus(spec: CorpusSpec, workDir: string): Promise<PreparedCorpus> {
  await mkdir(workDir, { recursive: true });
  const mdDir = path.join(workDir, "corpus");
  const snapshotFile = path.join(workDir, "snapshot", "index.json");
  const name = corpusName(spec);
  if (spec.kind === "bundled") {
    await cp(spec.dir, mdDir, { recursive: true });
    const corpus = await loadCorpus(mdDir);
    const words = corpus.articles.reduce(
      (sum, a) => sum + countWords(a.title) + a.blocks.reduce((s, b) => s + countWords(b.text), 0),
      0,
    );
    const question = corpus.articles[0]?.title ?? "news";
    return {
      name,
      spec,
      articles: corpus.articles.length,
      mdDir,
      rowsFile: null,
      snapshotFile,
      workDir,
      words,
      question,
    };
  }
  const rows: Row[] =
    spec.kind === "synthetic" ? syntheticCorpus(spec.seed, spec.size) : await readRows(spec.file);
  const rowsFile = path.join(workDir, "rows.jsonl");
  await writeJsonl(rowsFile, rows);
  await writeMarkdownCorpus(mdDir, rows);
  const words = rows.reduce(
    (sum, r) => sum + countWords(r.title) + paragraphsOf(r.text).reduce((s, p) => s + countWords(p), 0),
    0,
  );
  const question = (rows[0]?.title ?? "news").slice(0, 300);
  return { name, spec, articles: rows.length, mdDir, rowsFile, snapshotFile, workDir, words, question };
}
