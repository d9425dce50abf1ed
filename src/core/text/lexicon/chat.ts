import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import { fold, isStopWord } from "../analyze.ts";
import { isEnglishWord } from "../english.ts";
import { isGivenName } from "../given-names.ts";
import { isGerund } from "../verb-forms.ts";
import {
  CHAT_ONLY,
  CHAT_UNLESS_IN_CORPUS,
  PHRASAL_VERBS,
  REQUEST_FRAMES,
  REWRITES,
  UNIT_ABBREVIATIONS,
} from "./chat-words.ts";
import { MONTH_ABBREVIATIONS } from "./months.ts";

/** A chat message read as a question: what it asks, in plain words, and what was chat around it. */
export interface ChatReading {
  /** The question with mentions, emoji, chat words and request frames taken out and shorthand spelled out. */
  readonly text: string;
  /** Words taken out as chat (greetings, thanks, laughter, profanity, insults), as typed. */
  readonly chat: readonly string[];
  /**
   * Folded words that are chat unless the corpus uses them ("useless", "bot"): the caller drops them
   * when no article has them, so that they never count as missing.
   */
  readonly soft: ReadonlySet<string>;
  /** Whether the message addressed or mentioned someone (a pasted mention or @name). */
  readonly mentions: number;
  /** Words typed wrong and read as a word of the articles ("strkes": "strikes"), to say so. */
  readonly corrections: ReadonlyArray<{ readonly term: string; readonly suggestion: string }>;
}

/** Discord markup and pasted things that carry no question: mentions, channels, emoji, links. */
const MARKUP =
  /<@[!&]?\d+>|<#\d+>|<\/[\w -]+:\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b|(?<![\w.])@[\w.]+|https?:\/\/\S+|:[a-z0-9_+-]{2,}:|(?:\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}])+/giu;

/**
 * Discord's markdown: italics, bold, underline, strike-through, spoilers and code marks where they
 * open or close (not inside a word: "f*ck", "2**10"), and a quote's mark at the start of a line.
 */
const MARKDOWN =
  /(?<![\p{L}\p{N}*])(?:\*{1,3}|_{2}|~~|\|\||`{1,3})(?=\S)|(?<=\S)(?:\*{1,3}|_{2}|~~|\|\||`{1,3})(?![\p{L}\p{N}*])|^\s*>{1,3}\s/gmu;

/** A word as chat spells it: letters and digits with inner apostrophes, or a shorthand like "w/" or "b4". */
const CHAT_WORD = /w\/o?(?=\s|$)|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/giu;

// Profanity in any of its disguises ("f*ck", "fuuuck"), without flagging "Scunthorpe" or "assassination".
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** What the articles say, as reading a question needs it. */
export interface ArticleWords {
  /** Whether some article uses a (folded) word, in any of its forms. */
  uses(folded: string): boolean;
  /** Whether some article's text matches a pattern ("stepped down"). */
  say(pattern: RegExp): boolean;
  /** Whether some article has a (folded) word exactly as written ("strikes", not only "strike"). */
  spells(folded: string): boolean;
  /** Whether a (folded) word is a name or abbreviation by itself ("potus"), the story's or the lexicon's. */
  isName(folded: string): boolean;
}

/** No articles: every word is as typed. */
export const NO_ARTICLES: ArticleWords = {
  uses: () => false,
  say: () => true,
  spells: () => false,
  isName: () => false,
};

/** Verbs after which "us" is the pronoun ("tell us"), not the country. */
const TAKES_US = new Set(
  "let lets tell told give gave show showed help helped helps ask asked join joined call called send sent"
    .split(" ")
    .map((w) => w),
);

/**
 * Whether a folded word is chat or shorthand that {@link readChat} reads ("lol", "pls", "wat", "dont"),
 * drawn out or not ("lmaooo", "sooo").
 */
export function isChatWord(folded: string): boolean {
  const chat = (w: string) => CHAT_ONLY.has(w) || CHAT_UNLESS_IN_CORPUS.has(w) || REWRITES[w] !== undefined;
  return chat(folded) || undrawn(folded).some((w) => chat(w) || isStopWord(w));
}

function isCapitalisedAbbreviation(word: string, next: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word) && next.startsWith(".");
}

