import fs from "node:fs";
import git from "isomorphic-git";
import { isCorpusFilePath } from "../corpus/scan.ts";
import { makeDirectory } from "./directories.ts";

/**
 * Every version of the corpus, kept as a git repository: the corpus directory is its work tree and
 * the repository itself lives apart (HISTORY_DIR), so the corpus stays plain files and the history
 * can be read with any git (`git --git-dir=.storydesk/history --work-tree=corpus log --stat`).
 * Each recorded change is one commit of the whole corpus, with the moderator as its author and what
 * it did as trailers of its message; nothing is ever deleted, so every version can be restored.
 *
 * isomorphic-git rather than the git binary: it needs nothing installed beside node, and its
 * plumbing (status, trees, blobs) is a library call rather than parsed command output. It is slower
 * than git on very large trees, which a news corpus is not.
 */

/** What kind of change a version records. */
export type ChangeKind = "start" | "refresh" | "add" | "remove" | "rollback";

/** Who made a change: a person's name as shown, and their Discord id when they have one. */
export interface ChangeAuthor {
  readonly name: string;
  readonly id?: string;
}

/** A recorded version of the corpus. */
export interface Change {
  /** The commit id (40 hex digits). */
  readonly commit: string;
  /** The corpus version it served as (the library's version, as /corpus status shows it). */
  readonly version: string;
  readonly kind: ChangeKind;
  readonly at: Date;
  readonly author: ChangeAuthor;
  /** Corpus files (paths relative to the corpus directory) the change added, changed and removed. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** For a rollback, the version it restored. */
  readonly restored?: string;
}

/** What a change to record says of itself; the files it touched are read from the directory. */
export type NewChange = Omit<Change, "commit" | "at" | "added" | "changed" | "removed">;

const DISCORD_EMAIL = /^(\d+)@discord\.invalid$/;
const STORYDESK_EMAIL = "storydesk@localhost.invalid";

function headline(change: Omit<Change, "commit" | "at">): string {
  const who = change.author.name;
  switch (change.kind) {
    case "start":
      return "The corpus as found at start";
    case "refresh":
      return `Edits made on disk, picked up by a refresh (${who})`;
    case "add":
      return `Add ${change.added.join(", ") || "an article"} (${who})`;
    case "remove":
      return `Remove ${change.removed.join(", ") || "an article"} (${who})`;
    case "rollback":
      return `Roll back to ${change.restored ?? "an earlier version"} (${who})`;
  }
}

/** The commit message: a headline, then trailers that {@link parseMessage} reads back. */
function messageOf(change: Omit<Change, "commit" | "at">): string {
  const trailers = [
    `Storydesk-Kind: ${change.kind}`,
    `Corpus-Version: ${change.version}`,
    `Added: ${change.added.join(" ")}`,
    `Changed: ${change.changed.join(" ")}`,
    `Removed: ${change.removed.join(" ")}`,
    ...(change.restored === undefined ? [] : [`Restored: ${change.restored}`]),
  ];
  return `${headline(change)}\n\n${trailers.join("\n")}\n`;
}

const KINDS: ReadonlySet<string> = new Set(["start", "refresh", "add", "remove", "rollback"]);

function parseMessage(message: string): Omit<Change, "commit" | "at" | "author"> | undefined {
  const trailers = new Map<string, string>();
  for (const line of message.split("\n")) {
    const match = /^([A-Za-z-]+): ?(.*)$/.exec(line);
    if (match) trailers.set(match[1] as string, (match[2] as string).trim());
  }
  const kind = trailers.get("Storydesk-Kind");
  const version = trailers.get("Corpus-Version");
  if (kind === undefined || !KINDS.has(kind) || !version) return undefined;
  const list = (key: string) => (trailers.get(key) ?? "").split(" ").filter(Boolean);
  const restored = trailers.get("Restored");
  return {
    kind: kind as ChangeKind,
    version,
    added: list("Added"),
    changed: list("Changed"),
    removed: list("Removed"),
    ...(restored ? { restored } : {}),
  };
}

