/**
 * The names of the models' inputs. The re-ranking model weighs a candidate's {@link FEATURES}; the
 * abstention model reads the best candidates' {@link ABSTAIN_FEATURES}. model.json weighs them by
 * these names, so a feature can be added, moved or dropped without breaking the fitted file.
 */

/** What the re-ranking model weighs of a candidate passage (see rerank.ts for each signal). */
export const FEATURES = [
  "bm25",
  "coverage",
  "textCoverage",
  "titleCoverage",
  "sentenceCoverage",
  "proximity",
  "phrase",
  "bigrams",
  "answerType",
  "firstStageRank",
  "articleCoverage",
  "sentenceDensity",
  "articlePresence",
  "synonymCoverage",
  "focusCoverage",
  "recency",
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** What the abstention model reads of a candidate to decide whether it answers (see decision.ts). */
export const ABSTAIN_FEATURES = [
  "coverage",
  "textCoverage",
  "sentenceCoverage",
  "missingShare",
  "maxMissingShare",
  "absentShare",
  "titleIfComplete",
  "articlePresence",
  "margin",
  "scatter",
  "focus",
  "held",
  "typed",
  "typedMissing",
] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

const POSITION = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/** Where a feature sits in {@link FeatureVector.values} and in a weight vector of the same order. */
export function positionOf(name: FeatureName): number {
  return POSITION[name];
}

/**
 * A candidate's re-ranking features, read and written by name. The values stay one typed array, in
 * the order of {@link FEATURES}, since every question weighs dozens of candidates and tuning takes
 * millions of weighted sums; building them through an object of names cost a third of ask()'s time.
 *
 * @example
 * const features = new FeatureVector();
 * features.set("coverage", 0.8);
 * features.get("coverage"); // 0.8
 */
export class FeatureVector {
  readonly values = new Float64Array(FEATURES.length);

  get(name: FeatureName): number {
    return this.values[POSITION[name]] as number;
  }

  set(name: FeatureName, value: number): void {
    this.values[POSITION[name]] = value;
  }
}

/** A candidate's re-ranking score: the features weighed by the fitted weights. */
export function weightedSum(weights: Readonly<Record<FeatureName, number>>, features: FeatureVector): number {
  let score = 0;
  FEATURES.forEach((name, i) => {
    score += weights[name] * (features.values[i] as number);
  });
  return score;
}
