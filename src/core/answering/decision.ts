import { sentences } from "../text/sentences.ts";
import { MAX_TOP } from "./answer-types.ts";
import { ABSTAIN_FEATURES, type AbstainFeature, type FeatureName } from "./features.ts";
import { model } from "./model.ts";
import type { PlannedQuery } from "./query-plan.ts";
import {
  type AskedDetail,
  asksForAge,
  asksForDuration,
  asksForMeasure,
  asksForMoney,
  checkDetail,
  countedNoun,
  type DetailCheck,
  holdsQuantity,
  hypotheticalUnanswered,
  saysNotGiven,
} from "./question/detail.ts";
import { normaliseQuestion } from "./question/normalise.ts";
import { type UnderstoodClause, understandQuestion } from "./question/understand.ts";
import {
  type AnswerContext,
  articleWords,
  type RankedCandidate,
  type RankedQuestion,
  rankClause,
} from "./ranking.ts";

/** Inputs of the abstention model for a candidate, in the order of ABSTAIN_FEATURES. */
export function abstentionFeatures(
  candidate: RankedCandidate,
  ranked: readonly RankedCandidate[],
  detail: DetailCheck,
  asked: AskedDetail,
): Record<AbstainFeature, number> {
  const { plan } = asked;
  const typed = isTyped(asked);
  const counting = asked.kind === "number";
  const feature = (name: FeatureName) => candidate.signals.features.get(name);
  const total = plan.words.reduce((sum, w) => sum + w.weight, 0) || 1;
  const unmatched = plan.words.filter((w) => w.unmatched).map((w) => w.weight);
  const missing = unmatched.reduce((sum, w) => sum + w, 0);
  const next = ranked.find((c) => c !== candidate);
  const articles = new Set(ranked.slice(0, 5).map((c) => c.hit.passage.citation.docId));
  return {
    coverage: feature("coverage"),
    textCoverage: feature("textCoverage"),
    sentenceCoverage: feature("sentenceCoverage"),
    missingShare: missing / total,
    // The question's weightiest missing word: "tariffs" in "What did Sheinbaum say about tariffs?".
    maxMissingShare: Math.max(0, ...unmatched) / total,
    // Words the corpus lacks, even where WordNet's synonyms stood in for them ("banana" by way of
    // "tree"), though not where a paraphrase group's word did ("chief" for "boss"): unless a number
    // is asked for, which a paraphrase counts more loosely ("pay" is not the CEO's salary).
    absentShare:
      plan.words
        .filter((w) => w.missing && (counting || !w.paraphrased))
        .reduce((sum, w) => sum + w.weight, 0) / total,
    // Title coverage alone told SQuAD's one-topic Wikipedia titles apart so well that any question
    // naming a person from a news headline was "answered"; it counts only when no weighty word is missing.
    titleIfComplete: feature("titleCoverage") * (1 - Math.max(0, ...unmatched) / total) ** 2,
    articlePresence: feature("articlePresence"),
    // How clearly the candidate stands out, and how scattered the best candidates are.
    margin: next ? candidate.score - next.score : 1,
    scatter: articles.size / Math.max(1, Math.min(5, ranked.length)),
    // The question's own words, names aside: a passage naming the same things answers nothing else.
    focus: feature("focusCoverage"),
    // The passage holds what was asked (the kind of answer, the things named), whether or not that binds.
    held: detail.holds ? 1 : 0,
    typed: typed ? 1 : 0,
    typedMissing: typed && !detail.holds ? 1 : 0,
  };
}

/** Probability, by the abstention model, that a candidate answers the question. */
export function answerConfidence(
  candidate: RankedCandidate,
  ranked: readonly RankedCandidate[],
  detail: DetailCheck,
  asked: AskedDetail,
): number {
  const x = abstentionFeatures(candidate, ranked, detail, asked);
  const { abstain } = model();
  let z: number = abstain.intercept;
  for (const name of ABSTAIN_FEATURES) z += abstain.coefficients[name] * x[name];
  return 1 / (1 + Math.exp(-z));
}

