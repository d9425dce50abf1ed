import type { Passage } from "../corpus/passages.ts";
import { idf } from "./bm25.ts";
import type { IndexOptions } from "./index-options.ts";
import {
  buildPostings,
  PostingSearcher,
  type PostingsData,
  postingsData,
  type WeightedTerm,
} from "./postings.ts";
import { encodeWordCounts, Speller } from "./spelling.ts";

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
  /** The folded words and their occurrences, for spelling suggestions (see {@link encodeWordCounts}). */
  readonly words: string;
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
  private readonly searcher: PostingSearcher;
  private readonly speller: Speller;

  private constructor(
    readonly passages: readonly Passage[],
    readonly options: IndexOptions,
    readonly postings: PostingsData,
    words: string,
  ) {
    this.searcher = new PostingSearcher(postings, options);
    this.speller = new Speller(words);
  }

  static build(passages: readonly Passage[], options: IndexOptions): PassageIndex {
    const words = new Map<string, number>();
    const postings = buildPostings(passages, options, words);
    return new PassageIndex(passages, options, postings, encodeWordCounts(words));
  }

  static fromData(passages: readonly Passage[], data: PassageIndexData): PassageIndex {
    if (!Array.isArray(data.terms) || typeof data.words !== "string" || !data.arrays) {
      throw new Error("the index is incomplete");
    }
    for (const [name, Type] of Object.entries(ARRAYS)) {
      if (!(data.arrays[name as keyof typeof ARRAYS] instanceof Type))
        throw new Error(`the index has no ${name} ${Type.name}`);
    }
    const postings = postingsData(data.terms, data.arrays);
    if (
      postings.textLengths.length !== passages.length ||
      postings.textOffsets.length !== data.terms.length + 1
    ) {
      throw new Error(
        `the index holds ${postings.textLengths.length} passages, the snapshot ${passages.length}`,
      );
    }
    if (postings.titleTokenStarts.length !== postings.articleStarts.length) {
      throw new Error(
        `the index has title terms for ${postings.titleTokenStarts.length - 1} articles, passages for ${postings.articleStarts.length - 1}`,
      );
    }
    return new PassageIndex(passages, data.options, postings, data.words);
  }

  toData(): PassageIndexData {
    const { terms, ...arrays } = this.postings;
    return { options: this.options, terms, arrays, words: this.speller.list };
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
    return idf(this.passages.length, this.frequency(term));
  }

  articleOf(passage: number): number {
    return this.searcher.articleOf(passage);
  }

  /** The passages of an article: positions `first` to `end` (exclusive). */
  passagesOfArticle(article: number): { first: number; end: number } {
    const starts = this.postings.articleStarts;
    return { first: starts[article] as number, end: starts[article + 1] as number };
  }

  /** The corpus word closest in spelling to `word` (see {@link Speller.suggest}). */
  suggest(word: string, maxEdits?: number): string | undefined {
    return this.speller.suggest(word, maxEdits);
  }

  /** Whether some passage has this folded word exactly as written (see {@link Speller.has}). */
  hasWord(folded: string): boolean {
    return this.speller.has(folded);
  }

  /** Builds the spelling suggestions in the background (see {@link Speller.prepare}). */
  prepareSuggestions(signal?: AbortSignal): Promise<void> {
    return this.speller.prepare(signal);
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
