import MiniSearch, { type AsPlainObject, type SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { Passage } from "../passages.ts";
import { analyze, terms } from "../text/analyze.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "./index-options.ts";

interface IndexedFields {
  readonly id: number;
  readonly title: string;
  readonly text: string;
}

/** A term of a query with its weight: 1 for the user's own words, less for expansions. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** A passage that matched a query. */
export interface Hit {
  readonly passage: Passage;
  readonly score: number;
  /** Index terms of the query found in the passage (text or title). */
  readonly matched: ReadonlySet<string>;
}

/** What a snapshot stores of an index, besides the passages themselves. */
export interface PassageIndexData {
  readonly options: IndexOptions;
  readonly minisearch: AsPlainObject;
  /** term -> number of passages containing it in text or title. */
  readonly docFreq: Record<string, number>;
  /** folded word -> occurrences, for spelling suggestions. */
  readonly words: Record<string, number>;
}

function miniSearchOptions(options: IndexOptions) {
  return {
    fields: ["title", "text"],
    // Text is analysed by storydesk's own analyser, so MiniSearch receives final terms.
    tokenize: (text: string) => terms(text),
    processTerm: (term: string) => term,
    searchOptions: {
      boost: { title: options.titleBoost },
      bm25: { k: options.k, b: options.b, d: options.d },
      tokenize: (query: string) => query.split(" "),
      processTerm: (term: string) => term,
    },
  };
}

/**
 * The search index over a corpus's passages: BM25 through MiniSearch, plus the document frequencies
 * and word list that answers need to weigh matches and correct spelling.
 */
export class PassageIndex {
  readonly passages: readonly Passage[];
  readonly options: IndexOptions;
  private readonly mini: MiniSearch<IndexedFields>;
  private readonly docFreq: ReadonlyMap<string, number>;
  private readonly words: SearchableMap<number>;

  private constructor(
    passages: readonly Passage[],
    options: IndexOptions,
    mini: MiniSearch<IndexedFields>,
    docFreq: ReadonlyMap<string, number>,
    words: SearchableMap<number>,
  ) {
    this.passages = passages;
    this.options = options;
    this.mini = mini;
    this.docFreq = docFreq;
    this.words = words;
  }

  static build(passages: readonly Passage[], options: IndexOptions = DEFAULT_INDEX_OPTIONS): PassageIndex {
    const mini = new MiniSearch<IndexedFields>(miniSearchOptions(options));
    const docFreq = new Map<string, number>();
    const words = new SearchableMap<number>();
    const titleTokens = new Map<string, ReturnType<typeof analyze>>();
    passages.forEach((passage, id) => {
      const { title } = passage.citation;
      mini.add({ id, title, text: passage.text });
      let titleAnalysis = titleTokens.get(title);
      if (!titleAnalysis) {
        titleAnalysis = analyze(title);
        titleTokens.set(title, titleAnalysis);
      }
      const seen = new Set<string>();
      for (const token of [...analyze(passage.text), ...titleAnalysis]) {
        words.set(token.folded, (words.get(token.folded) ?? 0) + 1);
        if (token.term !== null) seen.add(token.term);
      }
      for (const term of seen) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
    });
    return new PassageIndex(passages, options, mini, docFreq, words);
  }

  static fromData(passages: readonly Passage[], data: PassageIndexData): PassageIndex {
    const mini = MiniSearch.loadJS<IndexedFields>(data.minisearch, miniSearchOptions(data.options));
    if (mini.documentCount !== passages.length) {
      throw new Error(
        `MiniSearch index holds ${mini.documentCount} passages, the snapshot ${passages.length}`,
      );
    }
    return new PassageIndex(
      passages,
      data.options,
      mini,
      new Map(Object.entries(data.docFreq)),
      SearchableMap.fromObject(data.words),
    );
  }

  toData(): PassageIndexData {
    return {
      options: this.options,
      minisearch: this.mini.toJSON(),
      docFreq: Object.fromEntries(this.docFreq),
      words: Object.fromEntries(this.words),
    };
  }

  get size(): number {
    return this.passages.length;
  }

  /** Number of passages whose text or title contains `term`. */
  frequency(term: string): number {
    return this.docFreq.get(term) ?? 0;
  }

  /** BM25 inverse document frequency; a term found nowhere gets the highest value. */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.frequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The corpus word closest in spelling to `word` (folded), at most one edit away for short words and
   * two for long ones; `undefined` when none is close enough. Ties go to the more frequent word.
   */
  suggest(word: string): string | undefined {
    if (word.length < 4 || /\p{N}/u.test(word)) return undefined;
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, [count, distance]] of this.words.fuzzyGet(word, maxEdits)) {
      if (candidate === word) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  /** Passages matching any of the terms, best first. */
  search(query: readonly WeightedTerm[], limit: number): Hit[] {
    if (query.length === 0) return [];
    const weights = new Map(query.map((t) => [t.term, t.weight]));
    const kindWeight = {
      paragraph: 1,
      "key-point": this.options.keyPointWeight,
      source: this.options.sourceWeight,
    };
    const results: SearchResult[] = this.mini.search(query.map((t) => t.term).join(" "), {
      boostTerm: (term) => weights.get(term) ?? 1,
      boostDocument: (id: number) => {
        const kind = this.passages[id]?.citation.kind;
        return kind === undefined ? 1 : kindWeight[kind];
      },
    });
    const hits: Hit[] = [];
    for (const result of results.slice(0, limit)) {
      const passage = this.passages[result.id as number];
      if (passage) hits.push({ passage, score: result.score, matched: new Set(result.terms) });
    }
    return hits;
  }
}