/**
 * Whether a typed word should be rewritten: lowercase, or shouted ("DONT"), or shorthand with a digit
 * ("Q1", "B4"); not an acronym ("SB", "DA").
 */
function rewritable(typed: string): boolean {
  // "Where'd", "I'll": a contraction capitalised by a phone keyboard is the same word.
  const word = typed.replace(/['’]/g, "");
  if (word === word.toLowerCase()) return true;
  if (word === word.toUpperCase()) return word.length >= 4 || /\d/.test(word);
  return /^\p{Lu}\p{Ll}+$/u.test(word);
}

/**
 * Whether a shortened month is one: beside a number ("aug 2025", "3 Mar"), or after a word that
 * introduces a time ("in aug", "since sept"). Alone it may be a name or a word ("what did jan say",
 * "the APR"), so it stays as typed.
 */
function isMonth(before: string, after: string): boolean {
  return /\d\s*$/.test(before) || /^\.?\s*\d/.test(after) || MONTH_BEFORE.test(before);
}

/** A unit counts as one after a number ("620 gb", "4.2gb") or "how many"/"how much". */
function isUnit(before: string): boolean {
  return /\d\s*$/.test(before) || /\bhow\s+(?:many|much)\s+$/i.test(before);
}

/**
 * "sayin", "payin", "goin": a word typed without the g of its "-ing", where it is no English word
 * itself and the word with the g is one ("cabin" and "Putin" stay as typed).
 */
function droppedG(lower: string): boolean {
  if (!/^[a-z]{2,}in$/.test(lower) || isEnglishWord(lower)) return false;
  // The "-ing" of a verb ("saying") or a word like "nothing": WordNet's word list alone would take
  // "loging" for a form of "log", and "login" is no dropped g.
  const full = `${lower}g`;
  return isStopWord(full) || isGerund(full);
}

/** The words a question asks with. */
const QUESTION_WORDS: ReadonlySet<string> = new Set("who what when where why which how".split(" "));
/** Words people type onto the next one in a hurry: "whois", "howmany", "didthe". */
const GLUED_OPENERS: ReadonlySet<string> = new Set([
  ...QUESTION_WORDS,
  ..."is are was were did does do can will has have".split(" "),
]);

/**
 * "stirkes", "thnaks", "terroorist", "strkes", "directivr", "whois": a word typed with two letters
 * swapped, one typed twice, one dropped or a key beside the right one, or a question word typed onto
 * the next one, read back where it is no word itself and the fix spells a word some article has
 * exactly or a stop word (a swap, also a chat word). Five letters at least,
 * and never a name it knows: "boyd" is no "body", "greta" no "great", "potus" no "pouts". No fix into
 * another English word the articles lack: that would only change which word is reported missing.
 * The cheap tests go first; no dictionary is read in the loop.
 */
function mistyped(lower: string, articles: ArticleWords): string | undefined {
  if (
    !/^\p{L}{5,}$/u.test(lower) ||
    isChatWord(lower) ||
    articles.uses(lower) ||
    articles.isName(lower) ||
    isEnglishWord(lower) ||
    isGivenName(lower) ||
    droppedG(lower)
  )
    return undefined;
  for (let i = 0; i + 1 < lower.length; i++) {
    // Two letters swapped ("stirkes") into a word the articles spell or a chat or stop word; or one
    // typed twice ("terroorist") into a word the articles spell or a stop word ("bross" is no "bros").
    const doubled = lower[i] === lower[i + 1];
    const fixed = doubled
      ? lower.slice(0, i) + lower.slice(i + 1)
      : lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2);
    if (articles.spells(fixed) || isStopWord(fixed) || (!doubled && isChatWord(fixed))) return fixed;
  }
  // A letter dropped ("strkes", "diretive") or a key beside the right one ("directivr"), into a word
  // some article spells: only where one word is that slip away, never into a name ("tarrant" is no
  // "farrant"), and from six letters ("derry", "acton" are names of their own).
  const slips = new Set<string>();
  for (let i = 0; lower.length >= 6 && i <= lower.length; i++) {
    for (const letter of LETTERS) {
      const inserted = lower.slice(0, i) + letter + lower.slice(i);
      if (articles.spells(inserted)) slips.add(inserted);
      const typedLetter = lower[i];
      if (typedLetter !== undefined && letter !== typedLetter && keyNeighbours(typedLetter, letter)) {
        const replaced = lower.slice(0, i) + letter + lower.slice(i + 1);
        if (articles.spells(replaced)) slips.add(replaced);
      }
    }
  }
  const [slip] = slips;
  if (slips.size === 1 && slip !== undefined && !articles.isName(slip)) return slip;
  // A question word or an auxiliary typed onto the stop word after it ("whois", "howmany",
  // "didthe"): not "oversaw" or "thein", whose first part asks nothing.
  for (let i = 2; i + 2 <= lower.length; i++) {
    const [left, right] = [lower.slice(0, i), lower.slice(i)];
    if (GLUED_OPENERS.has(left) && isStopWord(right)) return `${left} ${right}`;
  }
  return undefined;
}

const LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];

