import { REPORTING_WORDS } from "../lexicon/reporting.ts";
import type { AliasTable } from "../search/aliases.ts";
import type { PlannedQuery, QueryWord } from "../search/query-plan.ts";
import { analyze, type Token } from "../text/analyze.ts";
import type { Sentence } from "../text/sentences.ts";
import type { AnswerKind } from "./answer-kind.ts";
import { type PersonNames, type SpanKind, type TaggedSpan, tagSentence } from "./tagger.ts";

/** The things that answer each kind of question. */
const ANSWERED_BY: Partial<Record<AnswerKind, ReadonlySet<SpanKind>>> = {
  agent: new Set(["person", "organisation", "name", "place"]),
  time: new Set(["time"]),
  place: new Set(["place"]),
  number: new Set(["number"]),
  reason: new Set(["reason"]),
  name: new Set(["person", "organisation", "place", "name"]),
};

/** Share of the question's own words (names aside) that the answer sentence must hold. */
const MIN_FOCUS = 0.5;
/** How far after a number its counted noun may stand: "26 top cartel figures". */
const COUNTED_WITHIN = 4;

/** Whether a passage holds what a question asks for, and where. */
export interface DetailCheck {
  /** The kind of answer asked for is in a sentence about what was asked (or no kind is asked for). */
  readonly holds: boolean;
  /** The sentence that holds it, by position in the passage; null when none does. */
  readonly sentence: number | null;
}

/** What the check needs to know of the question. */
export interface AskedDetail {
  readonly kind: AnswerKind;
  /** For a statement: who spoke, as the question words it. */
  readonly speaker?: string;
  readonly plan: PlannedQuery;
  /** "how many X": the words the counted noun X is matched by. */
  readonly counted: ReadonlySet<string> | null;
}

/** A question word names a thing (a person, an organisation, a place) rather than saying what is asked of it. */
export function isName(word: QueryWord): boolean {
  return word.entity !== undefined && word.entity.kind !== "term";
}

/**
 * The counted noun of "how many X" and the terms that stand for it: the last word of the phrase
 * after "how many" ("volunteers" in "how many red cross volunteers are working").
 */
export function countedNoun(question: string, plan: PlannedQuery): ReadonlySet<string> | null {
  const match = /\bhow many\s+(?:of\s+(?:the\s+)?)?(.*)$/iu.exec(question);
  if (!match) return null;
  const phrase: Token[] = [];
  for (const token of analyze(match[1] as string)) {
    if (token.term === null || phrase.length === 3) break;
    phrase.push(token);
  }
  const noun = phrase.at(-1);
  const word = plan.words.find((w) => w.token.folded === noun?.folded || w.token.term === noun?.term);
  return word && !word.unmatched ? new Set(word.accepts.keys()) : null;
}

/** Credit each question word earns in a sentence (its best matching term), by the words' order in the plan. */
function creditsIn(tokens: readonly Token[], plan: PlannedQuery): Float64Array {
  const credits = new Float64Array(plan.words.length);
  const terms = new Set(tokens.map((t) => t.term).filter((t): t is string => t !== null));
  plan.words.forEach((word, w) => {
    for (const [term, credit] of word.accepts) {
      if (terms.has(term) && credit > (credits[w] as number)) credits[w] = credit;
    }
  });
  return credits;
}

/** A span answers only if it is not the question's own words ("Trump" does not answer "who is Trump"). */
function isNew(span: TaggedSpan, asked: ReadonlySet<string>): boolean {
  return span.terms.length === 0 || span.terms.some((t) => !asked.has(t));
}

function countedNear(span: TaggedSpan, tokens: readonly Token[], counted: ReadonlySet<string>): boolean {
  const at = tokens.findIndex((t) => t.start >= span.start);
  if (at < 0) return false;
  let seen = 0;
  for (let i = at + 1; i < tokens.length && seen < COUNTED_WITHIN; i++) {
    const term = tokens[i]?.term;
    if (term === null || term === undefined) continue;
    seen++;
    if (counted.has(term)) return true;
  }
  return false;
}

/**
 * Checks that a passage holds the kind of thing asked for (a person for "who", a date for "when", a
 * number for "how many"...) in a sentence that also holds what it is asked about: the question's own
 * words, names aside, since a passage that only names the same cartel does not say who leads it.
 */
