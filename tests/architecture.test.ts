import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layers (text, corpus, search, answering, serving, then the entry points) are enforced by
 * Biome's noRestrictedImports in biome.json, which reads import specifiers. This file checks what
 * that rule cannot say: that it covers every folder, that it fires on real violations, and that no
 * module reaches another in a form it cannot read (a computed import, a require of a path, an
 * absolute path).
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = path.join(ROOT, "src");

interface ModuleReference {
  readonly file: string;
  readonly specifier: string;
  readonly line: number;
  readonly dynamic: boolean;
}

/** Every `.ts` file under `dir`, recursively. */
async function typescriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function isRequireCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  // require("x"), require.resolve("x"), createRequire(import.meta.url)("x")
  if (ts.isIdentifier(callee)) return callee.text === "require";
  if (ts.isPropertyAccessExpression(callee))
    return ts.isIdentifier(callee.expression) && callee.expression.text === "require";
  return (
    ts.isCallExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "createRequire"
  );
}

/**
 * The modules a file refers to: `import ... from`, `import "x"`, `export ... from`, `import x = require()`,
 * `import("x")` (also in types) and `require("x")`. A dynamic import of a computed name is reported
 * as `<computed>`, since it could load anything.
 */
function moduleReferences(file: string, source: string): ModuleReference[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const references: ModuleReference[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, dynamic: boolean) => {
    if (specifier === undefined) return;
    const text = ts.isStringLiteralLike(specifier) ? specifier.text : "<computed>";
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    references.push({ file, specifier: text, line: line + 1, dynamic });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], true);
    } else if (ts.isCallExpression(node) && isRequireCall(node)) {
      add(node, node.arguments[0], true);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(node, argument.literal as ts.Expression, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return references;
}

/** Why a reference escapes the linter's reading, or `undefined` when the linter sees it. */
function unreadable(reference: ModuleReference): string | undefined {
  const { specifier, dynamic } = reference;
  if (specifier === "<computed>") return "a module named by a computed value";
  if (path.isAbsolute(specifier) || specifier.startsWith("file:"))
    return `an absolute module path (${specifier})`;
  // A package through require or import() is fine (lazy loading); another storydesk module is not.
  if (dynamic && specifier.startsWith(".") && !specifier.endsWith(".ts"))
    return `a dynamic load of ${specifier}`;
  return undefined;
}

async function unreadableReferences(
  dir: string,
): Promise<{ references: ModuleReference[]; problems: string[] }> {
  const references: ModuleReference[] = [];
  for (const file of await typescriptFiles(dir)) {
    references.push(...moduleReferences(file, await readFile(file, "utf8")));
  }
  const problems = references.flatMap((r) => {
    const reason = unreadable(r);
    return reason ? [`${path.relative(dir, r.file)}:${r.line}: ${reason}`] : [];
  });
  return { references, problems };
}

interface BiomeOverride {
  readonly includes: readonly string[];
}

async function layerRules(): Promise<readonly BiomeOverride[]> {
  const config = JSON.parse(await readFile(path.join(ROOT, "biome.json"), "utf8")) as {
    overrides: BiomeOverride[];
  };
  return config.overrides;
}

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
}

