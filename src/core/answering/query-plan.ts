import type { EntityKind } from "../corpus/types.ts";
import type { AliasMatch, AliasTable } from "../search/aliases.ts";
import type { PassageIndex, WeightedTerm } from "../search/passage-index.ts";
import { analyze, type Token, termOf } from "../text/analyze.ts";
import { isEnglishWord } from "../text/english.ts";
import { paraphrasesOf } from "../text/lexicon/paraphrases.ts";
import { REPORTING_TERMS } from "../text/lexicon/reporting.ts";
import { PERSON_TITLES, TITLE_TERMS } from "../text/lexicon/titles.ts";
import { verbForms } from "../text/verb-forms.ts";
import { lookUp } from "../text/wordnet.ts";
import { SYNONYM_CREDIT, standInsOf, vectorStandIns } from "./stand-ins.ts";

/** Weight of a term found through an alias relative to the user's own word. */
const ALIAS_WEIGHT = 0.6;
/** Weight of a remark's word relative to the question's own: the remark asks nothing. */
const REMARK_WEIGHT = 0.3;
/** Weight of a spelling correction relative to a word spelled as in the corpus. */
const CORRECTION_WEIGHT = 0.8;
/** WordNet senses with tagged occurrences from which a word counts as an everyday word. */
const COMMON_WORD_SENSES = 2;
/** Weight of a missing everyday word relative to a missing rare word. */
const COMMON_WORD_WEIGHT = 0.5;
/**
 * An action the articles lack ("start", "fix", "pushing") says less still: text says one action
 * many ways ("began", "repair", "calling for"), where a thing has few names.
 */
const VERB_WEIGHT = 0.5;
/** Search weight of a synonym. */
const SYNONYM_WEIGHT = 0.3;
/**
 * Weight of a reporting verb ("talk", "say", "tell") relative to other words: it asks who spoke, not
 * about what, and any reporting verb of the article answers it.
 */
const REPORTING_WEIGHT = 0.5;

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
  /** Missing, but a paraphrase of it is in the articles ("chief" for "boss"). */
  readonly paraphrased: boolean;
  /** A reporting verb ("talk", "tell"): any reporting verb of a passage matches it. */
  readonly reporting: boolean;
  /** A word of a remark around the question, not of the question: it asks for nothing. */
  readonly remark: boolean;
  /**
   * The word names a thing (a person, an organisation, a place) rather than saying what is asked of
   * it: a passage that only names the same things does not answer.
   */
  readonly name: boolean;
  /** The entity this word names (from entities.yaml or the general lexicon), if it names one. */
  readonly entity?: { readonly name: string; readonly kind: EntityKind; readonly own: boolean };
}

/** Corpus words searched in place of a question word the corpus lacks: its WordNet synonyms. */
export interface RelatedSearch {
  readonly term: string;
  readonly related: readonly string[];
}

/** What a question is searched by, beyond its text. */
export interface QueryInput {
  readonly text: string;
  /** Folded chat words ("useless", "bot") dropped when no article uses them. */
  readonly soft?: ReadonlySet<string>;
  /** Folded words that only say what kind of answer is wanted ("year" in "what year"): not searched. */
  readonly kindWords?: ReadonlySet<string>;
  /**
   * Folded words of a remark around the question and not in it ("my group chat is arguing about
   * this."): searched, for what the question may refer back to, at {@link REMARK_WEIGHT}.
   */
  readonly remarked?: ReadonlySet<string>;
}

export interface PlannedQuery {
  readonly words: readonly QueryWord[];
  readonly search: readonly WeightedTerm[];
  readonly corrections: readonly Correction[];
  readonly related: readonly RelatedSearch[];
  readonly aliases: readonly string[];
  /** Chat words left out because no article uses them. */
  readonly chat: readonly string[];
}

/**
 * One-word synonyms of a word the corpus lacks that the corpus has, and whether it is an everyday
 * word and mostly a verb.
 */
