/**
 * A second list of ways to retype a question, written after stop 19's first fixes by a helper who had
 * seen neither the code nor retype.ts's own list. Measured untouched first (0.873 of the answerable
 * questions on the tuning half kept their answer), then tuned on in a second pass, so it is no longer
 * a fair measure; retypings-fresh.ts holds the list that is.
 */
import type { Retyping } from "./retype.ts";

// ---------- helpers ----------

/** Words that may safely be lower-cased when a prefix is put before them. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "who",
  "whom",
  "whose",
  "what",
  "when",
  "where",
  "why",
  "which",
  "how",
  "is",
  "are",
  "was",
  "were",
  "am",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "can",
  "could",
  "will",
  "would",
  "should",
  "shall",
  "may",
  "might",
  "must",
  "the",
  "a",
  "an",
  "in",
  "on",
  "at",
  "of",
  "for",
  "to",
  "if",
  "whats",
  "what's",
  "who's",
  "whos",
  "where's",
  "hows",
  "how's",
  "isn't",
  "didn't",
  "doesn't",
  "wasn't",
  "aren't",
  "weren't",
  "hasn't",
  "haven't",
  "won't",
]);

/** Lower-case the first letter when the first word is a function/question word
 *  (never touches proper nouns such as "Trump ..."). */
