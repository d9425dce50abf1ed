import type { AliasTable } from "../search/aliases.ts";
import type { Hit, PassageIndex } from "../search/passage-index.ts";
import { analyze, type Token } from "../text/analyze.ts";
import type { ArticleWords } from "../text/lexicon/index.ts";
import type { DesignatedOrganisation } from "./designations.ts";
import { weightedSum } from "./features.ts";
import { model } from "./model.ts";
import { type PlannedQuery, planQuery, withVectorStandIns } from "./query-plan.ts";
import { clauseText, leansOnRemark } from "./question/clauses.ts";
import { normaliseQuestion } from "./question/normalise.ts";
import type { PersonNames } from "./question/tagger.ts";
import { type UnderstoodClause, understandQuestion, withoutWords } from "./question/understand.ts";
import {
  type ArticleWeightCache,
  type CandidateSignals,
  type CompiledQuery,
  compileQuery,
  setRecency,
  signalsOf,
} from "./rerank.ts";

/** A first-stage candidate with its re-ranking signals and score. */
export interface RankedCandidate {
  readonly hit: Hit;
  readonly signals: CandidateSignals;
  readonly score: number;
}

/** A question planned and its candidates re-ranked, best first: what answers are made of. */
export interface RankedQuestion {
  readonly query: string;
  readonly plan: PlannedQuery;
  readonly compiled: CompiledQuery;
  readonly ranked: readonly RankedCandidate[];
  readonly clause: UnderstoodClause;
}

/** What answering needs of a library. */
export interface AnswerContext {
  readonly index: PassageIndex;
  readonly aliases: AliasTable;
  readonly designations: readonly DesignatedOrganisation[];
  /** Family names of the people the corpus names, so that "Sheinbaum" alone is a person. */
  readonly people: PersonNames;
  /** Questions the articles answer, for the help reply. */
  examples(): readonly string[];
  /** The language of a question when it is not the articles' (`undefined` when it is, or unknown). */
  foreignLanguage(question: string): { readonly question: string; readonly articles: string } | undefined;
}

/**
 * "how many cartel people": people named by who they are, which articles say their own way ("26 top
 * cartel figures"); "people" adds nothing to "cartel". Alone ("how many people live in...") it is the
 * question's word.
 */
const NAMED_PEOPLE =
  /\b(?!(?:many|much|of|the|all|most|more|these|those|other|young|old)\b)[a-z]+ (people|persons|individuals)\b/i;

/** What each index's articles say of phrases asked about, found once per phrase. */
const saidByIndex = new WeakMap<PassageIndex, Map<string, boolean>>();

/**
 * What a library's articles say, as reading a question needs it: whether they use a word (in any of
 * its forms, by its index term), and whether any passage says a phrase ("stepped down"), looked for
 * in the passages' text the first time a question asks it.
 */
export function articleWords({ index, aliases }: Pick<AnswerContext, "index" | "aliases">): ArticleWords {
  const known = saidByIndex.get(index) ?? new Map<string, boolean>();
  saidByIndex.set(index, known);
  const termOf = (folded: string) => analyze(folded)[0]?.term;
  return {
    uses: (folded) => {
      const term = termOf(folded);
      return term != null && index.frequency(term) > 0;
    },
    spells: (folded) => index.hasWord(folded),
    isName: (folded) => {
      const term = termOf(folded);
      return term != null && aliases.isOneWordName(term);
    },
    say: (pattern) => {
      let found = known.get(pattern.source);
      if (found === undefined) {
        // A copy without the global flag: .test() on a global pattern carries its position over.
        const once = new RegExp(pattern.source, pattern.flags.replace("g", ""));
        found = index.passages.some((p) => once.test(p.text));
        known.set(pattern.source, found);
      }
      return found;
    },
  };
}

/** First-stage candidates whose words are searched for stand-ins of the words no article uses. */
const VECTOR_CANDIDATES = 20;

/** The folded words of some passages (and their titles), each with its index term. */
function passageWords(hits: readonly Hit[]): Map<string, string> {
  const words = new Map<string, string>();
  const titles = new Set<string>();
  for (const hit of hits) {
    const texts = titles.has(hit.passage.citation.title)
      ? [hit.passage.text]
      : [hit.passage.text, hit.passage.citation.title];
    titles.add(hit.passage.citation.title);
    for (const text of texts)
      for (const token of analyze(text)) if (token.term !== null) words.set(token.folded, token.term);
  }
  return words;
}

