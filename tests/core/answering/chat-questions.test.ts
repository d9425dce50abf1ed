import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answering/answer-types.ts";
import { corpusFromTexts } from "../../../src/core/corpus/from-texts.ts";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import type { EntityKind } from "../../../src/core/corpus/types.ts";
import { Library } from "../../../src/core/serving/library.ts";

/**
 * The questions of issue 8's "Why" list, typed as people type them in Discord, each with the
 * behaviour a reader expects: answered from the passage that holds it, told plainly that the
 * articles don't say, or given the reply a request that is no passage search deserves.
 */
let story: Library;
let second: Library;

beforeAll(async () => {
  story = Library.build(await loadCorpus("corpus"));
  // A second story of another kind (job cuts, a court fight, shares), written for the chat set.
  second = Library.build(await loadCorpus("eval/corpora/veyra-layoffs"));
});

const P = (n: string) => `sheinbaum-rejects-us-military-action#${n}`;

/** An entities.yaml entry, for the small corpora the tests build. */
const entity = (name: string, kind: EntityKind, aliases: string[] = []) =>
  ({ name, kind, aliases, designations: [], line: 1 }) as const;

function firstPassage(answer: Answer): string | undefined {
  return answer.passages[0]?.id;
}

describe("answerable questions typed as chat are answered from the passage that holds them", () => {
  it.each([
    ["did mexico say no to american soldiers?", [P("p1"), P("p2"), P("k1")]],
    ["how is mexico helping the us with cartels then", [P("p2"), P("k2")]],
    ["how many narcos did mexico ship to the us in august", [P("p2"), P("k2"), P("s1")]],
    ["when did trump sign the EO", [P("p4")]],
    ["wat did shienbaum sey abot troops", [P("p1"), P("p2"), P("k1")]],
    ["fuck the cartels. are they terrorists now or what", [P("p4"), P("p6"), P("k1"), P("p1")]],
    ["ur a useless bot. who is anna kelly, idiot", [P("p6"), P("k3")]],
  ])("%s", async (question, expected) => {
    const answer = await story.ask(question);
    expect(answer.outcome).toBe("answered");
    expect(expected).toContain(firstPassage(answer));
  });

  it("finds the number and the date the question asks for in the answer sentence", async () => {
    expect((await story.ask("how many narcos did mexico ship to the us in august")).answer?.text).toMatch(
      /26/,
    );
    expect((await story.ask("when did trump sign the EO")).answer?.text).toMatch(/January 20/);
  });

  it("reads an abbreviated title as the title, in any story: Sen is senator", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "tariff-vote",
          title: "Senate debates steel tariffs",
          published: "2025-03-04",
          paragraphs: [
            "Senator Jane Ortiz called for a 40 percent tariff on imported steel on Tuesday.",
            "Governor Sam Reyes said the state's mills could not survive another year without help.",
            "Union leaders in Ohio welcomed the debate but asked for training money for laid-off workers.",
          ],
        },
      ]),
    );
    for (const [question, paragraph] of [
      ["what did sen ortiz call for", 1],
      ["What did Sen. Ortiz call for?", 1],
    ] as const) {
      const answer = await library.ask(question);
      expect(answer.outcome, question).toBe("answered");
      expect(answer.missingTerms, question).toEqual([]);
      expect(answer.passages[0]?.citation.paragraph, question).toBe(paragraph);
    }
  });

  it("reads the initials of the story's own names as those names, in any story", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "depot-ruling",
          title: "Judges clear the way for depot closures",
          published: "2025-05-02",
          paragraphs: [
            "The Court of Appeal decided on Thursday to lift the injunction, as the strike ballot was flawed.",
            "The Supreme Court agreed on Monday to hear the union's appeal in October.",
            "The company told its annual meeting that the closures would save 90 million pounds.",
          ],
        },
      ]),
      entities: [entity("Court of Appeal", "organisation"), entity("Supreme Court", "organisation")],
    });
    for (const [question, paragraph] of [
      ["what did the CoA decide", 1],
      ["did the SC agree to hear the appeal", 2],
      ["what did they tell the AGM about the closures", 3],
    ] as const) {
      const answer = await library.ask(question);
      expect(answer.outcome, question).toBe("answered");
      expect(answer.missingTerms, question).toEqual([]);
      expect(answer.passages[0]?.citation.paragraph, question).toBe(paragraph);
    }
    // Lowercase "sc" is an English word (scandium's symbol) and stays one.
    expect((await library.ask("did the sc agree to hear the appeal")).missingTerms).toContain("sc");
  });

  it("does not stand another title in for the one asked: a minister is not the president", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "port-closures",
          title: "Shipping firm cuts jobs across Europe",
          published: "2025-05-06",
          paragraphs: [
            "President Ana Ruiz of the shipping firm Marvela said 6,000 jobs would go by next spring.",
            "Union leaders in Rotterdam called the cuts a betrayal of the workers who kept the ports open.",
          ],
        },
      ]),
    );
    expect((await library.ask("who is marvela's president")).answer?.text).toMatch(/Ana Ruiz/);
    for (const [question, title] of [
      ["who is marvela's finance minister", "minister"],
      ["who is marvela's chairman", "chairman"],
    ] as const) {
      const answer = await library.ask(question);
      expect(answer.answered, question).toBe(false);
      expect(answer.missingTerms, question).toContain(title);
      // Reported missing as it is: no other title offered in its place.
      expect(
        answer.relatedTerms.filter((r) => r.term === title),
        question,
      ).toEqual([]);
    }
  });

  it("answers a question shouted in capitals, or with U.S. spelled with full stops, as typed plainly", async () => {
    for (const [question, expected] of [
      ["WHO IS ANNA KELLY", [P("p6"), P("k3")]],
      ["Will Mexico let U.S. troops in?", [P("p1"), P("p2"), P("k1")]],
    ] as const) {
      const answer = await story.ask(question);
      expect(answer.outcome, question).toBe("answered");
      expect(expected, question).toContain(firstPassage(answer));
    }
  });

  it("reads a pronoun as the person the question names: who is anna kelly and what did she say", async () => {
    const answer = await story.ask("who is anna kelly and what did she say");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/Anna Kelly, stated/);
  });

  it("never counts chat words as missing: greetings, insults, profanity, politeness, mentions", async () => {
    const answer = await story.ask("<@123456789012345678> yo pls who is anna kelly lol, useless bot");
    expect(answer.outcome).toBe("answered");
    expect(answer.missingTerms).toEqual([]);
  });

  it("a remark before the question asks nothing: its words the articles lack are never missing", async () => {
    for (const remark of ["my dad keeps going on about this.", "saw this on the news."]) {
      const answer = await story.ask(`${remark} who is anna kelly`);
      expect(answer.outcome).toBe("answered");
      expect(answer.missingTerms).toEqual([]);
      expect([P("p6"), P("k3")]).toContain(firstPassage(answer));
    }
    // The question's own words still count: the remark does not answer for them.
    expect((await story.ask("saw this on the news. who leads the sinaloa cartel")).answered).toBe(false);
  });
});

