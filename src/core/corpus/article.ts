import type { Nodes, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString as mdToString } from "mdast-util-to-string";
import { z } from "zod";
import { type Diagnostic, error, warning } from "./diagnostics.ts";
import { describeIssue, httpUrl, isoDate, slug, text, valueAt } from "./fields.ts";
import type { Article, Block, SourceRef } from "./types.ts";
import { parseYaml } from "./yaml-source.ts";

const sourceRef = z.union([
  text.transform((title): SourceRef => ({ title })),
  z.object({ title: text, url: httpUrl.optional() }, { error: "must be a title, or `title:` with an optional `url:`" }),
]);

const frontMatterSchema = z.object({
  id: slug,
  title: text,
  url: httpUrl.optional(),
  published: isoDate,
  outlet: text.optional(),
  sources: z.array(sourceRef, { error: "must be a list" }).default([]),
  key_points: z.array(text, { error: "must be a list of sentences" }).default([]),
});

const KNOWN_KEYS = new Set(Object.keys(frontMatterSchema.shape));

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
  return { yaml: lines.slice(1, close).join("\n"), body: lines.slice(close + 1).join("\n"), bodyLine: close + 2 };
}

/**
 * The text of a block. Unlike `mdast-util-to-string`, which glues its pieces together, it keeps a
 * space between the paragraphs of a quote or a list item, between nested items, and at a hard line
 * break: "Para one. Para two.", not "Para one.Para two.".
 */
function textOf(node: Nodes): string {
  switch (node.type) {
    case "break":
      return " ";
    case "blockquote":
    case "list":
    case "listItem":
      return node.children.map((child) => textOf(child)).join(" ");
    case "paragraph":
    case "heading":
    case "emphasis":
    case "strong":
    case "delete":
    case "link":
    case "linkReference":
      return node.children.map((child) => textOf(child)).join("");
    default:
      return mdToString(node);
  }
}

/** The numbered paragraphs of a Markdown body: paragraphs, quotes and list items; headings are not. */
function bodyBlocks(file: string, root: Root, lineOffset: number, diagnostics: Diagnostic[]): Block[] {
  const blocks: Block[] = [];
  const add = (node: RootContent) => {
    const value = clean(textOf(node));
    if (value) blocks.push({ kind: "paragraph", number: blocks.length + 1, text: value, line: lineOf(node) });
  };
  const lineOf = (node: RootContent) => (node.position?.start.line ?? 1) + lineOffset;
  for (const node of root.children) {
    switch (node.type) {
      case "paragraph":
      case "blockquote":
        add(node);
        break;
      case "list":
        for (const item of node.children) add(item);
        break;
      case "heading":
      case "definition":
        break;
      default:
        diagnostics.push(
          warning(file, lineOf(node), `a ${node.type} block is not part of the article's text and is ignored.`),
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
      error(file, 1, "the front matter is never closed: add a line `---` after its last field, before the text."),
    );
    return { diagnostics };
  }
  const parsedYaml = parseYaml(file, parts.yaml, 2);
  diagnostics.push(...parsedYaml.diagnostics);
  const yaml = parsedYaml.source;
  if (!yaml) return { diagnostics };
  if (yaml.value === null || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    diagnostics.push(error(file, 2, "the front matter must be `key: value` lines (id, title, published, ...)."));
    return { diagnostics };
  }
  for (const { key, line } of yaml.keys()) {
    if (!KNOWN_KEYS.has(key)) {
      diagnostics.push(
        warning(file, line, `unknown field \`${key}\` is ignored (known: ${[...KNOWN_KEYS].join(", ")}).`),
      );
    }
  }
  const result = frontMatterSchema.safeParse(yaml.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(error(file, yaml.lineOf(issue.path), describeIssue(issue, valueAt(yaml.value, issue.path))));
    }
  }
  const root = fromMarkdown(parts.body);
  const blocks = bodyBlocks(file, root, parts.bodyLine - 1, diagnostics);
  if (blocks.length === 0) {
    diagnostics.push(
      error(file, parts.bodyLine, "the article has no text: write its paragraphs after the closing `---`."),
    );
  }
  if (!result.success || blocks.length === 0) return { diagnostics };

  const meta = result.data;
  meta.key_points.forEach((point, i) => {
    blocks.push({ kind: "key-point", number: i + 1, text: clean(point), line: yaml.lineOf(["key_points", i]) });
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
