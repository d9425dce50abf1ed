import { describe, expect, it } from "vitest";
import { tagSentence } from "../../../src/core/answering/question/tagger.ts";
import { acronymsOf, initialsOf } from "../../../src/core/search/acronyms.ts";
import { AliasTable } from "../../../src/core/search/aliases.ts";
import { analyze } from "../../../src/core/text/analyze.ts";
import { isEnglishWord } from "../../../src/core/text/english.ts";
import { generalLexicon } from "../../../src/core/text/lexicon/index.ts";
import { paraphrasesOf } from "../../../src/core/text/lexicon/paraphrases.ts";
import { encodeWordVectors, WordVectors, wordVectors } from "../../../src/core/text/lexicon/word-vectors.ts";

const table = new AliasTable([], generalLexicon());
const find = (text: string) =>
  table.find(
    analyze(text)
      .filter((t) => t.term !== null)
      .map((t) => ({ term: t.term as string, surface: t.surface })),
  );

describe("the general lexicon", () => {
  it.each([
    ["american soldiers", "United States"],
    ["the Mexicans", "Mexico"],
    ["the brits", "United Kingdom"],
    ["uk jobs", "United Kingdom"],
    ["POTUS", "President of the United States"],
    ["the EO", "executive order"],
    ["narcos", "drug traffickers"],
    ["the new ciso", "chief information security officer"],
  ])("%s names %s", (text, entity) => {
    expect(find(text).map((m) => m.entity)).toContain(entity);
  });

  it("matches codes that spell a word only in capitals", () => {
    expect(find("the IT department").map((m) => m.entity)).toContain("Italy");
    expect(find("it was there").map((m) => m.entity)).not.toContain("Italy");
    expect(find("the WHO said").map((m) => m.entity)).toContain("World Health Organization");
    expect(find("who said").map((m) => m.entity)).toEqual([]);
  });

  it("joins a corpus entity that shares a name with it, so the corpus's own name wins", () => {
    const merged = new AliasTable(
      [{ name: "United States", kind: "place", aliases: ["U.S."], designations: [], line: 1 }],
      generalLexicon(),
    );
    const match = merged
      .find(analyze("american").map((t) => ({ term: t.term as string, surface: t.surface })))
      .at(0);
    expect(match?.entity).toBe("United States");
    expect(match?.own).toBe(true);
  });
});

describe("a word of one of the corpus's names, asked alone", () => {
  it("names the entity only by the names the corpus gives: 'people' is not China's", () => {
    const china = new AliasTable(
      [{ name: "China", kind: "place", aliases: [], designations: [], line: 1 }],
      generalLexicon(),
    );
    expect(find("People's Republic of China").map((m) => m.entity)).toContain("China");
    expect(china.partOfName("peopl")).toBeUndefined();
    const cartel = new AliasTable([
      { name: "Sinaloa Cartel", kind: "organisation", aliases: [], designations: [], line: 1 },
    ]);
    expect(cartel.partOfName("sinaloa")?.entity).toBe("Sinaloa Cartel");
  });
});

describe("acronyms of the corpus's own names", () => {
  const entity = (name: string, kind: "organisation" | "person" = "organisation") =>
    ({ name, kind, aliases: [], designations: [], line: 1 }) as const;
  const tokens = (text: string) =>
    analyze(text)
      .filter((t) => t.term !== null)
      .map((t) => ({ term: t.term as string, surface: t.surface }));

  it("takes the initials of every word and of the capitalised ones, of two to five words", () => {
    expect(initialsOf("Court of Appeal")).toEqual(["coa", "ca"]);
    expect(initialsOf("Supreme Court")).toEqual(["sc"]);
    expect(initialsOf("Veyra")).toEqual([]);
    expect(initialsOf("United Logistics Workers' Union (2019)")).toEqual(["ulwu"]);
    expect(initialsOf("Trade Union and Labour Relations (Consolidation) Act 1992")).toEqual([]);
  });

  it("leaves out people and acronyms two names share", () => {
    const found = acronymsOf([
      entity("Helena Strand", "person"),
      entity("Supreme Court"),
      entity("Sinaloa Cartel"),
      entity("Court of Appeal"),
    ]).map((a) => a.acronym);
    expect(found).toEqual(["coa", "ca"]);
  });

  it("lets an acronym take a country code from the general lexicon, never a corpus name", () => {
    const table = new AliasTable([entity("Supreme Court"), entity("Court of Appeal")], generalLexicon());
    expect(table.find(tokens("did the SC rule")).map((m) => m.entity)).toEqual(["Supreme Court"]);
    expect(table.find(tokens("what did the CoA say")).map((m) => m.entity)).toEqual(["Court of Appeal"]);
    expect(table.find(tokens("the sc")).map((m) => m.entity)).toEqual([]);
    const own = new AliasTable(
      [entity("Supreme Court"), { ...entity("Southern Command"), aliases: ["SC"] }],
      generalLexicon(),
    );
    expect(own.find(tokens("the SC")).map((m) => m.entity)).toEqual(["Southern Command"]);
  });
});

