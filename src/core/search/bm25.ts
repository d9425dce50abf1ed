/**
 * BM25+, the one formula every ranking and weighting in storydesk uses, written as MiniSearch writes
 * it (`calcBM25Score`), so that storydesk's postings rank exactly as MiniSearch would (a test checks).
 */

/** The BM25 parameters: k saturates term frequency, b normalises length, d is BM25+'s lower bound. */
export interface Bm25Parameters {
  readonly k: number;
  readonly b: number;
  readonly d: number;
}

/**
 * Inverse document frequency of a term found in `matching` of `total` documents: high for rare terms.
 *
 * @example
 * idf(100, 1) > idf(100, 50) // true
 */
export function idf(total: number, matching: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/**
 * The weight of a term in one field of a document: its frequency, saturated and normalised by the
 * field's length against the average, plus the lower bound every match earns.
 */
export function termWeight(
  frequency: number,
  fieldLength: number,
  averageLength: number,
  { k, b, d }: Bm25Parameters,
): number {
  const norm = 1 - b + (b * fieldLength) / averageLength;
  return d + (frequency * (k + 1)) / (frequency + k * norm);
}
