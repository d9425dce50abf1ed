import { Random, Zipf } from "./random.ts";
import type { Row } from "./rows.ts";
import { ENTITY_COUNT, type Vocabulary, vocabulary } from "./vocabulary.ts";

/**
 * Synthetic news articles shaped like the BBC corpus: titles of 6-12 words, 4-12 paragraphs of 2-5
 * sentences of 7-20 words (about 380 words an article). Words follow Zipf's law over a ranked
 * vocabulary, so that posting lists are as skewed as in real text; each article has a topic (words
 * it repeats) and a few named entities, so that its title and its spans find it again.
 *
 * Article i depends only on the seed and i: a corpus of 1,000 articles is the first 1,000 of the
 * corpus of 10,000, and the same seed always gives byte-identical text.
 */

export const DEFAULT_SEED = 20250809;

const TOPIC_WORDS = 12;
/**
 * Share of word slots (in order): function word, entity, number, topic word; the rest are background
 * content words.
 */
const P_FUNCTION = 0.48;
const P_ENTITY = 0.05;
const P_NUMBER = 0.025;
const P_TOPIC = 0.15;
/**
 * Background content words: Zipf-Mandelbrot (s 1, q 40) over the 15,000 most frequent, and one word
 * in 25 drawn uniformly from the rarer rest. Chosen so that on 2,225 articles the document
 * frequencies match the BBC corpus's (distinct terms 21,078 vs 21,383; top term in 61% vs 65% of
 * articles, the 10th in 31% vs 29%, the 100th 13.9% vs 13.9%, the 1,000th 2.8% vs 3.2%; 39% vs 42%
 * of terms in one article only; terms per article 216 vs 199).
 */
const CONTENT_RANKS = 15_000;
const CONTENT_S = 1;
const CONTENT_Q = 40;
const P_RARE = 0.04;
/** Entities: Zipf-Mandelbrot (s 1, q 5) over the pool, so that a few names recur across many articles. */
const ENTITY_S = 1;
const ENTITY_Q = 5;

interface Samplers {
  readonly vocab: Vocabulary;
  readonly functionZipf: Zipf;
  readonly contentZipf: Zipf;
  readonly entityZipf: Zipf;
}

const samplers = new Map<number, Samplers>();

function samplersFor(seed: number): Samplers {
  let known = samplers.get(seed);
  if (!known) {
    const vocab = vocabulary(seed);
    known = {
      vocab,
      functionZipf: new Zipf(vocab.functionWords.length, 1),
      contentZipf: new Zipf(Math.min(CONTENT_RANKS, vocab.contentWords.length), CONTENT_S, CONTENT_Q),
      entityZipf: new Zipf(ENTITY_COUNT, ENTITY_S, ENTITY_Q),
    };
    samplers.set(seed, known);
  }
  return known;
}

/** A word with a regular English inflection now and then ("talks", "policies"). */
function inflect(word: string, random: Random): string {
  if (!random.chance(0.2) || word.endsWith("ly")) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

function numberToken(random: Random): string {
  const u = random.next();
  if (u < 0.35) return String(random.int(2, 99));
  if (u < 0.6) return String(random.int(1990, 2025));
  if (u < 0.75) return `${random.int(1, 95)}%`;
  if (u < 0.85) return `$${random.int(1, 99)}${random.pick(["bn", "m"])}`;
  return `${random.int(2, 9)},${random.pick(["000", "500", "200"])}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface ArticleContext {
  readonly s: Samplers;
  readonly random: Random;
  readonly topic: readonly string[];
  readonly entities: ReadonlyArray<readonly string[]>;
}

function backgroundWord(c: ArticleContext): string {
  const { contentWords } = c.s.vocab;
  const ranked = c.s.contentZipf.n;
  // Now and then a rare word from beyond the ranked words: the hapaxes of real text.
  const rank =
    ranked < contentWords.length && c.random.chance(P_RARE)
      ? c.random.int(ranked, contentWords.length - 1)
      : c.s.contentZipf.sample(c.random);
  return inflect(contentWords[rank] as string, c.random);
}

function functionWord(c: ArticleContext): string {
  return c.s.vocab.functionWords[c.s.functionZipf.sample(c.random)] as string;
}

/** The article's entities, the first (its subject) named most often. */
function entity(c: ArticleContext): readonly string[] {
  const i = c.random.chance(0.5) ? 0 : c.random.int(0, c.entities.length - 1);
  return c.entities[i] as readonly string[];
}

function sentence(c: ArticleContext): string {
  const { random } = c;
  const length = random.int(7, 20);
  const words: string[] = [];
  while (words.length < length) {
    const u = random.next();
    let next: readonly string[];
    if (u < P_FUNCTION) next = [functionWord(c)];
    else if (u < P_FUNCTION + P_ENTITY) next = entity(c);
    else if (u < P_FUNCTION + P_ENTITY + P_NUMBER) next = [numberToken(random)];
    else if (u < P_FUNCTION + P_ENTITY + P_NUMBER + P_TOPIC) next = [inflect(random.pick(c.topic), random)];
    else next = [backgroundWord(c)];
    words.push(...next);
    if (words.length < length - 1 && random.chance(0.06)) words[words.length - 1] += ",";
  }
  words[0] = capitalise(words[0] as string);
  return `${words.join(" ")}.`;
}

function title(c: ArticleContext): string {
  const { random } = c;
  const length = random.int(6, 12);
  const words: string[] = [];
  const subject = c.entities[0] as readonly string[];
  // The subject takes as many of the title's words as it has, so the title keeps its length.
  const subjectAt = random.chance(0.7) ? random.int(0, length - subject.length) : -1;
  while (words.length < length) {
    if (words.length === subjectAt) {
      words.push(...subject);
      continue;
    }
    const u = random.next();
    if (u < 0.5) words.push(random.pick(c.topic));
    else if (u < 0.75) words.push(functionWord(c));
    else words.push(backgroundWord(c));
  }
  words[0] = capitalise(words[0] as string);
  return words.join(" ");
}

function published(random: Random): string {
  const day = new Date(Date.UTC(2004, 0, 1) + random.int(0, 8000) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** The i-th synthetic article (from 0) of the corpus of `seed`. */
export function syntheticArticle(seed: number, i: number): Row {
  const s = samplersFor(seed);
  const random = new Random(`${seed}:article:${i}`);
  const topic: string[] = [];
  while (topic.length < TOPIC_WORDS) {
    // Topics are made of words neither ubiquitous nor unseen: skip the 150 most common.
    const rank = s.contentZipf.sample(random);
    if (rank >= 150) topic.push(s.vocab.contentWords[rank] as string);
  }
  const entities: Array<readonly string[]> = [];
  const entityCount = random.int(2, 5);
  while (entities.length < entityCount)
    entities.push(s.vocab.entities[s.entityZipf.sample(random)] as string[]);
  const c: ArticleContext = { s, random, topic, entities };
  const head = title(c);
  const date = published(random);
  const paragraphs: string[] = [];
  const paragraphCount = random.int(4, 12);
  for (let p = 0; p < paragraphCount; p++) {
    const sentences: string[] = [];
    const sentenceCount = random.int(2, 5);
    for (let k = 0; k < sentenceCount; k++) sentences.push(sentence(c));
    paragraphs.push(sentences.join(" "));
  }
  return {
    id: `syn-${String(i + 1).padStart(6, "0")}`,
    title: head,
    text: paragraphs.join("\n\n"),
    published: date,
  };
}

/** The first `count` articles of the synthetic corpus of `seed`. */
export function syntheticCorpus(seed: number, count: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) rows.push(syntheticArticle(seed, i));
  return rows;
}
