import { isStopWord } from "./analyze.ts";
import { lookUp } from "./wordnet.ts";

/**
 * Whether a folded word is an English word (a stop word, or a word WordNet knows in any inflection):
 * such a word the corpus lacks is reported missing, never "corrected" into another corpus word.
 */
export function isEnglishWord(folded: string): boolean {
  return isStopWord(folded) || lookUp(folded).found;
}
