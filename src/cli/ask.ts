import { DEFAULT_TOP, MAX_TOP, normaliseQuestion } from "../core/answering/answer.ts";
import { CLIError } from "./cli-error.ts";
import { renderAnswer, terminalStyle } from "./render.ts";
import { openCorpus, parseCommandLine, runCommand } from "./run.ts";

const USAGE = 'npm run ask -- [--json] [--top N] "your question"';

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    { json: { type: "boolean" }, top: { type: "string" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nAnswers a question from the articles in CORPUS_DIR (default ./corpus).\n`,
    );
    return;
  }
  let top = DEFAULT_TOP;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!/^\d+$/.test(values.top) || top < 1 || top > MAX_TOP) {
      throw new CLIError(
        `storydesk: --top must be a whole number from 1 to ${MAX_TOP}, not "${values.top}".`,
      );
    }
  }
  const question = positionals.join(" ");
  if (question.trim().length === 0) {
    throw new CLIError(
      `storydesk: ask a question, for example: npm run ask -- "Who was designated?" (usage: ${USAGE})`,
    );
  }
  // Checked before the corpus is opened, so that a bad question fails fast and says why.
  normaliseQuestion(question);
  const { library } = await openCorpus();
  const answer = await library.ask(question, { top });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...answer, corpus: { version: library.version } }, null, 2)}\n`);
  } else {
    process.stdout.write(renderAnswer(answer, terminalStyle(process.stdout)));
  }
}

await runCommand(main);