/** Letters beside each other on a QWERTY keyboard, for a finger that slipped onto the next key. */
const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
function keyNeighbours(a: string, b: string): boolean {
  const at = (c: string) => {
    const row = KEY_ROWS.findIndex((r) => r.includes(c));
    return [row, KEY_ROWS[row]?.indexOf(c) ?? -1] as const;
  };
  const [ra, ca] = at(a);
  const [rb, cb] = at(b);
  // Rows are staggered: a key touches two keys of the row above and two of the row below.
  if (ra < 0 || rb < 0) return false;
  if (ra === rb) return Math.abs(ca - cb) === 1;
  if (Math.abs(ra - rb) !== 1) return false;
  const [upper, lower] = ra < rb ? [ca, cb] : [cb, ca];
  return lower === upper || lower === upper - 1;
}

/** Whether a typed word is a word slipped once: two letters swapped, one key beside it, one dropped. */
function slippedFrom(typed: string, word: string): boolean {
  if (typed.length === word.length) {
    const differ = [...typed].flatMap((c, i) => (c === word[i] ? [] : [i]));
    if (differ.length === 1)
      return keyNeighbours(typed[differ[0] as number] as string, word[differ[0] as number] as string);
    const [i, j] = differ as [number, number];
    return differ.length === 2 && j === i + 1 && typed[i] === word[j] && typed[j] === word[i];
  }
  if (typed.length + 1 !== word.length || word.length < 4) return false;
  return [...word].some((_, i) => word.slice(0, i) + word.slice(i + 1) === typed);
}

