import { idf } from "../search/bm25.ts";
import type { Hit, PassageIndex } from "../search/passage-index.ts";
import { TokenFlag } from "../search/postings.ts";
import { FeatureVector } from "./features.ts";
import type { PlannedQuery } from "./query-plan.ts";
import { SYNONYM_CREDIT, standInsOf } from "./stand-ins.ts";

/**
 * Second stage: the first stage's best candidates are re-ordered by a weighted sum of lexical
 * signals that BM25 ignores: where the question's words sit (one sentence, close together, in the
 * question's order), whether the passage holds the kind of thing asked for ("how many" → a number),
 * and how much of the question the title and the text cover. Weights are fitted on SQuAD's tuning
 * half (`npm run tune`), see model.ts.
 */

/** What kind of answer a question asks for, as token flags; 0 when it does not say. */
export function questionType(question: string): number {
  const q = question.toLowerCase();
  if (/\bhow (many|much)\b|\bwhat (percentage|number|amount)\b/.test(q)) return TokenFlag.number;
  if (/\b(when|what year|which year|what date|what century|what decade|what day|how long ago)\b/.test(q)) {
    return TokenFlag.time;
  }
  if (/\b(who|whom|whose|where|which (country|city|person|team|company))\b/.test(q)) return TokenFlag.name;
  return 0;
}

/** A question's words as term ids, for scanning passages. */
export interface CompiledQuery {
  /** term id -> the words it stands for, with the credit it earns each. */
  readonly credits: ReadonlyMap<number, ReadonlyArray<readonly [word: number, credit: number]>>;
  readonly weights: Float64Array;
  readonly totalWeight: number;
  /** 1 for the question words that name a thing (see QueryWord.name), 0 for the rest. */
  readonly names: Uint8Array;
  /** The question's own terms, in order, for phrase and bigram signals (-1 where the corpus lacks one). */
  readonly sequence: readonly number[];
  readonly type: number;
  /** Every term id searched, to tell question words from the rest of a sentence. */
  readonly searched: ReadonlySet<number>;
  /**
   * term id -> the question words it is a WordNet synonym of (words the corpus has, phrased another
   * way in the passage: "troops" where the question says "soldiers"), with the credit it earns.
   */
  readonly synonyms: ReadonlyMap<number, ReadonlyArray<readonly [word: number, credit: number]>>;
}

export function compileQuery(index: PassageIndex, plan: PlannedQuery, question: string): CompiledQuery {
  const credits = new Map<number, Array<readonly [number, number]>>();
  const weights = new Float64Array(plan.words.length);
  const names = new Uint8Array(plan.words.length);
  let totalWeight = 0;
  plan.words.forEach((word, w) => {
    weights[w] = word.weight;
    names[w] = word.name ? 1 : 0;
    totalWeight += word.weight;
    for (const [term, credit] of word.accepts) {
      const id = index.termId(term);
      if (id === undefined) continue;
      const list = credits.get(id) ?? [];
      list.push([w, credit]);
      credits.set(id, list);
    }
  });
  const searched = new Set<number>();
  for (const { term } of plan.search) {
    const id = index.termId(term);
    if (id !== undefined) searched.add(id);
  }
  const synonyms = new Map<number, Array<readonly [number, number]>>();
  plan.words.forEach((word, w) => {
    // A word the corpus lacks searches its synonyms already (see query-plan.ts).
    if (word.missing) return;
    for (const { term } of standInsOf(word.token.folded)) {
      const id = index.termId(term);
      if (id === undefined || word.accepts.has(term)) continue;
      const list = synonyms.get(id) ?? [];
      list.push([w, SYNONYM_CREDIT]);
      synonyms.set(id, list);
    }
  });
  return {
    credits,
    weights,
    totalWeight,
    names,
    sequence: plan.words.map((w) => index.termId(w.term) ?? -1),
    type: questionType(question),
    searched,
    synonyms,
  };
}

/** The signals of one sentence of a candidate, for choosing the answer sentence. */
export interface SentenceSignals {
  /** Share of the question's weight the sentence covers. */
  readonly coverage: number;
  /** The sentence holds a token of the kind the question asks for (and not from the question). */
  readonly answerType: number;
}

