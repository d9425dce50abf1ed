import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answering/answer-types.ts";
import type { Library } from "../../src/core/serving/library.ts";
import { defaultSnapshotFile, openLibrary } from "../../src/core/serving/open.ts";
import { aliasBombArticle } from "../support/temp-corpus.ts";

/**
 * The terminal commands, run as a user runs them: `node --import tsx src/cli/<name>.ts`, in the
 * project directory, with CORPUS_DIR and SNAPSHOT_DIR set. What they print is checked against the
 * library opened in this process.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLED_CORPUS = path.join(ROOT, "corpus");
const DESIGNATED = "Who designated the cartels as terrorist organisations?";

const execFileAsync = promisify(execFile);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let root: string;
let snapshotDir: string;
/** A copy of the bundled corpus plus an article whose date is impossible (line 4). */
let brokenCorpus: string;
let missingCorpus: string;
let library: Library;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "storydesk-cli-"));
  snapshotDir = path.join(root, "snapshots");
  brokenCorpus = path.join(root, "broken-corpus");
  missingCorpus = path.join(root, "no-such-corpus");
  await cp(BUNDLED_CORPUS, brokenCorpus, { recursive: true });
  await writeFile(
    path.join(brokenCorpus, "broken.md"),
    '---\nid: broken\ntitle: "An article with an impossible date"\npublished: "2025-02-30"\n---\n\nSome text.\n',
  );
  // The snapshot the commands will use, written here once rather than by several commands at a time.
  const opened = await openLibrary({
    corpusDir: BUNDLED_CORPUS,
    snapshotFile: defaultSnapshotFile(BUNDLED_CORPUS, snapshotDir),
  });
  expect(opened.snapshot.state).toBe("written");
  library = opened.library;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** How the tests run the CLI: from the project, on the bundled corpus, with a snapshot of their own. */
function runOptions(env: Record<string, string>) {
  return {
    cwd: ROOT,
    encoding: "utf8" as const,
    timeout: 15_000,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.homedir(),
      TMPDIR: os.tmpdir(),
      NO_COLOR: "1",
      // Set, so that a developer's .env cannot change them (dotenv does not override).
      DEBUG: "",
      CORPUS_DIR: BUNDLED_CORPUS,
      SNAPSHOT_DIR: snapshotDir,
      ...env,
    },
  };
}

/** Runs `src/cli/<command>.ts`; resolves with its exit code and output whatever the code. */
async function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const options = runOptions(env);
  const argv = ["--import", "tsx", `src/cli/${command}.ts`, ...args];
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, argv, options);
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const failed = cause as { code?: unknown; signal?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw cause;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const ask = (args: readonly string[], env?: Record<string, string>) => run("ask", args, env);

/** Runs a bash script, for what only a shell does: raw bytes as arguments, pipes. It echoes its statuses. */
async function shell(script: string): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync("bash", ["-c", script], runOptions({})).catch(
    (cause: { stdout: string; stderr: string }) => cause,
  );
}

function lines(text: string): string[] {
  return text.trimEnd().split("\n");
}

/** A user's error: exit 2, nothing on stdout, and a message without a stack trace or an error class. */
function expectUsageError(result: Run, message: RegExp, detailLines = 0): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.endsWith("\n")).toBe(true);
  expect(lines(result.stderr)).toHaveLength(1 + detailLines);
  expect(lines(result.stderr)[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/Error\b/);
  expect(result.stderr).not.toMatch(/unexpected error/);
}

/** A question of exactly `length` characters, made of words (no leading, trailing or double spaces). */
function questionOf(length: number): string {
  const words = DESIGNATED.replace("?", "").split(" ");
  let question = "";
  for (let i = 0; question.length < length; i++)
    question += `${question ? " " : ""}${words[i % words.length]}`;
  question = question.slice(0, length);
  if (question.endsWith(" ")) question = `${question.slice(0, -1)}s`;
  if (question.length !== length || /^\s|\s$|\s\s/.test(question))
    throw new Error(`bad question: ${question}`);
  return question;
}

/** What `--json` prints: the library's answer and the corpus version. */
async function expectedJson(
  question: string,
  top?: number,
): Promise<Answer & { corpus: { version: string } }> {
  return {
    ...(await library.ask(question, top === undefined ? {} : { top })),
    corpus: { version: library.version },
  };
}

