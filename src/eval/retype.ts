import type { Library } from "../core/index.ts";
import type { ChatOutcome } from "./chat-eval.ts";
import { scoreChat } from "./chat-eval.ts";
import type { ChatQuestion } from "./chat-set.ts";
import { BLIND_RETYPINGS } from "./retypings-blind.ts";
import { FRESH_RETYPINGS } from "./retypings-fresh.ts";
import { SECOND_RETYPINGS } from "./retypings-second.ts";
import { THIRD_RETYPINGS } from "./retypings-third.ts";

/**
 * One way people retype a question in chat: an opener, a tail, stress on the question word, shouting,
 * a typo. Each is written for any question of any story, not for the set's own wording.
 */
export interface Retyping {
  readonly name: string;
  /** The question retyped, or the question itself where this way does not apply to it. */
  readonly apply: (question: string) => string;
}

const withoutEndMarks = (q: string) => q.replace(/[?!.]+\s*$/, "");
const YES_NO = /^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b/i;

/** Two letters swapped in the question's longest plain word of six letters or more. */
function swapTwoLetters(q: string): string {
  const words = q.split(" ");
  let at = -1;
  let longest = "";
  words.forEach((w, i) => {
    if (/^[a-z]{6,}$/.test(w) && w.length > longest.length) {
      at = i;
      longest = w;
    }
  });
  if (at < 0) return q;
  words[at] = `${longest.slice(0, 2)}${longest[3]}${longest[2]}${longest.slice(4)}`;
  return words.join(" ");
}

const TEXT_SPEAK: Readonly<Record<string, string>> = {
  are: "r",
  you: "u",
  your: "ur",
  people: "ppl",
  about: "abt",
  what: "wat",
  because: "cuz",
  government: "govt",
  please: "pls",
};

/** Common words in text-speak: "what are the cartels" as "wat r the cartels". */
function textSpeak(q: string): string {
  return q.replace(/\b[a-z]+\b/g, (w) => TEXT_SPEAK[w] ?? w);
}

const opener = (name: string, text: string): Retyping => ({ name, apply: (q) => `${text} ${q}` });
const tail = (name: string, text: string): Retyping => ({ name, apply: (q) => `${q} ${text}` });
const stress = (name: string, words: RegExp, text: string): Retyping => ({
  name,
  apply: (q) => q.replace(words, `$1 ${text}`),
});