describe("on-topic questions the articles don't answer say so, with what they do say", () => {
  it.each([
    "Who leads the Sinaloa Cartel?",
    "When will the US strike the cartels?",
    "Where is Sinaloa?",
    "How many US troops are in Mexico?",
    "What did Sheinbaum say about Tom Cotton?",
    // People are asked for ("guys" is chat in "hey guys", not here): a count of them names no one.
    "what are the names of the 26 cartel guys that got extradited",
    "names of the narcos mexico extradited?",
    "who were the 26 guys that got extradited, any big names?",
  ])("%s", async (question) => {
    const answer = await story.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.outcome).toBe("detail-missing");
    expect(answer.passages).toEqual([]);
    expect(answer.related.length).toBeGreaterThan(0);
    expect(answer.message).toMatch(/don't answer/);
  });

  it("how much, when the best passage gives no number at all: declined, not answered with another number", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "border-seizures",
          title: "Customs officers report a drop in drug seizures",
          published: "2025-08-02",
          paragraphs: [
            "Customs officers seized less fentanyl at the northern border in July, the ministry said.",
            "Police arrested 14 people in a separate raid on a warehouse in March.",
            "The ministry said 3,200 officers now patrol the border crossings.",
          ],
        },
      ]),
    );
    const declined = await library.ask("how much fentanyl did customs seize in july");
    expect(declined.answered).toBe(false);
    expect(declined.passages).toEqual([]);
    const answered = await library.ask("how many people did police arrest");
    expect(answered.outcome).toBe("answered");
    expect(answered.answer?.text).toMatch(/14 people/);
  });

  it("how much money, when the best passage gives no sum: declined, not answered with a year", async () => {
    // The recall story's lawsuit names the Consumer Protection Act 1987, never a sum claimed.
    const recall = Library.build(await loadCorpus("eval/corpora/product-recall"));
    const declined = await recall.ask("how much r the families asking for in damages");
    expect(declined.answered).toBe(false);
    expect(declined.passages).toEqual([]);
  });

  it("how much did the shares lose: a percentage answers where no money is named", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "shares-fall",
          title: "Carrier shares slide after profit warning",
          published: "2026-02-11",
          paragraphs: [
            "Shares in Tallis Freight lost 12 per cent on Tuesday after the company cut its forecast.",
            "The company said demand from retailers had weakened since Christmas.",
          ],
        },
      ]),
      entities: [entity("Tallis Freight", "organisation", ["Tallis"])],
    });
    const answer = await library.ask("how much did tallis shares lose");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("lost 12 per cent");
  });

  it("what party is X from: declined when no article speaks of parties at all", async () => {
    // The earthquake story names the home minister's committee, never his party.
    const quake = Library.build(await loadCorpus("eval/corpora/karnali-earthquake"));
    const declined = await quake.ask("what party is bhandari from");
    expect(declined.answered).toBe(false);
    expect(declined.missingTerms).toContain("party");
    const given = Library.build({
      ...corpusFromTexts([
        {
          id: "quake-hearing",
          title: "Minister questioned over rescue teams",
          published: "2026-02-20",
          paragraphs: [
            "Home Minister Devraj Bhandari appeared before the International Relations Committee on Sunday.",
            "Bhandari, of the Unity Party, said the decision was made by the cabinet.",
          ],
        },
      ]),
      entities: [entity("Devraj Bhandari", "person", ["Bhandari"])],
    });
    const answer = await given.ask("what party is bhandari from");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/Unity Party/);
  });

  it("how much did it cost: a sum of money answers, not any number", async () => {
    // The second story gives the Daventry hub's capacity and other figures, never its cost.
    const notGiven = await second.ask("how much did the daventry hub cost");
    expect(notGiven.answered).toBe(false);
    expect(notGiven.outcome).toBe("detail-missing");
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "parcel-hubs",
          title: "Parcel firm opens automated hubs",
          published: "2026-02-10",
          paragraphs: [
            "The hub at Daventry will sort up to 1.2 million parcels a day, and the one at Leipzig 800,000.",
            "The closures will cost 2,000 jobs in the region, the union said.",
            "Building the Daventry hub cost 120 million pesos, the company said.",
          ],
        },
      ]),
      entities: [entity("Daventry", "place"), entity("Leipzig", "place")],
    });
    const answer = await library.ask("how much did the daventry hub cost");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/120 million pesos/);
  });

  it("what did X say: answered where X speaks, not where X is spoken of", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "steel-mills",
          title: "Mills stay open despite tariff row",
          published: "2025-03-04",
          paragraphs: [
            "Despite the Ortiz administration's new steel tariff, the governor of Ohio, Sam Reyes, said the state's mills would stay open.",
            "A union spokesperson stated that President Ortiz's tariff had saved no jobs so far.",
            "Senator Jane Okafor (D-Ohio) warned that the mills could close within a year.",
            "Tom Wells on Monday said the furnaces would be relit in spring.",
          ],
        },
      ]),
      // The story's people: a question naming them binds its answer to what they said.
      entities: [
        entity("Luis Ortiz", "person", ["Ortiz", "President Ortiz"]),
        entity("Sam Reyes", "person", ["Reyes"]),
        entity("Jane Okafor", "person", ["Okafor"]),
        entity("Tom Wells", "person", ["Wells"]),
      ],
    });
    const spokenOf = await library.ask("what did ortiz say about the mills");
    expect(spokenOf.answered).toBe(false);
    for (const [question, paragraph] of [
      ["what did reyes say about the mills", 1],
      ["what did okafor say about the mills", 3],
      ["what did wells say about the furnaces", 4],
    ] as const) {
      const answer = await library.ask(question);
      expect(answer.outcome, question).toBe("answered");
      expect(answer.passages[0]?.citation.paragraph, question).toBe(paragraph);
    }
  });

  it("Who is the US president? is not answered with Mexico's president", async () => {
    const answer = await story.ask("Who is the US president?");
    if (answer.answered) {
      expect(firstPassage(answer)).not.toBe(P("p1"));
      expect(answer.answer?.text).not.toMatch(/Mexican President Claudia Sheinbaum/);
    }
  });
});

