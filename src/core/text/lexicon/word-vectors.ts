import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Word vectors (GloVe, 100 dimensions) for the 50,000 most frequent English words, stored compactly
 * (scripts/build-word-vectors.ts): the file starts with `SDWV1`, a JSON header line, the words one
 * per line, then each word's unit vector as signed bytes. Words close in meaning have vectors close
 * in direction: "soldiers" and "military" 0.76, "homeless" and "displaced" 0.71.
 */
export const WORD_VECTORS_FILE = fileURLToPath(new URL("./data/word-vectors.bin", import.meta.url));

const MAGIC = "SDWV1\n";
const SCALE = 127;

interface Header {
  readonly dimensions: number;
  readonly count: number;
  readonly source: string;
}

/** Packs words and their vectors (any length; scaled to unit length) into the file format. */
export function encodeWordVectors(
  words: readonly string[],
  vectors: readonly number[][],
  source: string,
): Buffer {
  const dimensions = vectors[0]?.length ?? 0;
  const header: Header = { dimensions, count: words.length, source };
  const text = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n${words.join("\n")}\n`, "utf8");
  const body = new Int8Array(words.length * dimensions);
  vectors.forEach((v, i) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    for (let d = 0; d < dimensions; d++)
      body[i * dimensions + d] = Math.round(((v[d] as number) / norm) * SCALE);
  });
  return Buffer.concat([text, Buffer.from(body.buffer)]);
}

export class WordVectors {
  private readonly rows = new Map<string, number>();

  private constructor(
    private readonly body: Int8Array,
    readonly dimensions: number,
    words: readonly string[],
  ) {
    for (const [i, w] of words.entries()) this.rows.set(w, i);
  }

  static decode(bytes: Buffer): WordVectors {
    if (bytes.subarray(0, MAGIC.length).toString("utf8") !== MAGIC)
      throw new Error("not a word-vectors file");
    const headerEnd = bytes.indexOf(10, MAGIC.length);
    const header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString("utf8")) as Header;
    let at = headerEnd + 1;
    const words: string[] = [];
    for (let i = 0; i < header.count; i++) {
      const end = bytes.indexOf(10, at);
      words.push(bytes.subarray(at, end).toString("utf8"));
      at = end + 1;
    }
    const body = new Int8Array(bytes.buffer, bytes.byteOffset + at, header.count * header.dimensions);
    if (body.length !== header.count * header.dimensions)
      throw new Error("the word-vectors file is cut short");
    return new WordVectors(body, header.dimensions, words);
  }

  get size(): number {
    return this.rows.size;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** Cosine similarity of two words, or `undefined` when either has no vector. */
  similarity(a: string, b: string): number | undefined {
    const i = this.rows.get(a);
    const j = this.rows.get(b);
    if (i === undefined || j === undefined) return undefined;
    const d = this.dimensions;
    let dot = 0;
    for (let k = 0; k < d; k++) dot += (this.body[i * d + k] as number) * (this.body[j * d + k] as number);
    return dot / (SCALE * SCALE);
  }
}

let loaded: WordVectors | null | undefined;

/**
 * The word vectors, read on first use (about 10 ms); `null` when the file is missing, so that
 * storydesk still answers, without them.
 */
export function wordVectors(): WordVectors | null {
  if (loaded === undefined) {
    try {
      loaded = WordVectors.decode(readFileSync(WORD_VECTORS_FILE));
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
