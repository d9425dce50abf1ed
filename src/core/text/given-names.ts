import { createRequire } from "node:module";

/** compromise's word list: each lowercase word with the tag it carries ("greta": "FemaleName"). */
let lexicon: Readonly<Record<string, string | readonly string[]>> | null | undefined;

function loadLexicon(): Readonly<Record<string, string | readonly string[]>> | null {
  if (lexicon === undefined) {
    try {
      // The same module verb-forms.ts loads: required once, shared.
      const nlp = createRequire(import.meta.url)("compromise/two") as {
        world(): { model: { one: { lexicon: Record<string, string | readonly string[]> } } };
      };
      lexicon = nlp.world().model.one.lexicon;
    } catch {
      lexicon = null;
    }
  }
  return lexicon;
}

/**
 * Whether a lowercase word is a person's name in compromise's word list ("greta", "brian", "boyd"):
 * typed in lowercase, it is still a name, not a typo of "great" or "brain".
 */
export function isGivenName(word: string): boolean {
  const tags = loadLexicon()?.[word];
  if (tags === undefined) return false;
  return (typeof tags === "string" ? [tags] : tags).some((t) => /Name$/.test(t));
}