describe("requests that are not passage searches", () => {
  it.each([
    "hi",
    "ok",
    "yes",
    "thanks!!",
    "what can u do",
    "who made you",
    "thanks thats really helpful",
    "you're the best",
    "makes sense",
    "this is insane",
    "nvm",
    "bye",
    // Drawn out, and chat slang.
    "lmaooo",
    "yesss",
    "thx bot ur the goat",
  ])("small talk: %s", async (question) => {
    const answer = await story.ask(question);
    expect(answer.outcome).toBe("small-talk");
    expect(answer.answered).toBe(false);
    expect(answer.passages).toEqual([]);
    expect(answer.examples?.length).toBe(2);
    // The examples are questions the articles answer.
    for (const example of answer.examples ?? []) expect((await story.ask(example)).answered).toBe(true);
  });

  it("a question asking where, when or how many is never small talk: where was this made", async () => {
    const answer = await story.ask("where was this crap actually made");
    expect(answer.outcome).not.toBe("small-talk");
  });

  it.each([
    "sources pls",
    "where r u getting all this from, links pls",
    "where'd you get that",
    "where is this info from",
  ])("sources: %s", async (question) => {
    expect((await story.ask(question)).outcome).toBe("sources");
  });

  it("sources pls: the articles and the sources they name", async () => {
    const answer = await story.ask("sources pls");
    expect(answer.outcome).toBe("sources");
    expect(answer.sources?.[0]?.sources).toHaveLength(3);
    expect(answer.passages.map((p) => p.id)).toEqual([P("s1"), P("s2"), P("s3")]);
  });

  it("the designations, and a second question they leave open, named", async () => {
    const answer = await story.ask("which cartels r designated? also is el chapo still alive");
    expect(answer.outcome).toBe("designations");
    expect(answer.missingTerms).toEqual(expect.arrayContaining(["chapo", "alive"]));
    expect(answer.unanswered).toHaveLength(1);
    // A follow-up with no words of its own asks of the list, which says when.
    const when = await story.ask("which cartels are designated? and when");
    expect(when.outcome).toBe("designations");
    expect(when.unanswered).toEqual([]);
  });

  it.each(["gimme the gist", "what's the latest", "any updates?"])(
    "the story in short: %s",
    async (question) => {
      expect((await story.ask(question)).outcome).toBe("summary");
    },
  );

  it("tldr pls: the story in short, the key points", async () => {
    const answer = await story.ask("tldr pls");
    expect(answer.outcome).toBe("summary");
    expect(answer.answered).toBe(true);
    expect(answer.passages.map((p) => p.id)).toEqual([P("k1"), P("k2"), P("k3")]);
    expect((await story.ask("tldr pls", { top: 1 })).passages).toHaveLength(1);
  });

  it.each(["which groups were designated", "list the cartels", "yo who r the cartels on the fto list"])(
    "designations: %s",
    async (question) => {
      const answer = await story.ask(question);
      expect(answer.outcome).toBe("designations");
      expect(answer.designations?.map((o) => o.name)).toContain("Cartel de Sinaloa");
      expect(firstPassage(answer)).toBe(P("p4"));
    },
  );

  it.each([
    ["is ms13 on the terrorist list", []],
    ["is the gulf cartel a terrorist org now", []],
    ["sinaloa cartel = terrorist org?", []],
    ["is CJNG on the list and who is el mencho", ["mencho"]],
  ])("whether one organisation was designated, from its designation: %s", async (question, missing) => {
    const answer = await story.ask(question);
    expect(answer.outcome).toBe("answered");
    expect(firstPassage(answer)).toBe(P("p4"));
    expect(answer.answer?.text).toMatch(/designated as terrorist organisations/);
    // "list" and "org" are how the question asks, not what the passage must say.
    expect(answer.missingTerms.filter((t) => t !== "el")).toEqual(missing);
    expect(answer.relatedTerms.map((r) => r.term)).not.toContain("list");
  });

  it("a thing the articles do not list as designated is not answered as if it were", async () => {
    const answer = await story.ask("is mexico on the terror list");
    expect(answer.outcome).toBe("detail-missing");
    expect(answer.passages).toEqual([]);
  });

  it("some other list is no designation: is sinaloa cartel in the list of the biggest cartels", async () => {
    expect((await story.ask("is sinaloa cartel in the list of the biggest cartels")).answered).toBe(false);
  });

  it("a person asked about designated things is a passage search: did sheinbaum say...", async () => {
    const answer = await story.ask("did sheinbaum say the designated cartels were a threat");
    expect(answer.outcome).toBe("answered");
  });

  it("a question about one cartel is a passage search, not the list", async () => {
    expect((await story.ask("which cartel has sheinbaum focused on")).outcome).toBe("answered");
  });

  it.each([
    ["¿Quién es Claudia Sheinbaum?", "Spanish"],
    ["qui a désigné les cartels comme terroristes ?", "French"],
    ["wer ist anna kelly", "German"],
    // Short, with a word English shares ("est").
    ["qui est anna kelly ?", "French"],
  ])("another language: %s", async (question, language) => {
    const answer = await story.ask(question);
    expect(answer.outcome).toBe("other-language");
    expect(answer.languages).toEqual({ question: language, articles: "English" });
    expect(answer.message).toMatch(new RegExp(`English.*${language}`));
  });
});