describe("architecture", () => {
  it("has a layer rule for every folder of src/core and of src", async () => {
    const covered = new Set((await layerRules()).flatMap((o) => o.includes));
    const core = await folders(path.join(SRC, "core"));
    expect(core).toEqual(expect.arrayContaining(["text", "corpus", "search", "answering", "serving"]));
    expect(core.filter((d) => !covered.has(`src/core/${d}/**`))).toEqual([]);
    expect(covered.has("src/core/*.ts")).toBe(true);
    const outer = (await folders(SRC)).filter((d) => d !== "core");
    expect(outer.length).toBeGreaterThanOrEqual(4);
    expect(outer.filter((d) => !covered.has(`src/${d}/**`))).toEqual([]);
  });

  it("has no module the linter cannot read: computed imports, absolute paths, loads of own files", async () => {
    const { references, problems } = await unreadableReferences(SRC);
    expect(problems).toEqual([]);
    // The walk must have seen the code, lazy loads included, or the check proves nothing.
    expect(references.some((r) => r.specifier === "minisearch")).toBe(true);
    expect(references.some((r) => r.dynamic && r.specifier === "eld/extrasmall")).toBe(true);
  });

  describe("the linter's layer rules, run on planted files", () => {
    let root: string;
    let report: string;
    /** [file, its code, whether the linter must refuse it] */
    const planted: ReadonlyArray<readonly [string, string, boolean]> = [
      ["src/core/text/a.ts", 'export { x } from "../corpus/types.ts";', true],
      ["src/core/text/lexicon/b.ts", 'import "../../search/postings.ts";', true],
      [
        "src/core/corpus/c.ts",
        'import type { Hit } from "../search/passage-index.ts";\nexport type { Hit };',
        true,
      ],
      ["src/core/search/d.ts", 'export { answerQuestion } from "../answering/answer.ts";', true],
      ["src/core/answering/e.ts", 'export const l = await import("../serving/library.ts");', true],
      ["src/core/serving/f.ts", 'import { Client } from "discord.js";\nexport { Client };', true],
      ["src/core/answering/question/g.ts", 'import "@discordjs/rest";', true],
      ["src/core/h.ts", 'import "../cli/ask.ts";', true],
      ["src/cli/i.ts", 'export { Library } from "../core/serving/library.ts";', true],
      ["src/discord/j.ts", 'import "../cli/render.ts";', true],
      ["src/entry/k.ts", 'import "../discord/bot.ts";', true],
      ["src/eval/l.ts", 'import "../discord/bot.ts";', true],
      ["bench/m.ts", 'import "../src/core/search/postings.ts";', true],
      ["src/core/serving/ok-n.ts", 'export { PassageIndex } from "../search/passage-index.ts";', false],
      ["src/core/answering/ok-o.ts", 'import "../text/analyze.ts";\nimport "minisearch";', false],
      ["src/cli/ok-p.ts", 'export { Library } from "../core/index.ts";', false],
      ["src/discord/render/ok-q.ts", 'export { Library } from "../../core/index.ts";', false],
    ];

    beforeAll(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), "storydesk-layers-"));
      const config = JSON.parse(await readFile(path.join(ROOT, "biome.json"), "utf8")) as Record<
        string,
        unknown
      >;
      // The planted tree is no git checkout, and only the layer rules are under test.
      delete config.vcs;
      await writeFile(path.join(root, "biome.json"), JSON.stringify(config));
      for (const [file, code] of planted) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), `${code}\n`);
      }
      const biome = path.join(ROOT, "node_modules", ".bin", "biome");
      const run = promisify(execFile)(
        biome,
        ["lint", "--only=style/noRestrictedImports", "--max-diagnostics=none", "."],
        {
          cwd: root,
        },
      );
      report = await run.then(
        (r) => r.stdout + r.stderr,
        (failure: { stdout?: string; stderr?: string }) => `${failure.stdout ?? ""}${failure.stderr ?? ""}`,
      );
    });

    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it.each(
      planted.map(([file, code, refused]) => [refused ? "refuses" : "accepts", file, code, refused] as const),
    )("%s %s", (_verb, file, _code, refused) => {
      const flagged = new RegExp(
        `^${file.replace(/[.]/g, "\\.")}:\\d+:\\d+ lint/style/noRestrictedImports`,
        "m",
      );
      expect(report).toMatch(/Checked \d+ files?/);
      expect(flagged.test(report)).toBe(refused);
    });
  });

  describe("the unreadable-reference check itself", () => {
    let srcDir: string;

    beforeAll(async () => {
      srcDir = await mkdtemp(path.join(os.tmpdir(), "storydesk-architecture-"));
    });

    afterAll(async () => {
      await rm(srcDir, { recursive: true, force: true });
    });

    it.each([
      ["a computed dynamic import", 'const name = "./x.ts";\nconst d = await import(name);'],
      ["a require of a computed name", "const d = require(process.env.X as string);"],
      ["an absolute path", 'import x from "/src/core/serving/library.ts";'],
      ["a file: URL", 'import x from "file:///src/cli/ask.ts";'],
      [
        "createRequire of an own folder",
        'import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("../serving");',
      ],
    ])("fails on %s", async (_name, code) => {
      await writeFile(path.join(srcDir, "bad.ts"), `${code}\n`);
      try {
        const { problems } = await unreadableReferences(srcDir);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^bad\.ts:\d+: /);
      } finally {
        await rm(path.join(srcDir, "bad.ts"));
      }
    });

    it.each([
      ["a lazy package", 'const d = await import("eld/extrasmall");'],
      [
        "a required package file",
        'import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("world-countries/countries.json");',
      ],
      ["a dynamic import of an own module", 'const p = await import("../corpus/parse.ts");'],
      ["a comment", "// const d = await import(name);"],
    ])("passes %s", async (_name, code) => {
      await writeFile(path.join(srcDir, "good.ts"), `${code}\n`);
      try {
        expect((await unreadableReferences(srcDir)).problems).toEqual([]);
      } finally {
        await rm(path.join(srcDir, "good.ts"));
      }
    });
  });
});
