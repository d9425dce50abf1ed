import { MAX_QUESTION_CHARS } from "../src/core/index.ts";
import { Random } from "./random.ts";

/** What queries are made from: each article's title and its passages' text. */
export interface QuerySource {
  readonly title: string;
  readonly passages: readonly string[];
}

export const SPAN_WORDS = 6;

/**
 * Chat frames around a span, as people ask in Discord: question words that make storydesk look for
 * a person, a date or a number in the answer, chat words, a pasted mention.
 */
const CHAT_FRAMES: readonly ((span: string) => string)[] = [
  (span) => `who ${span}`,
  (span) => `when did ${span}?`,
  (span) => `how many ${span} lol`,
  (span) => `wat about ${span} pls`,
  (span) => `<@123456789012345678> where ${span}`,
  (span) => `why ${span}, idiot`,
];

/**
 * `count` questions from a corpus, from a fixed seed: a third are titles of random articles, a third
 * spans of 6 consecutive words from a random passage of a random article (a passage too short gives
 * all its words), a third such spans in chat frames ("how many ... lol").
 */
export function makeQueries(sources: readonly QuerySource[], count: number, seed: number): string[] {
  if (sources.length === 0) throw new Error("no articles to make queries from");
  const random = new Random(`${seed}:queries`);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const source = random.pick(sources);
    if (i % 3 === 0) {
      queries.push(source.title.slice(0, MAX_QUESTION_CHARS));
      continue;
    }
    const words = (source.passages.length > 0 ? random.pick(source.passages) : source.title)
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const start = random.int(0, Math.max(0, words.length - SPAN_WORDS));
    const span = words.slice(start, start + SPAN_WORDS).join(" ");
    const question =
      i % 3 === 1 ? span : (CHAT_FRAMES[i % CHAT_FRAMES.length] as (s: string) => string)(span);
    queries.push(question.slice(0, MAX_QUESTION_CHARS));
  }
  return queries;
}
