/**
 * Ways to retype a question that storydesk's chat reading was never fixed against: written at the end
 * of stop 19 by a helper who had seen neither the code nor the three earlier lists, kept as written
 * and not tuned on, so that `npm run eval -- --set chat --retyped` has a fair measure of reading chat.
 */
import type { Retyping } from "./retype.ts";

/** Split a question into its body and any trailing ?/!/. punctuation. */
function splitEnd(question: string): { readonly body: string; readonly end: string } {
  const match = /^(.*?)([?!.]*)\s*$/su.exec(question);
  if (match === null) {
    return { body: question, end: "" };
  }
  return { body: match[1] ?? question, end: match[2] ?? "" };
}

function prefix(text: string): (question: string) => string {
  return (question) => `${text}${question}`;
}

function suffix(text: string): (question: string) => string {
  return (question) => `${question}${text}`;
}

/** Keep the case pattern of the original word (lower, Capitalised, UPPER). */
function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) {
    return replacement.toUpperCase();
  }
  const first = original.charAt(0);
  if (first !== "" && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return `${replacement.charAt(0).toUpperCase()}${replacement.slice(1)}`;
  }
  return replacement;
}

/** Replace the first whole-word occurrence of any key in the map (case-insensitive). */
function replaceFirstWord(question: string, map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    return question;
  }
  const pattern = new RegExp(`\\b(${keys.join("|")})\\b`, "iu");
  return question.replace(pattern, (word: string) => {
    const replacement = map[word.toLowerCase()];
    return replacement === undefined ? word : matchCase(word, replacement);
  });
}

const QUESTION_WORD_TYPOS: Readonly<Record<string, string>> = {
  what: "waht",
  when: "wehn",
  where: "wehre",
  which: "whcih",
  who: "woh",
  how: "hwo",
  why: "wyh",
};

const AUXILIARY_TYPOS: Readonly<Record<string, string>> = {
  did: "dod",
  does: "doea",
  is: "si",
  was: "wss",
  are: "arw",
  were: "wete",
  has: "jas",
  have: "hace",
};

export const FRESH_RETYPINGS: readonly Retyping[] = [
  {
    name: "prefix-saw-a-tiktok",
    apply: prefix("saw a tiktok about this, "),
  },
  {
    name: "prefix-group-chat-arguing",
    apply: prefix("my group chat is arguing about this. "),
  },
  {
    name: "prefix-just-woke-up",
    apply: prefix("just woke up and everyone's talking about this. "),
  },
  {
    name: "prefix-flatmate-asked-me",
    apply: prefix("my flatmate asked me and i had no clue: "),
  },
  {
    name: "suffix-asking-for-my-gran",
    apply: suffix(" (asking for my gran)"),
  },
  {
    name: "prefix-hedge-not-sure-youd-know",
    apply: prefix("not sure if you'd know this but "),
  },
  {
    name: "prefix-was-just-wondering",
    apply: prefix("i was just wondering, "),
  },
  {
    name: "suffix-or-is-that-not-known-yet",
    apply: suffix(" or is that not known yet"),
  },
  {
    name: "suffix-im-so-confused",
    apply: suffix(" im so confused"),
  },
  {
    name: "suffix-this-whole-thing-is-wild",
    apply: suffix(" this whole thing is wild"),
  },
  {
    name: "mid-filler-like-after-second-word",
    apply: (question) => {
      const words = question.split(" ");
      if (words.length < 3) {
        return question;
      }
      const first = words.slice(0, 2).join(" ");
      const rest = words.slice(2).join(" ");
      return `${first}, like, ${rest}`;
    },
  },
  {
    name: "mid-even-after-who-what",
    apply: (question) =>
      question.replace(
        /^(\s*)(who|what)(\s+)(is|are|was|were)\b/iu,
        (_m: string, lead: string, wh: string, space: string, aux: string) =>
          `${lead}${wh}${space}even ${aux}`,
      ),
  },
  {
    name: "typo-question-word-transposed",
    apply: (question) => replaceFirstWord(question, QUESTION_WORD_TYPOS),
  },
  {
    name: "typo-auxiliary-keyboard",
    apply: (question) => replaceFirstWord(question, AUXILIARY_TYPOS),
  },
  {
    name: "typo-teh",
    apply: (question) => replaceFirstWord(question, { the: "teh" }),
  },
  {
    name: "prefix-oi",
    apply: prefix("oi "),
  },
  {
    name: "suffix-mate-before-punctuation",
    apply: (question) => {
      const { body, end } = splitEnd(question);
      return `${body} mate${end}`;
    },
  },
  {
    name: "suffix-canadian-eh",
    apply: (question) => {
      const { body } = splitEnd(question);
      return `${body}, eh?`;
    },
  },
  {
    name: "prefix-eyes-emoji",
    apply: prefix("👀 "),
  },
  {
    name: "suffix-emoticon-slash",
    apply: suffix(" :/"),
  },
  {
    name: "space-before-question-mark",
    apply: (question) => {
      const { body } = splitEnd(question);
      return `${body} ?`;
    },
  },
  {
    name: "question-mark-to-full-stop",
    apply: (question) => {
      const { body } = splitEnd(question);
      return `${body}.`;
    },
  },
  {
    name: "prefix-qq-abbreviation",
    apply: prefix("qq: "),
  },
  {
    name: "us-to-usa",
    apply: (question) =>
      question
        .replace(/\b(the)\s+us\b/giu, (_m: string, the: string) => `${the} usa`)
        .replace(/\bUS\b/gu, "USA"),
  },
  {
    name: "sentence-case-with-question-mark",
    apply: (question) => {
      const { body } = splitEnd(question.trim());
      const first = body.charAt(0);
      return `${first.toUpperCase()}${body.slice(1)}?`;
    },
  },
];