/** The model's own threshold, as a probability. */
export function defaultMinConfidence(): number {
  return 1 / (1 + Math.exp(-model().abstain.threshold));
}

/** What the answer decision reads of a question's best candidates: for fitting it (`npm run tune`). */
export interface CandidateDecision {
  readonly passageId: string;
  readonly docId: string;
  /** The question names the story's things, so that what it asks binds (see mayAnswer). */
  readonly named: boolean;
  readonly features: Record<AbstainFeature, number>;
  /** The candidate holds the kind of thing asked for (see checkDetail). */
  readonly holds: boolean;
  /** Not holding it keeps the candidate from answering. */
  readonly binding: boolean;
  /** The articles plainly lack what the question asks for (see askedThingAbsent): none answers. */
  readonly absent: boolean;
  readonly lacks?: DetailCheck["lacks"];
}

/** What a clause asks for, as the detail check reads it. */
function askedDetail(clause: UnderstoodClause, searched: PlannedQuery): AskedDetail {
  // A remark's words were searched for what the question may refer back to; they ask for nothing.
  const plan = searched.words.some((w) => w.remark)
    ? { ...searched, words: searched.words.filter((w) => !w.remark) }
    : searched;
  return {
    kind: clause.form.kind,
    ...(clause.form.speaker === undefined ? {} : { speaker: clause.form.speaker }),
    ...(clause.form.person ? { person: true } : {}),
    ...(clause.form.future ? { future: true } : {}),
    plan,
    ...countedNoun(clause.question, plan),
    ...(asksForMoney(clause.question) ? { money: true } : {}),
    ...(asksForDuration(clause.question) ? { duration: true } : {}),
    ...(asksForAge(clause.question) ? { age: true } : {}),
    ...(asksForMeasure(clause.question) ? { measure: true } : {}),
  };
}

function detailOf(context: AnswerContext, candidate: RankedCandidate, asked: AskedDetail): DetailCheck {
  const passage = candidate.hit.passage;
  return checkDetail(sentences(passage.text), passage.citation.title, asked, context.aliases, context.people);
}

/** Kinds of question whose answer is a thing the tagger can find: a person, a date, a number... */
const TYPED_KINDS: ReadonlySet<AskedDetail["kind"]> = new Set([
  "agent",
  "time",
  "place",
  "number",
  "reason",
  "statement",
  "identity",
]);

function isTyped(asked: AskedDetail): boolean {
  return TYPED_KINDS.has(asked.kind);
}

/** The question names things of the story (its entities.yaml): then what it asks of them binds. */
function namesTheStory(plan: PlannedQuery): boolean {
  return plan.words.some((w) => w.name && w.entity?.own === true);
}

/**
 * Whether a candidate may answer: sure enough, and holding what was asked. A question about the
 * story's named things binds: a passage lacking the kind of answer asked for, or one of the things
 * named, cannot answer it. Otherwise, where the tagger's misses would cost real answers (SQuAD's
 * "how many" answered by "three ACL tears"), the answer model weighs what the passage holds, and a
 * candidate below the best must hold it.
 */
function mayAnswer(
  confidence: number,
  threshold: number,
  detail: DetailCheck,
  rank: number,
  binds: boolean,
): boolean {
  if (confidence < threshold) return false;
  if (binds) return detail.holds || !detail.binding;
  return rank === 0 || detail.holds;
}

/**
 * Whether what a question asks binds every candidate: it names the story's things, or asks for a
 * person ("which judge"), whom the tagger finds reliably. A measure ("how big was the team") binds
 * only where the question names the story's things: SQuAD's measures are too often no figure beside
 * the thing measured.
 */
function binds(named: boolean, asked: AskedDetail): boolean {
  return named || asked.person === true;
}

/**
 * Whether the articles plainly lack the thing a clause asks for, so that no passage answers it:
 * - "what party is Bhandari from": no article uses the category asked for ("party"), so none names
 *   one of its kind;
 * - "how much fentanyl was seized, in kilos": the best passage holds no number at all, and a passage
 *   further down with some other number is no answer either. (A question naming the story's things
 *   already binds every candidate to hold the number.)
 * - "how many of the redundancies will be compulsory": the best passage says the detail was not
 *   given ("The company did not say how many..."), a detail of the kind asked for;
 * - "what would mexico do if troops came in anyway": the best passage says nothing of what may follow.
 */
