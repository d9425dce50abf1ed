/**
 * A third list of ways to retype a question, written near the end of stop 19 by a helper who had seen
 * neither the code nor the two earlier lists. Measured untouched (0.835 of the answerable questions on
 * the tuning half kept their answer), then its worst ways (a remark before the question, asking for
 * someone else, "just trying to understand") were read from its figures and fixed, so it is no longer
 * a fair measure; retypings-fresh.ts holds the list that is.
 */
import type { Retyping } from "./retype.ts";

// ---------------------------------------------------------------------------
// Helpers (all deterministic, no randomness)
// ---------------------------------------------------------------------------

const WH_WORDS: ReadonlySet<string> = new Set([
  "who",
  "whom",
  "whose",
  "what",
  "when",
  "where",
  "why",
  "how",
  "which",
]);

const OPENING_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  ...WH_WORDS,
  "is",
  "are",
  "was",
  "were",
  "do",
  "does",
  "did",
  "can",
  "could",
  "will",
  "would",
  "should",
  "has",
  "have",
  "had",
  "am",
]);

/** Splits off the trailing run of ? ! . and whitespace. */
function splitEnd(question: string): { readonly body: string; readonly end: string } {
  const match = /^([\s\S]*?)([?!.\s]*)$/u.exec(question);
  return { body: match?.[1] ?? question, end: match?.[2] ?? "" };
}

/** First alphabetic word of the question, or undefined. */
function firstWord(question: string): string | undefined {
  const match = /[A-Za-z]+/u.exec(question);
  return match?.[0];
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** Lower-cases the first letter only when the question opens with a function word (never a name). */
function softLowerFirst(question: string): string {
  const word = firstWord(question);
  const isShouted = word !== undefined && word.length > 1 && word === word.toUpperCase();
  if (
    word !== undefined &&
    !isShouted &&
    question.startsWith(word) &&
    OPENING_FUNCTION_WORDS.has(word.toLowerCase())
  ) {
    return lowerFirst(question);
  }
  return question;
}

/** Gives `replacement` the capitalisation pattern of `original`. */
function matchCase(original: string, replacement: string): string {
  const hasLetters = /[A-Za-z]/u.test(original);
  if (hasLetters && original.length > 1 && original === original.toUpperCase()) {
    return replacement.toUpperCase();
  }
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) {
    return `${replacement.charAt(0).toUpperCase()}${replacement.slice(1)}`;
  }
  return replacement;
}

/** Replaces whole words found in `map` (case-insensitive keys, lower-case). */
function replaceWords(question: string, map: ReadonlyMap<string, string>, onlyFirst: boolean): string {
  let done = false;
  return question.replace(/[A-Za-z]+(?:['’][A-Za-z]+)?/gu, (word: string): string => {
    if (done) {
      return word;
    }
    const replacement = map.get(word.toLowerCase());
    if (replacement === undefined) {
      return word;
    }
    if (onlyFirst) {
      done = true;
    }
    return matchCase(word, replacement);
  });
}

/** Appends a trailing phrase; adds a comma when the question has no closing punctuation. */
function appendAfterQuestion(question: string, phrase: string): string {
  const { end } = splitEnd(question);
  if (end.trim() === "") {
    return `${question.trimEnd()}, ${phrase}`;
  }
  return `${question.trimEnd()} ${phrase}`;
}

const UNITS: readonly string[] = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];

const TENS: readonly string[] = [
  "",
  "",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "sixty",
  "seventy",
  "eighty",
  "ninety",
];

function numberToWords(value: number): string {
  if (value < 20) {
    return UNITS[value] ?? String(value);
  }
  const tens = TENS[Math.floor(value / 10)] ?? "";
  const unit = value % 10;
  if (unit === 0) {
    return tens;
  }
  return `${tens} ${UNITS[unit] ?? ""}`;
}

