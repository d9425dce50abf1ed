import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Library, loadCorpus, MODEL_FILE, type ModelFile } from "../core/index.ts";
import { CLIError } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { readChatStories } from "../eval/chat-set.ts";
import { readQaSet } from "../eval/squad-set.ts";
import { type TunedModel, tune } from "../eval/tune.ts";

const USAGE = "npm run tune -- --qa DIR [--dry-run]";

const round = (value: number) => Math.round(value * 10000) / 10000;
const rounded = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)]));

function modelFile(model: TunedModel, set: string, stories: readonly string[]): ModelFile {
  return {
    fittedOn: `${set}: the first half of its articles; eval/chat tuning halves of ${stories.join(", ")}`,
    candidates: 40,
    rerank: model.rerank,
    sentence: model.sentence,
    abstain: {
      intercept: round(model.abstain.intercept),
      coefficients: rounded(model.abstain.coefficients),
      threshold: round(model.abstain.threshold),
    },
    figures: rounded(model.figures),
  };
}

await runMain({
  usage: USAGE,
  description: `Fits the re-ranking, answer-sentence and abstention models on the first half of a SQuAD-layout set's articles and the chat set's tuning halves (eval/chat), and writes ${MODEL_FILE}.`,
  options: { qa: { type: "string" }, "dry-run": { type: "boolean" } },
  async run({ values }) {
    if (values.qa === undefined)
      throw new CLIError(`storydesk: give the SQuAD set with --qa DIR. Usage: ${USAGE}`);
    for (const file of ["passages.jsonl", "questions.jsonl"]) {
      if (!existsSync(`${values.qa}/${file}`))
        throw new CLIError(`storydesk: --qa ${values.qa}: no ${file} there.`);
    }
    const stories = await readChatStories();
    const chat = await Promise.all(
      stories.map(async (story) => ({
        name: story.name,
        library: Library.build(await loadCorpus(story.corpusDir)),
        questions: story.halves.tuning,
      })),
    );
    const model = tune(await readQaSet(values.qa), chat, (line) => process.stderr.write(`${line}\n`));
    const text = `${JSON.stringify(
      modelFile(
        model,
        values.qa,
        stories.map((s) => s.name),
      ),
      null,
      2,
    )}\n`;
    if (values["dry-run"]) {
      process.stdout.write(text);
      return;
    }
    await writeFile(MODEL_FILE, text);
    process.stdout.write(
      `Wrote ${MODEL_FILE}. Run npm run eval -- --set all --qa ${values.qa} to measure it.\n`,
    );
  },
});
