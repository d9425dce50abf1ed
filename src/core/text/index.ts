export { analyze, fold, isStopWord, type Token, termOf, terms } from "./analyze.ts";
export { containsPhrase, phraseKey } from "./phrase.ts";
export { cutAtSentences, type Sentence, sentences } from "./sentences.ts";
