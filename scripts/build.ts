/**
 * Builds dist/, the bot and the CLI as plain JavaScript that node runs without tsx: compiles src/
 * with tsconfig.build.json, then copies the data files the code reads beside itself (the word
 * vectors, for one), which the compiler does not emit. dist/ is emptied first so that a source
 * file deleted since the last build does not linger there.
 *
 * Usage: npm run build                                           (into dist/)
 *        npm run build -- --out-dir <directory>                  (elsewhere, as the tests do)
 */

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const USAGE =
  "Usage: npm run build [-- --out-dir DIRECTORY]\nCompiles src/ into dist/ (or DIRECTORY), which it empties first.";
const SOURCE = "src";

let OUTPUT: string;
try {
  const { values } = parseArgs({ options: { "out-dir": { type: "string" }, help: { type: "boolean" } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  OUTPUT = values["out-dir"] ?? "dist";
} catch (cause) {
  console.error(`build: ${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
  process.exit(2);
}
// It is emptied first: never a project, or a directory holding this one.
if (
  existsSync(path.join(OUTPUT, "package.json")) ||
  !path.relative(path.resolve(OUTPUT), process.cwd()).startsWith("..")
) {
  console.error(`build: will not empty ${OUTPUT}: it holds a project, or this one. Give a build directory.`);
  process.exit(2);
}

rmSync(OUTPUT, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", OUTPUT],
  {
    stdio: "inherit",
  },
);
for (const entry of readdirSync(SOURCE, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".ts")) continue;
  const from = path.join(entry.parentPath, entry.name);
  cpSync(from, path.join(OUTPUT, path.relative(SOURCE, from)));
}
