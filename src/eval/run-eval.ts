import { defaultMinConfidence, Library, loadCorpus } from "../core/index.ts";
import { type BaselineMetrics, lunrDefaults, miniSearchDefaults, rankingMetrics } from "./baselines.ts";
import {
  baselineChat,
  type ChatMetrics,
  type ChatOutcome,
  evaluateChat,
  summariseChat,
} from "./chat-eval.ts";
import { type ChatQuestion, HALVES, type Half, readChatStories } from "./chat-set.ts";
import { evaluateQuestion, type Metrics, type QuestionOutcome, summarise } from "./evaluate.ts";
import { readJsonl } from "./jsonl.ts";
import { corpusFromPassages } from "./qa-corpus.ts";
import { type QaPassage, type QaQuestion, qaQuestionSchema } from "./qa-set.ts";
import { mergeRetyped, type RetypedReport, retypeChat } from "./retype.ts";
import { crossFolds, readQaSet } from "./squad-set.ts";

export interface EvalOptions {
  /** Which hand-written sets: the story set, the chat set, or both. Default: the story set, unless `qa` is given. */
  readonly sets?: ReadonlyArray<"story" | "chat">;
  /** A directory in SQuAD's layout. */
  readonly qa?: string;
  /** Report the first and second half of the SQuAD set's articles separately. */
  readonly split?: boolean;
  /** Ask the chat questions answered right again, retyped as people type (see retype.ts). */
  readonly retyped?: boolean;
  readonly minConfidence?: number;
}

/** Retrieval and abstention figures of one set, with baselines on the same passages. */
export interface QaReport {
  readonly set: string;
  readonly passages: number;
  readonly minConfidence: number;
  /** Metrics over every question, then per half when split. */
  readonly groups: ReadonlyArray<{ readonly name: string; readonly metrics: Metrics }>;
  /** Other engines on the same passages and in-corpus questions, ranking only. */
  readonly baselines: readonly BaselineMetrics[];
  /** Answered in-corpus and declined out-of-corpus shares at other thresholds. */
  readonly sweep: ReadonlyArray<{
    readonly threshold: number;
    readonly answered: number;
    readonly declined: number;
  }>;
  /** Hand-written questions no set answers (eval/out-of-corpus), asked of the whole index. */
  readonly handWritten: { readonly questions: number; readonly declined: number } | null;
}

/** The chat set: each story's halves, both halves of every story together, and baselines. */
export interface ChatReport {
  readonly rows: ReadonlyArray<{ readonly name: string; readonly metrics: ChatMetrics }>;
  readonly baselines: ReadonlyArray<{
    readonly name: string;
    readonly half: string;
    readonly answerable: number;
    readonly top1: number;
    readonly top3: number;
  }>;
  readonly outcomes: readonly (ChatOutcome & { readonly story: string; readonly half: string })[];
  /** Each half's right answers retyped, every story together; null unless asked for. */
  readonly retyped: Readonly<Record<Half, RetypedReport>> | null;
}

export interface EvalReport {
  readonly story: QaReport | null;
  readonly chat: ChatReport | null;
  readonly squad: QaReport | null;
  readonly seconds: number;
}

export const STORY_SET = "eval/story/questions.jsonl";
export const STORY_CORPUS = "corpus";
export const HAND_WRITTEN_SET = "eval/out-of-corpus/questions.jsonl";

function sweepOf(outcomes: readonly QuestionOutcome[]) {
  const inside = outcomes.filter((o) => o.inCorpus);
  const outside = outcomes.filter((o) => !o.inCorpus);
  const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
  const out = [];
  for (let t = 0.05; t <= 0.951; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    out.push({
      threshold,
      answered: share(inside.filter((o) => o.confidence >= threshold).length, inside.length),
      declined: share(outside.filter((o) => o.confidence < threshold).length, outside.length),
    });
  }
  return out;
}

/** The baseline engines on the same passages and in-corpus questions. */
function baselinesFor(passages: readonly QaPassage[], questions: readonly QaQuestion[]): BaselineMetrics[] {
  return [
    rankingMetrics("MiniSearch 7, default options", miniSearchDefaults(passages), questions),
    rankingMetrics("lunr 2.3.9, default English pipeline", lunrDefaults(passages), questions),
  ];
}

async function evaluateAll(library: Library, questions: readonly QaQuestion[], minConfidence: number) {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) outcomes.push(await evaluateQuestion(library, q, minConfidence));
  return outcomes;
}

function passagesOf(library: Library): QaPassage[] {
  return library.data.passages.map((p) => ({ id: p.id, title: p.citation.title, text: p.text }));
}

async function storyReport(minConfidence: number): Promise<QaReport> {
  const library = Library.build(await loadCorpus(STORY_CORPUS));
  const questions = await readJsonl(STORY_SET, qaQuestionSchema);
  const outcomes = await evaluateAll(library, questions, minConfidence);
  return {
    set: `story set (${STORY_SET} on ${STORY_CORPUS}/)`,
    passages: library.stats.passages,
    minConfidence,
    groups: [{ name: "all", metrics: summarise(outcomes) }],
    baselines: baselinesFor(
      passagesOf(library),
      questions.filter((q) => q.passageIds.length > 0),
    ),
    sweep: sweepOf(outcomes),
    handWritten: null,
  };
}

