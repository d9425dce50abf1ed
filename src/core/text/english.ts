import { isStopWord } from "./analyze.ts";
import { verbForms } from "./verb-forms.ts";
import { lookUp } from "./wordnet.ts";

/**
 * Whether a folded word is an English word (a stop word, a word WordNet knows in any inflection, or
 * an irregular form of a verb it knows, which its files as installed do not list: "rang", "bought"):
 * such a word the corpus lacks is reported missing, never "corrected" into another corpus word.
 */
export function isEnglishWord(folded: string): boolean {
  return isStopWord(folded) || lookUp(folded).found || verbForms(folded).length > 0;
}