describe("stand-in words keep the meaning or are not used", () => {
  it.each([
    ["How many people died?", "died", "drop"],
    ["Was there violence?", "violence", "force"],
    ["Tell me about the cartels", "Tell", "state"],
    ["What did Congress do?", "Congress", "united"],
    ["What name did the cartels use?", "name", "call"],
  ])("%s: %s never stands for %s", async (question, word, wrong) => {
    const answer = await story.ask(question);
    const related = answer.relatedTerms.find((r) => r.term === word)?.related ?? [];
    expect(related).not.toContain(wrong);
    expect(related).not.toContain("states");
  });

  it("a demonym is a country, not a misspelling: American is never 'did you mean mexican'", async () => {
    const answer = await story.ask("did the american government designate the cartels?");
    expect(answer.didYouMean).toEqual([]);
    expect(answer.aliases).toContain("United States");
  });

  it("a real word the articles lack is reported missing, never corrected into another", async () => {
    const answer = await story.ask("What did Sheinbaum's party say?");
    expect(answer.didYouMean).toEqual([]);
    expect(answer.missingTerms).toContain("party");
  });
});

describe("a second story of another kind", () => {
  it("reads whats, lets and 38k as the words they stand for", async () => {
    for (const question of [
      "whats the share price now",
      "lets see, how many jobs are going",
      "are 38k jobs going",
    ]) {
      const answer = await second.ask(question);
      expect(answer.missingTerms, question).not.toContain("whats");
      expect(answer.missingTerms, question).not.toContain("lets");
      expect(answer.missingTerms, question).toEqual([]);
    }
  });

  it("never corrects a real word into another: fall is not hall, share is not spare", async () => {
    const answer = await second.ask("did the shares fall after the ruling");
    expect(answer.didYouMean).toEqual([]);
  });

  it("when will the supreme court rule on the appeal: the articles give no date", async () => {
    const answer = await second.ask("when will the supreme court rule on the appeal");
    expect(answer.answered).toBe(false);
    expect(answer.outcome).toBe("detail-missing");
  });

  it("a passage saying the detail was not given declines it: 'the company did not say how many'", async () => {
    const notGiven = await second.ask("how many redundancies r going to be compulsory");
    expect(notGiven.outcome).toBe("detail-missing");
    const given = await second.ask("how many jobs is veyra cutting");
    expect(given.outcome).toBe("answered");
  });

  it("a hypothetical is answered only by a passage speaking of what may follow", async () => {
    const stated = await story.ask("what would sheinbaum do if us military forces entered mexico anyway");
    expect(stated.answered).toBe(false);
    const conditional = await story.ask(
      "what happens legally if strikes kill people who are no imminent threat",
    );
    expect(conditional.outcome).toBe("answered");
    expect(firstPassage(conditional)).toBe(P("p5"));
  });

  it("a word the articles say another way is no missing detail: boss is chief executive", async () => {
    const answer = await second.ask("when did strand take over as boss");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/chief executive in 2023/);
  });

  it("answers the answerable half of a two-part question and names what the other lacks", async () => {
    const answer = await second.ask("how many jobs is veyra cutting and whats the ceo's salary");
    expect(answer.outcome).toBe("answered");
    expect(answer.missingTerms).toContain("salary");
    expect(answer.unanswered.length).toBe(1);
  });
});

describe("a name asked for", () => {
  it("whats sheinbaums first name: the passage naming her, 'name' and 'first' no missing words", async () => {
    const answer = await story.ask("whats sheinbaums first name");
    expect(answer.outcome).toBe("answered");
    expect(answer.missingTerms).toEqual([]);
    expect(answer.answer?.text).toContain("Claudia Sheinbaum");
  });
});

describe("how many people", () => {
  it("counts people the articles name by who they were ('26 top cartel figures'): 'people' is no missing word", async () => {
    const answer = await story.ask("how many cartel ppl did mexico extradite");
    expect(answer.missingTerms).toEqual([]);
    expect(firstPassage(answer)).toBe(P("k2"));
  });

  it("keeps 'people' where it alone says who is counted: how many people live in mexico city", async () => {
    const answer = await story.ask("How many people live in Mexico City?");
    expect(answer.answered).toBe(false);
    expect(answer.missingTerms).toContain("people");
  });

  it("is a missing word where no number is asked for", async () => {
    const answer = await story.ask("what did the people of sinaloa say");
    expect(answer.missingTerms).toContain("people");
  });
});

describe("a third story: a hospital ransomware attack", () => {
  let hospital: Library;
  beforeAll(async () => {
    // A third story, written for the chat set by a writer who had not seen the code.
    hospital = Library.build(await loadCorpus("eval/corpora/hospital-ransomware"));
  });

  it("what one of the story's names is: the passage introducing it goes first", async () => {
    const halberd = await hospital.ask("who is halberd cyber");
    expect(halberd.passages[0]?.text).toContain("Halberd Cyber, the security firm it hired");
    const wraithLock = await hospital.ask("wtf is wraithlock");
    expect(wraithLock.passages[0]?.text).toContain("which the group calls WraithLock");
    // Found however far down the candidates it ranks: passages only mentioning a gang rank higher.
    const gang = await hospital.ask("what is crimson wraith");
    expect(gang.passages[0]?.text).toMatch(/known as (?:Crimson Wraith|CWX)/);
    // However the question is framed: chat before it changes nothing.
    for (const framed of ["hey bot, what is crimson wraith", "quick q: what is crimson wraith"]) {
      expect((await hospital.ask(framed)).passages[0]?.text, framed).toMatch(
        /known as (?:Crimson Wraith|CWX)/,
      );
    }
  });

  it("who did eastlake pick as security chief: 'pick' is said as 'appointed'", async () => {
    const answer = await hospital.ask("who did eastlake pick as security chief");
    expect(answer.missingTerms).toEqual(["pick"]);
    expect(answer.passages[0]?.text).toContain("chief information security officer, Marcus Leung");
  });
});

