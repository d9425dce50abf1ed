import {
  ABSTAIN_FEATURES,
  type AbstainFeature,
  type CandidateDecision,
  FEATURES,
  type FeatureName,
  Library,
  type Model,
  model,
  phraseKey,
  positionOf,
  type RankedCandidate,
  sentences,
  useModel,
} from "../core/index.ts";
import type { ChatQuestion } from "./chat-set.ts";
import { corpusFromPassages } from "./qa-corpus.ts";
import type { QaQuestion } from "./qa-set.ts";
import { crossFolds, type QaSet } from "./squad-set.ts";

/**
 * Fits the re-ranking, answer-sentence and abstention models on tuning data only: the first half of
 * a SQuAD-layout set's articles (SQuAD: sq00-sq23) and the tuning half of every chat story
 * (eval/chat/<story>/tuning.jsonl), so that the other halves measure them on questions they never
 * saw. The chat questions weigh as much as SQuAD's (see CHAT_WEIGHT), so that neither kind of
 * question is sacrificed for the other.
 */

/** One question's candidates as a feature matrix, with which ones answer it. */
interface RankingCase {
  readonly features: Float64Array[];
  readonly gold: boolean[];
  /** How much the case counts: chat cases stand for many more questions than there are. */
  readonly weight: number;
  /** For each candidate: its sentences' [coverage, answerType, first] and which hold a gold answer. */
  readonly sentences: Array<{ signals: Array<readonly [number, number, number]>; answer: boolean[] } | null>;
}

/** One chat story's tuning half, asked of its corpus. */
export interface ChatTuning {
  readonly name: string;
  readonly library: Library;
  readonly questions: readonly ChatQuestion[];
}

export interface TunedModel {
  readonly rerank: Record<FeatureName, number>;
  readonly sentence: { coverage: number; answerType: number; first: number };
  readonly abstain: {
    intercept: number;
    coefficients: Record<AbstainFeature, number>;
    threshold: number;
  };
  readonly figures: Record<string, number>;
}

function isGold(candidate: RankedCandidate, gold: ReadonlySet<string>): boolean {
  return gold.has(candidate.hit.passage.id) || gold.has(candidate.hit.passage.citation.docId);
}

function collect(
  library: Library,
  questions: ReadonlyArray<Pick<QaQuestion, "question" | "passageIds" | "answers">>,
  weight: number,
): RankingCase[] {
  return questions.map((q) => {
    const { ranked } = library.rank(q.question);
    const gold = new Set(q.passageIds);
    const answers = q.answers.map((a) => phraseKey(a)).filter((a) => a.trim() !== "");
    return {
      features: ranked.map((c) => c.signals.features.values),
      gold: ranked.map((c) => isGold(c, gold)),
      weight,
      sentences: ranked.map((c) => {
        if (!isGold(c, gold)) return null;
        const parts = sentences(c.hit.passage.text);
        return {
          signals: c.signals.sentences.map((s, i) => [s.coverage, s.answerType, i === 0 ? 1 : 0] as const),
          answer: c.signals.sentences.map((_, i) => {
            const key = phraseKey(parts[i]?.text ?? "");
            return answers.some((a) => key.includes(a));
          }),
        };
      }),
    };
  });
}

/** Share of cases whose best-scoring candidate answers (recall@1). */
function recallAt1(cases: readonly RankingCase[], weights: Float64Array): number {
  let hits = 0;
  let total = 0;
  const d = weights.length;
  for (const c of cases) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c.features.length; j++) {
      const f = c.features[j] as Float64Array;
      let score = 0;
      for (let i = 0; i < d; i++) score += (f[i] as number) * (weights[i] as number);
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best >= 0 && c.gold[best]) hits += c.weight;
    total += c.weight;
  }
  return hits / Math.max(1e-9, total);
}

/**
 * Pairwise logistic regression (RankNet): every answering candidate should outscore every other
 * candidate of its question. Convex, so all signals are weighed together; the result is scaled so
 * that BM25's weight is 1.
 */
