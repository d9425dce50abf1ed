import { parseArticle } from "./article.ts";
import { type Diagnostic, error, hasErrors } from "./diagnostics.ts";
import { parseEntities } from "./entities.ts";
import { type CorpusFile, type CorpusScan, ENTITIES_FILE } from "./scan.ts";
import type { Article, Entity } from "./types.ts";

/** A parsed corpus. It may hold errors: check `diagnostics` before serving it. */
export interface Corpus {
  readonly articles: readonly Article[];
  readonly entities: readonly Entity[];
  readonly fingerprint: string;
  readonly diagnostics: readonly Diagnostic[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Line of the first invalid byte. The lenient decoding replaces it with U+FFFD; a U+FFFD that the
 * file really contains (bytes EF BF BD) is text, not the error, so the bytes are followed alongside.
 */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let line = 1;
  for (const char of lenient) {
    const replaced = bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd;
    if (char === "\uFFFD" && replaced) break;
    if (char === "\n") line++;
    const code = char.codePointAt(0) ?? 0;
    offset += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return line;
}

/** Decodes UTF-8 strictly, reporting the line of the first invalid byte instead of mangling text. */
function decode(file: CorpusFile): { text?: string; diagnostic?: Diagnostic } {
  try {
    return { text: utf8.decode(file.bytes).replace(/^\uFEFF/, "") };
  } catch {
    return {
      diagnostic: error(
        file.path,
        lineOfFirstInvalidByte(file.bytes),
        "the file is not valid UTF-8 text: save it again with UTF-8 encoding.",
      ),
    };
  }
}

/**
 * Runs a file's parser; a failure it did not foresee becomes an error on that file, so that one odd
 * file is reported with its name like any other problem, never as a crash of the whole check.
 */
function unlessItThrows<T extends { diagnostics: Diagnostic[] }>(file: string, parse: () => T, empty: T): T {
  try {
    return parse();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ...empty,
      diagnostics: [
        error(file, 1, `the file could not be read (${reason}): check that it is a corpus file.`),
      ],
    };
  }
}

function byLine(a: Diagnostic, b: Diagnostic): number {
  return a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1;
}

/** Parses and checks a scanned corpus: every article, the entities file and what ties them together. */
export function parseCorpus(scan: CorpusScan): Corpus {
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const articles: Article[] = [];
  const byId = new Map<string, Article>();
  let entitiesSource: { file: string; text: string } | undefined;

  for (const file of scan.files) {
    const { text, diagnostic } = decode(file);
    if (diagnostic) diagnostics.push(diagnostic);
    if (text === undefined) continue;
    if (file.path === ENTITIES_FILE) {
      entitiesSource = { file: file.path, text };
      continue;
    }
    const parsed = unlessItThrows(file.path, () => parseArticle(file.path, text), { diagnostics: [] });
    diagnostics.push(...parsed.diagnostics);
    const article = parsed.article;
    if (!article) continue;
    const first = byId.get(article.id);
    if (first) {
      diagnostics.push(
        error(
          file.path,
          parsed.idLine,
          `id \`${article.id}\` is already used by ${first.file}: give each article its own id.`,
        ),
      );
      continue;
    }
    byId.set(article.id, article);
    articles.push(article);
  }
  if (articles.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(error(".", undefined, "the corpus has no articles: add at least one *.md file."));
  }
  let entities: Entity[] = [];
  if (entitiesSource) {
    const { file, text } = entitiesSource;
    const parsed = unlessItThrows(file, () => parseEntities(file, text, byId), {
      entities: [],
      diagnostics: [],
    });
    entities = parsed.entities;
    diagnostics.push(...parsed.diagnostics);
  }
  diagnostics.sort(byLine);
  return { articles, entities, fingerprint: scan.fingerprint, diagnostics };
}
