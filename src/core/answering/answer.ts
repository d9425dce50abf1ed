import type { PassageIndex } from "../search/passage-index.ts";
import { analyze } from "../text/analyze.ts";
import { containsPhrase } from "../text/index.ts";
import { count } from "../text/plural.ts";
import { type Sentence, sentences } from "../text/sentences.ts";
import {
  type Answer,
  type AnswerBase,
  type AnswerPassage,
  type AnswerSentence,
  type AskOptions,
  DEFAULT_TOP,
  EMPTY_BASE,
  MAX_TOP,
} from "./answer-types.ts";
import { answerClause, type ClauseAnswer, defaultMinConfidence } from "./decision.ts";
import type { DesignatedOrganisation } from "./designations.ts";
import {
  asksForDesignations,
  designationAsked,
  designationsAnswer,
  MEMBERSHIP_WORDS,
  smallTalkAnswer,
  sourcesAnswer,
  summaryAnswer,
} from "./list-answers.ts";
import { model } from "./model.ts";
import { normaliseQuestion, QuestionError } from "./question/normalise.ts";
import { type UnderstoodClause, type UnderstoodQuestion, understandQuestion } from "./question/understand.ts";
import { type AnswerContext, articleWords, type RankedCandidate } from "./ranking.ts";
import type { CompiledQuery } from "./rerank.ts";
import { aboutTheStory } from "./story-event.ts";

/** A clause answered, read as asking about the story's main event where it names nothing else. */
function answerAboutTheStory(
  context: AnswerContext,
  clause: UnderstoodClause,
  soft: ReadonlySet<string>,
  threshold: number,
): ClauseAnswer {
  const result = answerClause(context, clause, soft, threshold);
  const story = aboutTheStory(context.index, clause, result.ranked.plan);
  return story ? answerClause(context, story, soft, threshold) : result;
}

function toAnswerPassage(candidate: RankedCandidate, confidence: number): AnswerPassage {
  return {
    id: candidate.hit.passage.id,
    text: candidate.hit.passage.text,
    score: Math.round(candidate.score * 1000) / 1000,
    coverage: Math.round(candidate.signals.features.get("coverage") * 1000) / 1000,
    confidence: Math.round(confidence * 1000) / 1000,
    citation: candidate.hit.passage.citation,
  };
}

/** The sentence of the best candidate that answers best, with the question's words marked. */
function bestSentence(
  candidate: RankedCandidate,
  compiled: CompiledQuery,
  index: PassageIndex,
  parts: readonly Sentence[],
  holding: number | null,
): AnswerSentence {
  const passage = candidate.hit.passage;
  let chosen = holding ?? 0;
  if (holding === null) {
    let bestScore = Number.NEGATIVE_INFINITY;
    candidate.signals.sentences.forEach((s, i) => {
      const weights = model().sentence;
      const score =
        weights.coverage * s.coverage + weights.answerType * s.answerType + (i === 0 ? weights.first : 0);
      if (score > bestScore) {
        bestScore = score;
        chosen = i;
      }
    });
  }
  const sentence = parts[chosen] ?? parts[0];
  if (!sentence)
    return { text: passage.text, highlights: [], passageId: passage.id, citation: passage.citation };
  const highlights = analyze(sentence.text)
    .filter((t) => t.term !== null && compiled.searched.has(index.termId(t.term) ?? -1))
    .map((t) => [t.start, t.end] as const);
  return { text: sentence.text, highlights, passageId: passage.id, citation: passage.citation };
}

/**
 * A clause asking whether an organisation was designated, answered by the passages that state its
 * designation where the search found them (the clause as it was otherwise), and by none when the
 * corpus lists nothing it names as designated.
 */
function byDesignation(result: ClauseAnswer, organisation: DesignatedOrganisation | null): ClauseAnswer {
  // The articles do list who was designated: the topic is theirs, the thing asked about is not on it.
  if (organisation === null) return { ...result, answering: [], topical: true, designation: true };
  const quotes = new Map(organisation.designations.map((d) => [d.passageId, d.quote]));
  const answering = result.scored.flatMap((s) => {
    const quote = quotes.get(s.candidate.hit.passage.id);
    if (quote === undefined) return [];
    const at = sentences(s.candidate.hit.passage.text).findIndex((t) => containsPhrase(t.text, quote));
    // The corpus's own checked record of the designation: as sure as a citation gets.
    return [{ ...s, confidence: 1, detail: { holds: true, binding: true, sentence: at < 0 ? null : at } }];
  });
  return answering.length > 0 ? { ...result, answering, designation: true } : result;
}

/**
 * A word that only says how a clause its designation answered was asked ("list" in "is MS-13 on the
 * list"): neither missing nor searched another way, since the designation answers without it.
 */
function asksOnlyHow(result: ClauseAnswer, word: string): boolean {
  return result.designation === true && MEMBERSHIP_WORDS.test(word);
}

/** The clause as the reader typed it, for "The articles don't answer ...". */
function quotedClause(clause: UnderstoodClause): string {
  const text = clause.question.replace(/[\s,]+$/, "");
  return `“${text.charAt(0).toUpperCase()}${text.slice(1)}?”`;
}