function fitPairwise(cases: readonly RankingCase[]): Float64Array {
  const d = FEATURES.length;
  const diffs: Float64Array[] = [];
  const diffWeights: number[] = [];
  for (const c of cases) {
    const golds = c.features.filter((_, j) => c.gold[j]);
    for (const g of golds.slice(0, 1)) {
      c.features.forEach((f, j) => {
        if (c.gold[j]) return;
        diffs.push(g.map((x, i) => x - (f[i] as number)));
        diffWeights.push(c.weight);
      });
    }
  }
  const weightTotal = diffWeights.reduce((a, b) => a + b, 0) || 1;
  const sd = new Float64Array(d);
  diffs.forEach((x, n) => {
    for (let i = 0; i < d; i++)
      sd[i] = (sd[i] as number) + ((diffWeights[n] as number) * (x[i] as number) ** 2) / weightTotal;
  });
  for (let i = 0; i < d; i++) sd[i] = Math.sqrt(sd[i] as number) || 1;
  const w = new Float64Array(d);
  for (let step = 0; step < 300; step++) {
    const g = new Float64Array(d);
    diffs.forEach((x, n) => {
      let z = 0;
      for (let i = 0; i < d; i++) z += (w[i] as number) * ((x[i] as number) / (sd[i] as number));
      const p = (diffWeights[n] as number) / (1 + Math.exp(z));
      for (let i = 0; i < d; i++) g[i] = (g[i] as number) - (p * (x[i] as number)) / (sd[i] as number);
    });
    for (let i = 0; i < d; i++) w[i] = (w[i] as number) - (2 * (g[i] as number)) / weightTotal;
  }
  const raw = w.map((wi, i) => wi / (sd[i] as number));
  const scale = raw[positionOf("bm25")] || 1;
  return raw.map((x) => x / scale);
}

/** Recall@1 with BM25 and one other signal at its best weight: what each signal is worth alone. */
function soloGains(cases: readonly RankingCase[], log: (line: string) => void): void {
  const base = new Float64Array(FEATURES.length);
  base[positionOf("bm25")] = 1;
  const start = recallAt1(cases, base);
  const gains = FEATURES.filter((f) => f !== "bm25").map((name) => {
    const w = base.slice();
    let best = start;
    for (let v = -2; v <= 4.0001; v += 0.2) {
      w[positionOf(name)] = v;
      best = Math.max(best, recallAt1(cases, w));
    }
    return `${name} +${((best - start) * 100).toFixed(1)}`;
  });
  log(`rerank: each signal alone with BM25 (points of recall@1): ${gains.join(", ")}`);
}

/** Pairwise regression, then coordinate ascent on recall@1 itself: each weight in turn set to its best value on a grid. */
function fitRerank(cases: readonly RankingCase[], log: (line: string) => void): Float64Array {
  soloGains(cases, log);
  const weights = fitPairwise(cases);
  let best = recallAt1(cases, weights);
  log(`rerank: pairwise regression recall@1 ${best.toFixed(4)}`);
  const grid: number[] = [];
  for (let v = -3; v <= 6.0001; v += 0.1) grid.push(Math.round(v * 10) / 10);
  for (let pass = 0; pass < 4; pass++) {
    let improved = false;
    for (let f = 0; f < FEATURES.length; f++) {
      if (FEATURES[f] === "bm25") continue; // the scale: every other weight is relative to BM25's
      const keep = weights[f] as number;
      let bestValue = keep;
      for (const value of grid) {
        weights[f] = value;
        const score = recallAt1(cases, weights);
        if (score > best + 1e-9) {
          best = score;
          bestValue = value;
          improved = true;
        }
      }
      weights[f] = bestValue;
    }
    log(`rerank: pass ${pass + 1} recall@1 ${best.toFixed(4)}`);
    if (!improved) break;
  }
  return weights;
}

function fitSentence(cases: readonly RankingCase[], log: (line: string) => void) {
  const items = cases.flatMap((c) =>
    c.sentences.filter((s): s is NonNullable<typeof s> => s?.answer.some(Boolean) ?? false),
  );
  const accuracy = (w: readonly [number, number, number]) => {
    let right = 0;
    for (const item of items) {
      let bestIndex = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      item.signals.forEach((s, i) => {
        const score = w[0] * s[0] + w[1] * s[1] + w[2] * s[2];
        if (score > bestScore) {
          bestScore = score;
          bestIndex = i;
        }
      });
      if (item.answer[bestIndex]) right++;
    }
    return right / Math.max(1, items.length);
  };
  let best: [number, number, number] = [1, 0, 0];
  let bestAccuracy = accuracy(best);
  for (let a = 0; a <= 1.0001; a += 0.05) {
    for (let f = -0.3; f <= 0.3001; f += 0.05) {
      const w: [number, number, number] = [1, Math.round(a * 100) / 100, Math.round(f * 100) / 100];
      const acc = accuracy(w);
      if (acc > bestAccuracy + 1e-9) {
        bestAccuracy = acc;
        best = w;
      }
    }
  }
  log(`sentence: accuracy on gold passages ${bestAccuracy.toFixed(4)} with ${JSON.stringify(best)}`);
  return { coverage: best[0], answerType: best[1], first: best[2] };
}