/** Signals of a candidate, and of each of its sentences. */
export interface CandidateSignals {
  readonly features: FeatureVector;
  /** Index of the sentence that covers most of the question. */
  readonly bestSentence: number;
  readonly sentences: readonly SentenceSignals[];
}

function longestRun(sequence: readonly number[], text: Uint32Array): { longest: number; bigrams: number } {
  let longest = 0;
  let bigrams = 0;
  const positions = new Map<number, number[]>();
  text.forEach((id, i) => {
    const list = positions.get(id);
    if (list) list.push(i);
    else positions.set(id, [i]);
  });
  for (let start = 0; start < sequence.length; start++) {
    const first = sequence[start] as number;
    for (const at of positions.get(first) ?? []) {
      let length = 1;
      while (start + length < sequence.length && text[at + length] === sequence[start + length]) length++;
      if (length > longest) longest = length;
    }
    const next = sequence[start + 1];
    if (next !== undefined && (positions.get(first) ?? []).some((at) => text[at + 1] === next)) bigrams++;
  }
  return { longest, bigrams };
}

/**
 * How rare each question word is among the passages of one article: the words that tell an
 * article's paragraphs apart, where the corpus-wide IDF favours words that name the article itself.
 */
function articleWeights(index: PassageIndex, query: CompiledQuery, article: number): ArticleWeights {
  const { first, end } = index.passagesOfArticle(article);
  const words = query.weights.length;
  const df = new Float64Array(words);
  const seen = new Int32Array(words).fill(-1);
  for (let p = first; p < end; p++) {
    for (const id of index.termsOf(p).text) {
      for (const [w] of query.credits.get(id) ?? []) {
        if (seen[w] !== p) {
          seen[w] = p;
          df[w] = (df[w] as number) + 1;
        }
      }
    }
  }
  for (const id of index.termsOf(first).title) {
    for (const [w] of query.credits.get(id) ?? []) df[w] = Math.max(df[w] as number, 0.5);
  }
  const n = end - first;
  let present = 0;
  for (let w = 0; w < words; w++) if ((df[w] as number) > 0) present += query.weights[w] as number;
  return {
    weights: df.map((d) => idf(n, d)),
    presence: query.totalWeight > 0 ? present / query.totalWeight : 0,
  };
}

/** Within-article weights of the question's words, and the share of the question the article holds. */
interface ArticleWeights {
  readonly weights: Float64Array;
  readonly presence: number;
}

/** Per-query cache of {@link articleWeights}, since several candidates share an article. */
export type ArticleWeightCache = Map<number, ArticleWeights>;

/** Where a candidate's words match the question's: the credit each question word earns, and where. */
interface Matches {
  /** Per question word: the best credit it earns in the text, in the title, by a synonym. */
  readonly inText: Float64Array;
  readonly inTitle: Float64Array;
  readonly bySynonym: Float64Array;
  /** Per sentence and question word (`sentence * words + word`): the best credit it earns there. */
  readonly inSentence: Float64Array;
  readonly sentenceCount: number;
  /** Each match as [token position, question word], in text order, for proximity. */
  readonly positions: ReadonlyArray<readonly [number, number]>;
}

function matchesOf(
  query: CompiledQuery,
  text: Uint32Array,
  title: Uint32Array,
  starts: Uint32Array,
): Matches {
  const words = query.weights.length;
  const inText = new Float64Array(words);
  const inTitle = new Float64Array(words);
  const bySynonym = new Float64Array(words);
  for (const id of title) {
    for (const [w, credit] of query.credits.get(id) ?? [])
      if (credit > (inTitle[w] as number)) inTitle[w] = credit;
  }
  const sentenceCount = Math.max(1, starts.length);
  const inSentence = new Float64Array(words * sentenceCount);
  const positions: Array<readonly [number, number]> = [];
  let sentence = 0;
  for (let i = 0; i < text.length; i++) {
    while (sentence + 1 < starts.length && i >= (starts[sentence + 1] as number)) sentence++;
    for (const [w, credit] of query.synonyms.get(text[i] as number) ?? []) {
      if (credit > (bySynonym[w] as number)) bySynonym[w] = credit;
    }
    const list = query.credits.get(text[i] as number);
    if (!list) continue;
    for (const [w, credit] of list) {
      if (credit > (inText[w] as number)) inText[w] = credit;
      const cell = sentence * words + w;
      if (credit > (inSentence[cell] as number)) inSentence[cell] = credit;
      positions.push([i, w]);
    }
  }
  return { inText, inTitle, bySynonym, inSentence, sentenceCount, positions };
}

