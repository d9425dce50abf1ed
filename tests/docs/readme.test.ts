import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/core/corpus/load.ts";
import { BOT_SETTING_KEYS, readBotConfig } from "../../src/discord/config.ts";
import { SHUTDOWN_GRACE_SECONDS } from "../../src/discord/service/shutdown.ts";
import { APP_ID, TOKEN } from "../support/discord-world.ts";

/**
 * The README's examples, as a new user copies them: every article and entities file it shows loads
 * without an error or a warning, and every `npm run ask` it shows runs and prints what it says.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = await readFile(path.join(ROOT, "README.md"), "utf8");

/** The fenced code blocks of a language, in order. */
function fenced(language: string): string[] {
  return [...README.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map(
    (m) => m[1] as string,
  );
}

const articles = fenced("markdown").filter((block) => block.startsWith("---\n"));
const entityFiles = fenced("yaml").filter((block) => block.startsWith("entities:"));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "storydesk-readme-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("README corpus examples", () => {
  it("shows an article and the moderators' template", () => {
    expect(articles.length).toBeGreaterThanOrEqual(2);
    expect(entityFiles.length).toBeGreaterThanOrEqual(1);
  });

  it.each(articles.map((text, i) => [i + 1, text] as const))(
    "article example %i loads as written, with no error or warning",
    async (i, text) => {
      const corpusDir = path.join(dir, `article-${i}`);
      await mkdir(corpusDir, { recursive: true });
      await writeFile(path.join(corpusDir, "example.md"), text);
      await writeFile(path.join(corpusDir, "entities.yaml"), "entities: []\n");
      const corpus = await loadCorpus(corpusDir);
      expect(corpus.diagnostics).toEqual([]);
      expect(corpus.articles).toHaveLength(1);
    },
  );

  it("documents every kind of block: the first article has paragraphs, key points and sources", async () => {
    const corpusDir = path.join(dir, "first");
    await mkdir(corpusDir, { recursive: true });
    await writeFile(path.join(corpusDir, "example.md"), articles[0] as string);
    const [article] = (await loadCorpus(corpusDir)).articles;
    const kinds = new Set(article?.blocks.map((b) => b.kind));
    expect([...kinds].sort()).toEqual(["key-point", "paragraph", "source"]);
  });

  it.each(entityFiles.map((text, i) => [i + 1, text] as const))(
    "entities example %i loads with the bundled articles, with no error or warning",
    async (i, text) => {
      const corpusDir = path.join(dir, `entities-${i}`);
      await cp(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
      await writeFile(path.join(corpusDir, "entities.yaml"), text);
      expect(await readdir(corpusDir)).toContain("entities.yaml");
      const corpus = await loadCorpus(corpusDir);
      expect(corpus.diagnostics).toEqual([]);
      expect(corpus.entities.length).toBeGreaterThan(0);
    },
  );
});

/** Every `npm run ask -- ...` in the README, as its arguments. */
const askExamples = [...README.matchAll(/npm run (?:-s )?ask -- ((?:--\w+ (?:\d+ )?)*)"([^"]+)"/g)].map(
  (m) => [...(m[1] as string).trim().split(" ").filter(Boolean), m[2] as string],
);

describe("README ask examples", () => {
  const run = promisify(execFile);
  const ask = (args: readonly string[]) =>
    run(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), NO_COLOR: "1", SNAPSHOT_DIR: "off" },
    });

  it("finds the examples", () => {
    expect(askExamples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(askExamples.map((args) => [args.join(" "), args] as const))("runs %s", async (_name, args) => {
    const { stdout } = await ask(args);
    expect(stdout.trim().length).toBeGreaterThan(0);
    if (args.includes("--json")) expect(JSON.parse(stdout)).toHaveProperty("outcome");
  });

  it("prints the quick start's first line as the README shows it", async () => {
    const quickStart = README.slice(README.indexOf("## Quick start"));
    const shown = /```text\n(.*)\n/.exec(quickStart)?.[1];
    const args = askExamples[0] as string[];
    const { stdout } = await ask(args);
    expect(stdout.split("\n")[0]).toBe(shown);
  });
});

describe("README operating instructions", () => {
  it("documents every setting in the configuration table and in .env.example", async () => {
    const example = await readFile(path.join(ROOT, ".env.example"), "utf8");
    const table = README.slice(README.indexOf("## Configuration"));
    expect(BOT_SETTING_KEYS.length).toBeGreaterThan(10);
    for (const key of BOT_SETTING_KEYS) {
      expect(table, key).toContain(`| \`${key}\``);
      expect(example, key).toMatch(new RegExp(`^${key}=`, "m"));
    }
  });

  it("names only scripts that exist", async () => {
    const { scripts } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const named = [...README.matchAll(/npm run (?:-s )?([\w:]+)/g)].map((m) => m[1] as string);
    expect(named).toContain("start:dist");
    for (const name of named) expect(scripts, name).toHaveProperty(name);
    // exec, so that a supervisor's SIGTERM to npm reaches node (tested in tests/discord/process.test.ts).
    expect(scripts.start).toMatch(/^exec node /);
    expect(scripts["start:dist"]).toMatch(/^exec node dist\//);
  });

  it("names every event the bot logs", async () => {
    const events = new Set<string>();
    for (const file of await readdir(path.join(ROOT, "src"), { recursive: true })) {
      if (!file.endsWith(".ts")) continue;
      const source = await readFile(path.join(ROOT, "src", file), "utf8");
      for (const m of source.matchAll(/\bevent: "([a-z-]+)"/g)) events.add(m[1] as string);
    }
    expect(events.size).toBeGreaterThan(20);
    const section = README.slice(README.indexOf("## Operating the bot"), README.indexOf("## Configuration"));
    for (const event of events) expect(section, event).toContain(`\`${event}\``);
  });

  it("gives the systemd unit more time to stop than the bot's own shutdown deadline", () => {
    const unit = fenced("ini")[0] ?? "";
    const stopSeconds = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    const deadline = readBotConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
    }).SHUTDOWN_TIMEOUT_SECONDS;
    // A sharded bot's manager gives its shards the deadline and a grace before it kills them.
    expect(stopSeconds).toBeGreaterThan(deadline + SHUTDOWN_GRACE_SECONDS);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/npm run start:dist$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
  });
});
