import { DEFAULT_INDEX_OPTIONS, type Library, MiniSearchIndex, terms } from "../src/core/index.ts";
import { latencyPasses } from "./latency.ts";
import type { QuerySource } from "./queries.ts";
import type { BenchSettings, WorkerResult } from "./types.ts";

/** The articles of a library as query sources: each title and its passages' text. */
export function querySources(library: Library): QuerySource[] {
  const byArticle = new Map<string, { title: string; passages: string[] }>();
  for (const passage of library.data.passages) {
    const id = passage.citation.docId;
    let entry = byArticle.get(id);
    if (!entry) {
      entry = { title: passage.citation.title, passages: [] };
      byArticle.set(id, entry);
    }
    if (passage.citation.kind === "paragraph") entry.passages.push(passage.text);
  }
  return [...byArticle.values()];
}

const TOP = 3;

/** `library.ask(question, {top: 3})` over the query set, as the CLI asks by default. */
export async function measureAsk(
  library: Library,
  queries: readonly string[],
  settings: BenchSettings,
): Promise<WorkerResult["ask"]> {
  let answered = 0;
  let calls = 0;
  let slowest: Array<{ query: string; ms: number }> = [];
  const result = await latencyPasses(
    queries,
    async (q) => {
      calls++;
      if ((await library.ask(q, { top: TOP })).answered) answered++;
    },
    settings.runs,
    settings.budgetMs,
    {
      onPass: (latencies) => {
        slowest = latencies
          .map((ms, i) => ({ query: queries[i] as string, ms }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5);
      },
    },
  );
  return { ...result, answered: answered / calls, slowest };
}

/**
 * Raw MiniSearch on the same passages (storydesk's MiniSearchIndex: same analysis, BM25+ settings,
 * boosts), searched with the same analysed terms (the question's `terms()`, each weight 1), top 10.
 * Terms are analysed before timing: this is MiniSearch's search alone. MiniSearch is slow on large
 * corpora (87 ms a query at 50k articles), so its pass is cut to the queries that fit the budget.
 */
export async function measureMiniSearch(
  library: Library,
  queries: readonly string[],
  settings: BenchSettings,
): Promise<WorkerResult["minisearch"]> {
  const started = performance.now();
  const index = new MiniSearchIndex(library.data.passages, DEFAULT_INDEX_OPTIONS);
  const buildMs = performance.now() - started;
  const analysed = queries.map((q) => [...new Set(terms(q))].map((term) => ({ term, weight: 1 })));
  const result = await latencyPasses(analysed, (q) => index.search(q, 10), settings.runs, settings.budgetMs, {
    fit: true,
  });
  return { ...result, buildMs };
}