/** Plans one clause, retrieves first-stage candidates and re-ranks them. */
export function rankClause(
  context: Pick<AnswerContext, "index" | "aliases">,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  query = clause.question,
): RankedQuestion {
  const { index, aliases } = context;
  const text = clauseText(clause);
  const unit = clause.form.kind === "number" ? NAMED_PEOPLE.exec(clause.question)?.[1] : undefined;
  // A remark around the question ("my dad keeps going on about this.") is searched with it, for what
  // it refers to, but asks nothing: its words the articles lack are no missing topic.
  const remarked = clause.context ? analyze(clause.context).map((t) => t.folded) : [];
  const counted = new Set([...soft, ...remarked, ...(unit ? [unit.toLowerCase()] : [])]);
  const asked = new Set(analyze(clause.question).map((t) => t.folded));
  let plan = planQuery(index, aliases, {
    text,
    soft: counted,
    kindWords: clause.form.kindWords,
    // A question that leans on the remark takes its topic from it, at full weight.
    remarked: new Set(leansOnRemark(clause.question) ? [] : remarked.filter((w) => !asked.has(w))),
  });
  const candidates = model().candidates;
  let hits = index.search(plan.search, candidates);
  if (plan.words.some((w) => w.missing)) {
    // Words the articles never use: the best candidates may say them another way.
    const augmented = withVectorStandIns(plan, passageWords(hits.slice(0, VECTOR_CANDIDATES)));
    if (augmented !== plan) {
      plan = augmented;
      hits = index.search(plan.search, candidates);
    }
  }
  const compiled = compileQuery(index, plan, clause.question);
  const topScore = hits[0]?.score ?? 0;
  const articleCache: ArticleWeightCache = new Map();
  const signalled = hits.map((hit, rank) => ({
    hit,
    signals: signalsOf(index, compiled, hit, rank, topScore, articleCache),
  }));
  setRecency(signalled);
  const when = timeAskedFor(clause.question);
  const reranked = sourcesAfterArticleText(
    signalled
      .map(({ hit, signals }) => ({
        hit,
        signals,
        score: weightedSum(model().rerank, signals.features) + when * signals.features.get("recency"),
      }))
      .sort((a, b) => b.score - a.score || a.hit.index - b.hit.index),
  );
  const ranked = introductionFirst(aliases, plan, clause, soft, statementsFromText(clause, reranked));
  return { query, plan, compiled, ranked, clause };
}

/** Words asking for the story as it stands: "what's the fine now", "latest toll", "did they end up paying". */
const LATEST =
  /\b(?:now|nowadays|latest|current|currently|still|so far|yet|as of|finally|in the end|end(?:ed|s)? up|eventually|at the moment|these days|any more|anymore|today)\b/i;
/** Words asking for the story as it began: "at first", "initially", "the original figure". */
const EARLIEST =
  /\b(?:at first|initially|originally|original|at the start|in the beginning|first reported|(?:in )?the first (?:(?:couple|few) (?:of )?)?(?:hours?|days?|weeks?|months?))\b/i;
/**
 * How much a question's own words about time weigh the newest reporting above the oldest: the
 * re-ranking model weighs recency a little for every question; asked for the latest, it weighs most.
 */
const TIME_ASKED_WEIGHT = 2;

/**
 * How much more recency weighs for a question: TIME_ASKED_WEIGHT asking how things stand now,
 * minus that asking how they began, 0 otherwise. Read on the clause as chat reads it ("rn" is "now").
 */
function timeAskedFor(question: string): number {
  if (LATEST.test(question)) return TIME_ASKED_WEIGHT;
  if (EARLIEST.test(question)) return -TIME_ASKED_WEIGHT;
  return 0;
}

