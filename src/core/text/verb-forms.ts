import { createRequire } from "node:module";
import { isNounLemma, isVerbLemma } from "./wordnet.ts";

/** The part of compromise's conjugator this module uses: compromise types it only as `object`. */
interface Conjugator {
  toInfinitive(word: string, model: object, tense: string): string;
  conjugate(infinitive: string, model: object): Record<string, string>;
}

let conjugator: { readonly verb: Conjugator; readonly model: object } | null | undefined;

/**
 * compromise's conjugator, loaded on first use: its 150 ms load is paid by the first question, not
 * by starting the CLI or the bot. Without it (not installed, or failing to load), words keep only
 * their own forms.
 */
function loadConjugator(): { readonly verb: Conjugator; readonly model: object } | null {
  if (conjugator === undefined) {
    try {
      const nlp = createRequire(import.meta.url)("compromise/two") as {
        world(): { methods: { two: { transform: { verb: Conjugator } } }; model: object };
      };
      const world = nlp.world();
      conjugator = { verb: world.methods.two.transform.verb, model: world.model };
    } catch {
      conjugator = null;
    }
  }
  return conjugator;
}

/** The tenses a word may be written in, each read back to the verb it is a form of. */
const TENSES = ["Infinitive", "PastTense", "Participle", "Gerund", "PresentTense"] as const;

const known = new Map<string, readonly string[]>();

/**
 * The other forms of the verb a word is a form of, irregular ones too: "fly" -> "flew", "flown",
 * "flies", "flying"; "paid" -> "pay", "pays", "paying". WordNet's files as installed have no lists of
 * irregular forms and a stemmer keeps "flew" apart from "fly", so compromise conjugates; since it
 * conjugates any string ("news" -> "newed"), a form counts only when its verb is one WordNet knows
 * and conjugating that verb gives the word back. Empty for a word that is no verb form.
 *
 * @example
 * verbForms("flew"); // ["fly", "flies", "flying", "flown"]
 */
export function verbForms(folded: string): readonly string[] {
  if (!/^[a-z]{2,}$/.test(folded)) return [];
  // "hearing", "building", "ruling": a noun of its own, naming a thing rather than the act.
  if (folded.endsWith("ing") && isNounLemma(folded)) return [];
  const loaded = loadConjugator();
  if (!loaded) return [];
  let forms = known.get(folded);
  if (forms === undefined) {
    const found = new Set<string>();
    for (const tense of TENSES) {
      const read = readBack(loaded, folded, tense);
      if (read) for (const form of [read.infinitive, ...Object.values(read.forms)]) found.add(form);
    }
    found.delete(folded);
    forms = [...found];
    // Questions repeat their words; bounded, since every new word would otherwise stay.
    if (known.size >= 20_000) known.clear();
    known.set(folded, forms);
  }
  return forms;
}

/** Whether a word is the "-ing" form of a verb WordNet knows ("saying", not "loging"). */
export function isGerund(folded: string): boolean {
  const loaded = loadConjugator();
  if (!loaded || !/^[a-z]{2,}ing$/.test(folded)) return false;
  return readBack(loaded, folded, "Gerund")?.forms.Gerund === folded;
}

/**
 * A word read as written in a tense, back to its verb, and that verb's one-word forms: only where the
 * verb is one WordNet knows and conjugating it gives the word back, since the conjugator conjugates
 * any string ("news" -> "newed").
 */
function readBack(
  { verb, model }: { readonly verb: Conjugator; readonly model: object },
  word: string,
  tense: (typeof TENSES)[number],
): { readonly infinitive: string; readonly forms: Record<string, string> } | undefined {
  const infinitive = tense === "Infinitive" ? word : verb.toInfinitive(word, model, tense);
  if (!infinitive || !isVerbLemma(infinitive)) return undefined;
  const forms = Object.fromEntries(
    Object.entries(verb.conjugate(infinitive, model)).filter(([, form]) => !form.includes(" ")),
  );
  return Object.values(forms).includes(word) ? { infinitive, forms } : undefined;
}