describe("ask", () => {
  it("prints the answer sentence and numbered citations, or says what the corpus lacks", async () => {
    const [answered, unanswerable] = await Promise.all([
      ask([DESIGNATED]),
      ask(["What is the capital of France?"]),
    ]);

    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stderr).toBe("");
    const expected = await library.ask(DESIGNATED);
    expect(expected.answered).toBe(true);
    const source = expected.passages.findIndex((p) => p.id === expected.answer?.passageId) + 1;
    const out = lines(answered.stdout);
    expect(out[0]).toBe(`${expected.answer?.text} [${source}]`);
    expect(expected.passages.length).toBeGreaterThan(1);
    expected.passages.forEach((passage, i) => {
      const at = out.indexOf(`[${i + 1}] ${passage.text}`);
      expect(at, `passage [${i + 1}]`).toBeGreaterThan(0);
      expect(out[at + 1]).toContain(`— ${passage.citation.title} · ${passage.citation.label}`);
    });
    expect(answered.stdout).toMatch(/· paragraph 4 ·/);
    expect(answered.stdout).toContain("Mara Salvatrucha (MS-13)");

    expect(unanswerable.code, unanswerable.stderr).toBe(0);
    expect(unanswerable.stderr).toBe("");
    expect(lines(unanswerable.stdout)[0]).toMatch(/don't cover/);
    expect(unanswerable.stdout).toContain('The articles never mention "capital", "France".');
  });

  it("prints one JSON document with --json, its passages limited by --top", async () => {
    const [plain, top1, top5, misspelt] = await Promise.all([
      ask(["--json", DESIGNATED]),
      ask(["--json", "--top", "1", DESIGNATED]),
      ask(["--top=5", "--json", DESIGNATED]),
      ask(["--json", "What did sheinbam say about the military?"]),
    ]);
    for (const result of [plain, top1, top5, misspelt]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe("");
    }

    const answer = JSON.parse(plain.stdout) as Answer;
    expect(answer).toEqual(await expectedJson(DESIGNATED));
    expect(answer).toMatchObject({ query: DESIGNATED, answered: true, missingTerms: [], didYouMean: [] });
    expect(answer.answer?.text).toEqual(expect.any(String));
    expect(answer.passages.length).toBeGreaterThan(0);
    for (const passage of answer.passages) {
      expect(passage).toMatchObject({
        text: expect.any(String),
        score: expect.any(Number),
        citation: {
          docId: "sheinbaum-rejects-us-military-action",
          title: expect.stringContaining("Sheinbaum"),
          url: null,
        },
      });
      expect(passage.citation.paragraph === null || Number.isInteger(passage.citation.paragraph)).toBe(true);
    }

    const one = JSON.parse(top1.stdout) as Answer;
    const five = JSON.parse(top5.stdout) as Answer;
    expect(one.passages).toHaveLength(1);
    expect(five.passages.length).toBeGreaterThan(answer.passages.length);
    expect(five.passages.length).toBeLessThanOrEqual(5);
    expect(one).toEqual(await expectedJson(DESIGNATED, 1));
    expect(five).toEqual(await expectedJson(DESIGNATED, 5));

    const corrected = JSON.parse(misspelt.stdout) as Answer;
    expect(corrected.didYouMean).toContainEqual({ term: "sheinbam", suggestion: "sheinbaum" });
    expect(corrected.answered).toBe(true);
  });

  it("prints the story in short, the key points cited, for a tldr", async () => {
    const result = await ask(["tldr pls"]);
    expect(result.code, result.stderr).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe("The story in short, from the article:");
    expect(out.filter((line) => /· key point \d ·/.test(line))).toHaveLength(3);
  });

  it("prints a did-you-mean line in text", async () => {
    const result = await ask(["What did sheinbam say about the military?"]);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout)).toContain('Did you mean "sheinbaum" (for "sheinbam")?');
  });

  it("accepts a question of exactly 300 characters, and saves a snapshot in SNAPSHOT_DIR", async () => {
    const ownSnapshots = path.join(root, "own-snapshots");
    const result = await ask([questionOf(300)], { SNAPSHOT_DIR: ownSnapshots });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^\[1\] /m);
    expect(await readdir(ownSnapshots)).toEqual([
      path.basename(defaultSnapshotFile(BUNDLED_CORPUS, ownSnapshots)),
    ]);
  });
});