/**
 * Answers a question from the library: reads it as chat, splits it into the questions it asks,
 * answers each (passages that hold the kind of thing asked for, in a sentence about what was asked),
 * and says plainly when the articles don't.
 */
export function answerQuestion(context: AnswerContext, question: string, options: AskOptions = {}): Answer {
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new QuestionError(`The number of passages must be a whole number from 1 to ${MAX_TOP}.`);
  }
  const query = normaliseQuestion(question);
  const threshold = options.minConfidence ?? defaultMinConfidence();

  const languages = context.foreignLanguage(query);
  if (languages) {
    return {
      ...EMPTY_BASE,
      query,
      outcome: "other-language",
      answered: false,
      message: `The articles are in ${languages.articles}, and your question looks like ${languages.question}: please ask in ${languages.articles}.`,
      answer: null,
      passages: [],
      languages,
    };
  }
  const understood: UnderstoodQuestion = understandQuestion(query, articleWords(context));
  if (understood.smallTalk) return smallTalkAnswer(context, query);
  if (understood.asksForSources) return sourcesAnswer(context, query, EMPTY_BASE);
  if (understood.asksForSummary) return summaryAnswer(context, query, EMPTY_BASE, top);

  const clauses = understood.clauses.map((clause) => {
    const result = answerAboutTheStory(context, clause, understood.soft, threshold);
    const designation = designationAsked(context, clause, result.ranked.plan);
    return { clause, result: designation ? byDesignation(result, designation.organisation) : result };
  });
  const first = clauses[0];
  if (clauses.every((c) => c.result.ranked.plan.words.length === 0)) {
    return smallTalkAnswer(context, query);
  }

  const plans = clauses.map((c) => c.result.ranked.plan);
  const base: AnswerBase = {
    ...EMPTY_BASE,
    missingTerms: [
      ...new Set(
        clauses.flatMap((c) =>
          c.result.ranked.plan.words
            .filter((w) => w.missing && !asksOnlyHow(c.result, w.token.surface))
            .map((w) => w.token.surface),
        ),
      ),
    ],
    didYouMean: [...understood.corrections, ...plans.flatMap((p) => p.corrections)].filter(
      (c, i, all) => all.findIndex((d) => d.term === c.term && d.suggestion === c.suggestion) === i,
    ),
    relatedTerms: clauses.flatMap((c) =>
      c.result.ranked.plan.related.filter((r) => !asksOnlyHow(c.result, r.term)),
    ),
    aliases: [...new Set(plans.flatMap((p) => p.aliases))],
  };
  // "which cartels are designated? also is el chapo still alive": the list, and what it leaves open.
  // A follow-up with no words of its own ("? and when") asks of the list itself, which holds it.
  const others = clauses.slice(1).filter((c) => c.result.ranked.plan.words.length > 0);
  if (
    first &&
    asksForDesignations(context, first.clause, first.result.ranked.plan) &&
    others.every((c) => c.result.answering.length === 0)
  ) {
    const missing = new Set(
      others.flatMap((c) => c.result.ranked.plan.words.filter((w) => w.missing)).map((w) => w.token.surface),
    );
    return designationsAnswer(context, query, {
      ...base,
      missingTerms: base.missingTerms.filter((t) => missing.has(t)),
      relatedTerms: base.relatedTerms.filter((r) => missing.has(r.term)),
      unanswered: others.map((c) => quotedClause(c.clause)),
    });
  }
  const answeredClauses = clauses.filter((c) => c.result.answering.length > 0);
  const lead = answeredClauses[0];
  if (!lead) {
    const result = (clauses.find((c) => c.result.topical) ?? first)?.result;
    const related = (result?.scored ?? [])
      .slice(0, top)
      .map((s) => toAnswerPassage(s.candidate, s.confidence));
    const topical = clauses.some((c) => c.result.topical);
    const asked = clauses.map((c) => quotedClause(c.clause)).join(" ");
    return {
      ...base,
      query,
      outcome: topical ? "detail-missing" : "not-covered",
      answered: false,
      message: topical
        ? `The articles don't answer ${asked} What they say about it is below.`
        : "The articles don't cover this.",
      answer: null,
      passages: [],
      related,
    };
  }
  // Passages of every answered part, each part's best first.
  const passages: AnswerPassage[] = [];
  const seen = new Set<string>();
  const depth = Math.max(...answeredClauses.map((c) => c.result.answering.length));
  for (let i = 0; i < depth && passages.length < top; i++) {
    for (const c of answeredClauses) {
      const s = c.result.answering[i];
      if (!s || seen.has(s.candidate.hit.passage.id) || passages.length >= top) continue;
      seen.add(s.candidate.hit.passage.id);
      passages.push(toAnswerPassage(s.candidate, s.confidence));
    }
  }
  const leading = lead.result.answering[0] as ClauseAnswer["answering"][number];
  const unanswered = clauses
    .filter((c) => c.result.answering.length === 0)
    .map((c) => quotedClause(c.clause));
  return {
    ...base,
    query,
    outcome: "answered",
    answered: true,
    message: `Found in ${count(passages.length, "passage")}.`,
    answer: bestSentence(
      leading.candidate,
      lead.result.ranked.compiled,
      context.index,
      sentences(leading.candidate.hit.passage.text),
      leading.detail.sentence,
    ),
    passages,
    unanswered,
  };
}
