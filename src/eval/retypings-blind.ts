import type { Retyping } from "./retype.ts";

/**
 * Blind retypings: thirty ways people in a Discord channel retype a question.
 *
 * This list was written blind, without reading the bot's code, tests, docs, eval results or any
 * other retyping list, so that it stays an untouched measure of how well an answer holds up when
 * a question is retyped. Do not tune it against the bot's results: if a way is changed to suit
 * the bot, it no longer measures anything.
 *
 * Every way is pure and deterministic, and returns the question unchanged where it does not apply.
 */

/** A word in a question, with where it starts and ends. */
interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words a question commonly starts with, lowercased when something is typed before them. */
const STARTERS: ReadonlySet<string> = new Set([
  "who",
  "whom",
  "whose",
  "what",
  "whats",
  "which",
  "when",
  "where",
  "why",
  "how",
  "did",
  "does",
  "do",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "had",
  "will",
  "would",
  "can",
  "could",
  "should",
  "shall",
  "may",
  "might",
  "any",
  "anyone",
  "so",
  "the",
]);

/** Auxiliaries that open a yes/no question. */
const AUXILIARIES: ReadonlySet<string> = new Set([
  "did",
  "does",
  "do",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "had",
  "will",
  "would",
  "can",
  "could",
  "should",
]);

/** Question words that a wh-question starts with. */
const WH_WORDS: ReadonlySet<string> = new Set([
  "who",
  "whom",
  "whose",
  "what",
  "which",
  "when",
  "where",
  "why",
  "how",
]);

/** One QWERTY key next to each letter, as a finger slips onto it. */
const NEIGHBOUR_KEY: Readonly<Record<string, string>> = {
  a: "s",
  b: "v",
  c: "x",
  d: "s",
  e: "r",
  f: "d",
  g: "f",
  h: "g",
  i: "u",
  j: "h",
  k: "j",
  l: "k",
  m: "n",
  n: "m",
  o: "i",
  p: "o",
  q: "w",
  r: "e",
  s: "a",
  t: "r",
  u: "y",
  v: "c",
  w: "e",
  x: "z",
  y: "t",
  z: "x",
};

/** Spellings typed the way the word sounds. */
const PHONETIC: Readonly<Record<string, string>> = {
  what: "wot",
  when: "wen",
  because: "becuz",
  said: "sed",
  says: "sez",
  enough: "enuf",
  though: "tho",
  through: "thru",
};

/** Two-word phrases typed the way they sound. */
const PHONETIC_PHRASES: Readonly<Record<string, string>> = {
  "going to": "gonna",
  "want to": "wanna",
  "got to": "gotta",
  "kind of": "kinda",
};

/** Single letters typed for whole words. */
const LETTER_WORDS: Readonly<Record<string, string>> = {
  you: "u",
  your: "ur",
  "you're": "ur",
  are: "r",
  why: "y",
  see: "c",
  okay: "k",
};

