import type { AbstainFeature, FeatureName } from "./rerank.ts";

/**
 * The re-ranking, answer-sentence and abstention models, written by `npm run tune -- --qa ../shared/data/squad`,
 * which fits them on the first half of that set's articles only (SQuAD: sq00-sq23). Do not edit by
 * hand: change the features or the fitting, then run it again.
 *
 * On the tuning half: recall@1 0.8018, answered 0.9601 of in-corpus questions,
 * declined 0.8369 of out-of-corpus ones.
 */

/** How many first-stage candidates are re-ranked. */
export const CANDIDATES = 40;

export const RERANK_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  bm25: 1,
  coverage: -1.8,
  textCoverage: 0.69,
  titleCoverage: -1.2,
  sentenceCoverage: 1.35,
  proximity: 0.34,
  phrase: 2.5,
  bigrams: 0.7,
  answerType: 1.3,
  firstStageRank: 0.7,
  articleCoverage: -0.2,
  sentenceDensity: 1.9,
  articlePresence: 1.45,
  synonymCoverage: 2,
};

export const SENTENCE_WEIGHTS = {
  coverage: 1,
  answerType: 0.2,
  first: -0.1,
} as const;

/** Logistic model: answer when intercept + Σ coefficient × feature ≥ threshold (a log-odds). */
export const ABSTAIN: {
  readonly intercept: number;
  readonly coefficients: Readonly<Record<AbstainFeature, number>>;
  readonly threshold: number;
} = {
  intercept: -3.4267,
  coefficients: {
    coverage: 2.3304,
    textCoverage: 2.3354,
    sentenceCoverage: 2.5925,
    missingShare: 2.1281,
    maxMissingShare: 1.6038,
    absentShare: -6.8779,
    titleIfComplete: 14.0284,
    articlePresence: 1.7338,
    margin: 0.4975,
    scatter: -2.5807,
  },
  threshold: -1.1359,
};
