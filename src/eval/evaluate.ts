import { type Answer, type Library, phraseKey } from "../core/index.ts";
import type { QaQuestion } from "./qa-set.ts";

/** What one question scored. */
export interface QuestionOutcome {
  readonly id: string;
  readonly question: string;
  readonly inCorpus: boolean;
  /** 1-based rank of the first passage that answers, or null when none of the top 10 does. */
  readonly rank: number | null;
  /** Confidence of the best passage: the abstention decision compares it with the threshold. */
  readonly confidence: number;
  readonly answered: boolean;
  /** The highlighted answer sentence contains a gold answer. */
  readonly sentenceHit: boolean;
  readonly top: readonly string[];
}

export interface Metrics {
  readonly questions: number;
  readonly inCorpus: number;
  readonly outOfCorpus: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly recallAt5: number;
  readonly mrrAt10: number;
  readonly answerSentenceAt1: number;
  /** Share of in-corpus questions answered. */
  readonly answeredInCorpus: number;
  /** Share of out-of-corpus questions declined. */
  readonly declinedOutOfCorpus: number;
}

const RANK_DEPTH = 10;

/** Whether a passage (by its id or its article's id) is one the question expects. */
function isGold(passage: Answer["passages"][number], gold: ReadonlySet<string>): boolean {
  return gold.has(passage.id) || gold.has(passage.citation.docId);
}

function containsAnswer(sentence: string, answers: readonly string[]): boolean {
  const key = phraseKey(sentence);
  return answers.some((a) => phraseKey(a).trim() !== "" && key.includes(phraseKey(a)));
}

/**
 * Asks one question and scores it against its gold passages and answers: the ranking as storydesk
 * orders passages (any confidence), the decision and answer sentence at the threshold given.
 */
export async function evaluateQuestion(
  library: Library,
  q: QaQuestion,
  minConfidence: number,
): Promise<QuestionOutcome> {
  const ranking = await library.ask(q.question, { top: RANK_DEPTH, minConfidence: 0 });
  const decided = await library.ask(q.question, { top: RANK_DEPTH, minConfidence });
  const shown = ranking.answered ? ranking.passages : ranking.related;
  const gold = new Set(q.passageIds);
  // Several passages of one gold article count once, at the rank of the first.
  const units: string[] = [];
  for (const p of shown) {
    const unit = gold.has(p.citation.docId) ? p.citation.docId : p.id;
    if (!units.includes(unit)) units.push(unit);
  }
  const index = shown.findIndex((p) => isGold(p, gold));
  const firstGold = index < 0 ? undefined : shown[index];
  const rank = firstGold
    ? units.indexOf(gold.has(firstGold.citation.docId) ? firstGold.citation.docId : firstGold.id) + 1
    : null;
  const sentence = decided.answer ?? ranking.answer;
  return {
    id: q.id,
    question: q.question,
    inCorpus: gold.size > 0,
    rank,
    confidence: shown[0]?.confidence ?? 0,
    answered: decided.answered,
    sentenceHit: sentence !== null && containsAnswer(sentence.text, q.answers),
    top: shown.slice(0, 3).map((p) => p.id),
  };
}

function share(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 1000) / 1000;
}

export function summarise(outcomes: readonly QuestionOutcome[]): Metrics {
  const inside = outcomes.filter((o) => o.inCorpus);
  const outside = outcomes.filter((o) => !o.inCorpus);
  const within = (k: number) => inside.filter((o) => o.rank !== null && o.rank <= k).length;
  const mrr = inside.reduce((sum, o) => sum + (o.rank === null ? 0 : 1 / o.rank), 0);
  return {
    questions: outcomes.length,
    inCorpus: inside.length,
    outOfCorpus: outside.length,
    recallAt1: share(within(1), inside.length),
    recallAt3: share(within(3), inside.length),
    recallAt5: share(within(5), inside.length),
    mrrAt10: share(mrr, inside.length),
    answerSentenceAt1: share(inside.filter((o) => o.sentenceHit).length, inside.length),
    answeredInCorpus: share(inside.filter((o) => o.answered).length, inside.length),
    declinedOutOfCorpus: share(outside.filter((o) => !o.answered).length, outside.length),
  };
}

export async function evaluate(library: Library, questions: readonly QaQuestion[], minConfidence: number) {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) outcomes.push(await evaluateQuestion(library, q, minConfidence));
  return { outcomes, metrics: summarise(outcomes) };
}
