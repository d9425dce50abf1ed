import { type Answer, DEFAULT_TOP, MAX_TOP, normaliseQuestion } from "../core/index.ts";
import { CLIError } from "../entry/errors.ts";
import { openCorpus } from "../entry/open-corpus.ts";
import { runMain } from "../entry/run-main.ts";
import { renderAnswer, terminalStyle } from "./render.ts";

const USAGE = 'npm run ask -- [--json] [--top N] "your question"';

/** The answer as `--json` prints it: what was asked and found first, then the details, then the corpus. */
function jsonOf(answer: Answer, version: string) {
  const { query, outcome, answered, message, answer: sentence, passages, ...details } = answer;
  return { query, outcome, answered, message, answer: sentence, passages, ...details, corpus: { version } };
}

await runMain({
  usage: USAGE,
  description: "Answers a question from the articles in CORPUS_DIR (default ./corpus).",
  options: { json: { type: "boolean" }, top: { type: "string" } },
  positionals: { max: Number.POSITIVE_INFINITY, name: "question" },
  async run({ values, positionals }) {
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
    // The shell hands node bytes, which node decodes as UTF-8, putting U+FFFD where they are not.
    if (question.includes("\uFFFD")) {
      throw new CLIError(
        "storydesk: the question is not valid UTF-8 text: type it again, or set your terminal to UTF-8.",
      );
    }
    // Checked before the corpus is opened, so that a bad question fails fast and says why.
    normaliseQuestion(question);
    const { library } = await openCorpus();
    const answer = await library.ask(question, { top });
    process.stdout.write(
      values.json
        ? `${JSON.stringify(jsonOf(answer, library.version), null, 2)}\n`
        : renderAnswer(answer, terminalStyle(process.stdout)),
    );
  },
});
