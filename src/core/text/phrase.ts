import { analyze } from "./analyze.ts";

/**
 * A text reduced to its folded words, space-separated and padded, so that a phrase can be found in it
 * by substring search on word boundaries, whatever the case, accents, punctuation or spacing.
 */
export function phraseKey(text: string): string {
  return ` ${analyze(text)
    .map((t) => t.folded)
    .join(" ")} `;
}

/** Whether `phrase` occurs, as whole words, in `text`. */
export function containsPhrase(text: string, phrase: string): boolean {
  const needle = phraseKey(phrase);
  return needle.trim().length > 0 && phraseKey(text).includes(needle);
}
