import type { Citation, Passage } from "./passages.ts";
import type { AliasTable } from "./search/aliases.ts";
import type { Hit, PassageIndex, WeightedTerm } from "./search/passage-index.ts";
import { analyze, type Token } from "./text/analyze.ts";
import { sentences } from "./text/sentences.ts";
import { synonyms } from "./text/wordnet.ts";

/** Longest question accepted, in characters (Discord's option limit for /ask). */
export const MAX_QUESTION_CHARS = 300;
export const DEFAULT_TOP = 3;
export const MAX_TOP = 10;

/**
 * Share of the question's weight (IDF of its words) that the best passage must cover to count as an
 * answer. Chosen by measurement: see `npm run eval` and README "How answers are found".
 */
export const DEFAULT_MIN_COVERAGE = 0.5;

/** Weight of a term found through an alias relative to the user's own word. */
const ALIAS_WEIGHT = 0.6;
/** Weight of a spelling correction relative to a word spelled as in the corpus. */
const CORRECTION_WEIGHT = 0.8;
/**
 * Credit towards coverage of a WordNet synonym of a word the corpus lacks. Measured on SQuAD's tuning
 * half: 0.5 costs 0.2 points of abstention accuracy there while letting paraphrases ("troops" for
 * "military personnel") answer; broader terms (hypernyms) cost 1 to 4 points and were dropped.
 */
const SYNONYM_CREDIT = 0.5;
/** Search weight of a synonym. */
const SYNONYM_WEIGHT = 0.3;

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
  /** Override of the answer threshold, for evaluation. */
  readonly minCoverage?: number;
}

/** A passage in an answer, with the reasons it was chosen. */
export interface AnswerPassage {
  readonly id: string;
  readonly text: string;
  /** BM25 score, comparable only within one answer. */
  readonly score: number;
  /** Share of the question's weight this passage covers, 0 to 1. */
  readonly coverage: number;
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

export interface Correction {
  readonly term: string;
  readonly suggestion: string;
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

/** A word of the question and the ways a passage can match it. */
interface QueryWord {
  readonly token: Token;
  readonly term: string;
  /**
   * Terms that stand for this word in a passage, with the credit a match earns (1 for the word, its
   * correction or an alias of the entity it names; less for WordNet's related words).
   */
  readonly accepts: ReadonlyMap<string, number>;
  readonly weight: number;
  /** No article contains the word (nor a correction or alias of it). */
  readonly missing: boolean;
}

/** Corpus words searched in place of a question word the corpus lacks: its WordNet synonyms. */
export interface RelatedSearch {
  readonly term: string;
  readonly related: readonly string[];
}

interface PlannedQuery {
  readonly words: readonly QueryWord[];
  readonly search: readonly WeightedTerm[];
  readonly corrections: readonly Correction[];
  readonly related: readonly RelatedSearch[];
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

/** The corpus terms of WordNet's synonyms for a word the corpus lacks, and the words they come from. */
function synonymTerms(index: PassageIndex, word: string): { terms: Set<string>; words: string[] } {
  const terms = new Set<string>();
  const words: string[] = [];
  for (const phrase of synonyms(word)) {
    for (const token of analyze(phrase)) {
      if (token.term === null || index.frequency(token.term) === 0 || terms.has(token.term)) continue;
      terms.add(token.term);
      words.push(token.folded);
    }
  }
  return { terms, words };
}

function planQuery(index: PassageIndex, aliases: AliasTable, question: string): PlannedQuery {
  const tokens = analyze(question).filter((t): t is Token & { term: string } => t.term !== null);
  const corrections: Correction[] = [];
  const termsOf = tokens.map((token) => {
    if (index.frequency(token.term) > 0) return token.term;
    const suggestion = index.suggest(token.folded);
    if (suggestion === undefined) return token.term;
    const corrected = analyze(suggestion)[0]?.term;
    if (!corrected || index.frequency(corrected) === 0) return token.term;
    corrections.push({ term: token.surface, suggestion });
    return corrected;
  });
  const matches = aliases.find(termsOf);
  const search = new Map<string, number>();
  const add = (term: string, weight: number) => search.set(term, Math.max(search.get(term) ?? 0, weight));
  const related: RelatedSearch[] = [];

  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = termsOf[i] as string;
    const corrected = term !== token.term;
    add(term, corrected ? CORRECTION_WEIGHT : 1);
    if (seen.has(term)) return;
    seen.add(term);
    const accepts = new Map([[term, 1]]);
    for (const match of matches) {
      if (i < match.start || i >= match.start + match.length) continue;
      for (const alternative of match.alternatives) {
        for (const t of alternative) add(t, ALIAS_WEIGHT);
        const present = alternative.filter((t) => index.frequency(t) > 0);
        const rarest = present.sort((a, b) => index.frequency(a) - index.frequency(b))[0];
        if (rarest) accepts.set(rarest, 1);
      }
    }
    const known = [...accepts.keys()].filter((t) => index.frequency(t) > 0);
    if (known.length === 0) {
      const found = synonymTerms(index, token.folded);
      for (const t of found.terms) {
        accepts.set(t, SYNONYM_CREDIT);
        add(t, SYNONYM_WEIGHT);
      }
      if (found.words.length > 0) related.push({ term: token.surface, related: found.words });
    }
    const weight = known.length > 0 ? Math.max(...known.map((t) => index.idf(t))) : index.idf(term);
    words.push({
      token,
      term,
      accepts,
      weight: corrected ? weight * CORRECTION_WEIGHT : weight,
      missing: known.length === 0,
    });
  });
  return {
    words,
    search: [...search].map(([term, weight]) => ({ term, weight })),
    corrections,
    related,
    aliases: [...new Set(matches.map((m) => m.entity))],
  };
}

function coverageOf(words: readonly QueryWord[], matched: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const word of words) {
    total += word.weight;
    let credit = 0;
    for (const [term, value] of word.accepts) if (value > credit && matched.has(term)) credit = value;
    covered += word.weight * credit;
  }
  return total > 0 ? covered / total : 0;
}

