import { type Answer, fold, type Library } from "../core/index.ts";
import type { Ranker } from "./baselines.ts";
import type { ChatQuestion } from "./chat-set.ts";

/** What storydesk did with one chat question, against what it should have done. */
export interface ChatOutcome {
  readonly id: string;
  readonly question: string;
  readonly expect: ChatQuestion["expect"];
  readonly request: ChatQuestion["request"];
  readonly outcome: string;
  readonly answered: boolean;
  /** 1-based rank of the first expected passage among those answering, or null. */
  readonly rank: number | null;
  /** Partial questions: every missing word is named in `missingTerms`. */
  readonly missingNamed: boolean;
  readonly correct: boolean;
  readonly top: readonly string[];
  readonly missingTerms: readonly string[];
}

export interface ChatMetrics {
  readonly questions: number;
  /** Answerable (answer and partial) questions, and the shares right at rank 1 and within 3. */
  readonly answerable: number;
  readonly top1: number;
  readonly top3: number;
  readonly answered: number;
  /** Detail-missing and not-covered questions, and the share declined. */
  readonly declinable: number;
  readonly declined: number;
  /** Of those declined, the share given the right kind of decline (detail missing, or not covered). */
  readonly declineKind: number;
  readonly partial: number;
  /** Partial questions answered (an expected passage in the top 3) with every missing word named. */
  readonly partialNamed: number;
  readonly smallTalk: number;
  readonly smallTalkRight: number;
  readonly language: number;
  readonly languageRight: number;
}

const DECLINES = new Set(["detail-missing", "not-covered"]);

function namedAll(missing: readonly string[], named: readonly string[]): boolean {
  const folded = named.map((w) => fold(w));
  return missing.every((w) =>
    folded.some((n) => n === fold(w) || n.startsWith(fold(w)) || fold(w).startsWith(n)),
  );
}

/** Scores one answer against its chat question. */
export function scoreChat(q: ChatQuestion, answer: Answer): ChatOutcome {
  const outcome = answer.outcome;
  const gold = new Set(q.passageIds);
  const index = answer.answered ? answer.passages.findIndex((p) => gold.has(p.id)) : -1;
  const rank = index < 0 ? null : index + 1;
  const missingNamed = namedAll(q.missing ?? [], answer.missingTerms);
  let correct: boolean;
  switch (q.expect) {
    case "answer":
      correct = rank === 1 && (q.request === undefined || outcome === q.request);
      break;
    case "partial":
      correct = rank !== null && rank <= 3 && missingNamed;
      break;
    case "detail-missing":
    case "not-covered":
      correct = !answer.answered;
      break;
    case "smalltalk":
      correct = outcome === "small-talk";
      break;
    case "language":
      correct = outcome === "other-language";
      break;
  }
  return {
    id: q.id,
    question: q.question,
    expect: q.expect,
    request: q.request,
    outcome,
    answered: answer.answered,
    rank,
    missingNamed,
    correct,
    top: (answer.answered ? answer.passages : answer.related).slice(0, 3).map((p) => p.id),
    missingTerms: answer.missingTerms,
  };
}

function share(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 1000;
}

export function summariseChat(outcomes: readonly ChatOutcome[]): ChatMetrics {
  const answerable = outcomes.filter((o) => o.expect === "answer" || o.expect === "partial");
  const declinable = outcomes.filter((o) => DECLINES.has(o.expect));
  const declined = declinable.filter((o) => !o.answered);
  const partial = outcomes.filter((o) => o.expect === "partial");
  const smallTalk = outcomes.filter((o) => o.expect === "smalltalk");
  const language = outcomes.filter((o) => o.expect === "language");
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    top1: share(answerable.filter((o) => o.rank === 1).length, answerable.length),
    top3: share(answerable.filter((o) => o.rank !== null && o.rank <= 3).length, answerable.length),
    answered: share(answerable.filter((o) => o.answered).length, answerable.length),
    declinable: declinable.length,
    declined: share(declined.length, declinable.length),
    declineKind: share(declined.filter((o) => o.outcome === o.expect).length, declined.length),
    partial: partial.length,
    partialNamed: share(partial.filter((o) => o.correct).length, partial.length),
    smallTalk: smallTalk.length,
    smallTalkRight: share(smallTalk.filter((o) => o.correct).length, smallTalk.length),
    language: language.length,
    languageRight: share(language.filter((o) => o.correct).length, language.length),
  };
}

/** Asks every question of the library and scores it. */
export async function evaluateChat(
  library: Library,
  questions: readonly ChatQuestion[],
): Promise<ChatOutcome[]> {
  const outcomes: ChatOutcome[] = [];
  for (const q of questions) outcomes.push(scoreChat(q, await library.ask(q.question, { top: 10 })));
  return outcomes;
}

/** A ranking-only engine's top 1 and top 3 on the answerable questions. */
export function baselineChat(
  rank: Ranker,
  questions: readonly ChatQuestion[],
): { top1: number; top3: number; answerable: number } {
  const answerable = questions.filter((q) => q.expect === "answer" || q.expect === "partial");
  let at1 = 0;
  let at3 = 0;
  for (const q of answerable) {
    const ranked = rank(q.question).slice(0, 3);
    const position = ranked.findIndex((id) => q.passageIds.includes(id));
    if (position === 0) at1++;
    if (position >= 0) at3++;
  }
  return {
    top1: share(at1, answerable.length),
    top3: share(at3, answerable.length),
    answerable: answerable.length,
  };
}