/** Logistic regression by gradient descent on standardised features. */
function fitLogistic(rows: readonly number[][], labels: readonly number[], rowWeights: readonly number[]) {
  const d = rows[0]?.length ?? 0;
  const total = rowWeights.reduce((a, b) => a + b, 0) || 1;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) {
    for (const [i, x] of r.entries()) mean[i] = (mean[i] as number) + x / rows.length;
  }
  for (const r of rows) {
    for (const [i, x] of r.entries())
      sd[i] = (sd[i] as number) + (x - (mean[i] as number)) ** 2 / rows.length;
  }
  for (let i = 0; i < d; i++) sd[i] = Math.sqrt(sd[i] as number) || 1;
  const z = rows.map((r) => r.map((x, i) => (x - (mean[i] as number)) / (sd[i] as number)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let step = 0; step < 2000; step++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    z.forEach((r, n) => {
      const p = 1 / (1 + Math.exp(-(b + r.reduce((s, x, i) => s + x * (w[i] as number), 0))));
      const err = (p - (labels[n] as number)) * (rowWeights[n] as number);
      gb += err;
      for (const [i, x] of r.entries()) gw[i] = (gw[i] as number) + err * x;
    });
    b -= (0.5 * gb) / total;
    for (let i = 0; i < d; i++) w[i] = (w[i] as number) - (0.5 * (gw[i] as number)) / total;
  }
  // Back to raw features: w·(x-m)/s + b = Σ (w/s) x + (b - Σ w m / s).
  const coefficients = w.map((wi, i) => wi / (sd[i] as number));
  const intercept = b - w.reduce((s, wi, i) => s + (wi * (mean[i] as number)) / (sd[i] as number), 0);
  return { intercept, coefficients };
}

/** A tuning question's best candidates as the decision reads them, with what should happen. */
interface DecisionCase {
  readonly candidates: readonly CandidateDecision[];
  /** 1: it should be answered; 0: declined. */
  readonly label: 0 | 1;
  readonly weight: number;
  readonly group: "squad" | "chat";
}

function decisionCase(
  library: Library,
  question: string,
  label: 0 | 1,
  weight: number,
  group: DecisionCase["group"],
) {
  return { candidates: library.decisions(question), label, weight, group } satisfies DecisionCase;
}

/** Whether a question is answered at a threshold (log-odds), as answerQuestion decides it. */
function answeredAt(
  c: DecisionCase,
  intercept: number,
  coefficients: readonly number[],
  threshold: number,
): boolean {
  if (c.candidates[0]?.absent) return false;
  return c.candidates.some((candidate, rank) => {
    // As answerQuestion decides (mayAnswer): binding for the story's named things, else weighed.
    if (candidate.named ? !candidate.holds && candidate.binding : rank > 0 && !candidate.holds) return false;
    let z = intercept;
    ABSTAIN_FEATURES.forEach((name, i) => {
      z += (coefficients[i] as number) * candidate.features[name];
    });
    return z >= threshold;
  });
}

/** Share of SQuAD's in-corpus tuning questions that must stay answered: the target is 0.95. */
const SQUAD_ANSWERED = 0.951;
/**
 * How much one chat question counts against one SQuAD question in the fit. Measured with 0, 1, 2,
 * 3 and 10 (docs): more weight answers more chat questions and declines fewer SQuAD ones.
 */
const CHAT_WEIGHT = 1;

