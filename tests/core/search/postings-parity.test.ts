import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import type { Corpus } from "../../../src/core/corpus/parse.ts";
import type { Passage } from "../../../src/core/corpus/passages.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "../../../src/core/search/index-options.ts";
import { MiniSearchIndex } from "../../../src/core/search/minisearch-index.ts";
import { buildPostings, PostingSearcher, type WeightedTerm } from "../../../src/core/search/postings.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { terms } from "../../../src/core/text/analyze.ts";

/**
 * storydesk answers from its own postings for speed; they must score exactly as MiniSearch does with
 * the same analysis and options (field boosts, passage weights, term weights, coordination factor).
 */
function expectSameRanking(
  passages: readonly Passage[],
  queries: readonly WeightedTerm[][],
  options: IndexOptions,
) {
  const postings = new PostingSearcher(buildPostings(passages, options), options);
  const mini = new MiniSearchIndex(passages, options);
  for (const query of queries) {
    const ours = postings.search(query, 10);
    const theirs = mini.search(query, 10);
    expect(ours.map((c) => c.score)).toEqual(theirs.map((c) => expect.closeTo(c.score, 9)));
    // Equal scores may come in another order; any other difference is a ranking difference.
    const key = (list: Array<{ passage: number; score: number }>) =>
      list.map((c) => `${c.score.toFixed(9)}:${c.passage}`).sort();
    expect(key(ours)).toEqual(key(theirs));
  }
}

function corpusOf(articles: Array<{ title: string; paragraphs: string[] }>): Corpus {
  return {
    articles: articles.map((a, i) => ({
      id: `a${i}`,
      title: a.title,
      published: "2025-01-01",
      file: `a${i}.md`,
      blocks: a.paragraphs.map((text, j) => ({ kind: "paragraph" as const, number: j + 1, text, line: 1 })),
    })),
    entities: [],
    fingerprint: "test",
    diagnostics: [],
  };
}

describe("postings agree with MiniSearch", () => {
  let seed: readonly Passage[];
  beforeAll(async () => {
    seed = Library.build(await loadCorpus("corpus")).data.passages;
  });

  it("on the bundled corpus, for questions with weighted expansions", () => {
    const questions = [
      "Will Mexico let U.S. troops in?",
      "Which cartels were designated as terrorist organisations?",
      "Who is Anna Kelly?",
      "Mexico extradites cartel figures",
      "United States military Sheinbaum cartel",
    ];
    const queries = questions.map((q) =>
      [...new Set(terms(q))].map((term, i) => ({ term, weight: i % 2 ? 0.5 : 1 })),
    );
    expectSameRanking(seed, queries, DEFAULT_INDEX_OPTIONS);
    expectSameRanking(seed, queries, {
      ...DEFAULT_INDEX_OPTIONS,
      k: 1.2,
      b: 0.7,
      titleBoost: 2,
      sourceWeight: 0.3,
    });
  });

  it("on generated corpora and queries", () => {
    const vocabulary = [
      "cartel",
      "mexico",
      "border",
      "troops",
      "vote",
      "court",
      "judge",
      "oil",
      "price",
      "storm",
      "city",
      "river",
    ];
    const words = fc
      .array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 30 })
      .map((w) => w.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: words, paragraphs: fc.array(words, { minLength: 1, maxLength: 4 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (articles, queryWords) => {
          const passages = Library.build(corpusOf(articles)).data.passages;
          const queries = queryWords.map((q) =>
            q.map((w, i) => ({ term: terms(w)[0] as string, weight: 1 - i * 0.1 })),
          );
          expectSameRanking(passages, queries, DEFAULT_INDEX_OPTIONS);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("the stored title terms", () => {
  it("hold each article's title terms in order, as the re-ranker reads them", () => {
    const titles = ["Storms flood the river city", "The city council meets", "Prices of bread rise again"];
    const passages = Library.build(
      corpusOf(titles.map((title) => ({ title, paragraphs: ["One paragraph.", "Another paragraph."] }))),
    ).data.passages;
    const postings = buildPostings(passages, DEFAULT_INDEX_OPTIONS);
    titles.forEach((title, a) => {
      const stored = postings.titleTokens.subarray(
        postings.titleTokenStarts[a] as number,
        postings.titleTokenStarts[a + 1] as number,
      );
      expect([...stored].map((id) => postings.terms[id])).toEqual(terms(title));
    });
    expect(postings.titleTokenStarts).toHaveLength(titles.length + 1);
  });
});

describe("the word counts for spelling suggestions", () => {
  it("count every folded word, stop words included, and each distinct title once", () => {
    const passages = Library.build(
      corpusOf([
        { title: "River floods", paragraphs: ["The river rose.", "The town waited."] },
        { title: "River floods", paragraphs: ["The river fell."] },
      ]),
    ).data.passages;
    const words = new Map<string, number>();
    buildPostings(passages, DEFAULT_INDEX_OPTIONS, words);
    expect(Object.fromEntries(words)).toEqual({
      river: 3,
      floods: 1,
      the: 3,
      rose: 1,
      town: 1,
      waited: 1,
      fell: 1,
    });
  });
});
