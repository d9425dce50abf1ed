import type { FeatureName } from "./rerank.ts";

/**
 * The re-ranking, answer-sentence and abstention models, written by `npm run tune -- --qa ../shared/data/squad`,
 * which fits them on the first half of that set's articles only (SQuAD: sq00-sq23). Do not edit by
 * hand: change the features or the fitting, then run it again.
 *
 * On the tuning half: recall@1 0.7993, answered 0.9601 of in-corpus questions,
 * declined 0.8287 of out-of-corpus ones.
 */

/** How many first-stage candidates are re-ranked. */
export const CANDIDATES = 40;

export const RERANK_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  bm25: 1,
  coverage: -1,
  textCoverage: 0.72,
  titleCoverage: -1.1,
  sentenceCoverage: 1.3,
  proximity: 0.24,
  phrase: 2.5,
  bigrams: 0.69,
  answerType: 1,
  firstStageRank: 0.73,
  articleCoverage: 0,
  sentenceDensity: 1.8,
  articlePresence: 2,
};

export const SENTENCE_WEIGHTS = {
  coverage: 1,
  answerType: 0.2,
  first: -0.1,
} as const;

/** Features of the best candidate that decide whether it answers, in this order. */
export const ABSTAIN_FEATURES = [
  "coverage",
  "textCoverage",
  "sentenceCoverage",
  "missingShare",
  "maxMissingShare",
  "titleIfComplete",
  "articlePresence",
  "margin",
  "scatter",
] as const;

/** Logistic model: answer when intercept + Σ coefficient × feature ≥ threshold (a log-odds). */
export const ABSTAIN = {
  intercept: -3.1848,
  coefficients: {
    coverage: 3.7078,
    textCoverage: 3.8986,
    sentenceCoverage: 3.0483,
    missingShare: -1.6672,
    maxMissingShare: -1.4891,
    titleIfComplete: 14.7294,
    articlePresence: -1.3193,
    margin: 0.4483,
    scatter: -3.0126,
  },
  threshold: -1.2262,
} as const;
