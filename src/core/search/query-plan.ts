import { analyze, type Token } from "../text/analyze.ts";
import { lookUp } from "../text/wordnet.ts";
import type { AliasTable } from "./aliases.ts";
import type { PassageIndex, WeightedTerm } from "./passage-index.ts";

/** Weight of a term found through an alias relative to the user's own word. */
const ALIAS_WEIGHT = 0.6;
/** Weight of a spelling correction relative to a word spelled as in the corpus. */
const CORRECTION_WEIGHT = 0.8;
/**
 * Credit towards coverage of a WordNet synonym of a word the corpus lacks. Measured on SQuAD's tuning
 * half: 0.5 costs 0.2 points of abstention accuracy there while letting paraphrases ("troops" for
 * "military personnel") answer; broader terms (hypernyms) cost 1 to 4 points and were dropped.
 */
const SYNONYM_CREDIT = 0.5;
/** WordNet senses with tagged occurrences from which a word counts as an everyday word. */
const COMMON_WORD_SENSES = 2;
/** Weight of a missing everyday word relative to a missing rare word. */
const COMMON_WORD_WEIGHT = 0.5;
/** Search weight of a synonym. */
const SYNONYM_WEIGHT = 0.3;

export interface Correction {
  readonly term: string;
  readonly suggestion: string;
}

/** A word of the question and the ways a passage can match it. */
export interface QueryWord {
  readonly token: Token;
  readonly term: string;
  /**
   * Terms that stand for this word in a passage, with the credit a match earns (1 for the word, its
   * correction or an alias of the entity it names; less for WordNet's related words).
   */
  readonly accepts: ReadonlyMap<string, number>;
  readonly weight: number;
  /** No article contains the word (nor a correction or alias of it). */
  readonly missing: boolean;
  /** Missing, and no synonym of it is in the articles either. */
  readonly unmatched: boolean;
}

/** Corpus words searched in place of a question word the corpus lacks: its WordNet synonyms. */
export interface RelatedSearch {
  readonly term: string;
  readonly related: readonly string[];
}

export interface PlannedQuery {
  readonly words: readonly QueryWord[];
  readonly search: readonly WeightedTerm[];
  readonly corrections: readonly Correction[];
  readonly related: readonly RelatedSearch[];
  readonly aliases: readonly string[];
}

/** The corpus terms of WordNet's synonyms for a word the corpus lacks, and the words they come from. */
function synonymTerms(
  index: PassageIndex,
  word: string,
): { terms: Set<string>; words: string[]; common: boolean } {
  const terms = new Set<string>();
  const words: string[] = [];
  const entry = lookUp(word);
  for (const phrase of entry.synonyms) {
    for (const token of analyze(phrase)) {
      if (token.term === null || index.frequency(token.term) === 0 || terms.has(token.term)) continue;
      terms.add(token.term);
      words.push(token.folded);
    }
  }
  return { terms, words, common: entry.tagged >= COMMON_WORD_SENSES };
}

export function planQuery(index: PassageIndex, aliases: AliasTable, question: string): PlannedQuery {
  const tokens = analyze(question).filter((t): t is Token & { term: string } => t.term !== null);
  const corrections: Correction[] = [];
  const termsOf = tokens.map((token) => {
    if (index.frequency(token.term) > 0) return token.term;
    const suggestion = index.suggest(token.folded);
    if (suggestion === undefined) return token.term;
    const corrected = analyze(suggestion)[0]?.term;
    if (!corrected || index.frequency(corrected) === 0) return token.term;
    corrections.push({ term: token.surface, suggestion });
    return corrected;
  });
  const matches = aliases.find(termsOf);
  const search = new Map<string, number>();
  const add = (term: string, weight: number) => search.set(term, Math.max(search.get(term) ?? 0, weight));
  const related: RelatedSearch[] = [];

  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = termsOf[i] as string;
    const corrected = term !== token.term;
    add(term, corrected ? CORRECTION_WEIGHT : 1);
    if (seen.has(term)) return;
    seen.add(term);
    const accepts = new Map([[term, 1]]);
    for (const match of matches) {
      if (i < match.start || i >= match.start + match.length) continue;
      for (const alternative of match.alternatives) {
        for (const t of alternative) add(t, ALIAS_WEIGHT);
        // An alternative name stands for the word only where the corpus has all of it: "Gulf Cartel"
        // must not make every passage about some cartel a match for "golfo".
        if (!alternative.every((t) => index.frequency(t) > 0)) continue;
        const rarest = [...alternative].sort((a, b) => index.frequency(a) - index.frequency(b))[0];
        if (rarest) accepts.set(rarest, 1);
      }
    }
    const known = [...accepts.keys()].filter((t) => index.frequency(t) > 0);
    let weight = known.length > 0 ? Math.max(...known.map((t) => index.idf(t))) : index.idf(term);
    let unmatched = known.length === 0;
    if (known.length === 0) {
      const found = synonymTerms(index, token.folded);
      for (const t of found.terms) {
        accepts.set(t, SYNONYM_CREDIT);
        add(t, SYNONYM_WEIGHT);
      }
      if (found.words.length > 0) related.push({ term: token.surface, related: found.words });
      // An everyday word the articles happen not to use ("send", "happen") says less about whether
      // they answer than a rare one or a name ("tariffs", "Peru").
      if (found.common) weight *= COMMON_WORD_WEIGHT;
      unmatched = found.terms.size === 0;
    }
    words.push({
      token,
      term,
      accepts,
      weight: corrected ? weight * CORRECTION_WEIGHT : weight,
      missing: known.length === 0,
      unmatched,
    });
  });
  return {
    words,
    search: [...search].map(([term, weight]) => ({ term, weight })),
    corrections,
    related,
    aliases: [...new Set(matches.map((m) => m.entity))],
  };
}

export function coverageOf(words: readonly QueryWord[], matched: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const word of words) {
    total += word.weight;
    let credit = 0;
    for (const [term, value] of word.accepts) if (value > credit && matched.has(term)) credit = value;
    covered += word.weight * credit;
  }
  return total > 0 ? covered / total : 0;
}