function toAnswerPassage(hit: Hit, coverage: number): AnswerPassage {
  return {
    id: hit.passage.id,
    text: hit.passage.text,
    score: Math.round(hit.score * 1000) / 1000,
    coverage: Math.round(coverage * 1000) / 1000,
    citation: hit.passage.citation,
  };
}

/** The sentence of `passage` that covers most of the question's weight, with matches marked. */
function bestSentence(passage: Passage, plan: PlannedQuery): AnswerSentence {
  const searched = new Set(plan.search.map((t) => t.term));
  let best: AnswerSentence | undefined;
  let bestScore = -1;
  for (const sentence of sentences(passage.text)) {
    const tokens = analyze(sentence.text);
    const present = new Set(tokens.map((t) => t.term).filter((t): t is string => t !== null));
    const score = coverageOf(plan.words, present);
    if (score > bestScore) {
      bestScore = score;
      best = {
        text: sentence.text,
        highlights: tokens
          .filter((t) => t.term !== null && searched.has(t.term))
          .map((t) => [t.start, t.end] as const),
        passageId: passage.id,
        citation: passage.citation,
      };
    }
  }
  return best ?? { text: passage.text, highlights: [], passageId: passage.id, citation: passage.citation };
}

/**
 * Answers a question from the index: the passages that answer it, the sentence that answers best, and
 * what the corpus lacks. Abstains (`answered: false`) when no passage covers enough of the question.
 */
export function answerQuestion(
  index: PassageIndex,
  aliases: AliasTable,
  question: string,
  options: AskOptions = {},
): Answer {
  const query = normaliseQuestion(question);
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new QuestionError(`The number of passages must be a whole number from 1 to ${MAX_TOP}.`);
  }
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const plan = planQuery(index, aliases, query);
  const missingTerms = [...new Set(plan.words.filter((w) => w.missing).map((w) => w.token.surface))];
  const hits = index.search(plan.search, Math.max(top, 10));
  const scored = hits.map((hit) => ({ hit, coverage: coverageOf(plan.words, hit.matched) }));
  const answering = scored.filter((s) => s.coverage >= minCoverage).slice(0, top);
  const best = scored[0];
  const answered = best !== undefined && best.coverage >= minCoverage;
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
      related: scored.slice(0, top).map((s) => toAnswerPassage(s.hit, s.coverage)),
    };
  }
  return {
    ...base,
    answered: true,
    message: `Found in ${answering.length} passage${answering.length === 1 ? "" : "s"}.`,
    answer: bestSentence(best.hit.passage, plan),
    passages: answering.map((s) => toAnswerPassage(s.hit, s.coverage)),
    related: [],
  };
}
