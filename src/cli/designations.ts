import { CLIError } from "./cli-error.ts";
import { renderDesignations } from "./render.ts";
import { openCorpus, parseCommandLine, runCommand } from "./run.ts";

const USAGE = "npm run designations -- [--json]";

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nLists the organisations the corpus says were designated as terrorist organisations.\n`,
    );
    return;
  }
  if (positionals.length > 0)
    throw new CLIError(`storydesk: unexpected argument "${positionals[0]}". Usage: ${USAGE}`);
  const { library } = await openCorpus();
  const organisations = library.designations();
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ organisations, corpus: { version: library.version } }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(renderDesignations(organisations));
  }
}

await runCommand(main);
