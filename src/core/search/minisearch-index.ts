import MiniSearch from "minisearch";
import type { Passage } from "../corpus/passages.ts";
import { terms } from "../text/analyze.ts";
import type { IndexOptions } from "./index-options.ts";
import type { WeightedTerm } from "./postings.ts";

interface IndexedFields {
  readonly id: number;
  readonly title: string;
  readonly text: string;
}

/**
 * The same passages, analysis and BM25+ settings in MiniSearch itself. storydesk answers from its
 * own postings (postings.ts); this index is the reference they must agree with, and the baseline
 * the benchmark measures them against.
 */
export class MiniSearchIndex {
  private readonly mini: MiniSearch<IndexedFields>;

  constructor(
    readonly passages: readonly Passage[],
    private readonly options: IndexOptions,
  ) {
    this.mini = new MiniSearch<IndexedFields>({
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
    });
    this.mini.addAll(passages.map((p, id) => ({ id, title: p.citation.title, text: p.text })));
  }

  /** Passages (by position) and scores, best first, exactly as MiniSearch ranks them. */
  search(query: readonly WeightedTerm[], limit: number): Array<{ passage: number; score: number }> {
    const weights = new Map(query.map((t) => [t.term, t.weight]));
    const kindWeight = {
      paragraph: 1,
      "key-point": this.options.keyPointWeight,
      source: this.options.sourceWeight,
    };
    return this.mini
      .search(query.map((t) => t.term).join(" "), {
        boostTerm: (term) => weights.get(term) ?? 1,
        boostDocument: (id: number) => {
          const kind = this.passages[id]?.citation.kind;
          return kind === undefined ? 1 : kindWeight[kind];
        },
      })
      .slice(0, limit)
      .map((r) => ({ passage: r.id as number, score: r.score }));
  }
}
