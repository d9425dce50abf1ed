import lunr from "lunr";
import MiniSearch from "minisearch";
import type { QaPassage, QaQuestion } from "./qa-set.ts";

/** Ranking figures of a baseline search engine on the same passages and questions. */
export interface BaselineMetrics {
  readonly name: string;
  readonly questions: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly recallAt5: number;
  readonly mrrAt10: number;
}

/** Any engine that ranks passage ids for a question. */
export type Ranker = (question: string) => readonly string[];

export function rankingMetrics(
  name: string,
  rank: Ranker,
  questions: readonly QaQuestion[],
): BaselineMetrics {
  let at1 = 0;
  let at3 = 0;
  let at5 = 0;
  let mrr = 0;
  for (const q of questions) {
    const ranked = rank(q.question).slice(0, 10);
    const position = ranked.findIndex((id) => q.passageIds.includes(id));
    if (position < 0) continue;
    if (position < 1) at1++;
    if (position < 3) at3++;
    if (position < 5) at5++;
    mrr += 1 / (position + 1);
  }
  const share = (n: number) => Math.round((n / Math.max(1, questions.length)) * 1000) / 1000;
  return {
    name,
    questions: questions.length,
    recallAt1: share(at1),
    recallAt3: share(at3),
    recallAt5: share(at5),
    mrrAt10: share(mrr),
  };
}

/** MiniSearch exactly as its README sets it up: default tokenizer, no stemming, default BM25. */
export function miniSearchDefaults(passages: readonly QaPassage[]): Ranker {
  const index = new MiniSearch<QaPassage>({ fields: ["title", "text"] });
  index.addAll(passages);
  return (question) => index.search(question).map((r) => String(r.id));
}

/**
 * lunr 2.3.9 with its default English pipeline (stop words, Porter stemmer) and BM25, queried as its
 * users do: punctuation stripped, then lunr's own tokenizer. lunr's search pipeline has no trimmer,
 * so a raw question's last word kept its question mark ("cartels?") and matched nothing; stripping
 * also keeps the characters of lunr's query syntax (`:`, `~`, `^`, `+`, `-`, `*`) from breaking a query.
 */
export function lunrDefaults(passages: readonly QaPassage[]): Ranker {
  const index = lunr(function () {
    this.ref("id");
    this.field("title");
    this.field("text");
    for (const p of passages) this.add(p);
  });
  return (question) =>
    index
      .query((query) => {
        query.term(lunr.tokenizer(question.replace(/[^\p{L}\p{N}\s]+/gu, " ")), {});
      })
      .map((r) => r.ref);
}