function synonymTerms(
  index: PassageIndex,
  word: string,
): { terms: Set<string>; words: string[]; common: boolean; verbal: boolean; paraphrased: boolean } {
  const terms = new Set<string>();
  const words: string[] = [];
  let paraphrased = false;
  for (const standIn of standInsOf(word)) {
    if (index.frequency(standIn.term) === 0 || terms.has(standIn.term)) continue;
    terms.add(standIn.term);
    words.push(standIn.word);
    paraphrased ||= standIn.paraphrase === true;
  }
  const entry = lookUp(word);
  return { terms, words, common: entry.tagged >= COMMON_WORD_SENSES, verbal: entry.verbal, paraphrased };
}

/**
 * The question's terms as searched: a word the corpus lacks is corrected to a corpus word when it is
 * no English word ("sheinbam" -> "sheinbaum"); an English word is never turned into another ("party"
 * stays "party", and is reported missing).
 */
function correctedTerms(
  index: PassageIndex,
  tokens: readonly (Token & { term: string })[],
  inName: ReadonlySet<number>,
  corrections: Correction[],
): string[] {
  return tokens.map((token, i) => {
    if (index.frequency(token.term) > 0 || inName.has(i) || isEnglishWord(token.folded)) return token.term;
    // A word no dictionary knows is a typo: up to two edits for longer ones ("blokced" -> "blocked").
    const suggestion = index.suggest(token.folded, token.folded.length >= 6 ? 2 : 1);
    if (suggestion === undefined) return token.term;
    const corrected = analyze(suggestion)[0]?.term;
    if (!corrected || index.frequency(corrected) === 0) return token.term;
    corrections.push({ term: token.surface, suggestion });
    return corrected;
  });
}

/**
 * A title as the question types it ("minister", "judges"): by the word, not its stem, which titles
 * share with other words ("officer" and "office").
 */
function isTitleWord(folded: string): boolean {
  return PERSON_TITLES.has(folded) || (folded.endsWith("s") && PERSON_TITLES.has(folded.slice(0, -1)));
}

/** "end" of "end up", in any tense. */
const END = /^(?:end|ends|ended|ending)$/;

/** Words before a noun: "the wound", "14 points", "his lives" name things, not what was done. */
const NOUN_BEFORE =
  /\b(?:the|a|an|his|her|their|its|my|your|our|this|that|these|those|many|few|several|\d[\d,.]*)\s+$/i;

/** Whether a question uses a word as a noun, so that it is no form of a verb ("the wound" is no "wind"). */
function usedAsNoun(text: string, token: Token): boolean {
  return NOUN_BEFORE.test(text.slice(Math.max(0, token.start - 20), token.start));
}

function covered(matches: readonly AliasMatch[]): Set<number> {
  const at = new Set<number>();
  for (const m of matches) for (let i = m.start; i < m.start + m.length; i++) at.add(i);
  return at;
}