/** Shares of the question's weight a candidate covers: anywhere, in its text, its title, and so on. */
function coveragesOf(query: CompiledQuery, m: Matches) {
  const total = query.totalWeight || 1;
  let coverage = 0;
  let textCoverage = 0;
  let titleCoverage = 0;
  let synonymCoverage = 0;
  let focusCovered = 0;
  let focusTotal = 0;
  for (let w = 0; w < query.weights.length; w++) {
    const weight = query.weights[w] as number;
    const text = m.inText[w] as number;
    const title = m.inTitle[w] as number;
    // The focus: the question's words other than names, which say what is asked of the things named.
    if (query.names[w] === 0) {
      focusTotal += weight;
      focusCovered += weight * text;
    }
    synonymCoverage += weight * Math.max(text, title, m.bySynonym[w] as number);
    textCoverage += weight * text;
    titleCoverage += weight * title;
    coverage += weight * Math.max(text, title);
  }
  return {
    coverage: coverage / total,
    textCoverage: textCoverage / total,
    titleCoverage: titleCoverage / total,
    synonymCoverage: synonymCoverage / total,
    focusCoverage: focusTotal > 0 ? focusCovered / focusTotal : 1,
  };
}

/** The question's weight each sentence covers (not yet divided by the total). */
function sentenceWeights(query: CompiledQuery, m: Matches): Float64Array {
  const words = query.weights.length;
  const covered = new Float64Array(m.sentenceCount);
  for (let s = 0; s < m.sentenceCount; s++) {
    for (let w = 0; w < words; w++) {
      covered[s] =
        (covered[s] as number) + (query.weights[w] as number) * (m.inSentence[s * words + w] as number);
    }
  }
  return covered;
}

/**
 * How close together the matched words sit: distinct words matched over the shortest stretch of
 * text holding each once; 0 with fewer than two.
 */
function proximityOf(positions: Matches["positions"]): number {
  const distinct = new Set(positions.map(([, w]) => w)).size;
  if (distinct < 2) return 0;
  const counts = new Map<number, number>();
  let have = 0;
  let left = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let right = 0; right < positions.length; right++) {
    const [, w] = positions[right] as readonly [number, number];
    counts.set(w, (counts.get(w) ?? 0) + 1);
    if (counts.get(w) === 1) have++;
    while (have === distinct) {
      const [startAt, lw] = positions[left] as readonly [number, number];
      const span = (positions[right] as readonly [number, number])[0] - startAt + 1;
      if (span < best) best = span;
      counts.set(lw, (counts.get(lw) ?? 0) - 1);
      if (counts.get(lw) === 0) have--;
      left++;
    }
  }
  // One token can stand for several words (an alias), so the stretch may be shorter than the count.
  return Math.min(1, distinct / best);
}

/** The share of the question's within-article weight the candidate covers (see articleWeights). */
function articleCoverageOf(query: CompiledQuery, article: ArticleWeights, m: Matches): number {
  let covered = 0;
  let total = 0;
  for (let w = 0; w < query.weights.length; w++) {
    const weight = (article.weights[w] as number) * (query.weights[w] as number);
    total += weight;
    covered += weight * (m.inText[w] as number);
  }
  return total > 0 ? covered / total : 0;
}

/**
 * 1 when a sentence holds a token of the kind the question asks for ("how many" → a number) that
 * is not one of the question's own words, else 0.
 */
