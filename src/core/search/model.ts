import type { AbstainFeature, FeatureName } from "./rerank.ts";

/**
 * The re-ranking, answer-sentence and abstention models, written by `npm run tune -- --qa ../shared/data/squad`,
 * which fits them on the first half of that set's articles only (SQuAD: sq00-sq23). Do not edit by
 * hand: change the features or the fitting, then run it again.
 *
 * On the tuning half: recall@1 0.7997, answered 0.9601 of in-corpus questions,
 * declined 0.8379 of out-of-corpus ones.
 */

/** How many first-stage candidates are re-ranked. */
export const CANDIDATES = 40;

export const RERANK_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  bm25: 1,
  coverage: -2.3,
  textCoverage: 0.74,
  titleCoverage: -1.1,
  sentenceCoverage: 1.3,
  proximity: 0.24,
  phrase: 2.3,
  bigrams: 0.69,
  answerType: 0.9,
  firstStageRank: 0.7,
  articleCoverage: 0,
  sentenceDensity: 1.73,
  articlePresence: 3,
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
  intercept: -2.9112,
  coefficients: {
    coverage: 2.2074,
    textCoverage: 2.2618,
    sentenceCoverage: 2.5963,
    missingShare: 2.0949,
    maxMissingShare: 1.5908,
    absentShare: -6.8603,
    titleIfComplete: 13.986,
    articlePresence: 1.8847,
    margin: 0.47,
    scatter: -3.0638,
  },
  threshold: -1.1344,
};
