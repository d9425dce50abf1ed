import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { readQaSet } from "../eval/squad-set.ts";
import { type TunedModel, tune } from "../eval/tune.ts";
import { CLIError } from "./cli-error.ts";
import { parseCommandLine, runCommand } from "./run.ts";

const USAGE = "npm run tune -- --qa DIR [--dry-run]";
const MODEL_FILE = "src/core/search/model.ts";

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function source(model: TunedModel, set: string): string {
  const record = (values: Record<string, number>) =>
    `{\n${Object.entries(values)
      .map(([k, v]) => `  ${k}: ${round(v)},`)
      .join("\n")}\n}`;
  return `import type { AbstainFeature, FeatureName } from "./rerank.ts";

/**
 * The re-ranking, answer-sentence and abstention models, written by \`npm run tune -- --qa ${set}\`,
 * which fits them on the first half of that set's articles only (SQuAD: sq00-sq23). Do not edit by
 * hand: change the features or the fitting, then run it again.
 *
 * On the tuning half: recall@1 ${round(model.figures.recallAt1 ?? 0)}, answered ${round(model.figures.answered ?? 0)} of in-corpus questions,
 * declined ${round(model.figures.declined ?? 0)} of out-of-corpus ones.
 */

/** How many first-stage candidates are re-ranked. */
export const CANDIDATES = 40;

export const RERANK_WEIGHTS: Readonly<Record<FeatureName, number>> = ${record(model.rerank)};

export const SENTENCE_WEIGHTS = ${record(model.sentence)} as const;

/** Logistic model: answer when intercept + Σ coefficient × feature ≥ threshold (a log-odds). */
export const ABSTAIN: {
  readonly intercept: number;
  readonly coefficients: Readonly<Record<AbstainFeature, number>>;
  readonly threshold: number;
} = {
  intercept: ${round(model.abstain.intercept)},
  coefficients: ${record(model.abstain.coefficients).replace(/\n/g, "\n  ")},
  threshold: ${round(model.abstain.threshold)},
};
`;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    { qa: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nFits the re-ranking, answer-sentence and abstention models on the first half of a SQuAD-layout set and writes ${MODEL_FILE}.\n`,
    );
    return;
  }
  if (positionals.length > 0 || values.qa === undefined)
    throw new CLIError(`storydesk: give the set with --qa DIR. Usage: ${USAGE}`);
  for (const file of ["passages.jsonl", "questions.jsonl"]) {
    if (!existsSync(path.join(values.qa, file)))
      throw new CLIError(`storydesk: --qa ${values.qa}: no ${file} there.`);
  }
  const model = tune(await readQaSet(values.qa), (line) => process.stderr.write(`${line}\n`));
  const text = source(model, values.qa);
  if (values["dry-run"]) {
    process.stdout.write(text);
    return;
  }
  await writeFile(MODEL_FILE, text);
  process.stdout.write(`Wrote ${MODEL_FILE}. Run npm run format, then npm run eval to measure it.\n`);
}

await runCommand(main);