function wordsToNumber(text: string): number | undefined {
  const parts = text.toLowerCase().split(/[ -]/u);
  const head = parts[0] ?? "";
  const tail = parts[1];
  const tensIndex = TENS.indexOf(head);
  if (tensIndex >= 2) {
    if (tail === undefined) {
      return tensIndex * 10;
    }
    const unitIndex = UNITS.indexOf(tail);
    return unitIndex >= 1 && unitIndex <= 9 ? tensIndex * 10 + unitIndex : undefined;
  }
  const unitIndex = UNITS.indexOf(head);
  return unitIndex >= 0 ? unitIndex : undefined;
}

// ---------------------------------------------------------------------------
// Word maps
// ---------------------------------------------------------------------------

const PHONETIC = new Map<string, string>([
  ["what", "wot"],
  ["when", "wen"],
  ["why", "y"],
  ["says", "sez"],
  ["because", "cuz"],
  ["enough", "enuf"],
  ["though", "tho"],
  ["through", "thru"],
  ["tonight", "tonite"],
]);

const COMMON_MISSPELLINGS = new Map<string, string>([
  ["government", "goverment"],
  ["governments", "goverments"],
  ["which", "wich"],
  ["until", "untill"],
  ["receive", "recieve"],
  ["received", "recieved"],
  ["believe", "beleive"],
  ["because", "becuase"],
  ["definitely", "definately"],
  ["separate", "seperate"],
  ["foreign", "foriegn"],
  ["parliament", "parliment"],
  ["tomorrow", "tommorow"],
  ["occurred", "occured"],
  ["executive", "excecutive"],
  ["extradite", "extridite"],
  ["extradited", "extridited"],
  ["extradition", "extridition"],
  ["sentence", "sentance"],
  ["sentenced", "sentanced"],
  ["attorney", "attourney"],
  ["guarantee", "guarentee"],
  ["business", "buisness"],
  ["february", "febuary"],
  ["wednesday", "wensday"],
  ["assassination", "assasination"],
  ["assassinated", "assasinated"],
  ["environment", "enviroment"],
  ["necessary", "neccessary"],
  ["committee", "commitee"],
  ["privilege", "priviledge"],
]);

const NUMBER_SPEAK = new Map<string, string>([
  ["to", "2"],
  ["for", "4"],
  ["before", "b4"],
]);

const NEWS_ABBREVIATIONS = new Map<string, string>([
  ["government", "govt"],
  ["governments", "govts"],
  ["president", "prez"],
  ["and", "&"],
  ["with", "w/"],
  ["without", "w/o"],
  ["because", "bc"],
  ["points", "pts"],
  ["department", "dept"],
  ["information", "info"],
  ["international", "intl"],
  ["approximately", "approx"],
  ["versus", "vs"],
]);

const HOMOPHONES = new Map<string, string>([
  ["to", "too"],
  ["their", "there"],
  ["there", "their"],
  ["where", "were"],
  ["whose", "who's"],
  ["than", "then"],
  ["its", "it's"],
  ["your", "you're"],
  ["whether", "weather"],
  ["affect", "effect"],
  ["lose", "loose"],
]);

const FAT_FINGER_FIRST_WORD = new Map<string, string>([
  ["who", "whi"],
  ["how", "hoe"],
  ["what", "whay"],
  ["when", "whrn"],
  ["why", "wht"],
  ["where", "wherw"],
  ["which", "whixh"],
  ["did", "dis"],
  ["does", "doea"],
  ["do", "fo"],
  ["is", "ia"],
  ["are", "arw"],
  ["was", "wad"],
  ["were", "wete"],
  ["can", "cab"],
  ["has", "haa"],
  ["will", "wull"],
]);

