import nlp from "compromise";
import { reasonSpans, type SpanKind, type TaggedSpan, type Tagger, terms } from "../core/index.ts";

/**
 * The compromise NLP library as storydesk's tagger, to measure it against the heuristics
 * (`npm run eval -- --tagger compromise`): its people, places, organisations, dates and values.
 * It finds no reasons; those come from the heuristics' own phrases in both.
 */
const SELECTORS: ReadonlyArray<readonly [string, SpanKind]> = [
  ["#Person+", "person"],
  ["#Place+", "place"],
  ["#Organization+", "organisation"],
  ["#Date+", "time"],
  ["#Value+", "number"],
  ["#ProperNoun+", "name"],
];

export const compromiseTagger: Tagger = (sentence) => {
  const doc = nlp(sentence);
  const spans: TaggedSpan[] = [];
  for (const [selector, kind] of SELECTORS) {
    for (const match of doc.match(selector).json({ offset: true }) as Array<{
      text: string;
      offset: { start: number; length: number };
    }>) {
      const text = match.text.replace(/[.,;:]+$/, "");
      spans.push({
        kind,
        start: match.offset.start,
        end: match.offset.start + text.length,
        terms: terms(text),
      });
    }
  }
  return [...spans, ...reasonSpans(sentence)];
};