describe("what a question measures and where it places things", () => {
  it("a place only locates what is asked: a passage whose title names the company answers", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "brewer-cuts",
          title: "Halden Breweries to shut plants",
          published: "2026-04-02",
          paragraphs: [
            "The company will close 4 of its 11 Norwegian plants by the end of next year.",
            "Unions in Norway said they would fight every closure in the courts.",
            "Shares in the brewer rose after the announcement on Tuesday.",
          ],
        },
      ]),
      entities: [entity("Halden Breweries", "organisation"), entity("Norway", "place")],
    });
    const answer = await library.ask("how many plants is halden closing in norway");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/4 of its 11/);
  });

  it("how big, how strong: the measure is the kind of answer, not a word the passage must use", async () => {
    const quake = Library.build(await loadCorpus("eval/corpora/karnali-earthquake"));
    const answer = await quake.ask("how big was the turkish team");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/48-member team from Turkey/);
  });

  it("how long: a date answers it as well as a number", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "gang-profile",
          title: "Who is behind the port hack",
          published: "2026-01-10",
          paragraphs: [
            "The Tallow gang emerged in early 2019 and has attacked ports in Europe and Asia.",
            "Port officials said cargo handling slowed for two days while systems were checked.",
            "Insurers said claims from the attack were being reviewed by their cyber teams.",
          ],
        },
      ]),
    );
    const answer = await library.ask("how long has the tallow gang been active");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("emerged in early 2019");
  });
});

describe("phrasal verbs", () => {
  const library = (paragraph: string) =>
    Library.build({
      ...corpusFromTexts([
        {
          id: "ceo-exit",
          title: "Carrier's chief executive leaves",
          published: "2026-05-04",
          paragraphs: [
            paragraph,
            "Managers had been told to step up cost cuts before the results.",
            "The board will name a successor in the summer.",
          ],
        },
      ]),
      entities: [entity("Ruth Dunn", "person", ["Dunn"])],
    });

  it("why did dunn step down: the article says she resigned ('step up' elsewhere is no answer)", async () => {
    const answer = await library(
      "Ruth Dunn resigned on Monday after the carrier lost its biggest contract.",
    ).ask("why did dunn step down");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("resigned on Monday");
  });

  it("when did dunn step down: the article says it as typed", async () => {
    const answer = await library(
      "Ruth Dunn stepped down on Monday after the carrier lost its biggest contract.",
    ).ask("when did dunn step down");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("stepped down on Monday");
  });
});

describe("everyday paraphrases of the articles' words", () => {
  it("whats the legal problem w bombing them: the article speaks of airstrikes and legal challenges", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "border-raids",
          title: "Neighbours split over cross-border raids",
          published: "2026-03-02",
          paragraphs: [
            "The government has asked its neighbour to stop sheltering armed groups near the border.",
            "Unilateral airstrikes on the groups could face legal challenges under international law.",
            "Officials from both countries are due to meet in April to discuss security cooperation.",
          ],
        },
      ]),
    );
    const answer = await library.ask("whats the legal problem w just bombing the armed groups");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("legal challenges");
  });

  it("is the army cracking down on the gang: the article says it fights it", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "gang-offensive",
          title: "Army widens offensive in the north",
          published: "2026-06-01",
          paragraphs: [
            "The army has stepped up its fight against the Red Hand gang in three northern provinces.",
            "Farmers in the region said the harvest was the worst in a decade after a dry spring.",
            "The national football team lost its opening qualifier on Saturday.",
          ],
        },
      ]),
      entities: [entity("Red Hand", "organisation")],
    });
    const answer = await library.ask("is the army cracking down on red hand??");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("its fight against the Red Hand gang");
  });

  it("how much are the brits giving: the article says what each country pledged", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "flood-aid",
          title: "Donors rally after the delta floods",
          published: "2026-09-20",
          paragraphs: [
            "Rescue teams reached the last cut-off villages of the delta on Sunday.",
            "Japan has pledged $20 million for reconstruction and the United Kingdom 8 million pounds.",
            "The government said 40 schools would reopen next month.",
          ],
        },
      ]),
      entities: [entity("United Kingdom", "place", ["UK", "Brits", "Britain"])],
    });
    const answer = await library.ask("how much are the brits giving");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("United Kingdom 8 million pounds");
  });

  it("whats the mayors main priority: the article says her top priority", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "city-budget",
          title: "Mayor sets out spending plans",
          published: "2026-04-02",
          paragraphs: [
            "Mayor Dana Ruiz said her top priority was building homes for families on the waiting list.",
            "The council will vote on the budget in May, after a month of consultation.",
            "Bus fares will rise by five per cent from June, the transport office said.",
          ],
        },
      ]),
      entities: [entity("Dana Ruiz", "person", ["Ruiz"])],
    });
    const answer = await library.ask("whats ruiz's main priority");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("her top priority was building homes");
  });

  it("is any politician pushing for a ban: the article names a senator calling for one", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "vape-ban",
          title: "Vape makers face tougher rules",
          published: "2026-10-01",
          paragraphs: [
            "Regulators said sales of flavoured vapes to teenagers had doubled since 2023.",
            "Senator Ruth Hale has called for a nationwide ban on flavoured vapes in Ostrava.",
            "Retailers warned that a ban would push buyers towards the black market.",
          ],
        },
      ]),
      entities: [entity("Ostrava", "place")],
    });
    const answer = await library.ask("is any politician pushing for a ban on vapes in ostrava");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("Senator Ruth Hale has called for");
  });

  it("since when is ruiz in office: the article gives the year of her election", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "port-budget",
          title: "Port city mayor defends budget cuts",
          published: "2026-05-11",
          paragraphs: [
            "Mayor Dana Ruiz defended the cuts on Monday, saying the port's debts left no choice.",
            "Since her election in 2022, Ruiz has closed two libraries and sold the city's ferry line.",
            "Opposition councillors said the cuts fell hardest on the poorest districts.",
          ],
        },
      ]),
      entities: [entity("Dana Ruiz", "person", ["Ruiz"])],
    });
    const answer = await library.ask("since when is ruiz in office");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("Since her election in 2022");
  });
});

