import type { Citation } from "./passages.ts";
import type { AliasTable } from "./search/aliases.ts";
import { ABSTAIN, CANDIDATES, RERANK_WEIGHTS, SENTENCE_WEIGHTS } from "./search/model.ts";
import type { Hit, PassageIndex } from "./search/passage-index.ts";
import { type Correction, type PlannedQuery, planQuery, type RelatedSearch } from "./search/query-plan.ts";
import {
  ABSTAIN_FEATURES,
  type ArticleWeightCache,
  type CandidateSignals,
  type CompiledQuery,
  compileQuery,
  FEATURES,
  signalsOf,
  weightedSum,
} from "./search/rerank.ts";
import { analyze } from "./text/analyze.ts";
import { sentences } from "./text/sentences.ts";

export type { Correction, RelatedSearch } from "./search/query-plan.ts";

/** Longest question accepted, in characters (Discord's option limit for /ask). */
export const MAX_QUESTION_CHARS = 300;
export const DEFAULT_TOP = 3;
export const MAX_TOP = 10;

/** A question that cannot be asked as given; the message says what to change. */
export class QuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuestionError";
  }
}

export interface AskOptions {
  /** How many passages to return, 1 to 10. Default 3. */
  readonly top?: number;
  /**
   * Override of the confidence a passage needs to count as an answer (0 to 1), for evaluation; by
   * default the abstention model's own threshold.
   */
  readonly minConfidence?: number;
}

/** A passage in an answer, with the reasons it was chosen. */
export interface AnswerPassage {
  readonly id: string;
  readonly text: string;
  /** Re-ranking score, comparable only within one answer. */
  readonly score: number;
  /** Share of the question's weight this passage covers, 0 to 1. */
  readonly coverage: number;
  /** The abstention model's probability that this passage answers the question, 0 to 1. */
  readonly confidence: number;
  readonly citation: Citation;
}

/** The sentence that best answers the question, with the question's words marked. */
export interface AnswerSentence {
  readonly text: string;
  /** `[start, end)` offsets into `text` of the words that match the question. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
  readonly passageId: string;
  readonly citation: Citation;
}

export interface Answer {
  readonly query: string;
  readonly answered: boolean;
  /** One sentence for the reader: what was found, or why nothing was. */
  readonly message: string;
  readonly answer: AnswerSentence | null;
  /** Passages that answer, best first. Empty when `answered` is false. */
  readonly passages: readonly AnswerPassage[];
  /** When nothing answers: the closest passages, to be shown as related, never as an answer. */
  readonly related: readonly AnswerPassage[];
  /** Words of the question that no article contains. */
  readonly missingTerms: readonly string[];
  /** Words the corpus does not contain, and the corpus word searched instead. */
  readonly didYouMean: readonly Correction[];
  /** Words the corpus does not contain, and their synonyms (WordNet) that it does, searched instead. */
  readonly relatedTerms: readonly RelatedSearch[];
  /** Entity names recognised in the question, whose other names were searched too. */
  readonly aliases: readonly string[];
}

/**
 * The question as it will be searched: control characters and runs of spaces collapsed.
 * @throws QuestionError when it is empty or over {@link MAX_QUESTION_CHARS} characters.
 */
export function normaliseQuestion(question: string): string {
  // Control characters carry no meaning in a question and would garble logs and replies.
  const cleaned = question
    .replace(/[\p{Cc}\p{Cf}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned.length === 0) {
    throw new QuestionError(
      'The question is empty: ask something about the story, for example "Who was designated?"',
    );
  }
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(
      `The question is ${cleaned.length} characters long; the limit is ${MAX_QUESTION_CHARS}. Please shorten it.`,
    );
  }
  return cleaned;
}

/** A first-stage candidate with its re-ranking signals and score. */
export interface RankedCandidate {
  readonly hit: Hit;
  readonly signals: CandidateSignals;
  readonly score: number;
}

/** A question planned and its candidates re-ranked, best first: what answers are made of. */
export interface RankedQuestion {
  readonly query: string;
  readonly plan: PlannedQuery;
  readonly compiled: CompiledQuery;
  readonly ranked: readonly RankedCandidate[];
}

/** Plans the question, retrieves first-stage candidates and re-ranks them. */
export function rankQuestion(index: PassageIndex, aliases: AliasTable, question: string): RankedQuestion {
  const query = normaliseQuestion(question);
  const plan = planQuery(index, aliases, query);
  const compiled = compileQuery(index, plan, query);
  const hits = index.search(plan.search, CANDIDATES);
  const topScore = hits[0]?.score ?? 0;
  const articleCache: ArticleWeightCache = new Map();
  const ranked = hits
    .map((hit, rank) => {
      const signals = signalsOf(index, compiled, hit, rank, topScore, articleCache);
      return { hit, signals, score: weightedSum(RERANK_WEIGHTS, signals.features) };
    })
    .sort((a, b) => b.score - a.score || a.hit.index - b.hit.index);
  return { query, plan, compiled, ranked };
}