const BRITISH_SPELLINGS = new Map<string, string>([
  ["organization", "organisation"],
  ["organizations", "organisations"],
  ["organize", "organise"],
  ["organized", "organised"],
  ["defense", "defence"],
  ["offense", "offence"],
  ["center", "centre"],
  ["centers", "centres"],
  ["program", "programme"],
  ["honor", "honour"],
  ["favor", "favour"],
  ["neighbor", "neighbour"],
  ["neighboring", "neighbouring"],
  ["rumor", "rumour"],
  ["rumors", "rumours"],
  ["harbor", "harbour"],
  ["theater", "theatre"],
  ["traveled", "travelled"],
  ["canceled", "cancelled"],
  ["criticize", "criticise"],
  ["criticized", "criticised"],
  ["recognize", "recognise"],
  ["recognized", "recognised"],
  ["apologize", "apologise"],
  ["apologized", "apologised"],
  ["authorize", "authorise"],
  ["authorized", "authorised"],
  ["analyze", "analyse"],
  ["gray", "grey"],
  ["behavior", "behaviour"],
  ["color", "colour"],
  ["jewelry", "jewellery"],
  ["catalog", "catalogue"],
  ["privatize", "privatise"],
  ["privatized", "privatised"],
  ["legalize", "legalise"],
  ["legalized", "legalised"],
  ["mobilize", "mobilise"],
  ["mobilized", "mobilised"],
  ["fulfill", "fulfil"],
]);

const ING_EXCEPTIONS: ReadonlySet<string> = new Set([
  "string",
  "strings",
  "spring",
  "sterling",
  "beijing",
  "nanjing",
  "chongqing",
  "kunming",
  "xining",
  "peking",
  "wyoming",
  "viking",
  "darjeeling",
]);

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

