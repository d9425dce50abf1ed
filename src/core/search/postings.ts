import type { Passage } from "../corpus/passages.ts";
import { analyze } from "../text/analyze.ts";
import { sentences } from "../text/sentences.ts";
import { idf, termWeight } from "./bm25.ts";
import type { IndexOptions } from "./index-options.ts";

/**
 * storydesk's inverted index: flat posting arrays built from its own analysed terms, scored
 * term-at-a-time with MiniSearch's BM25+ (same formula, field boosts, document boosts and
 * coordination factor, so rankings agree with MiniSearch's; a test checks it). MiniSearch scores
 * and sorts every matching document through maps of objects; here a query walks typed arrays.
 *
 * Titles are indexed once per article, since every passage of an article shares its title.
 */
export interface PostingsData {
  /** Index terms; a term's id is its position. */
  readonly terms: readonly string[];
  /** Passage text postings: for term t, passages `textDocs[textOffsets[t] .. textOffsets[t+1])`. */
  readonly textOffsets: Uint32Array;
  readonly textDocs: Uint32Array;
  readonly textTfs: Uint16Array;
  /** Title postings over articles. */
  readonly titleOffsets: Uint32Array;
  readonly titleArticles: Uint32Array;
  readonly titleTfs: Uint16Array;
  /** Passages of article a are `articleStarts[a] .. articleStarts[a+1]`. */
  readonly articleStarts: Uint32Array;
  /** Distinct terms in each passage's text and each article's title: MiniSearch's field length. */
  readonly textLengths: Uint32Array;
  readonly titleLengths: Uint32Array;
  /** Passages whose text or title holds the term, for weighing question words. */
  readonly passageFreq: Uint32Array;
  /** Each passage's terms in order (stop words left out), for proximity and phrase features. */
  readonly tokenStarts: Uint32Array;
  readonly tokens: Uint32Array;
  /** Sentence starts, as positions in the passage's token list: passage p's are `sentenceStarts[sentenceIndex[p] .. sentenceIndex[p+1])`. */
  readonly sentenceIndex: Uint32Array;
  readonly sentenceStarts: Uint32Array;
  /** Relative weight of each passage (key points and sources weigh less than paragraphs). */
  readonly passageWeights: Float64Array;
  /** What kind of answer each token could be (see {@link TokenFlag}), parallel to `tokens`. */
  readonly tokenFlags: Uint8Array;
  /** Each article's title terms in order: article a's are `titleTokens[titleTokenStarts[a] .. titleTokenStarts[a+1])`. */
  readonly titleTokenStarts: Uint32Array;
  readonly titleTokens: Uint32Array;
}

/**
 * The postings as one object of a fixed shape, whatever built the arrays (an index build, a snapshot,
 * a worker's message). Objects of different shapes would throw the searcher's optimised code away at
 * every refresh: a copy by spread of a snapshot's arrays had a new shape each time, and the first
 * questions after each swap took 5-15 ms instead of 1.
 */
export function postingsData(terms: readonly string[], arrays: Omit<PostingsData, "terms">): PostingsData {
  return {
    terms,
    textOffsets: arrays.textOffsets,
    textDocs: arrays.textDocs,
    textTfs: arrays.textTfs,
    titleOffsets: arrays.titleOffsets,
    titleArticles: arrays.titleArticles,
    titleTfs: arrays.titleTfs,
    articleStarts: arrays.articleStarts,
    textLengths: arrays.textLengths,
    titleLengths: arrays.titleLengths,
    passageFreq: arrays.passageFreq,
    tokenStarts: arrays.tokenStarts,
    tokens: arrays.tokens,
    sentenceIndex: arrays.sentenceIndex,
    sentenceStarts: arrays.sentenceStarts,
    passageWeights: arrays.passageWeights,
    tokenFlags: arrays.tokenFlags,
    titleTokenStarts: arrays.titleTokenStarts,
    titleTokens: arrays.titleTokens,
  };
}

/** Kinds of answer a token can be, for matching a question's type ("how many" wants a number). */
export const TokenFlag = { number: 1, time: 2, name: 4 } as const;

