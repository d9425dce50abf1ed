import type { Citation, Passage } from "../corpus/passages.ts";
import type { AliasTable } from "../search/aliases.ts";
import type { Hit, PassageIndex } from "../search/passage-index.ts";
import { analyze } from "../text/analyze.ts";
import { type Sentence, sentences } from "../text/sentences.ts";
import type { DesignatedOrganisation } from "./designations.ts";
import { model } from "./model.ts";
import {
  type Correction,
  type PlannedQuery,
  planQuery,
  type RelatedSearch,
  withVectorStandIns,
} from "./query-plan.ts";
import { type AskedDetail, checkDetail, countedNoun, type DetailCheck } from "./question/detail.ts";
import type { PersonNames } from "./question/tagger.ts";
import { type UnderstoodClause, type UnderstoodQuestion, understandQuestion } from "./question/understand.ts";
import {
  ABSTAIN_FEATURES,
  type ArticleWeightCache,
  type CandidateSignals,
  type CompiledQuery,
  compileQuery,
  FEATURES,
  setRecency,
  signalsOf,
  weightedSum,
} from "./rerank.ts";

export type { Correction, RelatedSearch } from "./query-plan.ts";

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

/**
 * What storydesk made of a question:
 * - `answered`: passages answer it (a question in two parts, one answered, is answered);
 * - `detail-missing`: the articles speak of what it asks about, but not the detail it asks for;
 * - `not-covered`: the articles do not speak of it;
 * - `small-talk`: no question ("hi", "thanks", "what can you do"): the help reply;
 * - `designations`: a request for the list of designated organisations;
 * - `sources`: a request for the articles and the sources they name;
 * - `other-language`: a question in a language the articles are not written in.
 */
export type AnswerOutcome =
  | "answered"
  | "detail-missing"
  | "not-covered"
  | "small-talk"
  | "designations"
  | "sources"
  | "other-language";

/** An article and the reports it names as its sources, for the `sources` outcome. */
export interface ArticleSources {
  readonly docId: string;
  readonly title: string;
  readonly url: string | null;
  readonly published: string;
  readonly outlet?: string;
  readonly sources: readonly string[];
}

export interface Answer {
  readonly query: string;
  readonly outcome: AnswerOutcome;
  /** Whether passages answer the question (true for `answered`, `designations` and `sources`). */
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
  /** Parts of a question in several parts that the articles don't answer, when another part is answered. */
  readonly unanswered: readonly string[];
  /** Words the corpus does not contain, and the corpus word searched instead. */
  readonly didYouMean: readonly Correction[];
  /** Words the corpus does not contain, and their synonyms (WordNet) that it does, searched instead. */
  readonly relatedTerms: readonly RelatedSearch[];
  /** Entity names recognised in the question, whose other names were searched too. */
  readonly aliases: readonly string[];
  /** `designations`: the organisations the articles say were designated. */
  readonly designations?: readonly DesignatedOrganisation[];
  /** `sources`: each article, and the reports it names. */
  readonly sources?: readonly ArticleSources[];
  /** `small-talk`: questions the articles answer, to show what can be asked. */
  readonly examples?: readonly string[];
  /** `other-language`: the language the question seems to be in, and the articles'. */
  readonly languages?: { readonly question: string; readonly articles: string };
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
  readonly clause: UnderstoodClause;
}

/** What answering needs of a library. */
export interface AnswerContext {
  readonly index: PassageIndex;
  readonly aliases: AliasTable;
  readonly designations: readonly DesignatedOrganisation[];
  /** Family names of the people the corpus names, so that "Sheinbaum" alone is a person. */
  readonly people: PersonNames;
  /** Questions the articles answer, for the help reply. */
  examples(): readonly string[];
  /** The language of a question when it is not the articles' (`undefined` when it is, or unknown). */
  foreignLanguage(question: string): { readonly question: string; readonly articles: string } | undefined;
}

/** First-stage candidates whose words are searched for stand-ins of the words no article uses. */
const VECTOR_CANDIDATES = 20;

/** The folded words of some passages (and their titles), each with its index term. */
function passageWords(hits: readonly Hit[]): Map<string, string> {
  const words = new Map<string, string>();
  const titles = new Set<string>();
  for (const hit of hits) {
    const texts = titles.has(hit.passage.citation.title)
      ? [hit.passage.text]
      : [hit.passage.text, hit.passage.citation.title];
    titles.add(hit.passage.citation.title);
    for (const text of texts)
      for (const token of analyze(text)) if (token.term !== null) words.set(token.folded, token.term);
  }
  return words;
}

