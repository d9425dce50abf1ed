import { terms } from "../../text/analyze.ts";
import { PERSON_TITLES } from "../../text/lexicon/titles.ts";

const QUESTION_WORDS = "who|whom|whose|what|when|where|why|which|how";
const AUXILIARIES =
  "is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must";

/** A sentence with its end punctuation, so that "?" tells questions from remarks. */
const SENTENCE = /[^?!;.]+(?:[?!;.]+|$)/g;
/** Where a second question starts: after "and", "plus", "&" or "+" ("what did the CoA decide + is veyra doing a buyback"). */
const COORDINATED = new RegExp(
  `\\s*,?\\s+(?:and|but|also|plus|&|\\+)\\s+(?:also\\s+)?(?=(?:${QUESTION_WORDS}|${AUXILIARIES})\\b)`,
  "i",
);
/** A question after "but": "ur useless but who chairs the inquiry". */
const BUT_QUESTION = new RegExp(`\\s,?\\s*but\\s+(?:also\\s+)?(?:${QUESTION_WORDS}|${AUXILIARIES})\\b`, "i");
/** Words a second sentence may start with before its question: "also is el chapo still alive". */
const LEADING_LINK = /^\s*(?:(?:and|also|plus|but|so|oh|ok|okay|then|btw)(?=[\s,]|$)[\s,]*)+/i;
const ASKS = new RegExp(`\\b(?:${QUESTION_WORDS})\\b|^\\s*(?:${AUXILIARIES})\\b|\\?\\s*$`, "i");

/** A bracketed aside: "(asking for my gran)". */
const ASIDE = /\s*\(([^()]*)\)/g;
/**
 * What tells a remark about the asker ("my flatmate asked me", "saw a tiktok about this") from the
 * question's topic put first ("the northeast cartel, is that one of them"), which stays in it.
 */
const ABOUT_THE_ASKER = /\b(?:i|i'm|im|me|my|we|our|about (?:this|it|that))\b/i;
/** A remark before a colon or comma that a question follows: "my flatmate asked me: who...". */
const LEAD_REMARK = new RegExp(`^([^:,]+)[:,]\\s+(?=(?:${QUESTION_WORDS}|${AUXILIARIES})\\b)`, "i");

/** Stands for a full stop that ends no sentence while the message is split, then is put back. */
const KEPT_DOT = "\u2024";
/**
 * Full stops that end no sentence: in initialisms ("U.S.", "e.g."), between digits ("3.5"), and
 * after an abbreviated title before a name ("Sen. Ortiz", "Dr. Kelly").
 */
const INITIALISM = /\b(?:\p{L}\.){2,}/gu;
const DECIMAL = /(?<=\d)\.(?=\d)/g;
const TITLE_DOT = new RegExp(
  `\\b(${[...PERSON_TITLES].filter((t) => t.length <= 4).join("|")})\\.(?=\\s+\\p{L})`,
  "giu",
);

function keepDots(text: string): string {
  return text
    .replace(INITIALISM, (m) => m.replaceAll(".", KEPT_DOT))
    .replace(DECIMAL, KEPT_DOT)
    .replace(TITLE_DOT, `$1${KEPT_DOT}`);
}

const restoreDots = (text: string) => text.replaceAll(KEPT_DOT, ".");

/**
 * Splits a message into the questions it asks ("who is Anna Kelly and what is her salary"), so that
 * one the articles cannot answer does not keep the other from its answer. A remark that asks nothing
 * ("f*** the cartels.") is context for the question after it, where "they" refers back to it; a part
 * without a word to search for ("... and when") stays with the part before it.
 */
export function splitClauses(text: string): Clause[] {
  const parts: Clause[] = [];
  let context = "";
  for (const match of keepDots(text).matchAll(SENTENCE)) {
    let sentence = restoreDots(match[0].trim()).replace(LEADING_LINK, "");
    if (sentence === "" || /^[?!;.\s]+$/.test(sentence)) continue;
    // "(asking for my gran)", "saw a tiktok about this, when did...": asides that ask nothing.
    sentence = sentence.replace(ASIDE, (aside: string, inner: string) => {
      // "(about troops)", "(picton lakeside)": the question's own topic, in brackets.
      if (ASKS.test(inner) || !ABOUT_THE_ASKER.test(inner)) return aside;
      context = `${context} ${inner.trim()}`.trim();
      return " ";
    });
    sentence = sentence.replace(/\s+/g, " ").trim();
    const lead = LEAD_REMARK.exec(sentence);
    if (lead && !ASKS.test(lead[1] as string) && ABOUT_THE_ASKER.test(lead[1] as string)) {
      context = `${context} ${(lead[1] as string).trim()}`.trim();
      sentence = sentence.slice(lead[0].length);
    }
    if (!ASKS.test(sentence)) {
      context = `${context} ${sentence.replace(/[?!;.]+$/, "")}`.trim();
      continue;
    }
    const body = sentence.replace(/[?!;.]+$/, "");
    const coordinated = body.split(COORDINATED);
    // "ur useless but who chairs the inquiry": a remark before "but" asks nothing either. (Before
    // "and" it is the question's topic: "the quake in western nepal and how many died".)
    if (coordinated.length > 1 && !ASKS.test(coordinated[0] as string) && BUT_QUESTION.test(body)) {
      context = `${context} ${coordinated.shift()?.trim()}`.trim();
    }
    coordinated.forEach((part, i) => {
      const trimmed = part.trim();
      if (trimmed === "") return;
      const last = parts.at(-1);
      if (i > 0 && terms(trimmed).length === 0 && last) {
        parts[parts.length - 1] = { ...last, question: `${last.question} and ${trimmed}` };
        return;
      }
      parts.push({ question: trimmed, context: i === 0 ? context : "" });
    });
    context = "";
  }
  const last = parts.at(-1);
  if (context !== "") {
    if (last) parts[parts.length - 1] = { ...last, context: `${last.context} ${context}`.trim() };
    else parts.push({ question: context, context: "" });
  }
  return parts.length > 0 ? parts : [{ question: text.trim(), context: "" }];
}

/** One question of a message, with the remarks around it that it may refer back to. */
export interface Clause {
  readonly question: string;
  /** Remarks that ask nothing ("f*** the cartels"), searched with the question. */
  readonly context: string;
}

/** Words by which a question refers back to a remark before it: "fuck the cartels. are they terrorists". */
const REFERS_BACK = /\b(?:it|its|they|them|their|this|that|these|those|he|him|his|she|her)\b/i;

/**
 * Whether a question leans on the remark around it for its topic: it refers back to it ("... my
 * cousin swears mexico agreed. is that true"), or is a word or two ("... docked 14 points but why",
 * "... extradited. true?"); or names its own ("my group chat is arguing about this. who is tom cotton").
 */
export function leansOnRemark(question: string): boolean {
  return REFERS_BACK.test(question) || terms(question).length <= 1;
}

/** The words a clause is searched by: the question and its context. */
export function clauseText(clause: Clause): string {
  return clause.context ? `${clause.question} ${clause.context}` : clause.question;
}