export function planQuery(
  index: PassageIndex,
  aliases: AliasTable,
  input: QueryInput | string,
): PlannedQuery {
  const {
    text,
    soft = new Set<string>(),
    kindWords = new Set<string>(),
    remarked = new Set<string>(),
  } = typeof input === "string" ? { text: input } : input;
  const chat: string[] = [];
  const all = analyze(text);
  const tokens = all.filter((t, i): t is Token & { term: string } => {
    if (t.term === null || kindWords.has(t.folded)) return false;
    // "did they end up paying": in the end, which asks how things stand (ranking.ts), no topic.
    if (END.test(t.folded) && all[i + 1]?.folded === "up") return false;
    if (soft.has(t.folded) && index.frequency(t.term) === 0) {
      chat.push(t.surface);
      return false;
    }
    return true;
  });
  const corrections: Correction[] = [];
  // Names first, so that a name's words are not "corrected" ("narcos" names drug traffickers).
  const named = covered(aliases.find(tokens));
  const termsOf = correctedTerms(index, tokens, named, corrections);
  const matches = aliases.find(tokens.map((t, i) => ({ term: termsOf[i] as string, surface: t.surface })));
  const search = new Map<string, number>();
  const add = (term: string, weight: number) => search.set(term, Math.max(search.get(term) ?? 0, weight));
  const related: RelatedSearch[] = [];

  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = termsOf[i] as string;
    const corrected = term !== token.term;
    const match = matches.find((m) => i >= m.start && i < m.start + m.length);
    // A word of one of the story's names, asked alone ("where is Sinaloa"), names it too.
    const part = match || TITLE_TERMS.has(term) ? undefined : aliases.partOfName(term);
    const isName =
      (match !== undefined && match.kind !== "term") || (part !== undefined && part.kind !== "term");
    // A remark's name is what the question is about ("my gran is at picton lakeside, when..."): only
    // its other words weigh little.
    const remarkWeight = remarked.has(token.folded) && !isName ? REMARK_WEIGHT : 1;
    add(term, (corrected ? CORRECTION_WEIGHT : 1) * remarkWeight);
    if (seen.has(term)) return;
    seen.add(term);
    const accepts = new Map([[term, 1]]);
    const named = new Set(match ? termsOf.slice(match.start, match.start + match.length) : []);
    if (match) {
      for (const alternative of match.alternatives) {
        // An alternative name stands for the word only where the corpus has all of it: "Gulf Cartel"
        // must not make every passage about some cartel a match for "golfo".
        if (!alternative.every((t) => index.frequency(t) > 0)) continue;
        for (const t of alternative) add(t, ALIAS_WEIGHT);
        // It stands for the word by its most telling term, never a title ("President" names no one),
        // and not at all when it repeats the name asked ("President Sheinbaum" for "Sheinbaum"). An
        // abbreviation of a title is the title itself: "Sen" stands for "senator".
        // Of the story's own names, one that shares another word stands in all the same: "Cartel del
        // Golfo" for the "gulf" of "gulf cartel".
        if (match.own ? alternative.includes(term) : alternative.some((t) => named.has(t))) continue;
        const rarest = alternative
          .filter((t) => match.kind === "term" || !TITLE_TERMS.has(t))
          .sort((a, b) => index.frequency(a) - index.frequency(b))[0];
        if (rarest) accepts.set(rarest, 1);
      }
    }
    const reporting = REPORTING_TERMS.has(term);
    // The other forms of the verb the word is ("flew" for "fly"); none for a name or a noun ("the wound").
    const verbal = () => (match || usedAsNoun(text, token) ? [] : verbForms(token.folded));
    if (reporting) {
      for (const t of REPORTING_TERMS) if (index.frequency(t) > 0) accepts.set(t, 1);
    } else if (index.frequency(term) === 0) {
      // Another form of the same word that the articles use: "hardest" for "hard", "flew" for "fly".
      for (const base of [...lookUp(token.folded).bases, ...verbal()]) {
        const t = termOf(base);
        if (index.frequency(t) > 0) {
          accepts.set(t, 1);
          add(t, 1);
        }
      }
    }
    const known = [...accepts.keys()].filter((t) => index.frequency(t) > 0);
    let weight = known.length > 0 ? Math.max(...known.map((t) => index.idf(t))) : index.idf(term);
    if (reporting) weight *= REPORTING_WEIGHT;
    weight *= remarkWeight;
    let unmatched = known.length === 0;
    let paraphrased = false;
    // A name the articles lack is missing: no other word stands in for the European Union. Nor for a
    // title: a "security minister" is not the president, whatever the words' neighbours.
    if (known.length === 0 && !match && !isTitleWord(token.folded)) {
      const found = synonymTerms(index, token.folded);
      for (const t of found.terms) {
        accepts.set(t, SYNONYM_CREDIT);
        add(t, SYNONYM_WEIGHT);
      }
      if (found.words.length > 0) related.push({ term: token.surface, related: found.words });
      // An everyday word the articles happen not to use ("send", "happen") says less about whether
      // they answer than a rare one or a name ("tariffs", "Peru").
      if (found.common) weight *= COMMON_WORD_WEIGHT;
      if (found.verbal) weight *= VERB_WEIGHT;
      unmatched = found.terms.size === 0;
      paraphrased = found.paraphrased;
    } else if (!match && !reporting && !isTitleWord(token.folded)) {
      // A word the articles use may still be said another way where the answer is: "died" where
      // the toll is given as "killing 312". Not a title: a "security chief" is no chief executive.
      // Credited in the passages the question's words find, not searched for: searching them too
      // put ask() p99 at 10k articles over its 5 ms budget.
      for (const phrase of paraphrasesOf(token.folded)) {
        const t = analyze(phrase)[0]?.term;
        if (!t || accepts.has(t) || index.frequency(t) === 0) continue;
        accepts.set(t, SYNONYM_CREDIT);
      }
      // The same verb in another tense is the same word: "flew" where the question says "fly".
      for (const form of verbal()) {
        const t = termOf(form);
        if (index.frequency(t) > 0) accepts.set(t, 1);
      }
    }
    words.push({
      token,
      term,
      accepts,
      weight: corrected ? weight * CORRECTION_WEIGHT : weight,
      missing: known.length === 0,
      unmatched,
      paraphrased,
      reporting,
      remark: remarkWeight < 1,
      name: isName,
      ...(match
        ? { entity: { name: match.entity, kind: match.kind, own: match.own } }
        : part
          ? { entity: { name: part.entity, kind: part.kind, own: true } }
          : {}),
    });
  });
  return {
    words,
    search: [...search].map(([term, weight]) => ({ term, weight })),
    corrections,
    related,
    aliases: [...new Set(matches.filter((m) => m.alternatives.length > 0).map((m) => m.entity))],
    chat,
  };
}