describe("verbs said in another form", () => {
  it("when did the swiss team fly home: the article says they flew", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "rescue-teams",
          title: "Foreign rescue teams kept waiting",
          published: "2026-02-13",
          paragraphs: [
            "A 64-member team from Switzerland waited at the airport for more than a day.",
            "The Swiss team flew home on Thursday evening, its leader said.",
            "Turkish rescuers were later allowed to travel west.",
          ],
        },
      ]),
    );
    const answer = await library.ask("when did the swiss team fly home");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("The Swiss team flew home on Thursday evening");
  });

  it("the articles use the question's own form elsewhere: 'fly' in one passage, 'flew' where the answer is", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "rescue-teams",
          title: "Foreign rescue teams kept waiting",
          published: "2026-02-13",
          paragraphs: [
            "Helicopters could not fly to the upper villages while the snow lasted.",
            "The Swiss team flew home on Thursday evening after waiting at the airport for a day.",
            "Thousands of families whose home collapsed slept in tents.",
            "Officials said each home in the valley would be inspected.",
          ],
        },
      ]),
      entities: [entity("Switzerland", "place", ["Swiss"])],
    });
    const answer = await library.ask("when did the swiss guys fly home");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("The Swiss team flew home on Thursday evening");
  });
});

describe("a question's own words about time", () => {
  const library = Library.build(
    corpusFromTexts([
      {
        id: "club-fined",
        title: "Harbour Town fined over accounts",
        published: "2026-01-10",
        paragraphs: [
          "An independent panel fined Harbour Town £8m for breaking the league's spending rules.",
          "The club said it would appeal against the panel's decision.",
        ],
      },
      {
        id: "club-appeal",
        title: "Harbour Town wins partial appeal",
        published: "2026-04-02",
        paragraphs: [
          "The appeal board reduced the fine on Harbour Town from £8m to £5m on Thursday.",
          "Fans gathered outside the ground to celebrate the ruling.",
        ],
      },
    ]),
  );

  it.each([
    ["whats the fine now", "club-appeal"],
    ["what is the latest fine", "club-appeal"],
    ["what was the fine originally", "club-fined"],
  ])("%s: the reporting of that time goes first", async (question, article) => {
    const answer = await library.ask(question);
    // "fine" is chat elsewhere ("im fine"); asked about where the articles use it, it is the topic.
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.id.split("#")[0]).toBe(article);
  });
});

describe("the first days of a story", () => {
  it("how many surgeries were cancelled in the first couple days: the earliest report's figure", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "attack-day-two",
          title: "Hospitals hit by cyberattack",
          published: "2026-03-02",
          paragraphs: [
            "About 140 surgeries had been cancelled by Monday, two days after the attack, the network said.",
          ],
        },
        {
          id: "systems-restored",
          title: "Hospital systems restored",
          published: "2026-03-23",
          paragraphs: ["Over the 21 days of disruption, 1,240 surgeries were cancelled across the network."],
        },
      ]),
    );
    const answer = await library.ask("how many surgeries were cancelled in the first couple days");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.id.split("#")[0]).toBe("attack-day-two");
  });
});

describe("what someone said", () => {
  it("is in the article text, not the source line naming the statement", async () => {
    const hospital = Library.build(await loadCorpus("eval/corpora/hospital-ransomware"));
    for (const question of ["wat r the nurses sayin about all this", "what did the nurses say"]) {
      const answer = await hospital.ask(question);
      expect(answer.outcome, question).toBe("answered");
      // Source lines are the "#s" passages: "Ontario Nurses' Association: statement, ...".
      expect(answer.passages[0]?.id, question).not.toMatch(/#s\d+$/);
    }
  });
});

describe("how old", () => {
  const library = Library.build({
    ...corpusFromTexts([
      {
        id: "drops-victim",
        title: "Family of Ana Ruiz sues drops maker",
        published: "2026-05-04",
        paragraphs: [
          "Ana Ruiz's son said his mother had bought the drops at a pharmacy after her optician told her to in March.",
          "The claim is led by the family of Ana Ruiz, 61, a retired nurse from Leeds who died in April.",
          "Meridian Pharma, founded in 1957, said it would defend the claim.",
        ],
      },
    ]),
    entities: [
      entity("Ana Ruiz", "person", ["Ruiz"]),
      entity("Meridian Pharma", "organisation", ["Meridian"]),
    ],
  });

  it("a person's age is the number beside their name, not any date near them", async () => {
    const answer = await library.ask("how old was ana ruiz");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/Ruiz, 61,/);
  });

  it("a company's age is the year it began", async () => {
    const answer = await library.ask("how old is meridian");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/founded in 1957/);
  });
});

describe("a word the articles use, said another way where the answer is", () => {
  it("whos the head of the regulator: its chief executive, not its head office", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "agency",
          title: "Regulator widens inquiry",
          published: "2026-05-01",
          paragraphs: [
            "Dr Helen Carraway, the regulator's chief executive, said inspections of the plant would continue.",
            "The regulator's head office in Leeds was closed for two days after a flood.",
            "Inspectors found the strain in the plant's water system in March.",
          ],
        },
      ]),
    );
    const answer = await library.ask("whos the head of the regulator");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.text).toContain("Helen Carraway");
  });
});

describe("how many, counted in the same phrase", () => {
  const library = Library.build({
    ...corpusFromTexts([
      {
        id: "brewer-cuts",
        title: "Halden Breweries to cut jobs",
        published: "2026-04-02",
        paragraphs: [
          "Halden Breweries said it would cut jobs across its 9,000-strong workforce, as it closes plants in Norway and Sweden.",
          "The brewer will close 4 of its 11 Norwegian plants by the end of next year.",
        ],
      },
    ]),
    entities: [
      entity("Halden Breweries", "organisation", ["Halden"]),
      entity("Sweden", "place"),
      entity("Norway", "place"),
    ],
  });

  it("a count of something else, past a comma, is no count of plants: declined for Sweden", async () => {
    const answer = await library.ask("how many plants will halden close in sweden");
    expect(answer.outcome).toBe("detail-missing");
  });

  it("a noun before a number is counted only through a word that links them", async () => {
    const rescue = Library.build({
      ...corpusFromTexts([
        {
          id: "rescue",
          title: "Girl pulled alive from rubble",
          published: "2026-02-13",
          paragraphs: [
            "On Thursday, NDRF rescuers pulled a nine-year-old girl alive from the ruins of a house.",
            "NDRF volunteers numbered 300 by the end of the week.",
          ],
        },
      ]),
      entities: [entity("NDRF", "organisation")],
    });
    expect((await rescue.ask("how many ndrf rescuers died")).answered).toBe(false);
    expect((await rescue.ask("how many ndrf volunteers were there")).answer?.text).toMatch(/numbered 300/);
  });

  it("a count placed in another country is no answer, the one placed in the country asked is", async () => {
    const answer = await library.ask("how many plants will halden close in norway");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/4 of its 11 Norwegian plants/);
  });
});