export function checkDetail(
  sentences: readonly Sentence[],
  asked: AskedDetail,
  aliases: AliasTable,
  people: PersonNames,
): DetailCheck {
  const { plan } = asked;
  const bySentence = sentences.map((s) => analyze(s.text));
  if (!namesEveryThing(bySentence, plan)) return { holds: false, sentence: null };
  if (asked.kind === "identity") return identityCheck(bySentence, plan);
  if (asked.kind === "statement") return statementCheck(bySentence, asked);
  const wanted = ANSWERED_BY[asked.kind];
  if (!wanted) return { holds: focusShare(bySentence.flat(), plan) >= MIN_FOCUS, sentence: null };
  const focus = plan.words.map((w) => (isName(w) ? 0 : w.weight));
  const focusTotal = focus.reduce((a, b) => a + b, 0);
  const askedTerms = new Set(plan.words.flatMap((w) => [...w.accepts.keys()]));
  for (let s = 0; s < sentences.length; s++) {
    const text = (sentences[s] as Sentence).text;
    const tokens = bySentence[s] as Token[];
    if (focusTotal > 0) {
      const credits = creditsIn(tokens, plan);
      let covered = 0;
      credits.forEach((c, w) => {
        covered += c * (focus[w] as number);
      });
      if (covered / focusTotal < MIN_FOCUS) continue;
    }
    const found = tagSentence(text, aliases, people).some(
      (span) =>
        wanted.has(span.kind) &&
        isNew(span, askedTerms) &&
        (asked.kind !== "number" || asked.counted === null || countedNear(span, tokens, asked.counted)),
    );
    if (found) return { holds: true, sentence: s };
  }
  return { holds: false, sentence: null };
}

/** "Who is Anna Kelly": the passage must itself name her, not only its article's title. */
function identityCheck(bySentence: readonly Token[][], plan: PlannedQuery): DetailCheck {
  const wanted = plan.words.filter((w) => !w.unmatched);
  if (wanted.length === 0) return { holds: false, sentence: null };
  for (let s = 0; s < bySentence.length; s++) {
    const credits = creditsIn(bySentence[s] as Token[], plan);
    if (plan.words.every((w, i) => w.unmatched || (credits[i] as number) > 0)) return { holds: true, sentence: s };
  }
  return { holds: false, sentence: null };
}

/** Share of the question's own words (names aside), by weight, that some tokens hold. */
function focusShare(tokens: readonly Token[], plan: PlannedQuery, skip: (w: QueryWord) => boolean = isName): number {
  const credits = creditsIn(tokens, plan);
  let total = 0;
  let covered = 0;
  plan.words.forEach((w, i) => {
    if (skip(w)) return;
    total += w.weight;
    covered += w.weight * (credits[i] as number);
  });
  return total > 0 ? covered / total : 1;
}

/**
 * A question that names two or more things ("what did Anna Kelly say about Sheinbaum") is answered
 * only by a passage that itself names each of them: the article's title naming one is not enough.
 */
function namesEveryThing(bySentence: readonly Token[][], plan: PlannedQuery): boolean {
  const named = plan.words.filter((w) => isName(w) && !w.missing);
  if (new Set(named.map((w) => w.entity?.name)).size < 2) return true;
  const credits = creditsIn(bySentence.flat(), plan);
  return plan.words.every((w, i) => !named.includes(w) || (credits[i] as number) > 0);
}

/** Who a statement question asks about speaks in the passage: named with a reporting verb, or as "she" right after. */
function statementCheck(bySentence: readonly Token[][], asked: AskedDetail): DetailCheck {
  const { plan } = asked;
  const speakerTerms = new Set(analyze(asked.speaker ?? "").flatMap((t) => (t.term === null ? [] : [t.term])));
  const isSpeaker = (w: QueryWord) => speakerTerms.has(w.term) || speakerTerms.has(w.token.term ?? "");
  const speakers = plan.words.filter(isSpeaker);
  if (speakers.length === 0) return { holds: false, sentence: null };
  const about = focusShare(bySentence.flat(), plan, (w) => isSpeaker(w) || w.reporting);
  if (about < MIN_FOCUS) return { holds: false, sentence: null };
  const names = (tokens: readonly Token[]) => {
    const credits = creditsIn(tokens, plan);
    return plan.words.some((w, i) => isSpeaker(w) && (credits[i] as number) > 0);
  };
  for (let s = 0; s < bySentence.length; s++) {
    const tokens = bySentence[s] as Token[];
    if (!tokens.some((t) => REPORTING_WORDS.has(t.folded))) continue;
    if (names(tokens) || (s > 0 && names(bySentence[s - 1] as Token[]) && /^(?:she|he|they)$/i.test(tokens[0]?.folded ?? "")))
      return { holds: true, sentence: s };
  }
  return { holds: false, sentence: null };
}
