import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { z } from "zod";
import { type Diagnostic, error, warning } from "./diagnostics.ts";
import { describeIssue, httpUrl, isoDate, optional, optionalList, slug, text, valueAt } from "./fields.ts";
import type { Article, Block, SourceRef } from "./types.ts";
import { indexesOf, parseYaml, unknownFields, type YamlSource } from "./yaml-source.ts";

const sourceFields = { title: text, url: optional(httpUrl) };
const sourceRef = z.union([
  text.transform((title): SourceRef => ({ title })),
  z.object(sourceFields, { error: "must be a title, or `title:` with an optional `url:`" }),
]);

const keyPointFields = { text };
const keyPoint = z.union([
  text,
  z
    .object(keyPointFields, { error: "must be a sentence, or `text:` and the sentence" })
    .transform((p) => p.text),
]);

const frontMatterSchema = z.object({
  id: slug,
  title: text,
  url: optional(httpUrl),
  published: isoDate,
  outlet: optional(text),
  sources: optionalList(sourceRef, "must be a list"),
  key_points: optionalList(keyPoint, "must be a list of sentences"),
});

/** The keys each mapping of the front matter knows; any other is ignored, with a warning. */
const KNOWN_KEYS = {
  article: Object.keys(frontMatterSchema.shape),
  sources: Object.keys(sourceFields),
  key_points: Object.keys(keyPointFields),
} as const;

/** Warnings for keys the front matter, a source or a key point does not know, each at its line. */
function unknownKeys(file: string, yaml: YamlSource): Diagnostic[] {
  return [
    ...unknownFields(file, yaml, [], KNOWN_KEYS.article),
    ...indexesOf(yaml, "sources").flatMap((i) =>
      unknownFields(file, yaml, ["sources", i], KNOWN_KEYS.sources, ` in source ${i + 1}`),
    ),
    ...indexesOf(yaml, "key_points").flatMap((i) =>
      unknownFields(file, yaml, ["key_points", i], KNOWN_KEYS.key_points, ` in key point ${i + 1}`),
    ),
  ];
}

/** Normalises the whitespace of a block, which Markdown treats as insignificant. */
function clean(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Splits a file into its YAML front matter and Markdown body. The front matter sits between a first
 * line `---` and the next line `---`.
 */
function splitFrontMatter(
  source: string,
): { yaml: string; body: string; bodyLine: number } | "missing" | "unclosed" {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return "missing";
  const close = lines.findIndex((line, i) => i > 0 && (line.trim() === "---" || line.trim() === "..."));
  if (close < 0) return "unclosed";
  return {
    yaml: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    bodyLine: close + 2,
  };
}

const markdown = new MarkdownIt("commonmark");

/** What a block that is not text is called in a warning. */
const IGNORED: Record<string, string> = {
  code_block: "code",
  fence: "code",
  html_block: "HTML",
  hr: "horizontal rule",
};

/** The text of an inline token: its words, with a space at line breaks; images give their alt text. */
function inlineText(token: Token): string {
  let out = "";
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") out += " ";
    else if (child.type === "image") out += inlineText(child);
  }
  return out;
}

/**
 * The numbered paragraphs of a Markdown body: paragraphs, quotes and list items (each item one
 * paragraph, its nested items included); headings are not numbered. markdown-it reads the body,
 * ten times faster than the mdast tools it replaced, and with the line of every block.
 */
function bodyBlocks(file: string, body: string, lineOffset: number, diagnostics: Diagnostic[]): Block[] {
  const tokens = markdown.parse(body, {});
  const blocks: Block[] = [];
  let i = 0;
  // Joins the text of the inline tokens up to the token that closes the one at `i`.
  const textUntilClose = (): string => {
    const open = tokens[i] as Token;
    const parts: string[] = [];
    for (i++; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.type === open.type.replace("_open", "_close") && token.level === open.level) break;
      if (token.type === "inline") parts.push(inlineText(token));
    }
    return parts.join(" ");
  };
  const add = (text: string, line: number) => {
    const value = clean(text);
    if (value)
      blocks.push({ kind: "paragraph", number: blocks.length + 1, text: value, line: line + lineOffset });
  };
  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.level !== 0) continue;
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === "paragraph_open" || token.type === "blockquote_open") {
      add(textUntilClose(), line);
    } else if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      const close = token.type.replace("_open", "_close");
      for (
        i++;
        i < tokens.length && !((tokens[i] as Token).type === close && (tokens[i] as Token).level === 0);
        i++
      ) {
        const item = tokens[i] as Token;
        if (item.type === "list_item_open" && item.level === 1)
          add(textUntilClose(), (item.map?.[0] ?? 0) + 1);
      }
    } else if (token.type === "heading_open") {
      textUntilClose();
    } else if (token.type in IGNORED) {
      diagnostics.push(
        warning(
          file,
          line + lineOffset,
          `a ${IGNORED[token.type]} block is not part of the article's text and is ignored.`,
        ),
      );
    }
  }
  return blocks;
}

/**
 * Parses one article file. Returns the article when it has no errors (with the line of its `id:`, to
 * report a clash with another article), and every problem found.
 */
export function parseArticle(
  file: string,
  source: string,
): { article?: Article; idLine?: number; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const parts = splitFrontMatter(source);
  if (parts === "missing") {
    diagnostics.push(
      error(
        file,
        1,
        "no front matter: start the file with a line `---`, then `id:`, `title:`, `published:` and the other fields, then a line `---` before the text.",
      ),
    );
    return { diagnostics };
  }
  if (parts === "unclosed") {
    diagnostics.push(
      error(
        file,
        1,
        "the front matter is never closed: add a line `---` after its last field, before the text.",
      ),
    );
    return { diagnostics };
  }
  const parsedYaml = parseYaml(file, parts.yaml, 2);
  diagnostics.push(...parsedYaml.diagnostics);
  const yaml = parsedYaml.source;
  if (!yaml) return { diagnostics };
  if (yaml.value === null || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    diagnostics.push(
      error(file, 2, "the front matter must be `key: value` lines (id, title, published, ...)."),
    );
    return { diagnostics };
  }
  diagnostics.push(...unknownKeys(file, yaml));
  const result = frontMatterSchema.safeParse(yaml.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(
        error(file, yaml.lineOf(issue.path), describeIssue(issue, valueAt(yaml.value, issue.path))),
      );
    }
  }
  const blocks = bodyBlocks(file, parts.body, parts.bodyLine - 1, diagnostics);
  if (blocks.length === 0) {
    diagnostics.push(
      error(file, parts.bodyLine, "the article has no text: write its paragraphs after the closing `---`."),
    );
  }
  if (!result.success || blocks.length === 0) return { diagnostics };

  const meta = result.data;
  meta.key_points.forEach((point, i) => {
    blocks.push({
      kind: "key-point",
      number: i + 1,
      text: clean(point),
      line: yaml.lineOf(["key_points", i]),
    });
  });
  meta.sources.forEach((ref, i) => {
    blocks.push({ kind: "source", number: i + 1, text: clean(ref.title), line: yaml.lineOf(["sources", i]) });
  });
  const article: Article = {
    id: meta.id,
    title: clean(meta.title),
    published: meta.published,
    file,
    blocks,
    ...(meta.url === undefined ? {} : { url: meta.url }),
    ...(meta.outlet === undefined ? {} : { outlet: meta.outlet }),
  };
  return { article, idLine: yaml.lineOf(["id"]), diagnostics };
}
