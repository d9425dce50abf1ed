import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ABSTAIN_FEATURES, type AbstainFeature, FEATURES, type FeatureName } from "./features.ts";
import fitted from "./model.json" with { type: "json" };

/**
 * The re-ranking, answer-sentence and abstention models, fitted by `npm run tune` (src/eval/tune.ts)
 * and stored as model.json: do not edit it by hand; change the features or the fitting, then tune
 * again. A feature the file does not weigh yet counts 0, so that a new feature can be added before
 * it is fitted.
 */
/** Where `npm run tune` writes the fitted models. */
export const MODEL_FILE = fileURLToPath(new URL("./model.json", import.meta.url));

const weights = z.record(z.string(), z.number());
const modelSchema = z.object({
  fittedOn: z.string(),
  candidates: z.number().int().positive(),
  rerank: weights,
  sentence: z.object({ coverage: z.number(), answerType: z.number(), first: z.number() }),
  abstain: z.object({ intercept: z.number(), coefficients: weights, threshold: z.number() }),
  figures: z.record(z.string(), z.number()),
});
export type ModelFile = z.infer<typeof modelSchema>;

function byName<T extends string>(
  names: readonly T[],
  values: Record<string, number>,
): Readonly<Record<T, number>> {
  return Object.fromEntries(names.map((n) => [n, values[n] ?? 0])) as Record<T, number>;
}

/** The models as answering reads them. */
export interface Model {
  /** How many first-stage candidates are re-ranked. */
  readonly candidates: number;
  readonly rerank: Readonly<Record<FeatureName, number>>;
  readonly sentence: ModelFile["sentence"];
  /** Logistic model: answer when intercept + Σ coefficient × feature ≥ threshold (a log-odds). */
  readonly abstain: {
    readonly intercept: number;
    readonly coefficients: Readonly<Record<AbstainFeature, number>>;
    readonly threshold: number;
  };
}

/** Reads a model file's contents; throws when they do not have the model's shape. */
export function readModel(contents: unknown): Model {
  const file = modelSchema.parse(contents);
  return {
    candidates: file.candidates,
    rerank: byName(FEATURES, file.rerank),
    sentence: file.sentence,
    abstain: {
      intercept: file.abstain.intercept,
      coefficients: byName(ABSTAIN_FEATURES, file.abstain.coefficients),
      threshold: file.abstain.threshold,
    },
  };
}

let current: Model = readModel(fitted);

/** The model answers use: model.json, unless tuning swapped in the one it is fitting. */
export function model(): Model {
  return current;
}

/** Swaps the model in use, for `npm run tune` while it fits. */
export function useModel(next: Model): void {
  current = next;
}