export function tune(set: QaSet, chat: readonly ChatTuning[], log: (line: string) => void): TunedModel {
  const titles = [...new Set(set.passages.map((p) => p.title))];
  const tuningTitles = new Set(titles.slice(0, Math.ceil(titles.length / 2)));
  const titleOf = new Map(set.passages.map((p) => [p.id, p.title]));
  const inTuning = (q: QaQuestion) => tuningTitles.has(titleOf.get(q.passageIds[0] ?? "") ?? "");
  const tuning = set.questions.filter(inTuning);
  log(`tuning on ${tuning.length} SQuAD questions of ${tuningTitles.size} articles (the first half)`);
  const answerable = (q: ChatQuestion) => q.expect === "answer" && q.request === undefined;
  const declinable = (q: ChatQuestion) => q.expect === "detail-missing" || q.expect === "not-covered";
  log(
    `and ${chat.reduce((n, c) => n + c.questions.filter(answerable).length, 0)} answerable, ${chat.reduce((n, c) => n + c.questions.filter(declinable).length, 0)} declinable chat questions of ${chat.map((c) => c.name).join(", ")} (tuning halves)`,
  );

  const library = Library.build(corpusFromPassages(set.passages));
  const cases = [
    ...collect(library, tuning, 1),
    ...chat.flatMap((c) => collect(c.library, c.questions.filter(answerable), CHAT_WEIGHT)),
  ];
  const rerankWeights = fitRerank(cases, log);
  const sentence = fitSentence(cases, log);
  const rerank = Object.fromEntries(
    FEATURES.map((name, i) => [name, Math.round((rerankWeights[i] as number) * 100) / 100]),
  ) as Record<FeatureName, number>;
  // The abstention model is fitted on candidates ranked by the new weights.
  const fitted: Model = { ...model(), rerank, sentence };
  useModel(fitted);

  // Abstention: in-corpus questions should be answered, the same questions asked of an index
  // without their article should not; chat questions as labelled.
  const decisions: DecisionCase[] = tuning.map((q) => decisionCase(library, q.question, 1, 1, "squad"));
  for (const { corpus, questions } of crossFolds(set)) {
    const fold = Library.build(corpus);
    const original = new Map(set.questions.map((q) => [q.id, q]));
    for (const q of questions) {
      const source = original.get(q.id);
      if (source && inTuning(source)) decisions.push(decisionCase(fold, q.question, 0, 1, "squad"));
    }
  }
  for (const c of chat) {
    for (const q of c.questions) {
      if (answerable(q)) decisions.push(decisionCase(c.library, q.question, 1, CHAT_WEIGHT, "chat"));
      else if (declinable(q)) decisions.push(decisionCase(c.library, q.question, 0, CHAT_WEIGHT, "chat"));
    }
  }
  // Rows: each question's best candidate.
  const withCandidates = decisions.filter((d) => d.candidates.length > 0);
  const rows = withCandidates.map((d) =>
    ABSTAIN_FEATURES.map((name) => (d.candidates[0] as CandidateDecision).features[name]),
  );
  const { intercept, coefficients } = fitLogistic(
    rows,
    withCandidates.map((d) => d.label),
    withCandidates.map((d) => d.weight),
  );

  // The threshold: the one that declines most (chat and SQuAD) while SQuAD's in-corpus tuning
  // questions stay answered at SQUAD_ANSWERED.
  const share = (group: DecisionCase["group"], label: 0 | 1, t: number) => {
    const of = decisions.filter((d) => d.group === group && d.label === label);
    const right = of.filter((d) => answeredAt(d, intercept, coefficients, t) === (label === 1)).length;
    return right / Math.max(1, of.length);
  };
  let threshold = -10;
  let best = Number.NEGATIVE_INFINITY;
  for (let t = -6; t <= 6.0001; t += 0.05) {
    const squadIn = share("squad", 1, t);
    if (squadIn < SQUAD_ANSWERED) break;
    const score = share("squad", 0, t) + 1.5 * (share("chat", 0, t) + share("chat", 1, t));
    if (score > best) {
      best = score;
      threshold = t;
    }
  }
  const figures = {
    recallAt1: recallAt1(cases, rerankWeights),
    squadAnswered: share("squad", 1, threshold),
    squadDeclined: share("squad", 0, threshold),
    chatAnswered: share("chat", 1, threshold),
    chatDeclined: share("chat", 0, threshold),
  };
  log(
    `abstain at log-odds ${threshold.toFixed(2)}: SQuAD answered ${figures.squadAnswered.toFixed(4)} in-corpus, declined ${figures.squadDeclined.toFixed(4)} out-of-corpus; chat answered ${figures.chatAnswered.toFixed(4)}, declined ${figures.chatDeclined.toFixed(4)} (tuning halves)`,
  );

  return {
    rerank,
    sentence,
    abstain: {
      intercept,
      coefficients: Object.fromEntries(
        ABSTAIN_FEATURES.map((name, i) => [name, coefficients[i] as number]),
      ) as Record<AbstainFeature, number>,
      threshold,
    },
    figures,
  };
}