/** Plans one clause, retrieves first-stage candidates and re-ranks them. */
export function rankClause(
  context: Pick<AnswerContext, "index" | "aliases">,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  query = clause.question,
): RankedQuestion {
  const { index, aliases } = context;
  const text = clause.context ? `${clause.question} ${clause.context}` : clause.question;
  let plan = planQuery(index, aliases, { text, soft, kindWords: clause.form.kindWords });
  const candidates = model().candidates;
  let hits = index.search(plan.search, candidates);
  if (plan.words.some((w) => w.missing)) {
    // Words the articles never use: the best candidates may say them another way.
    const augmented = withVectorStandIns(plan, passageWords(hits.slice(0, VECTOR_CANDIDATES)));
    if (augmented !== plan) {
      plan = augmented;
      hits = index.search(plan.search, candidates);
    }
  }
  const compiled = compileQuery(index, plan, clause.question);
  const topScore = hits[0]?.score ?? 0;
  const articleCache: ArticleWeightCache = new Map();
  const signalled = hits.map((hit, rank) => ({
    hit,
    signals: signalsOf(index, compiled, hit, rank, topScore, articleCache),
  }));
  setRecency(signalled);
  const ranked = signalled
    .map(({ hit, signals }) => ({ hit, signals, score: weightedSum(model().rerank, signals.features) }))
    .sort((a, b) => b.score - a.score || a.hit.index - b.hit.index);
  return { query, plan, compiled, ranked, clause };
}

/** Plans a question (its first clause), retrieves and re-ranks: for evaluation and tuning. */
export function rankQuestion(
  context: Pick<AnswerContext, "index" | "aliases">,
  question: string,
): RankedQuestion {
  const query = normaliseQuestion(question);
  const understood = understandQuestion(query);
  const clause = understood.clauses[0] as UnderstoodClause;
  return rankClause(context, clause, understood.soft, query);
}

/** Inputs of the abstention model for a candidate, in the order of ABSTAIN_FEATURES. */
export function abstentionFeatures(
  candidate: RankedCandidate,
  plan: PlannedQuery,
  ranked: readonly RankedCandidate[],
  detail: DetailCheck,
  typed: boolean,
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
  plan: PlannedQuery,
  ranked: readonly RankedCandidate[],
  detail: DetailCheck,
  typed: boolean,
): number {
  const x = abstentionFeatures(candidate, plan, ranked, detail, typed);
  const { abstain } = model();
  let z: number = abstain.intercept;
  for (const name of ABSTAIN_FEATURES) z += abstain.coefficients[name] * x[name];
  return 1 / (1 + Math.exp(-z));
}

/** The model's own threshold, as a probability. */
export function defaultMinConfidence(): number {
  return 1 / (1 + Math.exp(-model().abstain.threshold));
}

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

/** A passage cited as it is, outside a ranking (designations, sources). */
function citedPassage(passage: Passage): AnswerPassage {
  return {
    id: passage.id,
    text: passage.text,
    score: 0,
    coverage: 0,
    confidence: 1,
    citation: passage.citation,
  };
}

/** The sentence of the best candidate that answers best, with the question's words marked. */
function bestSentence(
  candidate: RankedCandidate,
  compiled: CompiledQuery,
  index: PassageIndex,
  parts: readonly Sentence[],
  holding: number | null,
): AnswerSentence {
  const passage = candidate.hit.passage;
  let chosen = holding ?? 0;
  if (holding === null) {
    let bestScore = Number.NEGATIVE_INFINITY;
    candidate.signals.sentences.forEach((s, i) => {
      const weights = model().sentence;
      const score =
        weights.coverage * s.coverage + weights.answerType * s.answerType + (i === 0 ? weights.first : 0);
      if (score > bestScore) {
        bestScore = score;
        chosen = i;
      }
    });
  }
  const sentence = parts[chosen] ?? parts[0];
  if (!sentence)
    return { text: passage.text, highlights: [], passageId: passage.id, citation: passage.citation };
  const highlights = analyze(sentence.text)
    .filter((t) => t.term !== null && compiled.searched.has(index.termId(t.term) ?? -1))
    .map((t) => [t.start, t.end] as const);
  return { text: sentence.text, highlights, passageId: passage.id, citation: passage.citation };
}