/**
 * The plan with stand-ins, found by word vectors among some passages' words, for the question words
 * no article uses ("soldiers" -> "military"); the plan itself when there are none.
 */
export function withVectorStandIns(
  plan: PlannedQuery,
  passageWords: ReadonlyMap<string, string>,
): PlannedQuery {
  const related = [...plan.related];
  const search = new Map(plan.search.map((t) => [t.term, t.weight]));
  let changed = false;
  const words = plan.words.map((word) => {
    if (!word.missing || word.reporting || word.entity || isTitleWord(word.token.folded)) return word;
    // A stand-in already accepted is found again only to raise its credit ("parliamentary", a
    // derived form, is also the word itself by its vector and its letters).
    const found = vectorStandIns(word.token.folded, passageWords).filter(
      (s) => (word.accepts.get(s.term) ?? 0) < (s.credit ?? SYNONYM_CREDIT),
    );
    if (found.length === 0) return word;
    changed = true;
    const accepts = new Map(word.accepts);
    for (const s of found) {
      accepts.set(s.term, s.credit ?? SYNONYM_CREDIT);
      search.set(s.term, Math.max(search.get(s.term) ?? 0, SYNONYM_WEIGHT));
    }
    const at = related.findIndex((r) => r.term === word.token.surface);
    const shown = found.map((s) => s.word);
    if (at >= 0)
      related[at] = {
        term: word.token.surface,
        related: [...new Set([...(related[at]?.related ?? []), ...shown])],
      };
    else related.push({ term: word.token.surface, related: shown });
    // Another form of the word the articles use ("congressional" for "congress") is the word said.
    const said = found.some((s) => s.sameWord);
    return { ...word, accepts, unmatched: false, ...(said ? { missing: false } : {}) };
  });
  if (!changed) return plan;
  return { ...plan, words, related, search: [...search].map(([term, weight]) => ({ term, weight })) };
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
