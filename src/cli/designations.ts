import { openCorpus } from "../entry/open-corpus.ts";
import { runMain } from "../entry/run-main.ts";
import { renderDesignations } from "./render.ts";

await runMain({
  usage: "npm run designations -- [--json]",
  description: "Lists the organisations the corpus says were designated as terrorist organisations.",
  options: { json: { type: "boolean" } },
  async run({ values }) {
    const { library } = await openCorpus();
    const organisations = library.designations();
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ organisations, corpus: { version: library.version } }, null, 2)}\n`
        : renderDesignations(organisations),
    );
  },
});
