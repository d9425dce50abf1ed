import { type Document, isMap, LineCounter, parseDocument, visit, type YAMLError } from "yaml";

/**
 * Aliases (`*name`) the YAML may expand. A few are ordinary; thousands are an "alias bomb" that
 * multiplies a small file into gigabytes. yaml refuses more than this with an error, reported at the
 * first alias.
 */
const MAX_ALIAS_COUNT = 100;

import { type Diagnostic, error, warning } from "./diagnostics.ts";

/** A parsed YAML text that can tell on which line each key or value stands. */
export interface YamlSource {
  readonly value: unknown;
  /** Line of the node at `path` (or of the nearest ancestor that exists), shifted by `firstLine - 1`. */
  lineOf(path: readonly PropertyKey[]): number;
  /** The keys of the mapping at `path` (the top level by default) with their lines, in order. */
  keys(path?: readonly PropertyKey[]): Array<{ key: string; line: number }>;
}

/**
 * Parses YAML that starts at `firstLine` of `file`. Syntax errors come back as diagnostics naming the
 * line, since a moderator fixes them in the file, not in the parsed value.
 */
export function parseYaml(
  file: string,
  text: string,
  firstLine: number,
): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const shift = firstLine - 1;
  const lastLine = shift + Math.max(1, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
  // The parser places "unexpected end" errors past the text; point at its last line instead.
  const lineAt = (offset: number) => Math.min(lineCounter.linePos(offset).line + shift, lastLine);
  // An unclosed `[` or `{` is noticed only where its collection should have ended, often on a later
  // line; the collection then ends at the error: point at the line where it opens.
  const errorOffset = (e: YAMLError) => {
    let offset = e.pos[0];
    if (e.code === "BAD_INDENT" || e.code === "MISSING_CHAR") {
      visit(doc, {
        Collection(_key, node) {
          const [start, end] = node.range ?? [];
          if (node.flow && end === e.pos[0] && start !== undefined && start < offset) offset = start;
        },
      });
    }
    return offset;
  };
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((e) =>
        e.code === "DUPLICATE_KEY"
          ? error(file, lineAt(e.pos[0]), "a key is given twice: keep one of them.")
          : error(
              file,
              lineAt(errorOffset(e)),
              `invalid YAML: ${firstSentence(e.message)}. Check the indentation, and put text containing ": " or starting with [ { * & ! | > ' " % @ in quotes.`,
            ),
      ),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const reason = cause instanceof Error ? firstSentence(cause.message) : "it cannot be read";
    return {
      diagnostics: [
        error(
          file,
          lineAt(offset),
          `the YAML cannot be expanded (${reason}): write the values out instead of repeating aliases (\`*name\`).`,
        ),
      ],
    };
  }
  const source: YamlSource = {
    value,
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true) as
          | { range?: [number, number, number] }
          | undefined;
        if (node && typeof node === "object" && node.range) return lineAt(node.range[0]);
      }
      return firstLine;
    },
    keys(path = []) {
      const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (!isMap(node)) return [];
      return node.items.map((pair) => {
        const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
        return { key: String(key?.value ?? ""), line: key?.range ? lineAt(key.range[0]) : firstLine };
      });
    },
  };
  return { source, diagnostics: [] };
}

function firstSentence(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

/**
 * Warnings for the keys of the mapping at `path` that are not `known`, each at its line: a
 * misspelt or misplaced field would otherwise vanish without a word. `where` says which mapping
 * (" in source 2"), empty for the top level.
 */
export function unknownFields(
  file: string,
  yaml: YamlSource,
  path: readonly PropertyKey[],
  known: readonly string[],
  where = "",
): Diagnostic[] {
  return yaml
    .keys(path)
    .filter(({ key }) => !known.includes(key))
    .map(({ key, line }) =>
      warning(file, line, `unknown field \`${key}\`${where} is ignored (known: ${known.join(", ")}).`),
    );
}

/** The indexes of the list at `key` of the top-level mapping (none when it is not a list). */
export function indexesOf(yaml: YamlSource, ...path: readonly PropertyKey[]): number[] {
  let node: unknown = yaml.value;
  for (const key of path)
    node =
      node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return Array.isArray(node) ? node.map((_, i) => i) : [];
}