export const THIRD_RETYPINGS: readonly Retyping[] = [
  {
    // "fr" (for real) slipped in before the closing punctuation.
    name: "trailing-fr-before-punctuation",
    apply: (question: string): string => {
      const { body, end } = splitEnd(question);
      if (body.trim() === "") {
        return question;
      }
      return `${body} fr${end.trim()}`;
    },
  },
  {
    // Tone indicator "/srs" (serious) after the question.
    name: "tone-tag-srs",
    apply: (question: string): string => `${question.trimEnd()} /srs`,
  },
  {
    // A sentence of context before the question.
    name: "context-saw-it-on-the-news",
    apply: (question: string): string => `saw this on the news. ${question}`,
  },
  {
    // A different, family-flavoured sentence of context before the question.
    name: "context-dad-keeps-going-on",
    apply: (question: string): string => `my dad keeps going on about this. ${question}`,
  },
  {
    // A second sentence after the question.
    name: "followup-just-trying-to-understand",
    apply: (question: string): string => appendAfterQuestion(question, "just trying to understand"),
  },
  {
    // An apologetic second sentence after the question.
    name: "followup-sorry-if-already-asked",
    apply: (question: string): string => appendAfterQuestion(question, "sorry if someone already asked"),
  },
  {
    // Asking on behalf of someone else (British "mum").
    name: "on-behalf-of-my-mum",
    apply: (question: string): string => `my mum wants to know: ${question}`,
  },
  {
    // Hedge "do we know" turning a wh-question into an embedded one.
    // Condition: question starts with a wh-word; otherwise unchanged.
    name: "hedge-do-we-know",
    apply: (question: string): string => {
      const word = firstWord(question);
      if (word === undefined || !question.startsWith(word) || !WH_WORDS.has(word.toLowerCase())) {
        return question;
      }
      return `do we know ${softLowerFirst(question)}`;
    },
  },
  {
    // Thinking-face emoji inserted between words, right after the first half of the words.
    // Condition: at least two space-separated words.
    name: "emoji-in-the-middle",
    apply: (question: string): string => {
      const words = question.split(" ");
      if (words.length < 2) {
        return question;
      }
      const position = Math.ceil(words.length / 2);
      return [...words.slice(0, position), "🤔", ...words.slice(position)].join(" ");
    },
  },
  {
    // Phonetic spellings: what->wot, when->wen, why->y, because->cuz, says->sez, ...
    // Every occurrence. Condition: one of those words appears.
    name: "phonetic-spellings",
    apply: (question: string): string => replaceWords(question, PHONETIC, false),
  },
  {
    // Classic real-world misspellings (goverment, wich, untill, extridite, excecutive, ...).
    // Every occurrence. Condition: one of the listed words appears.
    name: "common-misspellings",
    apply: (question: string): string => replaceWords(question, COMMON_MISSPELLINGS, false),
  },
  {
    // "US"/"USA" written with dots; lowercase "the us" becomes "the u.s.".
    // Condition: "US", "USA" or lower-case "the us" appears (left alone in all-caps text).
    name: "us-with-dots",
    apply: (question: string): string => {
      const hasLowercase = /[a-z]/u.test(question);
      const capitals = hasLowercase
        ? question.replace(/\bUSA\b/gu, "U.S.A.").replace(/\bUS\b(?!\.)/gu, "U.S.")
        : question;
      return capitals.replace(
        /\b([Tt]he) us\b(?![.'’])/gu,
        (_match: string, article: string): string => `${article} u.s.`,
      );
    },
  },
  {
    // "when did" -> "when'd", "why did" -> "why'd", "how did" -> "how'd" (first occurrence).
    // Condition: a wh-word directly followed by "did".
    name: "did-contraction",
    apply: (question: string): string =>
      question.replace(
        /\b(who|what|when|where|why|how) did\b/iu,
        (_match: string, wh: string): string => `${wh}'d`,
      ),
  },
  {
    // "who is" -> "whos", "what is" -> "whats" (first occurrence), and apostrophes dropped
    // from "what's"/"don't"-style contractions. Condition: such a phrase appears.
    name: "whos-without-apostrophe",
    apply: (question: string): string => {
      const contracted = question.replace(
        /\b(who|what|where|how|when|that|there) is\b/iu,
        (_match: string, word: string): string => `${word}${word === word.toUpperCase() ? "S" : "s"}`,
      );
      return contracted
        .replace(
          /\b(who|what|where|how|when|that|there|it)['’]s\b/giu,
          (_match: string, word: string): string => `${word}s`,
        )
        .replace(/\b([A-Za-z]+n)['’]t\b/gu, (_match: string, stem: string): string => `${stem}t`);
    },
  },
  {
    // Emphasis by repeating a vowel in the middle of the last word: "kelly" -> "keeelly",
    // "troops" -> "troooops". The first vowel after the word's first letter gets two extra copies.
    // Condition: the last word has such a vowel.
    name: "stretched-vowel-in-last-word",
    apply: (question: string): string => {
      const matches = [...question.matchAll(/[A-Za-z]+/gu)];
      const last = matches[matches.length - 1];
      if (last === undefined || last.index === undefined) {
        return question;
      }
      const word = last[0];
      const vowelIndex = word.slice(1).search(/[aeiouAEIOU]/u);
      if (vowelIndex < 0) {
        return question;
      }
      const at = vowelIndex + 1;
      const vowel = word.charAt(at);
      const stretched = `${word.slice(0, at + 1)}${vowel}${vowel}${word.slice(at + 1)}`;
      return `${question.slice(0, last.index)}${stretched}${question.slice(last.index + word.length)}`;
    },
  },
  {
    // G-dropping: "talking" -> "talkin", "during" -> "durin" (every lower-case -ing word of 6+ letters,
    // except a few words/places such as "string", "beijing"). Condition: such a word appears.
    name: "g-dropping-in-ing",
    apply: (question: string): string =>
      question.replace(/\b([a-z]{3,})ing\b/gu, (word: string, stem: string): string =>
        ING_EXCEPTIONS.has(word) ? word : `${stem}in`,
      ),
  },
  {
    // British sign-off "cheers" after the question.
    name: "trailing-cheers",
    apply: (question: string): string => appendAfterQuestion(question, "cheers"),
  },
  {
    // American Gen-Z "lowkey" in front of the question.
    name: "leading-lowkey",
    apply: (question: string): string => `lowkey ${softLowerFirst(question)}`,
  },
  {
    // Hesitation "uh" after the first "the": "sign the uh executive order".
    // Condition: the word "the" appears.
    name: "uh-after-the",
    apply: (question: string): string =>
      question.replace(/\b(the)\b(?= )/iu, (_match: string, article: string): string => `${article} uh`),
  },
  {
    // Skull emoji reaction after the question.
    name: "trailing-skull-emoji",
    apply: (question: string): string => `${question.trimEnd()} 💀`,
  },
  {
    // Whole question hidden in a Discord spoiler tag.
    name: "discord-spoiler",
    apply: (question: string): string => `||${question}||`,
  },
  {
    // Number-speak: "to" -> "2", "for" -> "4", "before" -> "b4" (every occurrence).
    // Condition: one of those words appears.
    name: "number-speak",
    apply: (question: string): string => replaceWords(question, NUMBER_SPEAK, false),
  },
  {
    // Chat abbreviations: govt, prez, &, w/, w/o, bc, pts, dept, info, intl, approx, vs
    // (every occurrence). Condition: one of the listed words appears.
    name: "news-chat-abbreviations",
    apply: (question: string): string => replaceWords(question, NEWS_ABBREVIATIONS, false),
  },
  {
    // Homophone mix-up on the first eligible word: to->too, their<->there, where->were,
    // whose->who's, than->then, its->it's, your->you're, whether->weather, affect->effect, lose->loose.
    // Condition: one of those words appears.
    name: "homophone-mixup",
    apply: (question: string): string => replaceWords(question, HOMOPHONES, true),
  },
  {
    // Typo in the longest word (first among equals, 5+ letters; its middle letter dropped),
    // then a "*correction" on a new line, like a follow-up Discord message.
    // Condition: a word of 5+ letters.
    name: "typo-then-star-correction",
    apply: (question: string): string => {
      let best: RegExpMatchArray | undefined;
      for (const match of question.matchAll(/[A-Za-z]+/gu)) {
        if (match[0].length >= 5 && (best === undefined || match[0].length > best[0].length)) {
          best = match;
        }
      }
      if (best === undefined || best.index === undefined) {
        return question;
      }
      const word = best[0];
      const middle = Math.floor(word.length / 2);
      const typo = `${word.slice(0, middle)}${word.slice(middle + 1)}`;
      return `${question.slice(0, best.index)}${typo}${question.slice(best.index + word.length)}\n*${word}`;
    },
  },
  {
    // Mocking alternating case: letters alternate lower/upper, starting lower ("wHo Is AnNa").
    name: "mocking-alternating-case",
    apply: (question: string): string => {
      let letterCount = 0;
      let result = "";
      for (const ch of question) {
        if (/\p{L}/u.test(ch)) {
          result = `${result}${letterCount % 2 === 0 ? ch.toLowerCase() : ch.toUpperCase()}`;
          letterCount += 1;
        } else {
          result = `${result}${ch}`;
        }
      }
      return result;
    },
  },
  {
    // Keyboard slip in the opening word from a fixed table of neighbour-key typos:
    // who->whi, how->hoe, when->whrn, why->wht, did->dis, is->ia, ...
    // Condition: the question starts with a word in the table.
    name: "fat-finger-first-word",
    apply: (question: string): string => {
      const word = firstWord(question);
      if (word === undefined || !question.startsWith(word)) {
        return question;
      }
      const typo = FAT_FINGER_FIRST_WORD.get(word.toLowerCase());
      if (typo === undefined) {
        return question;
      }
      return `${matchCase(word, typo)}${question.slice(word.length)}`;
    },
  },
  {
    // British spellings of American words: defence, centre, organisation, criticised, ...
    // Every occurrence. Condition: one of the listed words appears.
    name: "british-spellings",
    apply: (question: string): string => replaceWords(question, BRITISH_SPELLINGS, false),
  },
  {
    // Numbers flipped between forms: standalone digits 0-99 become words ("26" -> "twenty six"),
    // and number words become digits ("twenty-six" -> "26"); lone "one" is left alone.
    // Condition: such a number appears.
    name: "number-words-digits-flip",
    apply: (question: string): string =>
      question.replace(
        /(?<![\w.,:/-])\d{1,2}(?![\w]|[.,:/-]\d)|\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/giu,
        (match: string): string => {
          if (/^\d+$/u.test(match)) {
            return numberToWords(Number(match));
          }
          const value = wordsToNumber(match);
          return value === undefined ? match : String(value);
        },
      ),
  },
  {
    // Apologetic preface: "ik this is old news but ..."
    name: "ik-old-news-prefix",
    apply: (question: string): string => `ik this is old news but ${softLowerFirst(question)}`,
  },
];