describe("a choice between two things", () => {
  const library = Library.build({
    ...corpusFromTexts([
      {
        id: "port-arrests",
        title: "Port smuggling ring broken up",
        published: "2026-08-12",
        paragraphs: [
          "Police arrested 12 senior figures of the Harbour Syndicate in raids on Tuesday.",
          "Senator Ruth Hale, a Republican, praised the raids and called for more funding.",
          "The port reopened to cargo ships on Wednesday morning.",
        ],
      },
    ]),
    entities: [entity("Harbour Syndicate", "organisation"), entity("Ruth Hale", "person", ["Hale"])],
  });

  it.each([
    ["were the syndicate guys arrested low level or senior", "senior figures"],
    ["is hale a republican or a dem", "a Republican"],
  ])("%s: the alternative no article mentions is no missing word", async (question, said) => {
    const answer = await library.ask(question);
    expect(answer.outcome).toBe("answered");
    expect(answer.missingTerms).toEqual([]);
    expect(answer.answer?.text).toContain(said);
  });

  it("neither alternative in the articles: both stay missing", async () => {
    const answer = await library.ask("is hale a democrat or a liberal");
    expect(answer.missingTerms).toEqual(expect.arrayContaining(["democrat", "liberal"]));
  });

  it.each([
    ["were the syndicate figures arrested or not, how much was the bail", ["bail"]],
    ["were they arrested or were they released on bail", ["released", "bail"]],
  ])("%s: 'or' joining two questions drops no topic", async (question, missing) => {
    const answer = await library.ask(question);
    expect(answer.missingTerms).toEqual(expect.arrayContaining(missing));
  });
});

describe("a speaker the articles never name", () => {
  it("what did the prime minister say: no other minister speaks for them", async () => {
    expect((await second.ask("what did the prime minister say about veyra")).answered).toBe(false);
    expect((await second.ask("what did the business secretary say")).outcome).toBe("answered");
  });

  it("what did the chilean president say: the title asked comes before the name of who speaks", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "mine-dispute",
          title: "Chile stands firm on copper mine",
          published: "2026-07-08",
          paragraphs: [
            "Chilean President Ana Rojas has insisted that the copper mine at El Alto will stay open.",
            "Miners' unions said they would strike if the mine's owner cut wages again.",
            "Copper prices rose 2 per cent on Monday on news of the dispute.",
          ],
        },
      ]),
      entities: [entity("Ana Rojas", "person", ["Rojas"]), entity("El Alto", "place")],
    });
    const answer = await library.ask("wat did the chilean president say abt the el alto mine");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("Chilean President Ana Rojas has insisted");
  });

  it.each([
    "President Ana Rojas's spokesman said the talks with Peru would resume in August.",
    "President Ana Rojas' spokesman said the talks with Peru would resume in August.",
    "The president's spokesman said the talks with Peru would resume in August.",
  ])("what did the president say: not her spokesman's words (%s)", async (paragraph) => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "talks",
          title: "Chile and Peru resume talks",
          published: "2026-07-08",
          paragraphs: [paragraph, "Fishing crews in the north said the dispute had cost them a season."],
        },
      ]),
      entities: [entity("Ana Rojas", "person", ["Rojas"]), entity("Peru", "place")],
    });
    const answer = await library.ask("what did the president say about the talks with peru");
    expect(answer.answered).toBe(false);
  });
});

describe("a count of people", () => {
  it("how many people died: a count of the dead that leaves out 'people' counts them", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "outbreak",
          title: "Outbreak grows",
          published: "2026-05-01",
          paragraphs: [
            "The number of people infected by ClearLume drops has risen to 89, five of whom have died.",
            "Officials said the eye hospital in Bristol had treated the first patients in March.",
          ],
        },
      ]),
      entities: [entity("ClearLume", "organisation")],
    });
    const answer = await library.ask("how many ppl have died from clearlume");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toContain("five of whom have died");
  });
});

describe("a question word the article's title says", () => {
  it("how many points were they docked: the title says 'docked', the passage 'deducted'", async () => {
    const library = Library.build({
      ...corpusFromTexts([
        {
          id: "docked",
          title: "Harbour Town docked ten points over accounts",
          published: "2026-03-02",
          paragraphs: [
            "An independent panel deducted 10 points from Harbour Town on Friday for breaking spending rules.",
            "Fans gathered outside the ground before the evening match against Millbrook.",
          ],
        },
        {
          id: "transfer",
          title: "Harbour Town sell striker",
          published: "2026-03-09",
          paragraphs: [
            "Harbour Town sold their striker for 20 million pounds on Monday.",
            "The striker scored in a match that earned the club three points.",
            "Millbrook are top of the table on 61 points, with Harbour Town 12th on 40 points.",
          ],
        },
      ]),
      entities: [entity("Harbour Town", "organisation")],
    });
    const answer = await library.ask("how many points were harbour town docked");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/deducted 10 points/);
  });
});