describe("ask: errors", () => {
  it.concurrent.for<[string, string[], RegExp]>([
    ["an empty question", [""], /^storydesk: ask a question/],
    ["no question at all", [], /^storydesk: ask a question/],
    ["a whitespace-only question", ["  \t  "], /^storydesk: ask a question/],
    ["an empty question with --json", ["--json", ""], /^storydesk: ask a question/],
    ["a question of 301 characters", [questionOf(301)], /301 characters long; the limit is 300/],
    ["an unknown flag", ["--verbose", "Who?"], /^storydesk: Unknown option '--verbose'.*Usage: /],
    ["--top 0", ["--top", "0", "Who?"], /^storydesk: --top must be a whole number from 1 to 10, not "0"/],
    [
      "--top abc",
      ["--top", "abc", "Who?"],
      /^storydesk: --top must be a whole number from 1 to 10, not "abc"/,
    ],
    ["--top 11", ["--top", "11", "Who?"], /^storydesk: --top must be a whole number from 1 to 10, not "11"/],
    [
      "--top 1.5",
      ["--top", "1.5", "Who?"],
      /^storydesk: --top must be a whole number from 1 to 10, not "1.5"/,
    ],
    ["--top without a number", ["Who?", "--top"], /argument missing.*Usage: /],
    ["--top -1", ["--top", "-1", "Who?"], /^storydesk: --top must be a whole number from 1 to 10, not "-1"/],
    ["--top -5 after the question", ["Who?", "--top", "-5"], /not "-5"/],
    ["a question of emoji only", ["🙂🙂🙂"], /^storydesk: The question has no words/],
    ["a question of punctuation only", ["?!? ..."], /^storydesk: The question has no words/],
    [
      "301 characters as a person counts them, emoji included",
      [`who ${"🙂".repeat(297)}`],
      /The question is 301 characters long; the limit is 300/,
    ],
  ])("exits 2 with one line for %s", async ([_name, args, message], { expect }) => {
    const result = await ask(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at |Error\b/m);
  });

  it("exits 2 when CORPUS_DIR is missing", async () => {
    const result = await ask([DESIGNATED], { CORPUS_DIR: missingCorpus });
    expectUsageError(result, /^storydesk: cannot read the corpus directory ".*no-such-corpus"/);
    expect(result.stderr).toContain(missingCorpus);
  });

  it("exits 2 and names the file and line when the corpus has an invalid article", async () => {
    const result = await ask([DESIGNATED], { CORPUS_DIR: brokenCorpus });
    expectUsageError(result, /^storydesk: the corpus in .* has 1 error; fix it/, 1);
    expect(lines(result.stderr)[1]).toMatch(
      new RegExp(
        `^${brokenCorpus.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/broken\\.md:4: error: \`published\``,
      ),
    );
  });
});