const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty hundred thousand million billion trillion dozen half first second third fourth fifth percent".split(
    " ",
  ),
);
const TIME_WORDS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday century centuries decade decades".split(
    " ",
  ),
);

/** Flags of a word as written: a number, a time (year, month, weekday), a name (capitalised, not first in its sentence). */
export function tokenFlagsOf(surface: string, folded: string, firstInSentence: boolean): number {
  let flags = 0;
  if (/^\p{N}/u.test(surface) || NUMBER_WORDS.has(folded)) flags |= TokenFlag.number;
  if (/^(1[0-9]|20)\d\d$/.test(surface) || TIME_WORDS.has(folded)) flags |= TokenFlag.time;
  if (!firstInSentence && /^\p{Lu}/u.test(surface)) flags |= TokenFlag.name;
  return flags;
}

/** A passage found by the first stage, with its BM25+ score. */
export interface Candidate {
  readonly passage: number;
  readonly score: number;
}

/** A query term with its weight (1 for the user's words, less for expansions). */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

function kindWeight(passage: Passage, options: IndexOptions): number {
  const kind = passage.citation.kind;
  return kind === "key-point" ? options.keyPointWeight : kind === "source" ? options.sourceWeight : 1;
}

/** Grows a list of numbers, then hands it over as a typed array. */
class Growing {
  private buffer: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buffer = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }
  toArray(): Uint32Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Postings of one field as (term, owner, tf) triples, laid out by term. */
function layOut(
  termCount: number,
  triples: Growing,
  tfOf: Growing,
): { offsets: Uint32Array; owners: Uint32Array; tfs: Uint16Array } {
  const offsets = new Uint32Array(termCount + 1);
  const pairs = triples.toArray();
  const tfs = tfOf.toArray();
  for (let i = 0; i < pairs.length; i += 2) {
    const next = (pairs[i] as number) + 1;
    offsets[next] = (offsets[next] as number) + 1;
  }
  for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const fill = offsets.slice(0, termCount);
  const owners = new Uint32Array(pairs.length / 2);
  const freq = new Uint16Array(pairs.length / 2);
  for (let i = 0, j = 0; i < pairs.length; i += 2, j++) {
    const term = pairs[i] as number;
    const at = fill[term] as number;
    owners[at] = pairs[i + 1] as number;
    freq[at] = Math.min(tfs[j] as number, 65535);
    fill[term] = at + 1;
  }
  return { offsets, owners, tfs: freq };
}

/**
 * Builds the postings of passages (grouped by article, in order). When `words` is given, it also
 * counts every folded word there, stop words included, each distinct title once: the spelling
 * suggestions' word list, from the same analysis rather than a second pass over the corpus.
 */