function decapFirst(q: string): string {
  const m = /^(\s*)([A-Za-z']+)/.exec(q);
  if (!m) return q;
  const lead = m[1] ?? "";
  const word = m[2] ?? "";
  if (!FUNCTION_WORDS.has(word.toLowerCase())) return q;
  return lead + word.charAt(0).toLowerCase() + word.slice(1) + q.slice(lead.length + word.length);
}

function prefix(p: string): (q: string) => string {
  return (q: string): string => {
    const t = q.trim();
    if (!/[A-Za-z]/.test(t)) return q;
    return p + decapFirst(t);
  };
}

/** Body and trailing punctuation ("?", "?!", "." ...). */
function splitTrail(q: string): { body: string; trail: string } {
  const t = q.trim();
  const m = /[?!.]*$/.exec(t);
  const trail = m ? m[0] : "";
  return { body: t.slice(0, t.length - trail.length).trimEnd(), trail };
}

/** Append a reaction after the question (after its punctuation, if any). */
function suffix(s: string, joinerIfNoPunct = " "): (q: string) => string {
  return (q: string): string => {
    const t = q.trim();
    if (!/[A-Za-z]/.test(t)) return q;
    const { trail } = splitTrail(t);
    return t + (trail.length > 0 ? " " : joinerIfNoPunct) + s;
  };
}

/** Replace the trailing punctuation with `end`. */
function endWith(end: string): (q: string) => string {
  return (q: string): string => {
    const { body } = splitTrail(q);
    if (body.length === 0) return q;
    return body + end;
  };
}

interface WordPos {
  readonly start: number;
  readonly text: string;
}

/** Longest purely alphabetic word of at least minLen letters, first if tied. */
function longestWord(q: string, minLen: number): WordPos | undefined {
  let best: WordPos | undefined;
  for (const m of q.matchAll(/[A-Za-z]+/g)) {
    const text = m[0];
    if (text.length < minLen) continue;
    if (best === undefined || text.length > best.text.length) best = { start: m.index, text };
  }
  return best;
}

/** Rewrite the longest word (>= minLen letters) with f. */
function onLongestWord(minLen: number, f: (w: string) => string): (q: string) => string {
  return (q: string): string => {
    const w = longestWord(q, minLen);
    if (w === undefined) return q;
    return q.slice(0, w.start) + f(w.text) + q.slice(w.start + w.text.length);
  };
}

function matchCase(model: string, repl: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return repl.toUpperCase();
  const first = model.charAt(0);
  if (first !== first.toLowerCase()) return repl.charAt(0).toUpperCase() + repl.slice(1);
  return repl;
}

/** One fixed neighbouring key on a QWERTY keyboard for every letter. */
const QWERTY_NEIGHBOUR: Readonly<Record<string, string>> = {
  a: "s",
  b: "n",
  c: "v",
  d: "f",
  e: "r",
  f: "g",
  g: "h",
  h: "j",
  i: "o",
  j: "k",
  k: "l",
  l: "k",
  m: "n",
  n: "m",
  o: "p",
  p: "o",
  q: "w",
  r: "t",
  s: "d",
  t: "y",
  u: "i",
  v: "b",
  w: "e",
  x: "c",
  y: "t",
  z: "x",
};

const MONTH_ABBREV: Readonly<Record<string, string>> = {
  january: "jan",
  february: "feb",
  april: "apr",
  june: "jun",
  july: "jul",
  august: "aug",
  september: "sept",
  october: "oct",
  november: "nov",
  december: "dec",
  // "march" and "may" are skipped: they are also ordinary words.
};

/** Whitespace-separated gaps of the trimmed question. */
function gaps(t: string): RegExpExecArray[] {
  return [...t.matchAll(/\s+/g)] as RegExpExecArray[]; // matchAll yields exec results, each with its index
}

// ---------- rules ----------

export const SECOND_RETYPINGS: readonly Retyping[] = [
  // --- interjections / fillers before the question ---
  { name: "prefix-ugh", apply: prefix("ugh ") },
  { name: "prefix-welp", apply: prefix("welp, ") },
  { name: "prefix-bruh-moment", apply: prefix("bruh moment, ") },
  { name: "prefix-omg", apply: prefix("omg ") },
  { name: "prefix-uh-ellipsis", apply: prefix("uh... ") },
  { name: "prefix-polite-sorry-if-dumb-question", apply: prefix("sorry if this is a dumb question but ") },
  { name: "prefix-rude-ffs", apply: prefix("ffs ") },
  { name: "prefix-at-here-ping", apply: prefix("@here ") },
  { name: "prefix-Q-colon", apply: prefix("Q: ") },
  { name: "prefix-question-for-the-bot", apply: prefix("question for the bot: ") },
  { name: "prefix-slash-ask-command", apply: prefix("/ask ") },
  { name: "prefix-genuine-question", apply: prefix("genuine question: ") },
  {
    // Only for explanatory why/how questions (not "how many/much/long/..."),
    // so that "explain" fits what is asked.
    name: "prefix-can-someone-explain (why/how-explanatory questions only)",
    apply: (q: string): string => {
      const t = q.trim();
      if (!/^(why|how)\b/i.test(t)) return q;
      if (/^how\s+(many|much|long|old|far|often|big|tall|soon|large|fast|high|deep)\b/i.test(t)) return q;
      return `can someone explain: ${decapFirst(t)}`;
    },
  },

  // --- reactions / emoticons / tags after the question ---
  { name: "suffix-smh", apply: suffix("smh") },
  { name: "suffix-sad-emoticon", apply: suffix(":(") },
  { name: "suffix-xD", apply: suffix("xD") },
  { name: "suffix-thinking-shortcode", apply: suffix(":thinking:") },
  { name: "suffix-pray-emoji", apply: suffix("🙏") },
  { name: "suffix-anyone", apply: endWith("??? anyone?") },
  { name: "suffix-gen-tone-tag", apply: suffix("/gen") },
  { name: "suffix-hashtag-news", apply: suffix("#news") },
  { name: "suffix-rude-hurry-up", apply: suffix("hurry up", ", ") },
  {
    // "who is X again?" -- only for short (at most 6 words) copular
    // who/what/where/which questions, where "again" cannot be read as
    // "a second time".
    name: "again-before-question-mark (short who/what/where/which + is/are/was/were questions only)",
    apply: (q: string): string => {
      const t = q.trim();
      if (!/^(who|what|where|which)(\s+(is|are|was|were)\b|'s\b)/i.test(t)) return q;
      if (t.split(/\s+/).length > 6) return q;
      const { body, trail } = splitTrail(t);
      return `${body} again${trail}`;
    },
  },

  // --- punctuation / formatting ---
  { name: "end-interrobang-repeated", apply: endWith("?!?!") },
  { name: "end-period-instead-of-question-mark", apply: endWith(".") },
  {
    name: "wrapped-in-double-quotes",
    apply: (q: string): string => (q.trim().length === 0 ? q : `"${q.trim()}"`),
  },
  {
    name: "discord-italics",
    apply: (q: string): string => (q.trim().length === 0 ? q : `*${q.trim()}*`),
  },
  {
    // Line break (shift+enter) at the middle word gap; needs 3+ words.
    name: "line-break-in-the-middle",
    apply: (q: string): string => {
      const t = q.trim();
      const g = gaps(t);
      if (g.length < 2) return q;
      const mid = g[Math.floor(g.length / 2)];
      if (mid === undefined) return q;
      return `${t.slice(0, mid.index)}\n${t.slice(mid.index + mid[0].length)}`;
    },
  },

  // --- capitalisation ---
  { name: "caps-on-longest-word", apply: onLongestWord(1, (w) => w.toUpperCase()) },
  {
    name: "title-case-every-word",
    apply: (q: string): string =>
      q.replace(/(^|\s)([a-z])/g, (_m, sp: string, c: string) => sp + c.toUpperCase()),
  },
  {
    // Caps lock left on while shift is held for the first letter:
    // everything upper-case except the first letter ("wHO IS ANNA KELLY").
    name: "caps-lock-on-with-shifted-first-letter",
    apply: (q: string): string => {
      const t = q.trim();
      const i = t.search(/[A-Za-z]/);
      if (i < 0) return q;
      const up = t.toUpperCase();
      return up.slice(0, i) + up.charAt(i).toLowerCase() + up.slice(i + 1);
    },
  },

  // --- typos ---
  {
    // Longest word of 5+ letters (first if tied): its middle letter (index floor(len/2)) dropped.
    name: "typo-drop-middle-letter-of-longest-word",
    apply: onLongestWord(5, (w) => {
      const i = Math.floor(w.length / 2);
      return w.slice(0, i) + w.slice(i + 1);
    }),
  },
  {
    // Longest word of 5+ letters (first if tied): its middle letter typed twice.
    name: "typo-double-middle-letter-of-longest-word",
    apply: onLongestWord(5, (w) => {
      const i = Math.floor(w.length / 2);
      return w.slice(0, i + 1) + w.charAt(i) + w.slice(i + 1);
    }),
  },
  {
    // Longest word of 5+ letters (first if tied): last letter hit on a neighbouring QWERTY key.
    name: "typo-qwerty-neighbour-last-letter-of-longest-word",
    apply: onLongestWord(5, (w) => {
      const last = w.charAt(w.length - 1);
      const n = QWERTY_NEIGHBOUR[last.toLowerCase()];
      if (n === undefined) return w;
      return w.slice(0, -1) + (last === last.toLowerCase() ? n : n.toUpperCase());
    }),
  },
  {
    // Space bar missed between the first two words; needs 3+ words.
    name: "typo-missing-space-after-first-word",
    apply: (q: string): string => {
      const t = q.trim();
      const g = gaps(t);
      const first = g[0];
      if (first === undefined || g.length < 2) return q;
      return t.slice(0, first.index) + t.slice(first.index + first[0].length);
    },
  },
  {
    // Double space between the second and third words; needs 3+ words.
    name: "typo-extra-space-after-second-word",
    apply: (q: string): string => {
      const t = q.trim();
      const second = gaps(t)[1];
      if (second === undefined) return q;
      return `${t.slice(0, second.index)}  ${t.slice(second.index + second[0].length)}`;
    },
  },

  // --- word-level changes ---
  {
    // Lower-case "the" only, so names such as "The Guardian" are left alone.
    name: "slang-da-for-the (questions containing lower-case 'the')",
    apply: (q: string): string => q.replace(/\bthe\b/g, "da"),
  },
  {
    name: "doubled-first-the (questions containing lower-case 'the')",
    apply: (q: string): string => q.replace(/\bthe\b/, "the the"),
  },
  {
    // Drops the first lower-case "the" followed by a word of 4+ letters (so
    // "the US" is never turned into the pronoun "us", and "The Guardian" stays).
    name: "dropped-the (first lower-case 'the' before a 4+ letter word)",
    apply: (q: string): string => q.replace(/\bthe\s+(?=[A-Za-z]{4})/, ""),
  },
  {
    name: "month-names-abbreviated (questions naming a month)",
    apply: (q: string): string =>
      q.replace(
        /\b(january|february|april|june|july|august|september|october|november|december)\b/gi,
        (m) => {
          const a = MONTH_ABBREV[m.toLowerCase()];
          return a === undefined ? m : matchCase(m, a);
        },
      ),
  },
];

// ---------- self-check ----------
