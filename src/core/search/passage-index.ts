import SearchableMap from "minisearch/SearchableMap";
import type { Passage } from "../passages.ts";
import { analyze } from "../text/analyze.ts";
import type { IndexOptions } from "./index-options.ts";
import {
  buildPostings,
  PostingSearcher,
  type PostingsData,
  postingsData,
  type WeightedTerm,
} from "./postings.ts";

export type { WeightedTerm } from "./postings.ts";

/** A passage that matched a query. */
export interface Hit {
  /** Position of the passage in the library. */
  readonly index: number;
  readonly passage: Passage;
  /** BM25+ score, comparable within one query. */
  readonly score: number;
  /** Index terms of the query found in the passage (text or title). */
  readonly matched: ReadonlySet<string>;
}

/** What a snapshot stores of an index, besides the passages themselves. */
export interface PassageIndexData {
  readonly options: IndexOptions;
  readonly terms: readonly string[];
  readonly arrays: PostingArrays;
  /**
   * folded word -> occurrences, for spelling suggestions; or that record as JSON, as snapshots and
   * the build worker pass it on, parsed on the first misspelling (most questions never need it, and
   * parsing it took a tenth of a 10,000-article snapshot's load).
   */
  readonly words: Readonly<Record<string, number>> | string;
}

/** The typed arrays of the postings, by name. */
export type PostingArrays = Omit<PostingsData, "terms">;

/** Every typed array of the postings, with its type: what snapshots store and workers transfer. */
export const ARRAYS = {
  textOffsets: Uint32Array,
  textDocs: Uint32Array,
  textTfs: Uint16Array,
  titleOffsets: Uint32Array,
  titleArticles: Uint32Array,
  titleTfs: Uint16Array,
  articleStarts: Uint32Array,
  textLengths: Uint32Array,
  titleLengths: Uint32Array,
  passageFreq: Uint32Array,
  tokenStarts: Uint32Array,
  tokens: Uint32Array,
  sentenceIndex: Uint32Array,
  sentenceStarts: Uint32Array,
  passageWeights: Float64Array,
  tokenFlags: Uint8Array,
  titleTokenStarts: Uint32Array,
  titleTokens: Uint32Array,
} as const;

/**
 * The search index over a corpus's passages: BM25+ over storydesk's own postings (see postings.ts),
 * the frequencies that weigh question words, the term streams the re-ranker reads, and the word list
 * that spelling suggestions search (MiniSearch's radix tree).
 */
export class PassageIndex {
  private suggestions: SearchableMap<number> | undefined;
  private readonly searcher: PostingSearcher;

  private constructor(
    readonly passages: readonly Passage[],
    readonly options: IndexOptions,
    readonly postings: PostingsData,
    private words: Readonly<Record<string, number>> | string,
  ) {
    this.searcher = new PostingSearcher(postings, options);
  }

  static build(passages: readonly Passage[], options: IndexOptions): PassageIndex {
    const words: Record<string, number> = Object.create(null);
    const seenTitles = new Set<string>();
    for (const passage of passages) {
      const { title } = passage.citation;
      const text = seenTitles.has(title) ? passage.text : `${title}\n${passage.text}`;
      seenTitles.add(title);
      for (const token of analyze(text)) words[token.folded] = (words[token.folded] ?? 0) + 1;
    }
    return new PassageIndex(passages, options, buildPostings(passages, options), words);
  }

  static fromData(passages: readonly Passage[], data: PassageIndexData): PassageIndex {
    const words = data.words as unknown;
    const wordsOk =
      (typeof words === "object" && words !== null) ||
      (typeof words === "string" && words.startsWith("{") && words.endsWith("}"));
    if (!Array.isArray(data.terms) || !wordsOk || !data.arrays) {
      throw new Error("the index is incomplete");
    }
    for (const [name, Type] of Object.entries(ARRAYS)) {
      if (!(data.arrays[name as keyof typeof ARRAYS] instanceof Type))
        throw new Error(`the index has no ${name} ${Type.name}`);
    }
    const postings = postingsData(data.terms, data.arrays);
    if (
      postings.textLengths.length !== passages.length ||
      postings.textOffsets.length !== data.terms.length + 1 ||
      postings.titleTokenStarts.length !== postings.articleStarts.length
    ) {
      throw new Error(
        `the index holds ${postings.textLengths.length} passages, the snapshot ${passages.length}`,
      );
    }
    return new PassageIndex(passages, data.options, postings, data.words);
  }