function askedThingAbsent(
  context: AnswerContext,
  clause: UnderstoodClause,
  asked: AskedDetail,
  named: boolean,
  best: RankedCandidate | undefined,
): boolean {
  const { category } = clause.form;
  if (category !== undefined && asked.plan.words.some((w) => w.token.folded === category && w.missing))
    return true;
  if (best === undefined) return false;
  const parts = sentences(best.hit.passage.text);
  if (saysNotGiven(parts, asked)) return true;
  if (hypotheticalUnanswered(clause.question, parts)) return true;
  if (named || asked.kind !== "number") return false;
  return !holdsQuantity(parts, clause.question, context.aliases, context.people);
}

/** The first clause's best candidates, as the decision reads them. */
export function candidateDecisions(context: AnswerContext, question: string): CandidateDecision[] {
  const query = normaliseQuestion(question);
  const understood = understandQuestion(query, articleWords(context));
  const clause = understood.clauses[0] as UnderstoodClause;
  const ranked = rankClause(context, clause, understood.soft, query);
  const asked = askedDetail(clause, ranked.plan);
  const named = namesTheStory(ranked.plan);
  const absent = askedThingAbsent(context, clause, asked, named, ranked.ranked[0]);
  return ranked.ranked.slice(0, ANSWER_DEPTH).map((candidate) => {
    const detail = detailOf(context, candidate, asked);
    return {
      passageId: candidate.hit.passage.id,
      docId: candidate.hit.passage.citation.docId,
      named,
      features: abstentionFeatures(candidate, ranked.ranked, detail, asked),
      holds: detail.holds,
      binding: detail.binding,
      absent,
      ...(detail.lacks === undefined ? {} : { lacks: detail.lacks }),
    };
  });
}

/** One clause, answered or not. */
export interface ClauseAnswer {
  readonly ranked: RankedQuestion;
  readonly scored: ReadonlyArray<{ candidate: RankedCandidate; confidence: number; detail: DetailCheck }>;
  /** The candidates that answer, best first. */
  readonly answering: ReadonlyArray<{ candidate: RankedCandidate; confidence: number; detail: DetailCheck }>;
  /** The articles speak of what the clause asks about. */
  readonly topical: boolean;
  /** It asks whether something was designated, and the corpus's designations decided it. */
  readonly designation?: boolean;
}

/** How many of the best candidates may answer a clause: an answer further down is no answer. */
const ANSWER_DEPTH = 3;

/** Share of the question (by weight) a passage must cover for its topic to count as in the articles. */
const TOPICAL_COVERAGE = 0.5;

export function answerClause(
  context: AnswerContext,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  threshold: number,
): ClauseAnswer {
  const ranked = rankClause(context, clause, soft);
  const asked = askedDetail(clause, ranked.plan);
  const named = namesTheStory(ranked.plan);
  const scored = ranked.ranked.slice(0, MAX_TOP).map((candidate) => {
    const detail = detailOf(context, candidate, asked);
    return {
      candidate,
      detail,
      confidence: answerConfidence(candidate, ranked.ranked, detail, asked),
    };
  });
  const absent = askedThingAbsent(context, clause, asked, named, scored[0]?.candidate);
  const first = absent
    ? -1
    : scored.findIndex(
        (s, i) => i < ANSWER_DEPTH && mayAnswer(s.confidence, threshold, s.detail, i, binds(named, asked)),
      );
  // Further passages back the answer up when the model is as sure of them; the first must hold it.
  const answering =
    first < 0 ? [] : scored.filter((s, i) => i === first || (i > first && s.confidence >= threshold));
  const best = scored[0];
  const names = ranked.plan.words.filter((w) => w.name && !w.missing && w.entity?.own);
  const topical =
    best !== undefined &&
    (names.length > 0 || best.candidate.signals.features.get("textCoverage") >= TOPICAL_COVERAGE);
  return { ranked, scored, answering, topical };
}