export class CorpusHistory {
  private constructor(
    /** The corpus directory: the work tree. */
    readonly dir: string,
    /** The repository. */
    readonly gitdir: string,
  ) {}

  /** Opens the history of a corpus directory, creating an empty repository on first use. */
  static async open(corpusDir: string, historyDir: string): Promise<CorpusHistory> {
    await makeDirectory(historyDir);
    const history = new CorpusHistory(corpusDir, historyDir);
    if (!fs.existsSync(`${historyDir}/HEAD`)) {
      await git.init({ fs, dir: corpusDir, gitdir: historyDir, defaultBranch: "main" });
    }
    return history;
  }

  private get repo() {
    return { fs, dir: this.dir, gitdir: this.gitdir };
  }

  /** The latest commit, or undefined before the first. */
  private async head(): Promise<string | undefined> {
    try {
      return await git.resolveRef({ ...this.repo, ref: "HEAD" });
    } catch {
      return undefined;
    }
  }

  /**
   * Records the corpus directory as it is now, when it differs from the latest version: stages
   * every corpus file added, changed or deleted, and commits. Returns the change, or undefined when
   * there was nothing to record.
   */
  async record(change: NewChange, at = new Date()): Promise<Change | undefined> {
    const matrix = await git.statusMatrix({ ...this.repo, filter: isCorpusFilePath });
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [filepath, head, workdir, stage] of matrix) {
      if (head === 1 && workdir === 1 && stage === 1) continue;
      if (workdir === 0) {
        if (head === 1) removed.push(filepath);
        await git.remove({ ...this.repo, filepath });
        continue;
      }
      if (head === 0) added.push(filepath);
      else if (workdir === 2) changed.push(filepath);
      await git.add({ ...this.repo, filepath });
    }
    const touched = added.length + changed.length + removed.length > 0;
    if (!touched && (await this.head()) !== undefined) return undefined;
    const full = { ...change, added, changed, removed };
    const email = change.author.id === undefined ? STORYDESK_EMAIL : `${change.author.id}@discord.invalid`;
    const commit = await git.commit({
      ...this.repo,
      message: messageOf(full),
      author: { name: change.author.name, email, timestamp: Math.floor(at.getTime() / 1000) },
    });
    return { ...full, commit, at: new Date(Math.floor(at.getTime() / 1000) * 1000) };
  }

  /** The latest recorded changes, newest first. */
  async list(limit: number): Promise<Change[]> {
    if ((await this.head()) === undefined) return [];
    const entries = await git.log({ ...this.repo, depth: limit });
    return entries.flatMap((entry) => {
      const parsed = parseMessage(entry.commit.message);
      if (!parsed) return [];
      const id = DISCORD_EMAIL.exec(entry.commit.author.email)?.[1];
      const author: ChangeAuthor =
        id === undefined ? { name: entry.commit.author.name } : { name: entry.commit.author.name, id };
      return [{ ...parsed, commit: entry.oid, author, at: new Date(entry.commit.author.timestamp * 1000) }];
    });
  }

  /**
   * The newest change that a reference names: a commit id or its first 7 or more digits, or a corpus
   * version as /corpus status shows it. Searches the latest `depth` changes.
   */
  async find(reference: string, depth = 1000): Promise<Change | undefined> {
    const ref = reference.trim().toLowerCase();
    if (!/^[0-9a-f]{7,40}$/.test(ref)) return undefined;
    const changes = await this.list(depth);
    return changes.find((c) => c.version === ref) ?? changes.find((c) => c.commit.startsWith(ref));
  }

  /** The corpus files of a recorded version: path (relative, `/` separators) to content. */
  async filesAt(commit: string): Promise<Map<string, Uint8Array>> {
    const paths = await git.listFiles({ ...this.repo, ref: commit });
    const files = new Map<string, Uint8Array>();
    for (const filepath of paths.filter(isCorpusFilePath)) {
      const { blob } = await git.readBlob({ ...this.repo, oid: commit, filepath });
      files.set(filepath, blob);
    }
    return files;
  }
}