  toData(): PassageIndexData {
    const { terms, ...arrays } = this.postings;
    return { options: this.options, terms, arrays, words: this.words };
  }

  get size(): number {
    return this.passages.length;
  }

  /** The id of an index term, or undefined when no passage holds it. */
  termId(term: string): number | undefined {
    return this.searcher.termIds.get(term);
  }

  /** Number of passages whose text or title contains `term`. */
  frequency(term: string): number {
    const id = this.termId(term);
    return id === undefined ? 0 : (this.postings.passageFreq[id] as number);
  }

  /** BM25 inverse document frequency; a term found nowhere gets the highest value. */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.frequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  articleOf(passage: number): number {
    return this.searcher.articleOf(passage);
  }

  /** The passages of an article: positions `first` to `end` (exclusive). */
  passagesOfArticle(article: number): { first: number; end: number } {
    const starts = this.postings.articleStarts;
    return { first: starts[article] as number, end: starts[article + 1] as number };
  }

  /**
   * The corpus word closest in spelling to `word` (folded), at most one edit away for short words and
   * two for long ones; `undefined` when none is close enough. Ties go to the more frequent word.
   */
  suggest(word: string): string | undefined {
    if (word.length < 4 || /\p{N}/u.test(word)) return undefined;
    // The radix tree is built on the first misspelling, not at start-up.
    this.suggestions ??= SearchableMap.fromObject(this.wordCounts());
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, [count, distance]] of this.suggestions.fuzzyGet(word, maxEdits)) {
      if (candidate === word) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  /** The word counts, parsed from JSON on first use; a damaged list means no suggestions, not an error. */
  private wordCounts(): Readonly<Record<string, number>> {
    if (typeof this.words === "string") {
      try {
        this.words = JSON.parse(this.words) as Record<string, number>;
      } catch {
        this.words = {};
      }
    }
    return this.words;
  }

  /** Term ids of a passage's text, in order, and of its article's title. */
  termsOf(passage: number): { text: Uint32Array; title: Uint32Array } {
    const { tokenStarts, tokens } = this.postings;
    return {
      text: tokens.subarray(tokenStarts[passage] as number, tokenStarts[passage + 1] as number),
      title: this.titleTerms(this.articleOf(passage)),
    };
  }

  /** Answer-kind flags of a passage's terms, parallel to its term list. */
  flagsOf(passage: number): Uint8Array {
    const { tokenStarts, tokenFlags } = this.postings;
    return tokenFlags.subarray(tokenStarts[passage] as number, tokenStarts[passage + 1] as number);
  }

  /** Sentence starts of a passage, as positions in its term list. */
  sentenceStartsOf(passage: number): Uint32Array {
    const { sentenceIndex, sentenceStarts } = this.postings;
    return sentenceStarts.subarray(sentenceIndex[passage] as number, sentenceIndex[passage + 1] as number);
  }

  private titleTerms(article: number): Uint32Array {
    const { titleTokenStarts, titleTokens } = this.postings;
    return titleTokens.subarray(titleTokenStarts[article] as number, titleTokenStarts[article + 1] as number);
  }

  /** Passages matching any of the terms, best first. */
  search(query: readonly WeightedTerm[], limit: number): Hit[] {
    if (query.length === 0) return [];
    const ids = new Map<number, string>();
    for (const { term } of query) {
      const id = this.termId(term);
      if (id !== undefined) ids.set(id, term);
    }
    return this.searcher.search(query, limit).map(({ passage, score }) => {
      const matched = new Set<string>();
      const { text, title } = this.termsOf(passage);
      for (const id of text) {
        const term = ids.get(id);
        if (term !== undefined) matched.add(term);
      }
      for (const id of title) {
        const term = ids.get(id);
        if (term !== undefined) matched.add(term);
      }
      return { index: passage, passage: this.passages[passage] as Passage, score, matched };
    });
  }
}