describe("paraphrase groups", () => {
  it("find a word's group in any of its forms", () => {
    for (const form of ["decide", "decides", "decided", "deciding"])
      expect(paraphrasesOf(form)).toContain("ruling");
    expect(paraphrasesOf("ruling")).not.toContain("ruling");
    expect(paraphrasesOf("banana")).toEqual([]);
    // A barrister "KC" is the lawyer asked for; a donor "pledged" what was asked as "giving".
    expect(paraphrasesOf("lawyer")).toEqual(expect.arrayContaining(["barrister", "kc"]));
    expect(paraphrasesOf("giving")).toEqual(expect.arrayContaining(["pledged", "donated"]));
  });
});

describe("isEnglishWord", () => {
  it.each([
    "party",
    "fall",
    "share",
    "american",
    "shipped",
    "hardest",
    "the",
    "rang",
    "bought",
    "flew",
    "stolen",
  ])("%s is English", (word) => {
    expect(isEnglishWord(word)).toBe(true);
  });
  it.each(["shienbaum", "blokced", "sheinbam", "newed", "whrn"])("%s is not", (word) => {
    expect(isEnglishWord(word)).toBe(false);
  });
});

describe("tagSentence", () => {
  const kinds = (sentence: string) =>
    tagSentence(sentence, table).map(
      (s) => `${s.kind}:${s.kind === "reason" ? "" : sentence.slice(s.start, s.end)}`,
    );

  it("finds people, organisations, places, times and numbers", () => {
    const tags = kinds(
      "In August 2025, 26 top cartel figures were extradited to the United States under a deal with the Trump administration.",
    );
    expect(tags).toEqual(
      expect.arrayContaining([
        "time:August",
        "time:2025",
        "number:26",
        "place:United States",
        "organisation:Trump administration",
      ]),
    );
    expect(kinds("Interior Minister Ilse Marrow said the Red Lantern Collective was behind it.")).toEqual(
      expect.arrayContaining(["person:Ilse Marrow", "organisation:Red Lantern Collective"]),
    );
  });

  it("finds times written with punctuation and reasons", () => {
    expect(kinds("Dinner was at 8:10 p.m. every day.")).toContain("time:8:10 p.m.");
    expect(kinds("He designated them, which is why the talks stalled.")).toContain("reason:");
  });
});

describe("word vectors", () => {
  it("round-trip through the compact file format", () => {
    const bytes = encodeWordVectors(
      ["alpha", "beta"],
      [
        [1, 0, 0],
        [0.6, 0.8, 0],
      ],
      "test",
    );
    const vectors = WordVectors.decode(bytes);
    expect(vectors.size).toBe(2);
    expect(vectors.similarity("alpha", "beta")).toBeCloseTo(0.6, 1);
    expect(vectors.similarity("alpha", "gamma")).toBeUndefined();
  });

  it("ship with the project: close words are close, unrelated ones are not", () => {
    const vectors = wordVectors();
    expect(vectors).not.toBeNull();
    expect(vectors?.similarity("soldiers", "military")).toBeGreaterThan(0.7);
    expect(vectors?.similarity("weather", "cartels") ?? 1).toBeLessThan(0.2);
  });
});