async function chatReport(retype: boolean): Promise<ChatReport> {
  const stories = await readChatStories();
  const rows: Array<{ name: string; metrics: ChatMetrics }> = [];
  const outcomes: Array<ChatOutcome & { story: string; half: string }> = [];
  const baselines: Array<{
    name: string;
    half: string;
    questions: ChatQuestion[];
    rankers: ReturnType<typeof rankersFor>;
  }> = [];
  const retyped: Record<Half, RetypedReport[]> = { tuning: [], "held-out": [] };
  for (const story of stories) {
    const library = Library.build(await loadCorpus(story.corpusDir));
    const rankers = rankersFor(passagesOf(library));
    for (const half of HALVES) {
      const questions = story.halves[half];
      const scored = await evaluateChat(library, questions);
      outcomes.push(...scored.map((o) => ({ ...o, story: story.name, half })));
      rows.push({ name: `${story.name}, ${half}`, metrics: summariseChat(scored) });
      baselines.push({ name: story.name, half, questions: [...questions], rankers });
      if (retype) retyped[half].push(await retypeChat(library, questions, scored));
    }
  }
  for (const half of HALVES) {
    rows.push({
      name: `all stories, ${half}`,
      metrics: summariseChat(outcomes.filter((o) => o.half === half)),
    });
  }
  const engines = ["MiniSearch 7, default options", "lunr 2.3.9, default English pipeline"] as const;
  return {
    rows,
    outcomes,
    retyped: retype
      ? { tuning: mergeRetyped(retyped.tuning), "held-out": mergeRetyped(retyped["held-out"]) }
      : null,
    baselines: engines.flatMap((engine, e) =>
      HALVES.map((half) => {
        let answerable = 0;
        let top1 = 0;
        let top3 = 0;
        for (const b of baselines.filter((x) => x.half === half)) {
          const m = baselineChat(b.rankers[e] as (q: string) => readonly string[], b.questions);
          answerable += m.answerable;
          top1 += m.top1 * m.answerable;
          top3 += m.top3 * m.answerable;
        }
        const share = (n: number) => Math.round((n / Math.max(1, answerable)) * 1000) / 1000;
        return { name: engine, half, answerable, top1: share(top1), top3: share(top3) };
      }),
    ),
  };
}

function rankersFor(passages: readonly QaPassage[]) {
  return [miniSearchDefaults(passages), lunrDefaults(passages)] as const;
}

async function squadReport(dir: string, split: boolean, minConfidence: number): Promise<QaReport> {
  const set = await readQaSet(dir);
  const library = Library.build(corpusFromPassages(set.passages));
  const inCorpus = await evaluateAll(library, set.questions, minConfidence);
  const outOfCorpus: Array<{ q: QaQuestion; outcome: QuestionOutcome }> = [];
  for (const { corpus, questions } of crossFolds(set)) {
    const fold = Library.build(corpus);
    for (const q of questions)
      outOfCorpus.push({ q, outcome: await evaluateQuestion(fold, q, minConfidence) });
  }
  const handWritten = await evaluateAll(
    library,
    await readJsonl(HAND_WRITTEN_SET, qaQuestionSchema),
    minConfidence,
  );
  const outcomes = [...inCorpus, ...outOfCorpus.map((o) => o.outcome)];
  const groups = [{ name: "all", metrics: summarise(outcomes) }];
  if (split) {
    // Halves by article, in the order the articles first appear (SQuAD: sq00-sq23, then sq24-sq47).
    const titles = [...new Set(set.passages.map((p) => p.title))];
    const half = new Map(titles.map((t, i) => [t, i < titles.length / 2 ? 0 : 1]));
    const titleOf = new Map(set.passages.map((p) => [p.id, p.title]));
    const halfOf = (q: QaQuestion) => half.get(titleOf.get(q.passageIds[0] ?? "") ?? "");
    const originals = new Map(set.questions.map((q) => [q.id, q]));
    for (const [name, h] of [
      ["first half (tuning)", 0],
      ["second half (held out)", 1],
    ] as const) {
      const inside = inCorpus.filter((_, i) => halfOf(set.questions[i] as QaQuestion) === h);
      const outside = outOfCorpus
        .filter(({ q }) => halfOf(originals.get(q.id) as QaQuestion) === h)
        .map((o) => o.outcome);
      groups.push({ name, metrics: summarise([...inside, ...outside]) });
    }
  }
  return {
    set: `${dir} (SQuAD layout)`,
    passages: library.stats.passages,
    minConfidence,
    groups,
    baselines: baselinesFor(set.passages, set.questions),
    sweep: sweepOf(outcomes),
    handWritten: {
      questions: handWritten.length,
      declined:
        Math.round((handWritten.filter((o) => !o.answered).length / Math.max(1, handWritten.length)) * 1000) /
        1000,
    },
  };
}

/** Runs the evaluation: storydesk's own pipeline over each set's passages, every question asked. */
export async function runEval(options: EvalOptions = {}): Promise<EvalReport> {
  const started = performance.now();
  const minConfidence = options.minConfidence ?? defaultMinConfidence();
  const sets = options.sets ?? (options.qa ? [] : ["story"]);
  return {
    story: sets.includes("story") ? await storyReport(minConfidence) : null,
    chat: sets.includes("chat") ? await chatReport(options.retyped === true) : null,
    squad: options.qa ? await squadReport(options.qa, options.split === true, minConfidence) : null,
    seconds: (performance.now() - started) / 1000,
  };
}
