/** How passages are indexed and scored. Part of the snapshot key: changing any value rebuilds the index. */
export interface IndexOptions {
  /** BM25 term-frequency saturation: lower values reward repeated terms less. */
  readonly k: number;
  /** BM25 length normalisation, 0 (none) to 1 (full). */
  readonly b: number;
  /** BM25+ lower bound added to every matching term. */
  readonly d: number;
  /** Weight of a match in the article title relative to one in the passage text. */
  readonly titleBoost: number;
  /**
   * Weight of a key-point passage relative to a paragraph: key points restate the story in short
   * and would otherwise outrank the paragraphs they summarise.
   */
  readonly keyPointWeight: number;
  /** Weight of a source passage (the title of another report the article names). */
  readonly sourceWeight: number;
}

/**
 * Chosen by measurement (see README, "How answers are found"): BM25 k 0.9 / b 0.9 beat
 * MiniSearch's 1.2 / 0.7 on SQuAD's tuning half.
 */
export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  k: 0.9,
  b: 0.9,
  d: 0.5,
  titleBoost: 1.5,
  keyPointWeight: 0.8,
  sourceWeight: 0.7,
};