/** What the answer decision reads of a question's best candidates: for fitting it (`npm run tune`). */
export interface CandidateDecision {
  readonly passageId: string;
  readonly docId: string;
  /** The question names the story's things, so that what it asks binds (see mayAnswer). */
  readonly named: boolean;
  readonly features: Record<(typeof ABSTAIN_FEATURES)[number], number>;
  /** The candidate holds the kind of thing asked for (see checkDetail). */
  readonly holds: boolean;
  /** Not holding it keeps the candidate from answering. */
  readonly binding: boolean;
  readonly lacks?: DetailCheck["lacks"];
}

/** What a clause asks for, as the detail check reads it. */
function askedDetail(clause: UnderstoodClause, plan: PlannedQuery): AskedDetail {
  return {
    kind: clause.form.kind,
    ...(clause.form.speaker === undefined ? {} : { speaker: clause.form.speaker }),
    ...(clause.form.person ? { person: true } : {}),
    ...(clause.form.future ? { future: true } : {}),
    plan,
    ...countedNoun(clause.question, plan),
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
  named: boolean,
): boolean {
  if (confidence < threshold) return false;
  if (named) return detail.holds || !detail.binding;
  return rank === 0 || detail.holds;
}

/** The first clause's best candidates, as the decision reads them. */
export function candidateDecisions(context: AnswerContext, question: string): CandidateDecision[] {
  const query = normaliseQuestion(question);
  const understood = understandQuestion(query);
  const clause = understood.clauses[0] as UnderstoodClause;
  const ranked = rankClause(context, clause, understood.soft, query);
  const asked = askedDetail(clause, ranked.plan);
  const named = namesTheStory(ranked.plan);
  return ranked.ranked.slice(0, ANSWER_DEPTH).map((candidate) => {
    const detail = detailOf(context, candidate, asked);
    return {
      passageId: candidate.hit.passage.id,
      docId: candidate.hit.passage.citation.docId,
      named,
      features: abstentionFeatures(candidate, ranked.plan, ranked.ranked, detail, isTyped(asked)),
      holds: detail.holds,
      binding: detail.binding,
      ...(detail.lacks === undefined ? {} : { lacks: detail.lacks }),
    };
  });
}

/** One clause, answered or not. */
interface ClauseAnswer {
  readonly ranked: RankedQuestion;
  readonly scored: ReadonlyArray<{ candidate: RankedCandidate; confidence: number; detail: DetailCheck }>;
  /** The candidates that answer, best first. */
  readonly answering: ReadonlyArray<{ candidate: RankedCandidate; confidence: number; detail: DetailCheck }>;
  /** The articles speak of what the clause asks about. */
  readonly topical: boolean;
}

/** How many of the best candidates may answer a clause: an answer further down is no answer. */
const ANSWER_DEPTH = 3;
/** Share of the question (by weight) a passage must cover for its topic to count as in the articles. */
const TOPICAL_COVERAGE = 0.5;

function answerClause(
  context: AnswerContext,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  threshold: number,
): ClauseAnswer {
  const ranked = rankClause(context, clause, soft);
  const asked = askedDetail(clause, ranked.plan);
  const typed = isTyped(asked);
  const named = namesTheStory(ranked.plan);
  const scored = ranked.ranked.slice(0, MAX_TOP).map((candidate) => {
    const detail = detailOf(context, candidate, asked);
    return {
      candidate,
      detail,
      confidence: answerConfidence(candidate, ranked.plan, ranked.ranked, detail, typed),
    };
  });
  const first = scored.findIndex(
    (s, i) => i < ANSWER_DEPTH && mayAnswer(s.confidence, threshold, s.detail, i, named),
  );
  // Further passages back the answer up when the model is as sure of them; the first must hold it.
  const answering =
    first < 0 ? [] : scored.filter((s, i) => i === first || (i > first && s.confidence >= threshold));
  const best = scored[0];
  const names = ranked.plan.words.filter((w) => w.name && !w.missing && w.entity?.own);
  const topical =
    best !== undefined &&
    (names.length > 0 ||
      (best.candidate.signals.features[FEATURES.indexOf("textCoverage")] as number) >= TOPICAL_COVERAGE);
  return { ranked, scored, answering, topical };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The clause as the reader typed it, for "The articles don't answer ...". */
function quotedClause(clause: UnderstoodClause): string {
  const text = clause.question.replace(/[\s,]+$/, "");
  return `“${text.charAt(0).toUpperCase()}${text.slice(1)}?”`;
}

/** Answers made of the corpus's own lists rather than a passage search. */
function designationsAnswer(context: AnswerContext, query: string, base: AnswerBase): Answer {
  const organisations = context.designations;
  const seen = new Set<string>();
  const passages: AnswerPassage[] = [];
  for (const org of organisations) {
    for (const record of org.designations) {
      if (seen.has(record.passageId)) continue;
      seen.add(record.passageId);
      const passage = context.index.passages.find((p) => p.id === record.passageId);
      if (passage) passages.push(citedPassage(passage));
    }
  }
  return {
    ...base,
    query,
    outcome: "designations",
    answered: true,
    message: `The articles name ${plural(organisations.length, "organisation")} designated as terrorist organisations.`,
    answer: null,
    passages,
    designations: organisations,
  };
}

function sourcesAnswer(context: AnswerContext, query: string, base: AnswerBase): Answer {
  const byArticle = new Map<string, { article: ArticleSources; passages: Passage[] }>();
  for (const passage of context.index.passages) {
    const c = passage.citation;
    let entry = byArticle.get(c.docId);
    if (!entry) {
      entry = {
        article: {
          docId: c.docId,
          title: c.title,
          url: c.url,
          published: c.published,
          ...(c.outlet === undefined ? {} : { outlet: c.outlet }),
          sources: [],
        },
        passages: [],
      };
      byArticle.set(c.docId, entry);
    }
    if (c.kind === "source") {
      (entry.article.sources as string[]).push(passage.text);
      entry.passages.push(passage);
    }
  }
  const articles = [...byArticle.values()];
  const sourceCount = articles.reduce((n, a) => n + a.passages.length, 0);
  return {
    ...base,
    query,
    outcome: "sources",
    answered: true,
    message: `The answers come from ${plural(articles.length, "article")}${
      sourceCount > 0 ? `, which name ${plural(sourceCount, "source")} of their own` : ""
    }.`,
    answer: null,
    passages: articles.flatMap((a) => a.passages).map(citedPassage),
    sources: articles.map((a) => a.article),
  };
}

type AnswerBase = Omit<Answer, "query" | "outcome" | "answered" | "message" | "answer" | "passages">;

const EMPTY_BASE: AnswerBase = {
  related: [],
  missingTerms: [],
  unanswered: [],
  didYouMean: [],
  relatedTerms: [],
  aliases: [],
};

/** Words naming a list of designated organisations: "terrorist", "designated", "FTO", "blacklist". */
const DESIGNATION_WORDS = /\b(?:designat\w*|terror\w*|ftos?|blacklist\w*|sanction\w*)\b/i;
/** Asking for a list: "which", "what are", "list", "name the", "all the", "who is on". */
const LIST_WORDS =
  /\b(?:list|lists|listed|which|name (?:the|all)|all (?:the )?|every|what (?:are|were)|who(?:'s| is| are| was| were)? on|how many)\b/i;

/**
 * Whether a clause asks for the list of designated organisations ("which groups were designated",
 * "list the cartels", "who's on the terror list"), not about one of them or about the act itself.
 */
function asksForDesignations(context: AnswerContext, clause: UnderstoodClause, plan: PlannedQuery): boolean {
  if (context.designations.length === 0) return false;
  if (!["name", "agent", "open", "number"].includes(clause.form.kind)) return false;
  const text = clause.question;
  if (!LIST_WORDS.test(text)) return false;
  const names = new Set(context.designations.flatMap((o) => [o.name, ...o.aliases]));
  if (plan.words.some((w) => w.entity && names.has(w.entity.name))) return false;
  // The kind of thing designated, as the organisations' own names say it ("cartel", "collective").
  const heads = new Set(
    context.designations.flatMap((o) => [o.name, ...o.aliases].flatMap((n) => analyze(n).map((t) => t.term))),
  );
  const category = plan.words.some(
    (w) => heads.has(w.term) || /^(?:group|organ|org|gang|entit)/.test(w.term),
  );
  return DESIGNATION_WORDS.test(text)
    ? category || /\blist\b/i.test(text)
    : category && /\blist|name\b/i.test(text);
}

/**
 * Answers a question from the library: reads it as chat, splits it into the questions it asks,
 * answers each (passages that hold the kind of thing asked for, in a sentence about what was asked),
 * and says plainly when the articles don't.
 */
export function answerQuestion(context: AnswerContext, question: string, options: AskOptions = {}): Answer {
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new QuestionError(`The number of passages must be a whole number from 1 to ${MAX_TOP}.`);
  }
  const query = normaliseQuestion(question);
  const threshold = options.minConfidence ?? defaultMinConfidence();

  const languages = context.foreignLanguage(query);
  if (languages) {
    return {
      ...EMPTY_BASE,
      query,
      outcome: "other-language",
      answered: false,
      message: `The articles are in ${languages.articles}, and your question looks like ${languages.question}: please ask in ${languages.articles}.`,
      answer: null,
      passages: [],
      languages,
    };
  }
  const understood: UnderstoodQuestion = understandQuestion(query);
  if (understood.smallTalk) return smallTalkAnswer(context, query);
  if (understood.asksForSources) return sourcesAnswer(context, query, EMPTY_BASE);

  const clauses = understood.clauses.map((clause) => ({
    clause,
    result: answerClause(context, clause, understood.soft, threshold),
  }));
  const first = clauses[0];
  if (first && clauses.length === 1 && asksForDesignations(context, first.clause, first.result.ranked.plan)) {
    return designationsAnswer(context, query, EMPTY_BASE);
  }
  if (clauses.every((c) => c.result.ranked.plan.words.length === 0)) {
    return smallTalkAnswer(context, query);
  }

  const plans = clauses.map((c) => c.result.ranked.plan);
  const base: AnswerBase = {
    ...EMPTY_BASE,
    missingTerms: [
      ...new Set(plans.flatMap((p) => p.words.filter((w) => w.missing).map((w) => w.token.surface))),
    ],
    didYouMean: plans.flatMap((p) => p.corrections),
    relatedTerms: plans.flatMap((p) => p.related),
    aliases: [...new Set(plans.flatMap((p) => p.aliases))],
  };
  const answeredClauses = clauses.filter((c) => c.result.answering.length > 0);
  const lead = answeredClauses[0];
  if (!lead) {
    const result = (clauses.find((c) => c.result.topical) ?? first)?.result;
    const related = (result?.scored ?? [])
      .slice(0, top)
      .map((s) => toAnswerPassage(s.candidate, s.confidence));
    const topical = clauses.some((c) => c.result.topical);
    const asked = clauses.map((c) => quotedClause(c.clause)).join(" ");
    return {
      ...base,
      query,
      outcome: topical ? "detail-missing" : "not-covered",
      answered: false,
      message: topical
        ? `The articles don't answer ${asked} What they say about it is below.`
        : "The articles don't cover this.",
      answer: null,
      passages: [],
      related,
    };
  }
  // Passages of every answered part, each part's best first.
  const passages: AnswerPassage[] = [];
  const seen = new Set<string>();
  const depth = Math.max(...answeredClauses.map((c) => c.result.answering.length));
  for (let i = 0; i < depth && passages.length < top; i++) {
    for (const c of answeredClauses) {
      const s = c.result.answering[i];
      if (!s || seen.has(s.candidate.hit.passage.id) || passages.length >= top) continue;
      seen.add(s.candidate.hit.passage.id);
      passages.push(toAnswerPassage(s.candidate, s.confidence));
    }
  }
  const leading = lead.result.answering[0] as ClauseAnswer["answering"][number];
  const unanswered = clauses
    .filter((c) => c.result.answering.length === 0)
    .map((c) => quotedClause(c.clause));
  return {
    ...base,
    query,
    outcome: "answered",
    answered: true,
    message: `Found in ${plural(passages.length, "passage")}.`,
    answer: bestSentence(
      leading.candidate,
      lead.result.ranked.compiled,
      context.index,
      sentences(leading.candidate.hit.passage.text),
      leading.detail.sentence,
    ),
    passages,
    unanswered,
  };
}

function smallTalkAnswer(context: AnswerContext, query: string): Answer {
  const examples = context.examples();
  const documents = new Set(context.index.passages.map((p) => p.citation.docId)).size;
  const tries = examples.length > 0 ? ` For example: ${examples.map((e) => `“${e}”`).join(" or ")}` : "";
  return {
    ...EMPTY_BASE,
    query,
    outcome: "small-talk",
    answered: false,
    message: `Hi! I answer questions about the news story in ${plural(documents, "article")}, citing the passages each answer comes from.${tries}`,
    answer: null,
    passages: [],
    examples,
  };
}