describe("what a review of the round found", () => {
  it("a measure of a named thing needs the figure beside it: how big is the sinaloa cartel", async () => {
    for (const question of ["how big is the sinaloa cartel", "how strong is the sinaloa cartel"]) {
      expect((await story.ask(question)).answered, question).toBe(false);
    }
  });

  it("how long and how old need a span of time or a beginning, not any date", async () => {
    for (const question of ["how long has the sinaloa cartel been around", "how old is the sinaloa cartel"]) {
      expect((await story.ask(question)).answered, question).toBe(false);
    }
  });

  it("a reaction is small talk though the articles use its word: what do you mean, is it bad", async () => {
    const hospital = Library.build(await loadCorpus("eval/corpora/hospital-ransomware"));
    for (const question of ["what do you mean", "is it bad", "when were you made"]) {
      expect((await hospital.ask(question)).outcome, question).toBe("small-talk");
    }
  });

  it("a word used as a noun is no form of a verb: the wound is not the wind", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "storm",
          title: "Storm hits the coast",
          published: "2026-01-05",
          paragraphs: [
            "Forecasters said the wind would ease by Monday evening.",
            "A fisherman was treated in hospital for a deep cut to his leg.",
          ],
        },
      ]),
    );
    const answer = await library.ask("how bad was the wound");
    expect(answer.passages[0]?.text ?? "").not.toContain("wind");
  });

  it("a greeting, thanks or remark to the bot that asks nothing gets the help reply", async () => {
    for (const message of ["thanks a lot", "hello world", "u rock", "love this bot", "test", "ping"]) {
      expect((await story.ask(message)).outcome, message).toBe("small-talk");
    }
    // A remark on the story, and a question after a greeting, are not small talk.
    expect((await story.ask("lol the cartels are evil")).outcome).not.toBe("small-talk");
    expect((await story.ask("hey storydesk, who is the senator mentioned?")).outcome).toBe("answered");
  });

  it("thanks and goodbyes are answered as such", async () => {
    expect((await story.ask("thanks thats really helpful")).message).toMatch(/^You're welcome!/);
    expect((await story.ask("bye")).message).toMatch(/^No problem, see you!/);
    expect((await story.ask("hi")).message).toMatch(/^Hi!/);
  });

  it("a count with a place is no count elsewhere only when the question names a place", async () => {
    const answer = await second.ask("how many depots is veyra closing");
    expect(answer.outcome).toBe("answered");
    expect(answer.answer?.text).toMatch(/27 British depots|27 of its 64 British depots/);
  });
});

describe("a question about the story itself", () => {
  const library = () =>
    Library.build(
      corpusFromTexts([
        {
          id: "inquiry",
          title: "Inquiry into harbour fire opens",
          published: "2026-04-02",
          paragraphs: ["The inquiry into the fire opened in Leeds on Thursday, chaired by a retired judge."],
        },
        {
          id: "fire",
          title: "Fire destroys harbour warehouse",
          published: "2026-03-01",
          paragraphs: [
            "A fire destroyed a warehouse at Port Calder harbour at 3am on Sunday, the fire service said.",
            "The warehouse stored grain for export.",
            "Police said the cause of the fire was not yet known.",
          ],
        },
      ]),
    );

  it("'when did it happen' asks when the first article's event happened, whatever the corpus", async () => {
    for (const question of [
      "when did it happen",
      "wat time did it go down exactly",
      "when did this happen lol",
    ]) {
      const answer = await library().ask(question);
      expect(answer.outcome, question).toBe("answered");
      expect(answer.passages[0]?.id, question).toBe("fire#p1");
    }
  });

  it("a word for how often ('normally', 'usually') is no topic the articles must hold", async () => {
    const answer = await library().ask("what does the warehouse normally store");
    expect(answer.outcome).toBe("answered");
    expect(answer.missingTerms).toEqual([]);
    expect(answer.passages[0]?.id).toBe("fire#p2");
  });

  it("a topic of its own is still asked as such: 'when did it rain' is not the fire", async () => {
    const answer = await library().ask("when did it rain");
    expect(answer.answered).toBe(false);
    expect(answer.missingTerms).toContain("rain");
  });
});

describe("a remark beside a question that names its own topic", () => {
  it("is searched lightly: 'my group chat is arguing about this. who is tom cotton'", async () => {
    const answer = await story.ask("my group chat is arguing about this. who is tom cotton");
    expect(answer.outcome).toBe("answered");
    expect(answer.passages[0]?.id).toBe(P("p5"));
  });

  it("a bare 'why?' or 'who?' after a remark asks about the remark", async () => {
    expect((await story.ask("sheinbaum said no us troops. why?")).outcome).toBe("answered");
    const who = await story.ask("some senator backs strikes on cartels. who?");
    expect(who.outcome).toBe("answered");
    expect(who.passages[0]?.id).toBe(P("p5"));
  });

  it("'in charge of' is no 'leading' of another sense: the club's leading scorer runs nothing", async () => {
    const club = Library.build(await loadCorpus("eval/corpora/club-scandal"));
    const answer = await club.ask("who is in charge of the club");
    expect(answer.answer?.text ?? "").not.toMatch(/leading scorer/);
  });

  it("keeps a name in a remark or bracket as the question's topic", async () => {
    const hospital = Library.build(await loadCorpus("eval/corpora/hospital-ransomware"));
    for (const question of [
      "my gran is at picton lakeside, when were systems restored",
      "when were systems restored (picton lakeside)",
    ]) {
      const answer = await hospital.ask(question);
      // Another hospital's restoration is no answer about Picton Lakeside.
      expect(answer.answer?.text ?? "", question).not.toMatch(/Moira Valley/);
    }
  });

  it("never turns a request for the sources into a search", async () => {
    for (const question of [
      "ik this is old news but wheres this from",
      "my group chat is arguing about this. can u cite ur sources bro",
    ]) {
      expect((await story.ask(question)).outcome, question).toBe("sources");
    }
  });

  it("is the topic where the question refers back to it: '... is that true'", async () => {
    const answer = await story.ask("my cousin swears mexico agreed to let us troops in. is that true");
    expect(answer.outcome).toBe("answered");
    expect([P("p1"), P("p2")]).toContain(answer.passages[0]?.id);
  });
});

describe("an irregular verb form is a real word", () => {
  it("is never 'corrected' into another word of the articles: 'rang' is no 'bang'", async () => {
    const library = Library.build(
      corpusFromTexts([
        {
          id: "bridge",
          title: "Bridge warning ignored",
          published: "2026-03-20",
          paragraphs: [
            "A member of the public had rung the helpline to report a loud cracking noise.",
            "Residents said they heard a bang before the span fell.",
          ],
        },
      ]),
    );
    const answer = await library.ask("who rang the helpline about the cracking noise");
    expect(answer.didYouMean).toEqual([]);
    expect(answer.passages[0]?.id ?? answer.related?.[0]?.id).toBe("bridge#p1");
  });
});
