import { type Corpus, corpusFromTexts } from "../core/index.ts";
import type { QaPassage } from "./qa-set.ts";

/**
 * A corpus made of an evaluation set's passages: each passage becomes a one-paragraph article whose id
 * is the passage id, so that a hit's `citation.docId` can be compared with the gold `passageIds`.
 */
export function corpusFromPassages(passages: readonly QaPassage[]): Corpus {
  return corpusFromTexts(
    passages.map((p) => ({ id: p.id, title: p.title, published: "", paragraphs: [p.text] })),
  );
}
