import { analyze } from "../text/analyze.ts";
import { paraphrasesOf } from "../text/lexicon/paraphrases.ts";
import { wordVectors } from "../text/lexicon/word-vectors.ts";
import { lookUp } from "../text/wordnet.ts";

/**
 * Words that may stand in for a question word a passage says another way. Each relation is measured
 * on the chat and SQuAD sets (`npm run eval -- --relations ...`); see the README for the figures.
 * - synonyms: WordNet synonyms of one word ("salary" for "pay"). Multi-word synonyms are left out:
 *   their words apart lose the meaning ("drop dead" is not "drop", "Aloha State" is not "state").
 * - hypernyms: WordNet's broader terms of the first sense ("soldier" -> "serviceman").
 * - derivations: WordNet's derivationally related forms, which a stemmer keeps apart ("died" ->
 *   "death", "decided" -> "decision").
 * - vectors: for a word no article uses, the words of the best candidate passages whose GloVe vectors
 *   are close to it ("soldiers" -> "military" 0.76, "homeless" -> "displaced" 0.71).
 * - paraphrases: storydesk's groups of everyday news paraphrases ("helping", "cooperation").
 */
export type Relation = "synonyms" | "hypernyms" | "derivations" | "vectors" | "paraphrases";
export const RELATIONS: readonly Relation[] = [
  "synonyms",
  "hypernyms",
  "derivations",
  "vectors",
  "paraphrases",
];

/** Credit towards coverage of a stand-in, relative to the question's own word. */
export const SYNONYM_CREDIT = 0.5;
/**
 * WordNet lists rare senses beside common ones ("violence" and "force", "tell" and "state"): a
 * synonym stands in only when the words' vectors agree it is close, where both have one.
 */
export const SYNONYM_AGREEMENT = 0.6;
/** Cosine similarity from which a word's vector makes it a stand-in, by default. */
export const VECTOR_SIMILARITY = 0.6;
/** Stand-ins found by vectors per question word, closest first. */
const VECTOR_STAND_INS = 3;
/**
 * Similarity from which a vector stand-in counts as saying the same thing, for the checks that
 * decide whether a passage holds what was asked; below it, a word is only related ("salary" and
 * "minimum", 0.69) and only helps to rank.
 */
export const VECTOR_SAME = 0.7;
/** Credit of a stand-in that is only related. */
export const RELATED_CREDIT = 0.25;

/** The relations in use unless an evaluation chooses others. */
export const DEFAULT_RELATIONS: readonly Relation[] = ["synonyms", "derivations", "vectors", "paraphrases"];

let relations: ReadonlySet<Relation> = new Set(DEFAULT_RELATIONS);
let vectorSimilarity = VECTOR_SIMILARITY;

/** The relations in use (the default, or those an evaluation chose). */
export function standInRelations(): ReadonlySet<Relation> {
  return relations;
}

/**
 * Chooses the relations to use and the vectors' similarity, for measuring each
 * (`npm run eval -- --relations synonyms,vectors --vector-similarity 0.7`).
 */
export function useStandIns(chosen: Iterable<Relation>, similarity = VECTOR_SIMILARITY): void {
  relations = new Set(chosen);
  vectorSimilarity = similarity;
  cache.clear();
}

/** A word that may stand in for another: as written, and as the index term it is searched by. */
export interface StandIn {
  readonly word: string;
  readonly term: string;
  /** Credit towards coverage: SYNONYM_CREDIT for the same meaning, RELATED_CREDIT for a related word. */
  readonly credit?: number;
  /** From storydesk's paraphrase groups: another way of saying the same thing in the news. */
  readonly paraphrase?: boolean;
  /**
   * Another form of the same word: the word with an adjective ending, meaning the same by its vector
   * ("congressional" for "congress"), so the word is said, not missing.
   */
  readonly sameWord?: boolean;
}

/**
 * Endings that make an adjective of a noun without changing what it names: "congressional",
 * "parliamentary", "presidential". Other endings change the thing ("leadership", "princess",
 * "Harrison", "smaller").
 */
const ADJECTIVE_ENDING = /^(?:al|ial|ional|ary|ian|an|ese|ic|ical)$/;

/** "congressional" is a form of "congress": an English word, and an adjective ending after it. */
function formOf(word: string, other: string): boolean {
  return other.startsWith(word) && ADJECTIVE_ENDING.test(other.slice(word.length)) && lookUp(word).found;
}

const cache = new Map<string, readonly StandIn[]>();

/** A folded word's WordNet stand-ins (one-word synonyms, and hypernyms when chosen), cached. */
export function standInsOf(folded: string): readonly StandIn[] {
  let found = cache.get(folded);
  if (!found) {
    const byTerm = new Map<string, StandIn>();
    const entry = lookUp(folded);
    const words = [
      ...(relations.has("synonyms") ? entry.synonyms : []),
      ...(relations.has("hypernyms") ? entry.hypernyms : []),
      ...(relations.has("derivations") ? entry.derived : []),
    ];
    const vectors = wordVectors();
    if (relations.has("paraphrases")) {
      for (const phrase of paraphrasesOf(folded)) {
        const token = analyze(phrase)[0];
        if (token?.term && !byTerm.has(token.term))
          byTerm.set(token.term, { word: token.folded, term: token.term, paraphrase: true });
      }
    }
    for (const phrase of words) {
      if (/[\s-]/.test(phrase)) continue;
      const similarity = vectors?.similarity(folded, phrase);
      if (similarity !== undefined && similarity < SYNONYM_AGREEMENT) continue;
      const token = analyze(phrase)[0];
      if (token?.term && !byTerm.has(token.term))
        byTerm.set(token.term, { word: token.folded, term: token.term });
    }
    found = [...byTerm.values()];
    if (cache.size >= 10_000) cache.clear();
    cache.set(folded, found);
  }
  return found;
}

/**
 * Words of some passages whose vectors are close to a word no article uses, closest first: the
 * passages' own way of saying it. Empty when vectors are not in use or the word has none.
 */
export function vectorStandIns(folded: string, passageWords: ReadonlyMap<string, string>): StandIn[] {
  const vectors = relations.has("vectors") ? wordVectors() : null;
  if (!vectors?.has(folded)) return [];
  const close: Array<StandIn & { similarity: number }> = [];
  for (const [word, term] of passageWords) {
    if (word === folded) continue;
    const similarity = vectors.similarity(folded, word);
    if (similarity !== undefined && similarity >= vectorSimilarity) close.push({ word, term, similarity });
  }
  close.sort((a, b) => b.similarity - a.similarity);
  const byTerm = new Map<string, StandIn>();
  for (const c of close) {
    const same = c.similarity >= VECTOR_SAME;
    const sameWord = same && formOf(folded, c.word);
    const credit = sameWord ? 1 : same ? SYNONYM_CREDIT : RELATED_CREDIT;
    if (!byTerm.has(c.term))
      byTerm.set(c.term, { word: c.word, term: c.term, credit, ...(sameWord ? { sameWord } : {}) });
  }
  return [...byTerm.values()].slice(0, VECTOR_STAND_INS);
}
