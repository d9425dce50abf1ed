import { existsSync } from "node:fs";
import path from "node:path";
import { type EvalReport, HAND_WRITTEN_SET, runEval } from "../eval/run-eval.ts";
import { CLIError } from "./cli-error.ts";
import { parseCommandLine, runCommand } from "./run.ts";

const USAGE = "npm run eval -- [--qa DIR] [--split] [--sweep] [--json]";

function table(report: EvalReport, sweep: boolean): string {
  const header = [
    "group",
    "questions",
    "in",
    "out",
    "R@1",
    "R@3",
    "R@5",
    "MRR@10",
    "sentence@1",
    "answered-in",
    "declined-out",
  ];
  const rows = report.groups.map(({ name, metrics: m }) => [
    name,
    String(m.questions),
    String(m.inCorpus),
    String(m.outOfCorpus),
    ...[
      m.recallAt1,
      m.recallAt3,
      m.recallAt5,
      m.mrrAt10,
      m.answerSentenceAt1,
      m.answeredInCorpus,
      m.declinedOutOfCorpus,
    ].map((v) => v.toFixed(3)),
  ]);
  const lines = [
    `storydesk eval: ${report.set}, ${report.passages} passages, answer threshold (confidence) ${report.minConfidence.toFixed(3)}`,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
  if (report.handWritten) {
    lines.push(
      "",
      `Hand-written out-of-corpus questions (${HAND_WRITTEN_SET}), asked of the whole index: ${report.handWritten.declined.toFixed(3)} of ${report.handWritten.questions} declined.`,
    );
  }
  if (report.baselines.length > 0) {
    lines.push("", "Baselines on the same passages and in-corpus questions (ranking only):", "");
    lines.push("| engine | questions | R@1 | R@3 | R@5 | MRR@10 |", "|---|---:|---:|---:|---:|---:|");
    for (const b of report.baselines) {
      lines.push(
        `| ${b.name} | ${b.questions} | ${[b.recallAt1, b.recallAt3, b.recallAt5, b.mrrAt10].map((v) => v.toFixed(3)).join(" | ")} |`,
      );
    }
  }
  if (sweep) {
    lines.push("", "| threshold | answered-in | declined-out | mean |", "|---:|---:|---:|---:|");
    for (const s of report.sweep) {
      lines.push(
        `| ${s.threshold.toFixed(2)} | ${s.answered.toFixed(3)} | ${s.declined.toFixed(3)} | ${((s.answered + s.declined) / 2).toFixed(3)} |`,
      );
    }
  }
  lines.push("", `(${report.seconds.toFixed(1)} s)`);
  return `${lines.join("\n")}\n`;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      qa: { type: "string" },
      split: { type: "boolean" },
      sweep: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nMeasures retrieval, answer sentences and abstention on the bundled story set, or on a set in SQuAD's layout (passages.jsonl, questions.jsonl), e.g. --qa ../shared/data/squad.\n`,
    );
    return;
  }
  if (positionals.length > 0)
    throw new CLIError(`storydesk: unexpected argument "${positionals[0]}". Usage: ${USAGE}`);
  if (values.qa !== undefined) {
    for (const file of ["passages.jsonl", "questions.jsonl"]) {
      if (!existsSync(path.join(values.qa, file))) {
        throw new CLIError(
          `--qa ${values.qa}: no ${file} there; give a directory with passages.jsonl and questions.jsonl.`,
        );
      }
    }
  } else if (values.split) {
    throw new CLIError("storydesk: --split needs --qa DIR: the story set has a single article.");
  }
  const report = await runEval({
    ...(values.qa === undefined ? {} : { qa: values.qa }),
    ...(values.split ? { split: true } : {}),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : table(report, values.sweep === true),
  );
}

await runCommand(main);
