import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The domain core (src/core) must stay usable without Discord: it never imports discord.js or an
 * @discordjs package, nor anything from the terminal commands (src/cli) or the bot (src/discord).
 */

const SRC = fileURLToPath(new URL("../src", import.meta.url));

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

const FORBIDDEN_DIRECTORIES = ["cli", "discord"];

/** Why a reference from a core file breaks the architecture, or `undefined` when it does not. */
function violation(reference: ModuleReference, srcDir: string): string | undefined {
  const { specifier } = reference;
  if (specifier === "<computed>") return "a dynamic import of a computed module name";
  if (
    specifier === "discord.js" ||
    specifier.startsWith("discord.js/") ||
    specifier.startsWith("@discordjs/")
  ) {
    return `imports ${specifier}`;
  }
  if (specifier.startsWith(".") || path.isAbsolute(specifier) || specifier.startsWith("file:")) {
    const target = specifier.startsWith("file:")
      ? fileURLToPath(specifier)
      : path.resolve(path.dirname(reference.file), specifier);
    for (const dir of FORBIDDEN_DIRECTORIES) {
      const forbidden = path.join(srcDir, dir);
      if (
        target === forbidden ||
        target.startsWith(forbidden + path.sep) ||
        target.startsWith(`${forbidden}.`)
      ) {
        return `imports src/${dir} (${specifier})`;
      }
    }
  }
  return undefined;
}

/** The architecture violations of every `.ts` file under `srcDir/core`, as `file:line: reason`. */
async function coreViolations(
  srcDir: string,
): Promise<{ references: ModuleReference[]; problems: string[] }> {
  const references: ModuleReference[] = [];
  for (const file of await typescriptFiles(path.join(srcDir, "core"))) {
    references.push(...moduleReferences(file, await readFile(file, "utf8")));
  }
  const problems = references.flatMap((r) => {
    const reason = violation(r, srcDir);
    return reason ? [`${path.relative(srcDir, r.file)}:${r.line}: ${reason}`] : [];
  });
  return { references, problems };
}

describe("architecture of src/core", () => {
  it("never imports discord.js, @discordjs/*, src/cli or src/discord", async () => {
    const { references, problems } = await coreViolations(SRC);
    expect(problems).toEqual([]);

    // The walk must have seen the core, or the test above proves nothing.
    const files = new Set(references.map((r) => path.relative(SRC, r.file)));
    expect(files.size).toBeGreaterThanOrEqual(10);
    expect([...files].some((f) => f.startsWith(`core${path.sep}corpus${path.sep}`))).toBe(true);
    expect(references.some((r) => r.specifier === "minisearch")).toBe(true);
    expect(references.some((r) => r.dynamic && r.specifier.startsWith("."))).toBe(true);
  });

  describe("the check itself", () => {
    let srcDir: string;

    beforeAll(async () => {
      srcDir = await mkdtemp(path.join(os.tmpdir(), "storydesk-architecture-"));
      await mkdir(path.join(srcDir, "core", "deep", "er"), { recursive: true });
      await mkdir(path.join(srcDir, "cli"), { recursive: true });
      await writeFile(
        path.join(srcDir, "core", "clean.ts"),
        'import path from "node:path";\nexport { path };\n',
      );
    });

    afterAll(async () => {
      await rm(srcDir, { recursive: true, force: true });
    });

    const file = (name: string) => path.join(srcDir, "core", "deep", "er", name);

    it.each([
      ["a static import", 'import { Client } from "discord.js";'],
      ["a type-only import", 'import type { Interaction } from "discord.js";'],
      ["a side-effect import", 'import "discord.js";'],
      ["a subpath", 'import { x } from "discord.js/typings";'],
      ["an @discordjs package", 'import { REST } from "@discordjs/rest";'],
      ["a re-export", 'export { Client } from "discord.js";'],
      ["a star re-export", 'export * from "@discordjs/builders";'],
      ["a dynamic import", 'const d = await import("discord.js");'],
      ["a dynamic import in a template", "const d = await import(`discord.js`);"],
      ["a computed dynamic import", 'const name = "discord.js";\nconst d = await import(name);'],
      ["a require", 'const d = require("discord.js");'],
      [
        "createRequire",
        'import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("discord.js");',
      ],
      ["an import type", 'type C = import("discord.js").Client;'],
      ["an import from src/cli", 'import { CLIError } from "../../../cli/cli-error.ts";'],
      ["an import from src/discord", 'import { bot } from "../../../discord/bot.ts";'],
      ["an import of src/discord itself", 'import "../../../discord";'],
      ["a multi-line import", 'import {\n  Client,\n  GatewayIntentBits,\n} from\n  "discord.js";'],
    ])("fails on %s", async (_name, code) => {
      await writeFile(file("bad.ts"), `// a comment mentioning "discord.js" is fine\n${code}\n`);
      try {
        const { problems } = await coreViolations(srcDir);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^core[/\\]deep[/\\]er[/\\]bad\.ts:\d+: /);
      } finally {
        await rm(file("bad.ts"));
      }
    });

    it.each([
      ["a comment", '// import { Client } from "discord.js";'],
      ["a string", 'export const note = "discord.js is used by src/discord only";'],
      ["a sibling module", 'import { x } from "../../clean.ts";'],
      ["a similarly named package", 'import x from "discord.js-extras";'],
      ["a module named like src/cli", 'import x from "../../../client-helpers.ts";'],
    ])("passes %s", async (_name, code) => {
      await writeFile(file("good.ts"), `${code}\n`);
      try {
        expect((await coreViolations(srcDir)).problems).toEqual([]);
      } finally {
        await rm(file("good.ts"));
      }
    });
  });
});