describe("a corpus with an alias bomb", () => {
  let bombCorpus: string;

  beforeAll(async () => {
    bombCorpus = path.join(root, "bomb-corpus");
    await cp(BUNDLED_CORPUS, bombCorpus, { recursive: true });
    await writeFile(path.join(bombCorpus, "bomb.md"), aliasBombArticle());
  });

  it("makes ask exit 2 naming the file and line, with no stack trace", async () => {
    const result = await ask([DESIGNATED], { CORPUS_DIR: bombCorpus });
    expectUsageError(result, /^storydesk: the corpus in .* has 1 error; fix it/, 1);
    expect(lines(result.stderr)[1]).toMatch(/bomb\.md:6: error: the YAML cannot be expanded/);
  });

  it("is listed by corpus:check --json as an error of its file", async () => {
    const result = await run("corpus-check", ["--json", bombCorpus]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { errors: unknown[] };
    expect(report.errors).toEqual([
      { severity: "error", file: "bomb.md", line: 6, message: expect.stringContaining("cannot be expanded") },
    ]);
  });
});

describe("ask: edges", () => {
  it("counts characters as a person does: 300 emoji-laden characters are accepted", async () => {
    const result = await ask([`who ${"🙂".repeat(296)}`]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("exits 2 with one line for a question that is not valid UTF-8", async () => {
    // The shell passes the bytes as they are; node decodes them, marking the invalid ones.
    const bash = await shell(`node --import tsx src/cli/ask.ts $'who \\xff\\xfe designated'; echo "exit $?"`);
    expect(bash.stdout).toBe("exit 2\n");
    expect(bash.stderr).toBe(
      "storydesk: the question is not valid UTF-8 text: type it again, or set your terminal to UTF-8.\n",
    );
  });

  it("ends quietly with status 0 when its reader goes away (| head, | true)", async () => {
    const bash = await shell(
      'set -o pipefail; node --import tsx src/cli/ask.ts --top 10 cartels | true; echo "exit $?"',
    );
    expect(bash.stdout).toBe("exit 0\n");
    expect(bash.stderr).toBe("");
  });

  it.skipIf(!existsSync("/proc/self"))(
    "skips, with a warning, a snapshot directory that cannot hold files, and still answers",
    async () => {
      const result = await ask([DESIGNATED], { SNAPSHOT_DIR: "/proc/storydesk-cannot-be-here" });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/designated/);
      expect(result.stderr).toMatch(
        /^storydesk: warning: the index could not be cached \(.*\); set SNAPSHOT_DIR to a writable directory, or to off\.\n$/,
      );
    },
  );
});

describe("designations", () => {
  it("lists the 7 organisations as text and as JSON, and refuses extra arguments", async () => {
    const [text, json, extra, unknown] = await Promise.all([
      run("designations", []),
      run("designations", ["--json"]),
      run("designations", ["extra"]),
      run("designations", ["--all"]),
    ]);
    const organisations = library.designations();
    expect(organisations).toHaveLength(7);

    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe("");
    expect(lines(text.stdout)[0]).toBe("7 organisations designated as terrorist organisations:");
    expect(text.stdout.match(/^\d+\. /gm)).toHaveLength(7);
    organisations.forEach((org, i) => {
      expect(text.stdout).toContain(`${i + 1}. ${org.name}`);
    });

    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { organisations: unknown[]; corpus: { version: string } };
    expect(parsed.organisations).toHaveLength(7);
    for (const org of parsed.organisations) {
      expect(org).toMatchObject({
        name: expect.any(String),
        aliases: expect.any(Array),
        citation: { docId: "sheinbaum-rejects-us-military-action", paragraph: 4, title: expect.any(String) },
        designations: expect.any(Array),
      });
    }
    expect(parsed).toEqual({ organisations, corpus: { version: library.version } });

    expectUsageError(extra, /^storydesk: unexpected argument "extra"\. Usage: /);
    expectUsageError(unknown, /^storydesk: Unknown option '--all'/);
  });
});

describe("corpus-check", () => {
  it("reports OK on the bundled corpus, and problems with file:line on a broken one", async () => {
    const [good, fromEnv, broken, missing, tooMany] = await Promise.all([
      run("corpus-check", ["corpus"]),
      run("corpus-check", [], { CORPUS_DIR: BUNDLED_CORPUS }),
      run("corpus-check", [brokenCorpus]),
      run("corpus-check", [missingCorpus]),
      run("corpus-check", ["corpus", "other"]),
    ]);
    for (const result of [good, fromEnv]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/: OK, 1 article, \d+ passages, \d+ entities, 7 designated\.\n$/);
    }

    expect(broken.code, broken.stderr).toBe(1);
    expect(broken.stderr).toBe("");
    const out = lines(broken.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/\/broken\.md:4: error: `published` must be a real date/);
    expect(out[0]?.startsWith(`${brokenCorpus}/broken.md:4:`)).toBe(true);
    expect(out[1]).toMatch(/1 error: the corpus cannot be served until it is fixed\.$/);

    expectUsageError(missing, /^storydesk: cannot read the corpus directory/);
    expectUsageError(tooMany, /^storydesk: give at most one directory/);
  });

  it("prints a JSON report with --json", async () => {
    const [good, broken] = await Promise.all([
      run("corpus-check", ["--json", "corpus"]),
      run("corpus-check", ["--json", brokenCorpus]),
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      directory: "corpus",
      ok: true,
      documents: 1,
      designated: 7,
      errors: [],
      warnings: [],
    });

    expect(broken.code, broken.stderr).toBe(1);
    const report = JSON.parse(broken.stdout) as { ok: boolean; errors: unknown[]; documents: number };
    expect(report).toMatchObject({ directory: brokenCorpus, ok: false, warnings: [] });
    expect(report.errors).toEqual([
      { severity: "error", file: "broken.md", line: 4, message: expect.stringContaining("published") },
    ]);
  });
});

describe("snapshots used by the commands", () => {
  it("kept one snapshot for the bundled corpus in SNAPSHOT_DIR, none for a broken one, no temporary file", async () => {
    expect(await readdir(snapshotDir)).toEqual([
      path.basename(defaultSnapshotFile(BUNDLED_CORPUS, snapshotDir)),
    ]);
  });
});