export const RETYPINGS: readonly Retyping[] = [
  opener("'yo' first", "yo"),
  opener("'bro' first", "bro"),
  opener("'hey' first", "hey"),
  opener("'hi!' first", "hi!"),
  opener("'wait' first", "wait"),
  opener("'so' first", "so"),
  opener("'ok so' first", "ok so"),
  opener("'ok but' first", "ok but"),
  opener("'also' first", "also"),
  opener("'and' first", "and"),
  opener("'actually' first", "actually"),
  opener("'honestly' first", "honestly"),
  opener("'seriously' first", "seriously"),
  opener("'idk' first", "idk"),
  opener("'hmm' first", "hmm"),
  opener("'like' first", "like"),
  opener("'ngl' first", "ngl"),
  opener("'real quick,' first", "real quick,"),
  opener("'question:' first", "question:"),
  opener("'hey quick question:' first", "hey quick question:"),
  opener("an insult first", "stupid bot,"),
  opener("a mention first", "<@123456789012345678>"),
  opener("'@storydesk' first", "@storydesk"),
  opener("'pls' first", "pls"),
  opener("'anyone know' first", "anyone know"),
  opener("'can u tell me' first", "can u tell me"),
  opener("'do you know' first", "do you know"),
  opener("'i wanna know' first", "i wanna know"),
  opener("'tell me' first", "tell me"),
  tail("'lol' last", "lol"),
  tail("'pls' last", "pls"),
  tail("'thx' last", "thx"),
  tail("'lmao' last", "lmao"),
  tail("'srsly' last", "srsly"),
  tail("emoji last", "😂😂"),
  tail("'thanks in advance' last", "thanks in advance"),
  tail("a mention last", "<@123456789012345678>"),
  { name: "'?? asking for a friend' last", apply: (q) => `${withoutEndMarks(q)}?? asking for a friend` },
  { name: "'???' last", apply: (q) => `${withoutEndMarks(q)}???` },
  { name: "'?!!' last", apply: (q) => `${withoutEndMarks(q)}?!!` },
  {
    name: "', right?' after a yes-no question",
    apply: (q) => (YES_NO.test(q) ? `${withoutEndMarks(q)}, right?` : q),
  },
  {
    name: "'or nah' after a yes-no question",
    apply: (q) => (YES_NO.test(q) ? `${withoutEndMarks(q)} or nah` : q),
  },
  stress("'exactly' after the question word", /^(what|when|where|who|why|which)\b/i, "exactly"),
  stress("'the hell' after the question word", /^(what|where|who|why|how)\b/i, "the hell"),
  stress("'tf' after the question word", /^(why|who|where|how)\b/i, "tf"),
  tail("an insult last", ", idiot"),
  tail("'pls answer' last", "pls answer"),
  { name: "'...' last", apply: (q) => `${withoutEndMarks(q)}...` },
  { name: "a space before the '?'", apply: (q) => `${withoutEndMarks(q)} ?` },
  { name: "in bold (Discord markdown)", apply: (q) => `**${q}**` },
  { name: "quoted (Discord markdown)", apply: (q) => `> ${q}` },
  {
    name: "the first word drawn out ('whyyy')",
    apply: (q) => q.replace(/^([a-z]*[a-z])\b/, (w) => `${w}${(w.at(-1) as string).repeat(2)}`),
  },
  { name: "lowercase", apply: (q) => q.toLowerCase() },
  { name: "shouted in capitals", apply: (q) => q.toUpperCase() },
  { name: "first letter capitalised", apply: (q) => q.charAt(0).toUpperCase() + q.slice(1) },
  { name: "no punctuation or apostrophes", apply: (q) => q.replace(/[?!.,'’]/g, "") },
  { name: "two letters swapped", apply: swapTwoLetters },
  { name: "text-speak ('r', 'u', 'ur', 'ppl', 'abt', 'wat')", apply: textSpeak },
  {
    name: "no auxiliary after the question word ('when trump sign')",
    apply: (q) =>
      q.replace(
        /^(who|what|when|where|why|how many|how much)\s+(?:is|are|was|were|did|does|do)\s+(?=\S+\s+\S)/i,
        "$1 ",
      ),
  },
];

/**
 * Which list a way of retyping comes from: `first`, this file's own, and `second`, `third` and
 * `fresh`, each written by a helper after the fixes before it, were all fixed against, so their
 * figures measure those fixes; `blind`, written last by a helper who had seen neither the code nor
 * the others, is never tuned on.
 */
export const RETYPING_GROUPS = ["first", "second", "third", "fresh", "blind"] as const;
export type RetypingGroup = (typeof RETYPING_GROUPS)[number];

const ALL_RETYPINGS: ReadonlyArray<Retyping & { readonly group: RetypingGroup }> = [
  ...RETYPINGS.map((r) => ({ ...r, group: "first" as const })),
  ...SECOND_RETYPINGS.map((r) => ({ ...r, group: "second" as const })),
  ...THIRD_RETYPINGS.map((r) => ({ ...r, group: "third" as const })),
  ...FRESH_RETYPINGS.map((r) => ({ ...r, group: "fresh" as const })),
  ...BLIND_RETYPINGS.map((r) => ({ ...r, group: "blind" as const })),
];

/** Retyped questions asked, and those still right with the same outcome; of all, and of the answerable. */
export interface RetypedCount {
  readonly name: string;
  readonly group: RetypingGroup;
  readonly tried: number;
  readonly stillRight: number;
  readonly answerableTried: number;
  readonly answerableStillRight: number;
}

/** How the questions answered right fare retyped: per way of retyping, and the retyped questions that fail. */
export interface RetypedReport {
  readonly byRetyping: readonly RetypedCount[];
  readonly failures: ReadonlyArray<{
    readonly id: string;
    readonly retyping: string;
    readonly question: string;
    readonly outcome: string;
  }>;
}

/**
 * Asks each question answered right again, retyped each way, and counts how many stay right with the
 * same outcome: a bot that understands people must not lose an answer to "wait", "lol" or a swapped
 * pair of letters. The same outcome, since any garbling keeps a decline a decline; the answerable
 * questions are counted apart for the same reason.
 */
export async function retypeChat(
  library: Library,
  questions: readonly ChatQuestion[],
  outcomes: readonly ChatOutcome[],
): Promise<RetypedReport> {
  const right = new Map(outcomes.filter((o) => o.correct).map((o) => [o.id, o.outcome]));
  const counts = ALL_RETYPINGS.map((r) => ({
    name: r.name,
    group: r.group,
    tried: 0,
    stillRight: 0,
    answerableTried: 0,
    answerableStillRight: 0,
  }));
  const failures: Array<RetypedReport["failures"][number]> = [];
  for (const q of questions) {
    const original = right.get(q.id);
    // Another language retyped with English chat around it is no longer another language.
    if (original === undefined || q.expect === "language") continue;
    const answerable = q.expect === "answer" || q.expect === "partial";
    for (const [i, retyping] of ALL_RETYPINGS.entries()) {
      const count = counts[i];
      const question = retyping.apply(q.question);
      if (!count || question === q.question) continue;
      const outcome = scoreChat({ ...q, question }, await library.ask(question, { top: 10 }));
      const kept = outcome.correct && outcome.outcome === original;
      count.tried++;
      if (kept) count.stillRight++;
      if (answerable) count.answerableTried++;
      if (answerable && kept) count.answerableStillRight++;
      if (!kept) failures.push({ id: q.id, retyping: retyping.name, question, outcome: outcome.outcome });
    }
  }
  return { byRetyping: counts, failures };
}

/** Several counts added up, under one name: one way over several stories, or a whole list. */
export function sumCounts(
  name: string,
  group: RetypingGroup,
  counts: readonly (RetypedCount | undefined)[],
): RetypedCount {
  const sum = (key: "tried" | "stillRight" | "answerableTried" | "answerableStillRight") =>
    counts.reduce((n, c) => n + (c?.[key] ?? 0), 0);
  return {
    name,
    group,
    tried: sum("tried"),
    stillRight: sum("stillRight"),
    answerableTried: sum("answerableTried"),
    answerableStillRight: sum("answerableStillRight"),
  };
}

/** Several stories' reports as one. */
export function mergeRetyped(reports: readonly RetypedReport[]): RetypedReport {
  return {
    byRetyping: ALL_RETYPINGS.map((retyping, i) =>
      sumCounts(
        retyping.name,
        retyping.group,
        reports.map((r) => r.byRetyping[i]),
      ),
    ),
    failures: reports.flatMap((r) => r.failures),
  };
}
