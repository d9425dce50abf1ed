import { abbreviationEntries } from "./abbreviations.ts";
import { countryEntries } from "./countries.ts";
import type { LexiconEntry } from "./entry.ts";

export { type ArticleWords, type ChatReading, isChatWord, NO_ARTICLES, readChat } from "./chat.ts";
export { ABOUT_THE_BOT } from "./chat-words.ts";
export { capitalCities, countryNames } from "./countries.ts";
export type { LexiconEntry } from "./entry.ts";

let general: readonly LexiconEntry[] | undefined;

/**
 * storydesk's general lexicon, beside a corpus's entities.yaml: countries with their codes and
 * demonyms, and common news abbreviations and slang. The same for every story.
 */
export function generalLexicon(): readonly LexiconEntry[] {
  general ??= [...countryEntries(), ...abbreviationEntries()];
  return general;
}
