import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS, QuestionError } from "../../../src/core/answering/question/normalise.ts";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { tempDirs } from "../../support/temp-corpus.ts";

// A small corpus about another story, so that these behaviours are not tuned to the seed.
const ARTICLE = `---
id: harbour-strike
title: Dockworkers strike closes the port of Valparaíso
published: 2024-03-05
url: https://news.example/harbour-strike
---

Dockworkers at the port of Valparaíso walked out on Monday, demanding higher wages and safer cranes.

The Unión Portuaria, which represents most of the port's workers, said the strike would last until the Ministry of Labour agreed to talks.

Shipping companies diverted twelve container vessels to San Antonio while the strike lasted.

Opposition deputies said the walkout had no parliamentary support.
`;
const ENTITIES = `entities:
  - name: Unión Portuaria
    kind: organisation
    aliases: [UP, Port Workers Union]
`;

let dir: string;
let library: Library;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storydesk-answers-"));
  await writeFile(path.join(dir, "harbour-strike.md"), ARTICLE);
  await writeFile(path.join(dir, "entities.yaml"), ENTITIES);
  const corpus = await loadCorpus(dir);
  expect(corpus.diagnostics).toEqual([]);
  library = Library.build(corpus);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ask", () => {
  it("takes another form of a word the articles use for the word itself: parliamentary for parliament", async () => {
    const answer = await library.ask("does the walkout have support in parliament");
    expect(answer.answered).toBe(true);
    expect(answer.missingTerms).toEqual([]);
    expect(answer.answer?.text).toContain("parliamentary support");
  });

  it("answers with the best sentence, its citation and the matched words marked", async () => {
    const answer = await library.ask("Why did the dockworkers walk out?");
    expect(answer.answered).toBe(true);
    expect(answer.answer?.text).toBe(
      "Dockworkers at the port of Valparaíso walked out on Monday, demanding higher wages and safer cranes.",
    );
    const marked = answer.answer?.highlights.map(([s, e]) => answer.answer?.text.slice(s, e));
    expect(marked).toEqual(["Dockworkers", "walked"]);
    expect(answer.passages[0]?.citation).toMatchObject({
      docId: "harbour-strike",
      paragraph: 1,
      url: "https://news.example/harbour-strike",
      published: "2024-03-05",
    });
  });

  it("matches without diacritics in the question", async () => {
    const answer = await library.ask("port of Valparaiso");
    expect(answer.answered).toBe(true);
    expect(answer.missingTerms).toEqual([]);
  });

  it("expands an alias to the entity's other names", async () => {
    const answer = await library.ask("What did the Port Workers Union say?");
    expect(answer.aliases).toEqual(["Unión Portuaria"]);
    expect(answer.passages[0]?.citation.paragraph).toBe(2);
  });

  it("corrects a misspelled word that matches nothing, and says so", async () => {
    const answer = await library.ask("When did the dokworkers strike?");
    expect(answer.didYouMean).toEqual([{ term: "dokworkers", suggestion: "dockworkers" }]);
    expect(answer.answered).toBe(true);
    expect(answer.missingTerms).toEqual([]);
  });

  it("names the words no article contains", async () => {
    const answer = await library.ask("Did the strike affect airline tariffs?");
    expect(answer.missingTerms).toEqual(["affect", "airline", "tariffs"]);
  });

  it("abstains on a question the corpus does not cover, and labels the closest passages as related only", async () => {
    const answer = await library.ask("What is the capital of France?");
    expect(answer.answered).toBe(false);
    expect(answer.message).toMatch(/don't cover/);
    expect(answer.answer).toBeNull();
    expect(answer.passages).toEqual([]);
    expect(answer.missingTerms).toEqual(["capital", "France"]);
  });

  it("abstains when only a minor word matches", async () => {
    const answer = await library.ask("Which companies raised wages for airline pilots in Peru?");
    expect(answer.answered).toBe(false);
  });

  it("returns at most `top` passages", async () => {
    expect((await library.ask("strike port workers", { top: 1 })).passages.length).toBe(1);
    expect((await library.ask("strike port workers", { top: 10 })).passages.length).toBeLessThanOrEqual(3);
  });

  it("answers a question of stop words alone with the help reply", async () => {
    const answer = await library.ask("what is it?");
    expect(answer.answered).toBe(false);
    expect(answer.outcome).toBe("small-talk");
    expect(answer.message).toMatch(/I answer questions about the news story/);
  });

  it("rejects empty, blank and over-long questions with a message saying what to do", async () => {
    await expect(library.ask("")).rejects.toThrow(QuestionError);
    await expect(library.ask(" \n\t ")).rejects.toThrow(/empty/);
    await expect(library.ask("x".repeat(MAX_QUESTION_CHARS + 1))).rejects.toThrow(/limit is 300/);
    expect((await library.ask(`strike ${"x".repeat(MAX_QUESTION_CHARS - 7)}`)).query.length).toBe(
      MAX_QUESTION_CHARS,
    );
    await expect(library.ask("strike", { top: 0 })).rejects.toThrow(QuestionError);
  });
});

describe("review cases", () => {
  const DEPOTS = `---
id: depots
title: Parcel firm to shut depots
published: 2026-02-10
---

Northway Parcels will close 27 depots across Britain under its restructuring plan. The company did not say when the depots would close.

Marta Quill, the union's lead negotiator, declined to say when talks would resume.

Senator Tom Harrison said the closures would hurt towns that had already lost their mines.
`;
  const dirs = tempDirs("review");
  let depots: Library;

  beforeAll(async () => {
    depots = Library.build(await loadCorpus(await dirs.make({ "depots.md": DEPOTS })));
  });

  afterAll(() => dirs.cleanup());

  it("a withheld detail declines only a question asking for that kind of detail", async () => {
    expect((await depots.ask("how many depots will northway close")).outcome).toBe("answered");
    expect((await depots.ask("when will the depots close")).outcome).toBe("detail-missing");
    // A question of names alone asks nothing a withheld "when" could hold.
    expect((await depots.ask("who is marta quill")).outcome).toBe("answered");
  });

  it("a name that starts another name is not that name: Harris is not Harrison", async () => {
    const answer = await depots.ask("what did senator harris say");
    expect(answer.answered).toBe(false);
    expect(answer.missingTerms).toContain("harris");
  });
});