export function buildPostings(
  passages: readonly Passage[],
  options: IndexOptions,
  words?: Map<string, number>,
): PostingsData {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      terms.push(term);
      termIds.set(term, id);
    }
    return id;
  };
  const textPairs = new Growing(1 << 16);
  const textTf = new Growing(1 << 15);
  const titlePairs = new Growing();
  const titleTf = new Growing();
  const tokens = new Growing(1 << 16);
  const flags: number[] = [];
  const sentenceStarts = new Growing();
  const tokenStarts = new Uint32Array(passages.length + 1);
  const sentenceIndex = new Uint32Array(passages.length + 1);
  const textLengths = new Uint32Array(passages.length);
  const passageWeights = new Float64Array(passages.length);
  const articleStartList: number[] = [];
  const titleLengthList: number[] = [];
  const titleTokens = new Growing();
  const titleTokenStartList: number[] = [];
  const countedTitles = new Set<string>();
  const countWord = (folded: string) => words?.set(folded, (words.get(folded) ?? 0) + 1);
  let lastDoc: string | undefined;
  let articleTitleTerms = new Set<number>();
  // Passage frequency counts text or title: a passage counts once per term.
  const passageFreqCounts = new Map<number, number>();

  passages.forEach((passage, p) => {
    const { docId, title } = passage.citation;
    if (docId !== lastDoc) {
      lastDoc = docId;
      const article = articleStartList.length;
      articleStartList.push(p);
      const counts = new Map<number, number>();
      let length = 0;
      titleTokenStartList.push(titleTokens.length);
      const countTitle = !countedTitles.has(title);
      countedTitles.add(title);
      for (const token of analyze(title)) {
        if (countTitle) countWord(token.folded);
        if (token.term === null) continue;
        const id = idOf(token.term);
        titleTokens.push(id);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      length = counts.size;
      for (const [id, tf] of counts) {
        titlePairs.push(id);
        titlePairs.push(article);
        titleTf.push(tf);
      }
      titleLengthList.push(length);
      articleTitleTerms = new Set(counts.keys());
    }
    passageWeights[p] = kindWeight(passage, options);
    tokenStarts[p] = tokens.length;
    sentenceIndex[p] = sentenceStarts.length;
    const counts = new Map<number, number>();
    const analysed = analyze(passage.text);
    const bounds = sentences(passage.text);
    let sentence = 0;
    let position = 0;
    let firstInSentence = true;
    for (const token of analysed) {
      while (
        sentence < bounds.length &&
        token.start >= (bounds[sentence]?.start ?? Number.POSITIVE_INFINITY)
      ) {
        sentenceStarts.push(position);
        sentence++;
        firstInSentence = true;
      }
      const first = firstInSentence;
      firstInSentence = false;
      countWord(token.folded);
      if (token.term === null) continue;
      const id = idOf(token.term);
      tokens.push(id);
      flags.push(tokenFlagsOf(token.surface, token.folded, first));
      counts.set(id, (counts.get(id) ?? 0) + 1);
      position++;
    }
    textLengths[p] = counts.size;
    for (const [id, tf] of counts) {
      textPairs.push(id);
      textPairs.push(p);
      textTf.push(tf);
    }
    for (const id of new Set([...counts.keys(), ...articleTitleTerms])) {
      passageFreqCounts.set(id, (passageFreqCounts.get(id) ?? 0) + 1);
    }
  });
  tokenStarts[passages.length] = tokens.length;
  sentenceIndex[passages.length] = sentenceStarts.length;
  const text = layOut(terms.length, textPairs, textTf);
  const title = layOut(terms.length, titlePairs, titleTf);
  const passageFreq = new Uint32Array(terms.length);
  for (const [id, count] of passageFreqCounts) passageFreq[id] = count;
  return postingsData(terms, {
    textOffsets: text.offsets,
    textDocs: text.owners,
    textTfs: text.tfs,
    titleOffsets: title.offsets,
    titleArticles: title.owners,
    titleTfs: title.tfs,
    articleStarts: Uint32Array.from([...articleStartList, passages.length]),
    textLengths,
    titleLengths: Uint32Array.from(titleLengthList),
    passageFreq,
    tokenStarts,
    tokens: tokens.toArray(),
    sentenceIndex,
    sentenceStarts: sentenceStarts.toArray(),
    passageWeights,
    tokenFlags: Uint8Array.from(flags),
    titleTokenStarts: Uint32Array.from([...titleTokenStartList, titleTokens.length]),
    titleTokens: titleTokens.toArray(),
  });
}

/** Searches postings with BM25+; keeps reusable buffers, so one instance serves one thread. */
export class PostingSearcher {
  readonly termIds: ReadonlyMap<string, number>;
  private readonly scores: Float64Array;
  private readonly matchedTerms: Uint16Array;
  private readonly lastTerm: Int32Array;
  private readonly passageArticle: Uint32Array;
  private readonly avgText: number;
  private readonly avgTitle: number;
  private readonly titlePassageFreq: Uint32Array;

