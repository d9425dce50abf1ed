import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Diagnostic, errorsOf, warningsOf } from "../corpus/diagnostics.ts";
import { type CorpusFile, type CorpusScan, scanCorpus } from "../corpus/scan.ts";
import { corpusFilePaths, removeCorpusFile, replaceCorpusFiles, writeCorpusFile } from "../store/files.ts";
import type { Change, ChangeAuthor, CorpusHistory } from "../store/history.ts";
import type { Library } from "./library.ts";
import type { LibraryCounts, RefreshResult, RefreshSuccess } from "./storydesk.ts";

/**
 * Changes a moderator makes to the corpus: add an article, remove one, roll back to a recorded
 * version. Each is first previewed (checked against the corpus as it is, written nowhere), then
 * applied after confirmation: checked again, written atomically, rebuilt and swapped in, recorded as
 * one version in the history. A change that would leave the corpus with an error is refused, and
 * one that fails while applied is undone, so the corpus served and the files on disk always agree.
 */

/** An article as a preview shows it. */
export interface ArticlePreview {
  readonly id: string;
  readonly title: string;
  readonly published: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly paragraphs: number;
  readonly firstParagraph: string;
}

/** What a change would do, before it is applied. `errors` empty: it may be applied. */
export interface AdditionPreview {
  readonly kind: "add";
  /** The file it would be written to, relative to the corpus directory. */
  readonly file: string;
  readonly content: string;
  readonly article?: ArticlePreview;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export interface RemovalPreview {
  readonly kind: "remove";
  readonly file: string;
  readonly article: ArticlePreview;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export interface RollbackPreview {
  readonly kind: "rollback";
  readonly target: Change;
  /** Files the rollback would add back, change and remove. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** A change applied: the refresh that swapped it in, and the version recorded. */
export interface Applied {
  readonly ok: true;
  readonly refresh: RefreshSuccess;
  readonly change: Change | undefined;
}

/** A change refused when applied: what was wrong; the corpus served and on disk is unchanged. */
export interface Refused {
  readonly ok: false;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly serving: LibraryCounts;
}

export type ApplyResult = Applied | Refused;

/** What the edits need of the Storydesk that serves the corpus. */
export interface Serving {
  serving(): Library;
  /** Rebuilds from the files and swaps the new library in when it has no errors. */
  rebuild(by: string): Promise<RefreshResult>;
  /** Runs a change after every other change to the corpus. */
  serialise<T>(change: () => Promise<T>): Promise<T>;
}

/** The file of a diagnostic about a change that has no file yet. */
const NEW_ARTICLE = "(new article)";

function previewOf(article: {
  id: string;
  title: string;
  published: string;
  outlet?: string;
  url?: string;
  blocks: ReadonlyArray<{ kind: string; text: string }>;
}): ArticlePreview {
  const paragraphs = article.blocks.filter((b) => b.kind === "paragraph");
  return {
    id: article.id,
    title: article.title,
    published: article.published,
    paragraphs: paragraphs.length,
    firstParagraph: paragraphs[0]?.text ?? "",
    ...(article.outlet === undefined ? {} : { outlet: article.outlet }),
    ...(article.url === undefined ? {} : { url: article.url }),
  };
}

function withFiles(
  scan: CorpusScan,
  add: readonly CorpusFile[],
  remove: ReadonlySet<string> = new Set(),
): CorpusScan {
  const replaced = new Set(add.map((f) => f.path));
  return {
    ...scan,
    files: [...scan.files.filter((f) => !remove.has(f.path) && !replaced.has(f.path)), ...add],
  };
}

/** A file name for an article that has no usable id yet. */
function fallbackFile(name: string | undefined): string {
  const base = (name ?? "article")
    .replace(/\.[^.]*$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  return `${base.replace(/^-+|-+$/g, "") || "article"}.md`;
}

/** The corpus checker (YAML, Markdown and schema libraries): loaded by the first change, not at start. */
async function checker() {
  const [{ parseArticle }, { parseCorpus }] = await Promise.all([
    import("../corpus/article.ts"),
    import("../corpus/parse.ts"),
  ]);
  return { parseArticle, parseCorpus };
}

export class CorpusEdits {
  constructor(
    private readonly corpusDir: string,
    private readonly history: CorpusHistory,
    private readonly serving: Serving,
  ) {}

  /**
   * Checks an article (Markdown in the corpus format) as the corpus would read it beside the others:
   * its own fields, its id against theirs, and entities.yaml. `name` is the attachment's file name,
   * used when the article has no id.
   */
  async previewAddition(content: string, name?: string): Promise<AdditionPreview> {
    const { parseArticle, parseCorpus } = await checker();
    const own = parseArticle(NEW_ARTICLE, content);
    const file = own.article ? `${own.article.id}.md` : fallbackFile(name);
    const scan = await scanCorpus(this.corpusDir);
    const relabel = (d: Diagnostic): Diagnostic => (d.file === NEW_ARTICLE ? { ...d, file } : d);
    if (!own.article) {
      return {
        kind: "add",
        file,
        content,
        errors: errorsOf(own.diagnostics).map(relabel),
        warnings: warningsOf(own.diagnostics).map(relabel),
      };
    }
    const clash = scan.files.find((f) => f.path === file);
    const corpus = parseCorpus(withFiles(scan, [{ path: file, bytes: Buffer.from(content) }]));
    const errors = errorsOf(corpus.diagnostics);
    if (clash) {
      errors.unshift({
        severity: "error",
        file,
        line: 2,
        message: `the corpus already has a file ${file}: to replace that article, remove it first (/corpus remove), or give this one another id.`,
      });
    }
    return {
      kind: "add",
      file,
      content,
      article: previewOf(own.article),
      errors,
      warnings: warningsOf(corpus.diagnostics),
    };
  }

  /** Adds an article after {@link previewAddition}: checked again, written, swapped in, recorded. */
  add(content: string, author: ChangeAuthor, name?: string): Promise<ApplyResult> {
    return this.serving.serialise(async () => {
      const preview = await this.previewAddition(content, name);
      if (preview.errors.length > 0) return this.refused(preview.errors, preview.warnings);
      await writeCorpusFile(this.corpusDir, preview.file, content);
      return this.apply(author, "add", () => removeCorpusFile(this.corpusDir, preview.file));
    });
  }

  /** The article `id` of the served corpus, and what removing it would break. */
  async previewRemoval(id: string): Promise<RemovalPreview | undefined> {
    const summary = this.serving.serving().data.articles.find((a) => a.id === id);
    if (!summary) return undefined;
    const { parseCorpus } = await checker();
    const scan = await scanCorpus(this.corpusDir);
    const corpus = parseCorpus(withFiles(scan, [], new Set([summary.file])));
    const current = parseCorpus(scan).articles.find((a) => a.id === id);
    return {
      kind: "remove",
      file: summary.file,
      article: current
        ? previewOf(current)
        : { id, title: summary.title, published: summary.published, paragraphs: 0, firstParagraph: "" },
      errors: errorsOf(corpus.diagnostics),
      warnings: warningsOf(corpus.diagnostics),
    };
  }

  remove(id: string, author: ChangeAuthor): Promise<ApplyResult | undefined> {
    return this.serving.serialise(async () => {
      const preview = await this.previewRemoval(id);
      if (!preview) return undefined;
      if (preview.errors.length > 0) return this.refused(preview.errors, preview.warnings);
      const backup = await readFile(path.join(this.corpusDir, preview.file));
      await removeCorpusFile(this.corpusDir, preview.file);
      return this.apply(author, "remove", () => writeCorpusFile(this.corpusDir, preview.file, backup));
    });
  }

  /** The recorded version a reference names, and what restoring it would change. */
  async previewRollback(reference: string): Promise<RollbackPreview | undefined> {
    const target = await this.history.find(reference);
    if (!target) return undefined;
    const { parseCorpus } = await checker();
    const files = await this.history.filesAt(target.commit);
    const scan = await scanCorpus(this.corpusDir);
    const current = new Map(scan.files.map((f) => [f.path, f.bytes]));
    const corpus = parseCorpus({
      ...scan,
      files: [...files].map(([p, bytes]) => ({ path: p, bytes: Buffer.from(bytes) })),
    });
    return {
      kind: "rollback",
      target,
      added: [...files.keys()].filter((p) => !current.has(p)),
      changed: [...files]
        .filter(([p, b]) => current.has(p) && !Buffer.from(b).equals(current.get(p) as Buffer))
        .map(([p]) => p),
      removed: [...current.keys()].filter((p) => !files.has(p)),
      errors: errorsOf(corpus.diagnostics),
      warnings: warningsOf(corpus.diagnostics),
    };
  }

  /** Restores the corpus as it was at a recorded version, as one more recorded version. */
  rollback(reference: string, author: ChangeAuthor): Promise<ApplyResult | undefined> {
    return this.serving.serialise(async () => {
      const preview = await this.previewRollback(reference);
      if (!preview) return undefined;
      if (preview.errors.length > 0) return this.refused(preview.errors, preview.warnings);
      const backup = new Map<string, Uint8Array>();
      for (const file of await corpusFilePaths(this.corpusDir)) {
        backup.set(file, await readFile(path.join(this.corpusDir, file)));
      }
      await replaceCorpusFiles(this.corpusDir, await this.history.filesAt(preview.target.commit));
      return this.apply(
        author,
        "rollback",
        () => replaceCorpusFiles(this.corpusDir, backup),
        preview.target.version,
      );
    });
  }

  /** Swaps the changed files in and records them; on failure, undoes the change on disk. */
  private async apply(
    author: ChangeAuthor,
    kind: "add" | "remove" | "rollback",
    undo: () => Promise<void>,
    restored?: string,
  ): Promise<ApplyResult> {
    let refresh: RefreshResult;
    try {
      refresh = await this.serving.rebuild(author.name);
    } catch (cause) {
      await undo();
      throw cause;
    }
    if (!refresh.ok) {
      await undo();
      return this.refused(refresh.errors, refresh.warnings);
    }
    const change = await this.history.record({
      kind,
      version: refresh.after.version,
      author,
      ...(restored === undefined ? {} : { restored }),
    });
    return { ok: true, refresh: change ? { ...refresh, recorded: change } : refresh, change };
  }

  private refused(errors: readonly Diagnostic[], warnings: readonly Diagnostic[]): Refused {
    const library = this.serving.serving();
    return {
      ok: false,
      errors,
      warnings,
      serving: { version: library.version, ...library.stats },
    };
  }
}