/** Inputs of the abstention model for a candidate, in the order of ABSTAIN_FEATURES. */
export function abstentionFeatures(
  candidate: RankedCandidate,
  plan: PlannedQuery,
  ranked: readonly RankedCandidate[],
): Record<(typeof ABSTAIN_FEATURES)[number], number> {
  const f = candidate.signals.features;
  const feature = (name: (typeof FEATURES)[number]) => f[FEATURES.indexOf(name)] as number;
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
    // Words the corpus lacks, even where synonyms stood in for them ("banana" by way of "tree").
    absentShare: plan.words.filter((w) => w.missing).reduce((sum, w) => sum + w.weight, 0) / total,
    // Title coverage alone told SQuAD's one-topic Wikipedia titles apart so well that any question
    // naming a person from a news headline was "answered"; it counts only when no weighty word is missing.
    titleIfComplete: feature("titleCoverage") * (1 - Math.max(0, ...unmatched) / total) ** 2,
    articlePresence: feature("articlePresence"),
    // How clearly the candidate stands out, and how scattered the best candidates are.
    margin: next ? candidate.score - next.score : 1,
    scatter: articles.size / Math.max(1, Math.min(5, ranked.length)),
  };
}

/** Probability, by the abstention model, that a candidate answers the question. */
export function answerConfidence(
  candidate: RankedCandidate,
  plan: PlannedQuery,
  ranked: readonly RankedCandidate[],
): number {
  const x = abstentionFeatures(candidate, plan, ranked);
  let z: number = ABSTAIN.intercept;
  for (const name of ABSTAIN_FEATURES) z += ABSTAIN.coefficients[name] * x[name];
  return 1 / (1 + Math.exp(-z));
}

/** The model's own threshold, as a probability. */
export const DEFAULT_MIN_CONFIDENCE = 1 / (1 + Math.exp(-ABSTAIN.threshold));

function toAnswerPassage(candidate: RankedCandidate, confidence: number): AnswerPassage {
  const f = candidate.signals.features;
  return {
    id: candidate.hit.passage.id,
    text: candidate.hit.passage.text,
    score: Math.round(candidate.score * 1000) / 1000,
    coverage: Math.round((f[FEATURES.indexOf("coverage")] as number) * 1000) / 1000,
    confidence: Math.round(confidence * 1000) / 1000,
    citation: candidate.hit.passage.citation,
  };
}

/** The sentence of the best candidate that answers best, with the question's words marked. */
function bestSentence(
  candidate: RankedCandidate,
  compiled: CompiledQuery,
  index: PassageIndex,
): AnswerSentence {
  const passage = candidate.hit.passage;
  const parts = sentences(passage.text);
  let chosen = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  candidate.signals.sentences.forEach((s, i) => {
    const score =
      SENTENCE_WEIGHTS.coverage * s.coverage +
      SENTENCE_WEIGHTS.answerType * s.answerType +
      (i === 0 ? SENTENCE_WEIGHTS.first : 0);
    if (score > bestScore) {
      bestScore = score;
      chosen = i;
    }
  });
  const sentence = parts[chosen] ?? parts[0];
  if (!sentence)
    return { text: passage.text, highlights: [], passageId: passage.id, citation: passage.citation };
  const highlights = analyze(sentence.text)
    .filter((t) => t.term !== null && compiled.searched.has(index.termId(t.term) ?? -1))
    .map((t) => [t.start, t.end] as const);
  return { text: sentence.text, highlights, passageId: passage.id, citation: passage.citation };
}

/**
 * Answers a question from the index: the passages that answer it, the sentence that answers best, and
 * what the corpus lacks. Abstains (`answered: false`) when the abstention model says the best
 * passage does not answer.
 */
export function answerQuestion(
  index: PassageIndex,
  aliases: AliasTable,
  question: string,
  options: AskOptions = {},
): Answer {
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new QuestionError(`The number of passages must be a whole number from 1 to ${MAX_TOP}.`);
  }
  const { query, plan, compiled, ranked } = rankQuestion(index, aliases, question);
  const threshold = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const missingTerms = [...new Set(plan.words.filter((w) => w.missing).map((w) => w.token.surface))];
  const scored = ranked
    .slice(0, MAX_TOP)
    .map((c) => ({ candidate: c, confidence: answerConfidence(c, plan, ranked) }));
  const answering = scored.filter((s) => s.confidence >= threshold).slice(0, top);
  const best = scored[0];
  const answered = best !== undefined && answering[0] === best;
  const base = {
    query,
    missingTerms,
    didYouMean: plan.corrections,
    relatedTerms: plan.related,
    aliases: plan.aliases,
  };
  if (!answered) {
    return {
      ...base,
      answered: false,
      message:
        plan.words.length === 0
          ? "The question has no words to search for: name a person, place or event from the story."
          : "The articles don't cover this.",
      answer: null,
      passages: [],
      related: scored.slice(0, top).map((s) => toAnswerPassage(s.candidate, s.confidence)),
    };
  }
  return {
    ...base,
    answered: true,
    message: `Found in ${answering.length} passage${answering.length === 1 ? "" : "s"}.`,
    answer: bestSentence(best.candidate, compiled, index),
    passages: answering.map((s) => toAnswerPassage(s.candidate, s.confidence)),
    related: [],
  };
}