  constructor(
    readonly data: PostingsData,
    readonly options: IndexOptions,
  ) {
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    const n = data.textLengths.length;
    this.scores = new Float64Array(n);
    this.matchedTerms = new Uint16Array(n);
    this.lastTerm = new Int32Array(n).fill(-1);
    this.passageArticle = new Uint32Array(n);
    const articles = data.titleLengths.length;
    let totalTitle = 0;
    for (let a = 0; a < articles; a++) {
      const start = data.articleStarts[a] as number;
      const end = data.articleStarts[a + 1] as number;
      this.passageArticle.fill(a, start, end);
      totalTitle += (data.titleLengths[a] as number) * (end - start);
    }
    let totalText = 0;
    for (const length of data.textLengths) totalText += length;
    this.avgText = n > 0 ? totalText / n : 0;
    this.avgTitle = n > 0 ? totalTitle / n : 0;
    // MiniSearch counts title matches per document (passage), not per article.
    this.titlePassageFreq = new Uint32Array(data.terms.length);
    for (let t = 0; t < data.terms.length; t++) {
      let count = 0;
      for (let i = data.titleOffsets[t] as number; i < (data.titleOffsets[t + 1] as number); i++) {
        const a = data.titleArticles[i] as number;
        count += (data.articleStarts[a + 1] as number) - (data.articleStarts[a] as number);
      }
      this.titlePassageFreq[t] = count;
    }
  }

  get size(): number {
    return this.data.textLengths.length;
  }

  articleOf(passage: number): number {
    return this.passageArticle[passage] as number;
  }

  /**
   * The `limit` best passages for the terms, best first, scored as MiniSearch would: the sum over
   * terms and fields of weight × field boost × passage weight × BM25+, times the number of distinct
   * query terms the passage matches.
   */
  search(query: readonly WeightedTerm[], limit: number): Candidate[] {
    const { data, options, scores, matchedTerms, lastTerm } = this;
    const total = this.size;
    const touched: number[] = [];
    const touch = (p: number, q: number, value: number) => {
      if (lastTerm[p] === -1) touched.push(p);
      if (lastTerm[p] !== q) {
        lastTerm[p] = q;
        matchedTerms[p] = (matchedTerms[p] as number) + 1;
      }
      scores[p] = (scores[p] as number) + value;
    };
    query.forEach(({ term, weight }, q) => {
      const t = this.termIds.get(term);
      if (t === undefined || weight <= 0) return;
      const textStart = data.textOffsets[t] as number;
      const textEnd = data.textOffsets[t + 1] as number;
      if (textEnd > textStart) {
        const rarity = idf(total, textEnd - textStart);
        for (let i = textStart; i < textEnd; i++) {
          const p = data.textDocs[i] as number;
          const tf = data.textTfs[i] as number;
          const bm25 = termWeight(tf, data.textLengths[p] as number, this.avgText, options);
          touch(p, q, weight * (data.passageWeights[p] as number) * rarity * bm25);
        }
      }
      const titleStart = data.titleOffsets[t] as number;
      const titleEnd = data.titleOffsets[t + 1] as number;
      if (titleEnd > titleStart) {
        const rarity = idf(total, this.titlePassageFreq[t] as number);
        for (let i = titleStart; i < titleEnd; i++) {
          const a = data.titleArticles[i] as number;
          const tf = data.titleTfs[i] as number;
          const bm25 = termWeight(tf, data.titleLengths[a] as number, this.avgTitle, options);
          const base = weight * options.titleBoost * rarity * bm25;
          for (let p = data.articleStarts[a] as number; p < (data.articleStarts[a + 1] as number); p++) {
            touch(p, q, base * (data.passageWeights[p] as number));
          }
        }
      }
    });
    // Keep the best `limit` (ties to the lower passage id), then reset the buffers for the next query.
    const best: Candidate[] = [];
    for (const p of touched) {
      const score = (scores[p] as number) * (matchedTerms[p] as number);
      scores[p] = 0;
      matchedTerms[p] = 0;
      lastTerm[p] = -1;
      if (best.length === limit && score <= (best[limit - 1]?.score ?? 0)) continue;
      let at = best.length;
      while (
        at > 0 &&
        ((best[at - 1] as Candidate).score < score ||
          ((best[at - 1] as Candidate).score === score && (best[at - 1] as Candidate).passage > p))
      )
        at--;
      best.splice(at, 0, { passage: p, score });
      if (best.length > limit) best.pop();
    }
    return best;
  }
}
