import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../../discord-emulator/index.ts";
import { APP_ID, botEnv, GUILD_ID, MEMBER, TOKEN } from "../support/discord-world.ts";
import { killStarted, type Running, startProcess } from "../support/processes.ts";

/**
 * The bot as an operator runs it: a real process (`npm start`, or node on main.ts), stopped by
 * signals, failing on a gateway close Discord will not take back, and bounded by its shutdown
 * deadline when Discord stops answering. Exit codes and log lines are what is checked.
 */

let dir: string;
let emulator: DiscordEmulator;

function start(command: string, args: string[], env: Record<string, string> = {}): Running {
  return startProcess(command, args, botEnv({ apiUrl: emulator.apiUrl, dir, extra: env }));
}

const bot = (env: Record<string, string> = {}) =>
  start(process.execPath, ["--import", "tsx", "src/discord/main.ts"], env);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A node_modules of links to the project's packages without its devDependencies (tsx and typescript
 * among them), as `npm ci --omit=dev` leaves it: what a server running the build has.
 */
async function linkProductionPackages(target: string): Promise<void> {
  const manifest = JSON.parse(await readFile("package.json", "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const dev = new Set(Object.keys(manifest.devDependencies));
  const link = async (name: string) => {
    if (dev.has(name)) return;
    await mkdir(path.dirname(path.join(target, name)), { recursive: true });
    await symlink(path.resolve("node_modules", name), path.join(target, name));
  };
  for (const entry of await readdir("node_modules")) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@"))
      for (const scoped of await readdir(path.join("node_modules", entry))) await link(`${entry}/${scoped}`);
    else await link(entry);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-process-"));
  emulator = await DiscordEmulator.start({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: "Newsroom" }],
  });
});

afterEach(() => {
  emulator.clearRestFaults();
  killStarted();
});

afterAll(async () => {
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("stopping", () => {
  it("stops node, not just npm, when a supervisor sends SIGTERM to `npm start`, and exits 0", {
    timeout: 30_000,
  }, async () => {
    const npm = start("npm", ["start"]);
    const started = await npm.line("started");
    const node = Number(started.pid);
    expect(node).not.toBe(npm.child.pid);
    npm.child.kill("SIGTERM");
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(npm.lines.find((l) => l.event === "stopped")).toMatchObject({ exitCode: 0 });
    // Its own disconnect is not logged as a drop.
    expect(npm.lines.filter((l) => l.event === "gateway-disconnected")).toEqual([]);
    // No bot is left running, re-parented, on the same token.
    await expect.poll(() => isRunning(node), { timeout: 5_000 }).toBe(false);
  });

  it("finishes an interaction in flight, then exits 0 on SIGINT", { timeout: 30_000 }, async () => {
    const running = bot();
    await running.line("started");
    // Discord takes 1.5 s over the reply: the interaction is in flight when the signal comes.
    emulator.injectRestFault({
      match: (method, p) => method === "POST" && /\/callback$/.test(p),
      kind: "delay",
      delayMs: 1_500,
    });
    const handle = emulator.chatInput({
      name: "ask",
      options: [{ name: "question", type: 3, value: "who designated the cartels?" }],
      user: MEMBER,
    });
    // Time for the interaction to reach the bot and its reply the emulator, which holds it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    running.child.kill("SIGINT");
    expect(await running.exited).toEqual({ code: 0, signal: null });
    // It waited for Discord to take the reply before it exited.
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_000);
    const answered = running.lines.findIndex((l) => l.event === "interaction" && l.outcome === "answered");
    const stopped = running.lines.findIndex((l) => l.event === "stopped");
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(answered).toBeLessThan(stopped);
    expect((await handle.original()).embeds[0]?.title).toBe("Answer from the articles");
  });

  it("exits 1 after its shutdown deadline when Discord does not answer, naming what was cut short", {
    timeout: 30_000,
  }, async () => {
    const running = bot({ SHUTDOWN_TIMEOUT_SECONDS: "1" });
    await running.line("started");
    emulator.injectRestFault({
      match: (method, p) => method === "POST" && /\/callback$/.test(p),
      kind: "hang",
    });
    emulator.chatInput({
      name: "ask",
      options: [{ name: "question", type: 3, value: "who designated the cartels?" }],
      user: MEMBER,
    });
    // Time for the interaction to reach the bot, and its callback the API that never answers.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = Date.now();
    running.child.kill("SIGTERM");
    expect(await running.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - sent).toBeLessThan(8_000);
    expect(running.lines.find((l) => l.event === "shutdown-deadline")).toMatchObject({
      level: 50,
      cutShort: ["ask"],
    });
  });
});

describe("production start", () => {
  it("runs built by scripts/build.ts as plain node, without tsx, answers, and stops cleanly", {
    timeout: 90_000,
  }, async () => {
    // Built outside the project as `npm run build` builds dist/, beside the project's packages less
    // its devDependencies: the compiler and tsx are not there to be used.
    const out = path.join(dir, "dist");
    const build = start(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out-dir", out]);
    expect(await build.exited).toEqual({ code: 0, signal: null });
    // The data files the code reads beside itself (word vectors, the answer model) are there too.
    const data = (await readdir("src", { recursive: true })).filter(
      (file) => !file.endsWith(".ts") && statSync(path.join("src", file)).isFile(),
    );
    expect(data.length).toBeGreaterThan(0);
    for (const file of data) expect(existsSync(path.join(out, file)), file).toBe(true);
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    await linkProductionPackages(path.join(dir, "node_modules"));

    const running = start(process.execPath, [path.join(out, "discord", "main.js")]);
    await running.line("started");
    const handle = emulator.chatInput({
      name: "ask",
      options: [{ name: "question", type: 3, value: "who designated the cartels?" }],
      user: MEMBER,
    });
    expect((await handle.original()).embeds[0]?.title).toBe("Answer from the articles");
    running.child.kill("SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });
});

describe("failing", () => {
  it("exits 1 with one clear line when Discord closes the gateway with 4004 (token revoked)", {
    timeout: 30_000,
  }, async () => {
    const running = bot();
    await running.line("started");
    emulator.dropConnection(4004);
    expect(await running.exited).toEqual({ code: 1, signal: null });
    const closed = running.lines.find((l) => l.event === "gateway-closed");
    expect(closed).toMatchObject({ level: 50, code: 4004 });
    expect(closed?.msg).toMatch(/Discord rejected the token: reset it in the Developer Portal/);
  });
});
