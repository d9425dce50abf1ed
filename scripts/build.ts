/**
 * Builds dist/, the bot and the CLI as plain JavaScript that node runs without tsx: compiles src/
 * with tsconfig.build.json, then copies the data files the code reads beside itself (the word
 * vectors, for one), which the compiler does not emit. dist/ is emptied first so that a source
 * file deleted since the last build does not linger there.
 *
 * Usage: npm run build                                  (into dist/)
 *        node --import tsx scripts/build.ts <directory>  (into another directory, as the tests do)
 */

import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const SOURCE = "src";
const OUTPUT = process.argv[2] ?? "dist";

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