function answerTypeIn(
  query: CompiledQuery,
  text: Uint32Array,
  flags: Uint8Array,
  starts: Uint32Array,
  s: number,
): number {
  if (query.type === 0) return 0;
  const from = (starts[s] as number | undefined) ?? 0;
  const to = (starts[s + 1] as number | undefined) ?? text.length;
  for (let i = from; i < to; i++) {
    if (((flags[i] as number) & query.type) !== 0 && !query.searched.has(text[i] as number)) return 1;
  }
  return 0;
}

/** Computes the signals of one candidate passage. */
export function signalsOf(
  index: PassageIndex,
  query: CompiledQuery,
  hit: Hit,
  rank: number,
  topScore: number,
  articleCache: ArticleWeightCache = new Map(),
): CandidateSignals {
  const { text, title } = index.termsOf(hit.index);
  const starts = index.sentenceStartsOf(hit.index);
  const flags = index.flagsOf(hit.index);
  const total = query.totalWeight || 1;
  const matches = matchesOf(query, text, title, starts);

  const bySentence = sentenceWeights(query, matches);
  let bestSentence = 0;
  bySentence.forEach((covered, s) => {
    if (covered > (bySentence[bestSentence] as number)) bestSentence = s;
  });
  const sentenceCoverage = (bySentence[bestSentence] as number) / total;
  const sentenceLength =
    ((starts[bestSentence + 1] as number | undefined) ?? text.length) -
    ((starts[bestSentence] as number | undefined) ?? 0);
  const sentences: SentenceSignals[] = Array.from(bySentence, (covered, s) => ({
    coverage: covered / total,
    answerType: answerTypeIn(query, text, flags, starts, s),
  }));

  const article = index.articleOf(hit.index);
  let articleStats = articleCache.get(article);
  if (!articleStats) {
    articleStats = articleWeights(index, query, article);
    articleCache.set(article, articleStats);
  }
  const { longest, bigrams } = longestRun(query.sequence, text);
  const pairs = Math.max(1, query.sequence.length - 1);

  const coverages = coveragesOf(query, matches);
  const features = new FeatureVector();
  features.set("bm25", topScore > 0 ? hit.score / topScore : 0);
  features.set("coverage", coverages.coverage);
  features.set("textCoverage", coverages.textCoverage);
  features.set("titleCoverage", coverages.titleCoverage);
  features.set("sentenceCoverage", sentenceCoverage);
  features.set("proximity", proximityOf(matches.positions));
  features.set("phrase", longest > 1 ? (longest - 1) / pairs : 0);
  features.set("bigrams", bigrams / pairs);
  features.set("answerType", sentences[bestSentence]?.answerType ?? 0);
  features.set("firstStageRank", 1 / (1 + rank));
  features.set("articleCoverage", articleCoverageOf(query, articleStats, matches));
  // Coverage of the best sentence, over the square root of its length in units of 12 tokens.
  features.set("sentenceDensity", sentenceCoverage / Math.sqrt(Math.max(1, sentenceLength) / 12));
  features.set("articlePresence", articleStats.presence);
  features.set("synonymCoverage", coverages.synonymCoverage);
  features.set("focusCoverage", coverages.focusCoverage);
  // "recency" is set by the caller, which sees every candidate's date (see setRecency).
  return { features, bestSentence, sentences };
}

/**
 * Sets each candidate's recency: 1 for the newest article among them, 0 for the oldest, in between
 * by date. A story develops; where passages compete, the latest reporting usually holds the figure
 * asked for.
 */
export function setRecency(
  candidates: ReadonlyArray<{ readonly hit: Hit; readonly signals: CandidateSignals }>,
): void {
  const times = candidates.map((c) => Date.parse(c.hit.passage.citation.published));
  const known = times.filter((t) => !Number.isNaN(t));
  if (known.length < 2) return;
  const oldest = Math.min(...known);
  const span = Math.max(...known) - oldest;
  if (span <= 0) return;
  candidates.forEach((c, i) => {
    const t = times[i] as number;
    c.signals.features.set("recency", Number.isNaN(t) ? 0 : (t - oldest) / span);
  });
}