/** The question's words (letters and inner apostrophes), in order. */
function wordsOf(question: string): Word[] {
  const found: Word[] = [];
  for (const m of question.matchAll(/[A-Za-z]+(?:'[A-Za-z]+)?/g)) {
    found.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** The question with one word replaced by another. */
function replaceWord(question: string, word: Word, replacement: string): string {
  return question.slice(0, word.start) + replacement + question.slice(word.end);
}

/** The replacement in the case of the word it replaces (all caps, capitalised, or as given). */
function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (/^[A-Z]/.test(original)) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** The question with its first letter capitalised if the original started with a capital. */
function keepLeadingCapital(original: string, changed: string): string {
  if (!/^[A-Z]/.test(original.trimStart())) return changed;
  const lead = changed.length - changed.trimStart().length;
  return changed.slice(0, lead) + changed.charAt(lead).toUpperCase() + changed.slice(lead + 1);
}

/** The question with its first letter lowercased, when it starts with a common question word. */
function lowerFirst(question: string): string {
  const first = wordsOf(question)[0];
  if (first === undefined || first.start !== 0) return question;
  if (!STARTERS.has(first.text.toLowerCase())) return question;
  return question.charAt(0).toLowerCase() + question.slice(1);
}

/** The question split into its body and its closing punctuation (such as "?"). */
function splitEnd(question: string): { body: string; end: string } {
  const trimmed = question.trimEnd();
  const m = /[?!.]+$/.exec(trimmed);
  if (m === null) return { body: trimmed, end: "" };
  return { body: trimmed.slice(0, m.index).trimEnd(), end: m[0] };
}

/** The longest all-letter word of at least minLength letters, the first or last of equal length. */
function longestWord(question: string, minLength: number, pick: "first" | "last"): Word | undefined {
  let best: Word | undefined;
  for (const w of wordsOf(question)) {
    if (!/^[A-Za-z]+$/.test(w.text) || w.text.length < minLength) continue;
    if (best === undefined || w.text.length > best.text.length) best = w;
    else if (pick === "last" && w.text.length === best.text.length) best = w;
  }
  return best;
}

/** Every standalone occurrence of the given words replaced, keeping each word's case. */
function replaceWords(question: string, table: Readonly<Record<string, string>>): string {
  return question.replace(/[A-Za-z]+(?:'[A-Za-z]+)?/g, (w) => {
    const to = table[w.toLowerCase()];
    return to === undefined ? w : matchCase(w, to);
  });
}

/** The question with its text after an opener: lowercased if it starts with a common question word. */
function opener(prefix: string): (question: string) => string {
  return (question) => prefix + lowerFirst(question.trimStart());
}

/** The question with a remark added after it. */
function tail(suffix: string): (question: string) => string {
  return (question) => question.trimEnd() + suffix;
}

/** A retyping that leaves a blank question alone. */
function way(name: string, retype: (question: string) => string): Retyping {
  return { name, apply: (question) => (question.trim() === "" ? question : retype(question)) };
}

export const BLIND_RETYPINGS: readonly Retyping[] = [
  // Openers and remarks before the question.
  way("bot-mention-opener", (q) => `<@123456789012345678> ${q.trimStart()}`),
  way("reply-quote-opener", (q) => `> new article just dropped\n${q.trimStart()}`),
  way("wait-what-reaction-opener", opener("wait what 😭 ")),
  way("saw-it-on-feed-opener", opener("saw this on my feed earlier, ")),
  way("catching-up-on-thread-opener", opener("sorry just catching up on this thread but ")),
  way("qq-opener", opener("qq: ")),
  way("dumb-q-opener", opener("might be a dumb q but ")),
  way("ngl-lost-opener", opener("ngl i'm kinda lost here. ")),

  // Tails after the question.
  way("custom-emoji-tail", tail(" <:thonk:712345678901234567>")),
  way("or-nah-tail", (q) => {
    const first = wordsOf(q)[0];
    if (first === undefined || !AUXILIARIES.has(first.text.toLowerCase())) return q;
    const { body, end } = splitEnd(q);
    return `${body} or nah${end}`;
  }),
  way("not-reported-yet-hedge-tail", tail(" (if that's even been reported yet)")),
  way("explaining-to-dad-tail", (q) => {
    const joiner = splitEnd(q).end === "" ? ", " : " ";
    return `${q.trimEnd()}${joiner}trying to explain this to my dad rn`;
  }),
  way("tia-tail", tail(" tia")),
  way("edit-typo-tail", tail("\nedit: typo")),

  // Typing slips.
  way("keyboard-neighbour-slip", (q) => {
    const w = longestWord(q, 4, "first");
    if (w === undefined) return q;
    const at = Math.floor(w.text.length / 2);
    const letter = w.text.charAt(at);
    const key = NEIGHBOUR_KEY[letter.toLowerCase()];
    if (key === undefined) return q;
    const typed = letter === letter.toUpperCase() ? key.toUpperCase() : key;
    return replaceWord(q, w, w.text.slice(0, at) + typed + w.text.slice(at + 1));
  }),
  way("dropped-letter", (q) => {
    const w = longestWord(q, 5, "last");
    if (w === undefined) return q;
    const doubled = /([a-z])\1/i.exec(w.text);
    const at = doubled === null ? Math.floor(w.text.length / 2) : doubled.index;
    return replaceWord(q, w, w.text.slice(0, at) + w.text.slice(at + 1));
  }),
  way("transposed-letters", (q) => {
    const the = wordsOf(q).find((w) => w.text.toLowerCase() === "the");
    if (the !== undefined) return replaceWord(q, the, matchCase(the.text, "teh"));
    const w = longestWord(q, 4, "first");
    if (w === undefined) return q;
    const at = Math.floor(w.text.length / 2) - 1;
    const swapped = w.text.slice(0, at) + w.text.charAt(at + 1) + w.text.charAt(at) + w.text.slice(at + 2);
    return replaceWord(q, w, swapped);
  }),
  way("missing-space-after-short-word", (q) => {
    const ws = wordsOf(q);
    for (let i = 1; i + 1 < ws.length; i++) {
      const w = ws[i];
      const next = ws[i + 1];
      if (w === undefined || next === undefined) continue;
      if (w.text.length <= 3 && q.slice(w.end, next.start) === " ") {
        return q.slice(0, w.end) + q.slice(next.start);
      }
    }
    return q;
  }),
  way("doubled-space", (q) => {
    const ws = wordsOf(q);
    const w = ws.length >= 3 ? ws[1] : ws[0];
    if (w === undefined || q.charAt(w.end) !== " ") return q;
    return `${q.slice(0, w.end)} ${q.slice(w.end)}`;
  }),
  way("comma-space-slip", (q) => {
    if (q.includes(", ")) return q.replace(", ", ",");
    const m = /,(?=[A-Za-z])/.exec(q);
    return m === null ? q : `${q.slice(0, m.index + 1)} ${q.slice(m.index + 1)}`;
  }),
  way("phonetic-spelling", (q) => {
    let out = q;
    for (const [phrase, said] of Object.entries(PHONETIC_PHRASES)) {
      out = out.replace(new RegExp(`\\b${phrase}\\b`, "gi"), (m) => matchCase(m, said));
    }
    return replaceWords(out, PHONETIC);
  }),
  way("letters-for-words", (q) => replaceWords(q, LETTER_WORDS)),

  // Grammar people drop or squeeze.
  way("dropped-did-after-question-word", (q) => {
    const ws = wordsOf(q);
    const first = ws[0];
    const second = ws[1];
    if (first === undefined || second === undefined || ws.length < 3) return q;
    if (!WH_WORDS.has(first.text.toLowerCase()) || second.text.toLowerCase() !== "did") return q;
    return q.slice(0, first.end) + q.slice(second.end);
  }),
  way("dropped-is-are", (q) => {
    const ws = wordsOf(q);
    for (let i = 0; i + 1 < ws.length; i++) {
      const w = ws[i];
      const next = ws[i + 1];
      if (w === undefined || next === undefined) continue;
      if (!["is", "are"].includes(w.text.toLowerCase())) continue;
      if (i === 0 || /(?:ing|ed|en)$/i.test(next.text)) {
        return keepLeadingCapital(q, q.slice(0, w.start) + q.slice(next.start));
      }
      return q;
    }
    return q;
  }),
  way("dropped-the", (q) => {
    const out = q
      .replace(/\bthe\s+/gi, "")
      .replace(/\s+the\b/gi, "")
      .replace(/ {2,}/g, " ");
    return out.trim() === "" ? q : keepLeadingCapital(q, out);
  }),
  way("whats-for-what-is", (q) =>
    q
      .replace(/\b(what|who|where|when|how|that) is\b/gi, (_m, wh: string) => `${wh}s`)
      .replace(/\b(what|who|where|when|how|that)'s\b/gi, (_m, wh: string) => `${wh}s`),
  ),

  // Case, punctuation and formatting.
  way("all-caps", (q) => q.toUpperCase()),
  way("no-punctuation", (q) => {
    const out = q
      .replace(/(?<!\d)\.|\.(?!\d)/g, "")
      .replace(/[?!,;:"'“”‘’…]/g, "")
      .replace(/ {2,}/g, " ")
      .trim();
    return out === "" ? q : out;
  }),
  way("triple-question-mark", (q) => `${splitEnd(q).body}???`),
  way("spoiler-tags", (q) => `||${q.trim()}||`),
];