/** "what is CWX", "who is Halberd Cyber", "whats the ccda": a question of what one of the story's names is. */
const WHAT_IS = /^\s*(?:what|who)(?:'s|s| is| are| was| were)\s/i;
/** A name followed by what it is: "CWX, a ransomware gang", "Veridian (a contractor)", "X is a". */
const DEFINED_AFTER =
  /^\s*(?:,\s*(?:a|an|the|which|who|its|their|also)\b|\(|(?:is|was|are|were) (?:a|an|the)\b)/i;
/** A name introduced by what it is called: "a gang known as Crimson Wraith", "malware called WraithLock". */
const DEFINED_BEFORE = /\b(?:called|calls|call|named|known as|dubbed|termed|goes by(?: the name)?)\s*$/i;

/**
 * For a question of what one of the story's names is, the best-ranked candidate that introduces it
 * ("a ransomware gang known as Crimson Wraith", "Veridian Imaging Services, a contractor") goes
 * first: the others only mention it, however often. Chat before the question ("hey bot, what is X")
 * does not hide it.
 */
function introductionFirst(
  aliases: AliasTable,
  plan: PlannedQuery,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  ranked: RankedCandidate[],
): RankedCandidate[] {
  const entity = plan.words[0]?.entity;
  if (
    entity === undefined ||
    !entity.own ||
    !plan.words.every((w) => w.entity?.name === entity.name) ||
    !WHAT_IS.test(withoutWords(clause.question, soft))
  )
    return ranked;
  // Every candidate is looked at: the passages that only mention the name often rank above the one
  // introducing it ("the ransom Crimson Wraith demanded" above "a gang known as Crimson Wraith").
  const at = ranked.findIndex((c) => introduces(aliases, c.hit.passage.text, entity.name));
  if (at <= 0) return ranked;
  return [ranked[at] as RankedCandidate, ...ranked.slice(0, at), ...ranked.slice(at + 1)];
}

function introduces(aliases: AliasTable, text: string, entity: string): boolean {
  const tokens = analyze(text).filter((t): t is Token & { term: string } => t.term !== null);
  return aliases.find(tokens).some((m) => {
    if (m.entity !== entity) return false;
    const first = tokens[m.start] as Token;
    const last = tokens[m.start + m.length - 1] as Token;
    return DEFINED_AFTER.test(text.slice(last.end)) || DEFINED_BEFORE.test(text.slice(0, first.start));
  });
}

/** How far down a source line is moved at most, below article text that covers the question as well. */
const SOURCE_DEFERRAL = 5;

/**
 * A source line names where reporting came from ("Ministry of Health: statement, 3 March"); it is
 * short, so it covers a question's names densely while holding none of what was said. It goes below
 * the first passage of article text among the next few that covers the question as well as it does.
 */
function sourcesAfterArticleText(ranked: RankedCandidate[]): RankedCandidate[] {
  const out = [...ranked];
  const moved = new Set<RankedCandidate>();
  for (let i = 0; i < out.length; i++) {
    const source = out[i] as RankedCandidate;
    if (source.hit.passage.citation.kind !== "source" || moved.has(source)) continue;
    const coverage = source.signals.features.get("coverage");
    const limit = Math.min(out.length, i + 1 + SOURCE_DEFERRAL);
    for (let j = i + 1; j < limit; j++) {
      const other = out[j] as RankedCandidate;
      if (other.hit.passage.citation.kind === "source" || other.signals.features.get("coverage") < coverage)
        continue;
      out.splice(i, 1);
      out.splice(j, 0, source);
      moved.add(source);
      i--;
      break;
    }
  }
  return out;
}

/**
 * What someone said is in the articles' text: a source line ("Nurses' Council: statement, 15 March")
 * names the statement but holds none of its words, so for a statement question the article text goes
 * first.
 */
function statementsFromText(clause: UnderstoodClause, ranked: RankedCandidate[]): RankedCandidate[] {
  if (clause.form.kind !== "statement") return ranked;
  const isSource = (c: RankedCandidate) => c.hit.passage.citation.kind === "source";
  return [...ranked.filter((c) => !isSource(c)), ...ranked.filter(isSource)];
}

/** Plans a question (its first clause), retrieves and re-ranks: for evaluation and tuning. */
export function rankQuestion(
  context: Pick<AnswerContext, "index" | "aliases">,
  question: string,
): RankedQuestion {
  const query = normaliseQuestion(question);
  const understood = understandQuestion(query, articleWords(context));
  const clause = understood.clauses[0] as UnderstoodClause;
  return rankClause(context, clause, understood.soft, query);
}