/** The word typed before a place in a message, lowercase. */
function previousWord(before: string): string | undefined {
  return /([\p{L}']+)[^\p{L}']*$/u.exec(before)?.[1]?.toLowerCase();
}

/** Whether a place in a message starts a question: the message's start, a sentence's, or after chat. */
function startsQuestion(before: string): boolean {
  const previous = previousWord(before);
  return previous === undefined || /[.?!:;,]\s*$/.test(before) || CHAT_ONLY.has(previous);
}

/** Words after "how" that "who" never has before them. */
const HOW_BEFORE = /^\s*(?:many|much|long|old|far|big|often|soon|come|bad|likely)\b/i;

/** What a question starts with: its question word or auxiliary, and the auxiliary after a question word. */
const QUESTION_STARTS = [...GLUED_OPENERS, "had", "could", "would", "should"];
const AUXILIARIES = QUESTION_STARTS.filter((w) => !QUESTION_WORDS.has(w));

/**
 * "whrn did", "qhat is", "when dod", "jas the court": a question word or auxiliary slipped where a
 * question starts or after its question word, read back where the typed word is no word itself and
 * only one question word is that slip away. ("dod" and "si" are English words, and stay.) Also a
 * question's first word typed onto a word of the articles: "istrump".
 */
function slippedQuestionWord(
  lower: string,
  before: string,
  after: string,
  articles: ArticleWords,
): string | undefined {
  if (isStopWord(lower) || isChatWord(lower) || articles.spells(lower)) return undefined;
  const previous = previousWord(before);
  const starts = startsQuestion(before);
  if (starts) {
    // "istrump", "didmexico": the space after the question's first word missed, before a word of
    // the articles (a stop word after it is read by mistyped(): "whois").
    const glued = QUESTION_STARTS.find((w) => lower.startsWith(w) && articles.spells(lower.slice(w.length)));
    if (glued && lower.length - glued.length >= 3 && !isEnglishWord(lower) && !isGivenName(lower))
      return `${glued} ${lower.slice(glued.length)}`;
  }
  if (!/^\p{L}{2,6}$/u.test(lower)) return undefined;
  const afterQuestionWord = previous !== undefined && QUESTION_WORDS.has(previous);
  const targets = starts ? QUESTION_STARTS : afterQuestionWord ? AUXILIARIES : [];
  let found = targets.filter((w) => slippedFrom(lower, w));
  // "hwo" is "how" swapped and "who" swapped: "hwo many" asks how.
  if (found.includes("how") && found.includes("who")) found = HOW_BEFORE.test(after) ? ["how"] : ["who"];
  if (found.length !== 1 || isEnglishWord(lower) || isGivenName(lower) || articles.isName(lower))
    return undefined;
  return found[0];
}

/** "u" and "r" typed onto the word before them: "canu", "wherer". */
const YOU_ARE: ReadonlySet<string> = new Set(["u", "r", "ur"]);

/** Chat typed before a question, and onto it: "browhich", "sowhat". */
const CHAT_OPENERS: ReadonlySet<string> = new Set("so and but ok bro yo lol".split(" "));

/**
 * Words a question starts with, as typed, that the next word gets typed onto: question words and
 * auxiliaries, their chat spellings ("wat", "wheres"), a request's verb, an opener ("bro").
 */
const GLUED_STARTS: ReadonlySet<string> = new Set([
  ...QUESTION_STARTS,
  ...Object.keys(REWRITES).filter((typed) =>
    QUESTION_WORDS.has((REWRITES[typed] ?? "").split(" ")[0] as string),
  ),
  ..."tell list give show since".split(" "),
  ...CHAT_OPENERS,
]);

/**
 * "browhich", "watwas", "canu", "wheresthis", "sincewhen", "tellme": two words typed as one, the
 * space missed where a question starts: the first a word a question starts with, the second a stop
 * word or "u"/"r" (after an opener, a question word: "bro" + "which"). A word of the articles after
 * it is read by slippedQuestionWord ("istrump"). Never a word itself, a name or a word the articles
 * spell: "whatever", "willa", "isis" where a story names it.
 */
function unglued(lower: string, before: string, articles: ArticleWords): string | undefined {
  if (
    !startsQuestion(before) ||
    lower.length < 4 ||
    isStopWord(lower) ||
    isChatWord(lower) ||
    articles.spells(lower) ||
    articles.isName(lower)
  )
    return undefined;
  for (let i = 2; i < lower.length; i++) {
    const [left, right] = [lower.slice(0, i), lower.slice(i)];
    // One letter only as shorthand: "canu" is "can u", "bros" no "bro s".
    if (!GLUED_STARTS.has(left) || (right.length < 2 && REWRITES[right] === undefined)) continue;
    // After an opener ("bro", "yo", "so"), only the question's own first word: "yoon" is no "yo on".
    const opener = !QUESTION_STARTS.includes(left) && REWRITES[left] === undefined;
    // Else a stop word, or "u"/"r" in "canu": not chat that could end a name ("wasim", "hasbro", "dorn"),
    // and five letters at least ("doan", "isis" are names).
    const fits = YOU_ARE.has(right) || (isStopWord(right) && lower.length >= 5);
    if (opener ? !GLUED_STARTS.has(right) || CHAT_OPENERS.has(right) : !fits) continue;
    return isEnglishWord(lower) || isGivenName(lower) ? undefined : `${left} ${right}`;
  }
  return undefined;
}

/**
 * A word drawn out ("whyyy", "lmaooo", "wattt", "hugeee"), as the chat word, stop word or English word
 * it draws out, with the letter once ("sooo": "so", "hugeee": "huge"), then twice ("gooood": "good").
 * Chat and stop words first: "goood" is "good", not "god"; an English word of three letters at least
 * ("xxxl" is no "xl"). A lone shouted "LMAOOO" is laughter; other capitals stay names ("KKK", "AFFF").
 */
function drawnOut(word: string): string | undefined {
  const forms = undrawn(word);
  if (forms.length === 0) {
    // Three letters at least: "AFFF" (the firefighting foam) is no "af".
    const laughter = undrawn(word.toLowerCase()).find((w) => w.length >= 3 && CHAT_ONLY.has(w));
    return word.length > 1 && word === word.toUpperCase() ? laughter : undefined;
  }
  return (
    forms.find((w) => isChatWord(w) || isStopWord(w)) ??
    forms.find((w) => w.length >= 3 && word === word.toLowerCase() && isEnglishWord(w))
  );
}

/**
 * Words typed drawn out or mistyped, read as meant before anything else, so that the frames and chat
 * words read them: "good monring everyone", "thnaks", "wattt was in it". A word of the story read for
 * a slip goes into `corrections`, so that the answer says so.
 */
function readTypos(
  text: string,
  articles: ArticleWords,
  corrections: Array<{ term: string; suggestion: string }>,
): string {
  return text.replace(/\p{L}+/gu, (word, offset: number, whole: string) => {
    // A capitalised word is read only for drawing out: "Eid", "Shen" are names, not slipped "did", "when".
    const drawn = drawnOut(word);
    if (word !== word.toLowerCase()) return drawn ?? word;
    const fixed = drawn === undefined ? mistyped(word, articles) : undefined;
    // A word of the story read for a slip is said, as the speller's suggestions are.
    if (fixed !== undefined && !isStopWord(fixed) && !isChatWord(fixed) && !fixed.includes(" "))
      corrections.push({ term: word, suggestion: fixed });
    return (
      drawn ??
      fixed ??
      slippedQuestionWord(word, whole.slice(0, offset), whole.slice(offset + word.length), articles) ??
      unglued(word, whole.slice(0, offset), articles) ??
      word
    );
  });
}

/** A contraction's ending ("n't", "'re", "'ve", "'m", "'s", "'d", "'ll"), as typed with its apostrophe. */
const CONTRACTION = /(?:n't|'re|'ve|'m|'s|'d|'ll)$/;

/** A Roman numeral, as names use them ("Phase III", "Super Bowl LIII", "DCCC"); "diddd" is none. */
const ROMAN_NUMERAL = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/**
 * A word drawn out in chat, read with its repeated letters once and twice: "sooo" -> "so", "soo".
 * Longer than three letters, not in capitals, and not one letter over ("www") or a Roman numeral
 * ("iii"): "KKK", "AAA" and "Phase III" are names.
 */
function undrawn(written: string): string[] {
  // Capitalised at the start of a message ("Sooo"), or all lowercase; not in capitals ("KKK").
  if (written !== written.toLowerCase() && !/^\p{Lu}\p{Ll}+$/u.test(written)) return [];
  const typed = written.toLowerCase();
  if (typed.length <= 3 || !/(\p{L})\1\1/u.test(typed)) return [];
  if (/^(\p{L})\1*$/u.test(typed) || ROMAN_NUMERAL.test(typed)) return [];
  return [typed.replace(/(\p{L})\1{2,}/gu, "$1"), typed.replace(/(\p{L})\1{2,}/gu, "$1$1")];
}

/**
 * Words before a verb that make it a participle ("has been shut down") or, with its subject between,
 * a base ("did the factory shut down").
 */
const BEFORE_PARTICIPLE =
  /\b(?:have|has|had|having|be|been|being|was|were|is|are|am|get|gets|got|gotten|getting)\s+$/i;
const BEFORE_BASE =
  /\b(?:do|does|did|will|would|can|could|should|shall|may|might|must|to)\s+(?:[\p{L}'-]+\s+){0,3}$/iu;

/** Index of the tense a typed form stands in, when one form spells several ("shut": base, past, participle). */
function tenseOf(forms: readonly string[], typed: string, before: string): number {
  const at = forms.flatMap((f, i) => (f === typed ? [i] : []));
  if (at.length <= 1) return at[0] ?? 0;
  if (at.includes(4) && BEFORE_PARTICIPLE.test(before)) return 4;
  if (at.includes(0) && BEFORE_BASE.test(before)) return 0;
  return at.includes(3) ? 3 : (at[0] as number);
}

/** Each phrasal verb's forms and particle as one pattern, to find it typed and in the articles alike. */
const PHRASAL_PATTERNS = PHRASAL_VERBS.map(([verb, particle, word]) => {
  const forms = verb.split(" ");
  return {
    forms,
    words: word.split(","),
    pattern: new RegExp(`\\b(${[...new Set(forms)].join("|")}) ${particle}\\b`, "gi"),
  };
});

/**
 * "cracking down on X" as "fighting X", in the tense typed: only where no article says the phrase
 * (articles that say "stepped down" are found by those very words) and some article uses the word it
 * stands for (else the word reported missing would be one the user never typed).
 */
function readPhrasalVerbs(text: string, articles: ArticleWords): string {
  let out = text;
  for (const { forms, words, pattern } of PHRASAL_PATTERNS) {
    out = out.replace(pattern, (match, typed: string, offset: number, whole: string) => {
      const word = words[tenseOf(forms, typed.toLowerCase(), whole.slice(0, offset))];
      const said = words.some((w) => articles.uses(w.split(" ")[0] as string));
      if (word === undefined || !said || articles.say(pattern)) return match;
      return word;
    });
  }
  return out;
}

/** Words after which a shortened month is read as one: "in aug", "since sept", "by dec". */
const MONTH_BEFORE =
  /\b(?:in|since|by|from|until|till|til|before|after|during|early|mid|late|last|next|this)\s+$/i;

/** Where a clause starts: the message start, or after end punctuation. */
const CLAUSE_BREAK = /[?!.;:,]\s*$/;

/** Words after which "kinda" is "kind of" a thing ("what kinda guns"), not a hedge ("kinda useless"). */
const NAMES_A_KIND = new Set([
  "what",
  "which",
  "a",
  "the",
  "this",
  "that",
  "any",
  "some",
  "same",
  "no",
  "every",
]);

/**
 * A message typed in capitals throughout ("WHO IS ANNA KELLY"): shouted, not a row of initialisms
 * ("WHO" the health organisation, "IS"), so it is read in lowercase. Two words at least, so that a
 * lone initialism ("NATO?") keeps its capitals.
 */
function isShouted(message: string): boolean {
  const words = message.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 2) return false;
  // With caps lock on, the shift key writes the one lowercase letter: "wHERE IS IT".
  const lower = words.filter((w) => /\p{Ll}/u.test(w));
  if (lower.length === 0) return true;
  return words.length >= 3 && lower.length === 1 && /^\p{Ll}\p{Lu}+$/u.test(lower[0] as string);
}

/**
 * A message in title case throughout ("Has The Us Already Bombed Anything"): capitals that mark no
 * name, read in lowercase. Four words at least, every one capitalised.
 */
function isTitleCased(message: string): boolean {
  const words = message.match(/\p{L}[\p{L}'’]*/gu) ?? [];
  return words.length >= 4 && words.every((w) => /^\p{Lu}[\p{Ll}'’]*$/u.test(w));
}

/**
 * Reads a chat message as the question it holds: drops Discord mentions, emoji and links, greetings,
 * thanks, laughter, profanity and insults, and request frames ("can you tell me"); spells out
 * shorthand and contractions typed without an apostrophe ("whats", "u", "wat"); and writes the
 * country "us" as "US" where it is one ("the us", "us troops").
 *
 * @example
 * readChat("<@123> ur a useless bot. who is anna kelly, idiot").text // "you are a useless bot. who is anna kelly, idiot" minus chat
 *
 * @param articles what the articles say: to read a phrasal verb as the one word they use, and a
 *   mistyped word as the one they spell, never a name they hold. Without it, phrasal verbs are kept
 *   as typed, and a typo is read back only into a chat, stop or (drawn out) English word.
 */
export function readChat(message: string, articles: ArticleWords = NO_ARTICLES): ChatReading {
  let mentions = 0;
  const plain = isShouted(message) || isTitleCased(message);
  let text = (plain ? message.toLowerCase() : message).replace(MARKUP, (m) => {
    if (m.startsWith("<@") || m.startsWith("@")) mentions++;
    return " ";
  });
  const corrections: Array<{ term: string; suggestion: string }> = [];
  text = readTypos(text.replace(MARKDOWN, " "), articles, corrections);
  for (const frame of REQUEST_FRAMES) {
    const [pattern, replacement] = Array.isArray(frame) ? frame : [frame, " "];
    text = text.replace(pattern as RegExp, ` ${replacement} `);
  }
  text = readPhrasalVerbs(text, articles);

  const chat: string[] = [];
  const soft = new Set<string>();
  const profane = new Set<number>();
  for (const match of profanity.getAllMatches(text)) {
    for (let i = match.startIndex; i <= match.endIndex; i++) profane.add(i);
  }

  const out: string[] = [];
  let at = 0;
  let previous = "";
  for (const match of text.matchAll(CHAT_WORD)) {
    const word = match[0];
    const start = match.index;
    const before = text.slice(at, start);
    const after = text.slice(start + word.length, start + word.length + 2);
    at = start + word.length;
    const lower = fold(word).replace(/’/g, "'");
    const clauseStart = previous === "" || CLAUSE_BREAK.test(before) || CLAUSE_BREAK.test(out.at(-1) ?? "");
    let replacement: string | null = word;
    const isProfane = [...word].some((_, i) => profane.has(start + i));
    if (CHAT_ONLY.has(lower)) {
      replacement = null;
    } else if (isProfane) {
      // Profanity can be a name ("Dick"): the caller keeps it where an article uses it.
      soft.add(lower);
    } else if (CHAT_UNLESS_IN_CORPUS.has(lower)) {
      soft.add(lower);
    } else if (lower === "am" && previous === "i") {
      // "i am so confused": the pronoun's verb names nothing ("am" is no stop word, for "9 am").
      replacement = null;
    } else if ((lower === "kinda" || lower === "sorta") && !NAMES_A_KIND.has(previous)) {
      // "ur kinda useless", "it's sorta over": a hedge; "what kinda guns" asks for a kind of thing.
      replacement = null;
    } else if ((lower === "lets" || lower === "let's") && clauseStart) {
      replacement = null;
    } else if (lower === "y" && !clauseStart) {
      replacement = word;
    } else if (lower === "w/" || lower === "w/o") {
      replacement = lower === "w/" ? "with" : "without";
    } else if (REWRITES[lower] !== undefined && rewritable(word) && !isCapitalisedAbbreviation(word, after)) {
      replacement = REWRITES[lower] as string;
    } else if (
      lower.includes("'") &&
      REWRITES[lower.replace(/'/g, "")] !== undefined &&
      CONTRACTION.test(lower)
    ) {
      // "don't", "you're", "I'm" as typed with their apostrophe: the same words as "dont", "youre", "im".
      replacement = REWRITES[lower.replace(/'/g, "")] as string;
    } else if (UNIT_ABBREVIATIONS[lower] !== undefined && isUnit(text.slice(0, start))) {
      replacement = UNIT_ABBREVIATIONS[lower] as string;
    } else if (MONTH_ABBREVIATIONS[lower] !== undefined && isMonth(text.slice(0, start), text.slice(at))) {
      replacement = MONTH_ABBREVIATIONS[lower] as string;
    } else if (droppedG(lower) && word === lower) {
      replacement = `${lower}g`;
    } else if (lower === "us" && word === "us") {
      const next = /^\s*([\p{L}\p{N}]+)/u.exec(text.slice(at))?.[1] ?? "";
      const countryAfter = next !== "" && !isStopWord(next) && !TAKES_US.has(previous);
      if (previous === "the" || countryAfter) replacement = "US";
    }
    if (replacement === null) {
      chat.push(word);
      out.push(before);
      continue;
    }
    out.push(before, replacement);
    // "da us": the word read ("the"), not as typed, is what the next word follows.
    previous = replacement === word ? lower : replacement.toLowerCase();
  }
  out.push(text.slice(at));
  const cleaned = out
    .join("")
    .replace(/\s+([?!.,;:])/g, "$1")
    // "who chairs it, eh?": a comma left before the end by the chat taken out of it.
    .replace(/[,;:]+(?=[?!.]|\s*$)/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s,.;:!-]+/, "")
    .trim();
  return { text: cleaned, chat, soft, mentions, corrections };
}
