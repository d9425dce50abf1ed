import { describe, expect, it } from "vitest";
import { analyze, fold, terms } from "../../../src/core/text/analyze.ts";
import { containsPhrase } from "../../../src/core/text/phrase.ts";
import { cutAtSentences, sentences } from "../../../src/core/text/sentences.ts";
import { lookUp, synonyms } from "../../../src/core/text/wordnet.ts";

describe("analysis", () => {
  it("folds case and diacritics, so that Generación and GENERACION are one term", () => {
    expect(fold("Generación")).toBe("generacion");
    expect(terms("Cartel de Jalisco Nueva Generación")).toEqual(terms("CARTEL DE JALISCO NUEVA GENERACION"));
    expect(terms("Zürich café naïve")).toEqual(["zurich", "cafe", "naiv"]);
  });

  it("stems, so that inflections meet", () => {
    expect(terms("designated")).toEqual(terms("designation"));
    expect(terms("extradites")).toEqual(terms("extradited"));
    expect(terms("cartels")).toEqual(terms("cartel"));
  });

  it("unifies British -ise spellings with American -ize", () => {
    expect(terms("organisations")).toEqual(terms("organizations"));
    expect(terms("recognised")).toEqual(terms("recognized"));
  });

  it("drops English stop words but keeps acronyms that spell one", () => {
    expect(terms("Will the US let them in?")).toEqual(["us"]);
    expect(terms("will us")).toEqual([]);
    expect(terms("U.S. forces")).toEqual(["us", "forc"]);
  });

  it("keeps offsets of every word for highlighting", () => {
    const text = "Sheinbaum’s No to U.S. troops";
    for (const token of analyze(text)) expect(text.slice(token.start, token.end)).toBe(token.surface);
    expect(analyze(text).map((t) => t.folded)).toEqual(["sheinbaum", "no", "to", "us", "troops"]);
  });

  it("splits hyphenated names the same way in text and queries", () => {
    expect(terms("MS-13")).toEqual(["ms", "13"]);
    expect(containsPhrase("include Mara Salvatrucha (MS-13), Cartel", "ms 13")).toBe(true);
    expect(containsPhrase("the terms of the deal", "ms")).toBe(false);
  });
});

describe("sentences", () => {
  it("does not break after abbreviations like U.S. before a lowercase word", () => {
    const parts = sentences("Cartel leaders go to U.S. authorities for trial. Then more follow.");
    expect(parts.map((s) => s.text)).toEqual([
      "Cartel leaders go to U.S. authorities for trial.",
      "Then more follow.",
    ]);
  });

  it("does not break after titles, initials and state abbreviations", () => {
    const text =
      "Sen. Tom Cotton (R-Ark.) spoke. Mr. Smith and John F. Kennedy agreed at 3 p.m. on Friday. The U.S. Army went.";
    expect(sentences(text).map((s) => s.text)).toEqual([
      "Sen. Tom Cotton (R-Ark.) spoke.",
      "Mr. Smith and John F. Kennedy agreed at 3 p.m. on Friday.",
      "The U.S. Army went.",
    ]);
    for (const s of sentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("cuts long text at sentence boundaries into balanced pieces", () => {
    const sentence = "This sentence has exactly fifty characters in it. ";
    const text = sentence.repeat(30).trim();
    const pieces = cutAtSentences(text, 600);
    expect(pieces.length).toBe(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(600);
      expect(piece.endsWith(".")).toBe(true);
    }
    expect(pieces.join(" ")).toBe(text);
  });
});

describe("WordNet synonyms", () => {
  it("finds synonyms of inflected words from the dictionary files", () => {
    expect(synonyms("troops")).toContain("military personnel");
    expect(synonyms("happened")).toContain("occur");
    expect(synonyms("tariffs")).toContain("duty");
  });

  it("returns nothing for unknown words and non-words", () => {
    expect(synonyms("sheinbaum")).toEqual([]);
    expect(synonyms("ms-13!")).toEqual([]);
    expect(synonyms("")).toEqual([]);
  });

  it("finds the forms a word is derived from or gives, which a stemmer keeps apart", () => {
    expect(lookUp("died").derived).toContain("death");
    expect(lookUp("deaths").derived).toContain("die");
    expect(lookUp("decided").derived).toContain("decision");
    expect(lookUp("extradited").derived).toContain("extradition");
    // Its own dictionary form is not derived from it.
    expect(lookUp("died").derived).not.toContain("die");
    expect(lookUp("sheinbaum").derived).toEqual([]);
  });

  it("says whether a word is mostly an action, by its tagged senses", () => {
    expect(lookUp("start").verbal).toBe(true);
    expect(lookUp("pushing").verbal).toBe(true);
    expect(lookUp("troops").verbal).toBe(false);
    expect(lookUp("ransom").verbal).toBe(false);
  });

  it("finds the first and the last entries of an index file", () => {
    // "a" and "zyzzyva" bracket index.noun: a binary search that drops an end misses them.
    expect(synonyms("zyzzyvas")).toEqual([]);
    expect(synonyms("aardvark")).toContain("anteater");
    expect(synonyms("zymosis")).toContain("zymolysis");
  });
});
