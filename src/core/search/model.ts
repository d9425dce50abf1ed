import type { FeatureName } from "./rerank.ts";

/**
 * The re-ranking, answer-sentence and abstention models, written by `npm run tune -- --qa ../shared/data/squad`,
 * which fits them on the first half of that set's articles only (SQuAD: sq00-sq23). Do not edit by
 * hand: change the features or the fitting, then run it again.
 *
 * On the tuning half: recall@1 0.8, answered 0.9601 of in-corpus questions,
 * declined 0.7802 of out-of-corpus ones.
 */

/** How many first-stage candidates are re-ranked. */
export const CANDIDATES = 40;

export const RERANK_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  bm25: 1,
  coverage: 4.9,
  textCoverage: -2.9,
  titleCoverage: -2.5,
  sentenceCoverage: 1.4,
  proximity: 0.7,
  phrase: 1.2,
  bigrams: 0.52,
  answerType: 1.2,
  firstStageRank: 0.67,
  articleCoverage: 0.3,
  sentenceDensity: 1.49,
};

export const SENTENCE_WEIGHTS = {
  coverage: 1,
  answerType: 0.2,
  first: -0.1,
} as const;

/** Features of the best candidate that decide whether it answers, in this order. */
export const ABSTAIN_FEATURES = ["coverage", "textCoverage", "sentenceCoverage", "missingShare"] as const;

/** Logistic model: answer when intercept + Σ coefficient × feature ≥ threshold (a log-odds). */
export const ABSTAIN = {
  intercept: -6.2159,
  coefficients: {
    coverage: 7.7429,
    textCoverage: -0.219,
    sentenceCoverage: 3.8964,
    missingShare: -3.3259,
  },
  threshold: -1.2118,
} as const;
