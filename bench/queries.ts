import { MAX_QUESTION_CHARS } from "../src/core/answer.ts";
import { Random } from "./random.ts";

/** What queries are made from: each article's title and its passages' text. */
export interface QuerySource {
  readonly title: string;
  readonly passages: readonly string[];
}

export const SPAN_WORDS = 6;

/**
 * `count` questions from a corpus, from a fixed seed: half are titles of random articles, half are
 * spans of 6 consecutive words from a random passage of a random article (a passage too short gives
 * all its words).
 */
export function makeQueries(sources: readonly QuerySource[], count: number, seed: number): string[] {
  if (sources.length === 0) throw new Error("no articles to make queries from");
  const random = new Random(`${seed}:queries`);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const source = random.pick(sources);
    if (i % 2 === 0) {
      queries.push(source.title.slice(0, MAX_QUESTION_CHARS));
      continue;
    }
    const words = (source.passages.length > 0 ? random.pick(source.passages) : source.title)
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const start = random.int(0, Math.max(0, words.length - SPAN_WORDS));
    queries.push(
      words
        .slice(start, start + SPAN_WORDS)
        .join(" ")
        .slice(0, MAX_QUESTION_CHARS),
    );
  }
  return queries;
}
