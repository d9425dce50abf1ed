import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The files of a corpus directory, by path relative to it (`/` separators): text or raw bytes. */
export type CorpusFiles = Readonly<Record<string, string | Uint8Array>>;

/**
 * Temporary directories for corpora written by a test file. `make` creates one under the system's
 * temporary directory; `cleanup` (from `afterEach` or `afterAll`) removes every one made so far.
 */
export function tempDirs(prefix: string) {
  const made: string[] = [];
  return {
    /** An empty temporary directory. */
    async empty(): Promise<string> {
      const dir = await mkdtemp(path.join(tmpdir(), `storydesk-${prefix}-`));
      made.push(dir);
      return dir;
    },
    /** A temporary directory holding `files`. */
    async make(files: CorpusFiles): Promise<string> {
      const dir = await this.empty();
      await writeFiles(dir, files);
      return dir;
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export async function writeFiles(dir: string, files: CorpusFiles): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, ...name.split("/"));
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/**
 * An article file: line 1 is `---`, the front-matter lines follow from line 2, then `---`, an empty
 * line, and the body from line `frontMatter.length + 4`.
 */
export function articleFile(frontMatter: readonly string[], body = "Hello world.\n"): string {
  return `---\n${frontMatter.join("\n")}\n---\n\n${body}`;
}

/** The smallest valid article with the given id. */
export function minimalArticle(id: string, body = "A paragraph of text.\n"): string {
  return articleFile([`id: ${id}`, `title: Article ${id}`, "published: 2025-08-09"], body);
}

/**
 * An article whose front matter is an "alias bomb": three lines of YAML aliases that would expand
 * to a thousand values (and a few more lines to billions). Its first alias is on line 6.
 */
export function aliasBombArticle(id = "bomb"): string {
  return [
    "---",
    `id: ${id}`,
    "title: T",
    "published: 2025-01-01",
    'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]',
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "---",
    "",
    "Text.",
    "",
  ].join("\n");
}
