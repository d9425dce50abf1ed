import { describe, expect, it } from "vitest";
import { questionForm } from "../../../src/core/answering/question/answer-kind.ts";
import { splitClauses } from "../../../src/core/answering/question/clauses.ts";
import { asksForMoney } from "../../../src/core/answering/question/detail.ts";
import { mayBeForeign, understandQuestion } from "../../../src/core/answering/question/understand.ts";
import { termOf } from "../../../src/core/text/analyze.ts";
import { type ArticleWords, readChat } from "../../../src/core/text/lexicon/chat.ts";

/** Articles that spell (and use) exactly these words, and name these. */
function spelledBy(words: readonly string[], names: readonly string[] = []): ArticleWords {
  return {
    uses: (folded) => words.includes(folded),
    say: () => false,
    spells: (folded) => words.includes(folded),
    isName: (folded) => names.includes(folded),
  };
}

describe("readChat", () => {
  it.each([
    ["<@123456789012345678> who is anna kelly", "who is anna kelly", 1],
    ["@storydesk did the us help mexico?? thx", "did the US help mexico??", 1],
    ["yo who r the cartels on the fto list lmao 😂", "who are the cartels on the fto list", 0],
    ["wat did shienbaum sey abot troops", "what did shienbaum say about troops", 0],
    ["whats the deal w/ cjng", "what about cjng", 0],
    ["what happened w/ the injunction", "what about the injunction", 0],
    ["whats going on with the strike??", "what about the strike??", 0],
    ["can you tell me who anna kelly is", "who anna kelly is", 0],
    ["tell us who won", "who won", 0],
    ["how is mexico helping the us with cartels then", "how is mexico helping the US with cartels then", 0],
    ["are they terrorists now or what", "are they terrorists now", 0],
    ["in aug 2025 how many were extradited", "in August 2025 how many were extradited", 0],
    ["who spoke on 3 Mar", "who spoke on 3 March", 0],
    ["what did Jan Novak say in dec", "what did Jan Novak say in December", 0],
    ["what did jan say about the APR", "what did jan say about the APR", 0],
    ["is the apr above 5", "is the apr above 5", 0],
    ["is the gulf cartel a terrorist org now", "is the gulf cartel a terrorist organization now", 0],
    ["q1 revenue?", "first quarter revenue?", 0],
    ["what was veyra's Q1 revenue", "what was veyra's first quarter revenue", 0],
    ["who is the WHO rep in nepal", "who is the WHO representative in nepal", 0],
    ["how many hrs did the uni close", "how many hours did the university close", 0],
    ["how many gb did they leak", "how many gigabytes did they leak", 0],
    ["wtf is wraithlock", "what is wraithlock", 0],
    ["ok wtf is cjng", "what is cjng", 0],
    ["sooo whyyy did they do it lmaooo", "why did they do it", 0],
    ["Sooo who is anna kelly", "who is anna kelly", 0],
    ["wattt was in it", "what was in it", 0],
    ["diddd they want it", "did they want it", 0],
    ["howww many gb did they leak", "how many gigabytes did they leak", 0],
    ["a hugeee fine", "a huge fine", 0],
    ["gooood morning everyone", "", 0],
    ["**whats the fine**", "what is the fine", 0],
    ["who is anna kelly pls answer", "who is anna kelly", 0],
    ["troops on mexican soil", "troops in mexican", 0],
    ["lowkey who is anna kelly", "who is anna kelly", 0],
    ["who is anna kelly?? answer me", "who is anna kelly", 0],
    ["what was mexico's answer", "what was mexico's answer", 0],
    ["> whats the fine", "what is the fine", 0],
    ["||who is anna kelly||", "who is anna kelly", 0],
    ["was the couple arrested", "was the couple arrested", 0],
    ["in the first couple days", "in the first few days", 0],
    // Names drawn out are names: initials in capitals, Roman numerals.
    ["what did the KKK say", "what did the KKK say", 0],
    ["phase iii trial results", "phase iii trial results", 0],
    ["did mexico answer that request", "did mexico answer that request", 0],
    ["answer me this: who is anna kelly", "who is anna kelly", 0],
    ["mb who is anna kelly", "mb who is anna kelly", 0],
    ["they leaked 620 gb", "they leaked 620 gigabytes", 0],
    ["recap of the extraditions", "the extraditions", 0],
    ["<@123456789012345678> good morning everyone!!", "", 1],
    ["hey all, who is anna kelly", "who is anna kelly", 0],
    ["stupid bot answer this: how many were extradited", "stupid bot: how many were extradited", 0],
    ["what happened on the morning of the raid", "what about the morning of the raid", 0],
    ["how many ops were cancelled", "how many operations were cancelled", 0],
    ["wat r the nurses sayin", "what are the nurses saying", 0],
    ["how much was the sponsor payin a yr", "how much was the sponsor paying a year", 0],
    ["what did putin say about the cabin", "what did putin say about the cabin", 0],
    ["how many pts did they lose", "how many points did they lose", 0],
    ["how much did it end up costing", "how much did it end up costing", 0],
    ["hold on a sec, who is anna kelly", "who is anna kelly", 0],
    ["Where'd you get that", "where did you get that", 0],
    ["What'd sheinbaum say", "what did sheinbaum say", 0],
    ["I'll ask again, who is anna kelly", "i will ask again, who is anna kelly", 0],
    ["whose login did they use", "whose login did they use", 0],
    ["whats goin on", "what is going on", 0],
    ["who's the health sec", "who is the health secretary", 0],
    ["why don't they allow it", "why do not they allow it", 0],
    ["isn't sheinbaum the president?", "is not sheinbaum the president?", 0],
    ["i'll ask again: who is kelly", "i will ask again: who is kelly", 0],
    ["what did Levi's say", "what did Levi's say", 0],
    ["anyone know who leads the union", "who leads the union", 0],
    ["i wanna know who leads the union", "who leads the union", 0],
    // Words that open a message before its question, even words an article may use ("wait").
    ["wait who is anna kelly", "who is anna kelly", 0],
    ["honestly how many were extradited", "how many were extradited", 0],
    ["question: did they pull anyone out", "did they pull anyone out", 0],
    ["real quick, whats the fine", "what is the fine", 0],
    ["yo Can you list the cartels", "list the cartels", 0],
    ["ok so like when was it signed", "when was it signed", 0],
    // Not before a question, they stay: a topic, or the question's own words.
    ["wait times rose by how much", "wait times rose by how much", 0],
    ["did he answer honestly", "did he answer honestly", 0],
    // Words that only stress the question word.
    ["what the hell did trump say", "what did trump say", 0],
    ["who the hell's the health sec", "who is the health secretary", 0],
    ["why tf did they cut it", "why did they cut it", 0],
    ["when exactly was the eo signed", "when was the eo signed", 0],
    ["how the hell many gb did they leak", "how many gigabytes did they leak", 0],
    // Tails that ask nothing more.
    ["who is anna kelly thanks in advance", "who is anna kelly", 0],
    ["who is anna kelly?? asking for a friend", "who is anna kelly", 0],
    ["yo good morning everyone", "", 0],
    ["stupid bot, good morning everyone", "stupid bot", 0],
    ["LMAOOO", "", 0],
    ["srsly who is anna kelly", "who is anna kelly", 0],
    ["who is the new ciso", "who is the new ciso", 0],
    // A second pass, from a list of retypings written by someone who had not seen the first.
    ["ugh how many tents got stuck", "how many tents got stuck", 0],
    ["genuine question: who is anna kelly", "who is anna kelly", 0],
    ["question for the bot: who is anna kelly", "who is anna kelly", 0],
    ["sorry if this is a dumb question but who is anna kelly", "who is anna kelly", 0],
    ["/ask who is anna kelly", "who is anna kelly", 0],
    ["who is anna kelly /gen", "who is anna kelly", 0],
    ["who is anna kelly #news", "who is anna kelly", 0],
    ["is #MS13 designated", "is MS13 designated", 0],
    ["who is anna kelly, hurry up", "who is anna kelly", 0],
    ["bruh moment, who is anna kelly", "who is anna kelly", 0],
    ["what are the the names", "what are the names", 0],
    ["wHO IS ANNA KELLY", "who is anna kelly", 0],
    ["Has The Us Already Bombed Anything", "has the US already bombed anything", 0],
    ["has da us already bombed", "has the US already bombed", 0],
    ["*who is anna kelly*", "who is anna kelly", 0],
    ["f*ck this, who is anna kelly", "f*ck this, who is anna kelly", 0],
    ["whois anna kelly", "who is anna kelly", 0],
    ["howmany were extradited", "how many were extradited", 0],
    ["Q: good morning everyone", "", 0],
    // ... but not where the words are the question's own (from a review of that pass).
    ["who oversaw the designation", "who oversaw the designation", 0],
    ["is there anything about thein", "is there anything about thein", 0],
    ["what's the latest on #MS13", "what is the latest on MS13", 0],
    ["which cartel is ranked #1", "which cartel is ranked 1", 0],
    ["why the hurry", "why the hurry", 0],
    ["when did the lights come on?", "when did the lights come on?", 0],
    ["what does /s mean", "what does /s mean", 0],
    ["who is bross", "who is bross", 0],
    // Asking for someone else, and a tail that asks nothing more.
    ["my mum wants to know: who is anna kelly", "who is anna kelly", 0],
    ["who is anna kelly, just trying to understand", "who is anna kelly", 0],
    // Drawn out: a Roman numeral, a size or a name in capitals is none.
    ["super bowl liii", "super bowl liii", 0],
    ["an xxxl shirt", "an xxxl shirt", 0],
    ["what about the AFFF lawsuits", "what about the AFFF lawsuits", 0],
    // Markdown is taken off where it opens or closes, not inside a censored word.
    ["f**king useless bot, who is anna kelly", "f**king useless bot, who is anna kelly", 0],
    // Frames that must not eat a question: answering as its topic, a good day, "for real", "in the world".
    ["did sheinbaum answer the question", "did sheinbaum answer the question", 0],
    ["did mexico answer it", "did mexico answer it", 0],
    ["was it a good day?", "was it a good day?", 0],
    ["is the threat for real", "is the threat for real", 0],
    ["who in the world health organization commented", "who in the world health organization commented", 0],
    ["what is a tia", "what is a tia", 0],
  ])("%s -> %s", (message, text, mentions) => {
    const reading = readChat(message);
    expect(reading.text).toBe(text);
    expect(reading.mentions).toBe(mentions);
  });

  it("a swapped pair is read back only into a word the articles spell, or a chat word; never a name", () => {
    const articles = spelledBy(
      ["extraditions", "sheinbaum", "body", "great", "enter"],
      ["potus", "sheinbaum"],
    );
    expect(readChat("when did the exrtaditions happen", articles).text).toBe(
      "when did the extraditions happen",
    );
    expect(readChat("ok thnaks", articles).text).toBe("");
    // Names, the story's, the lexicon's or anyone's first name, and words of four letters stay.
    expect(readChat("why did potus do it", articles).text).toBe("why did potus do it");
    expect(readChat("is greta involved", articles).text).toBe("is greta involved");
    expect(readChat("what did boyd say", articles).text).toBe("what did boyd say");
    // No swap into an English word the articles lack: the word typed is the one reported missing.
    expect(readChat("whats the legal prbolem", articles).text).toBe("what is the legal prbolem");
  });

  describe("phrasal verbs", () => {
    // The articles of a story that say "fight", "resign", "close"... and none of the phrases typed.
    const news = new Set(
      ["fight", "resign", "recall", "close", "invest", "authorize", "investigate", "enter"].map((w) =>
        termOf(w),
      ),
    );
    const articles = (texts: string[] = []): ArticleWords => ({
      uses: (folded) => news.has(termOf(folded)),
      say: (pattern) => texts.some((t) => new RegExp(pattern.source, "i").test(t)),
      spells: () => false,
      isName: () => false,
    });
    it.each([
      ["mexican govt cracking down on sinaloa??", "mexican government fighting sinaloa??"],
      ["when did the ceo step down", "when did the ceo resign"],
      ["which drops got pulled from the shelves", "which drops got recalled"],
      ["how much has he pumped into the club", "how much has he invested in the club"],
      ["does congress have to sign off on it", "does congress have to authorize it"],
      ["are the police looking into it", "are the police investigating it"],
      ["is the us gonna roll into mexico", "is the US going to enter mexico"],
      ["the army clamped down on the gangs", "the army fought the gangs"],
      // The tense typed, where one form spells several.
      ["when did the factory shut for good", "when did the factory close"],
      ["has the plant been shut down", "has the plant been closed"],
      ["they shut down the plant", "they closed the plant"],
    ])("%s -> %s, where the articles use the one word", (message, text) => {
      expect(readChat(message, articles()).text).toBe(text);
    });

    it("each particle is its own phrase: articles saying 'shut down' still read 'shut for good'", () => {
      const said = articles(["The plant was shut down in March."]);
      expect(readChat("when did the factory shut for good", said).text).toBe("when did the factory close");
      expect(readChat("when did they shut down the plant", said).text).toBe(
        "when did they shut down the plant",
      );
    });

    it.each([
      // The articles say the phrase: "stepped down" finds them.
      ["who stepped down", articles(["Dunn stepped down on Monday."])],
      // The articles use neither: the missing word reported is the one typed.
      [
        "when did the ceo step down",
        { uses: () => false, say: () => false, spells: () => false, isName: () => false },
      ],
      // No reading of ordinary senses: bringing in money, pulling people out of rubble, going after.
      ["how much money did the sale bring in", articles()],
      ["how many people were pulled out of the rubble", articles()],
      ["where did she go after the summit", articles()],
    ])("%s: kept as typed", (message, said) => {
      expect(readChat(message, said).text).toBe(message);
    });
  });

  it("keeps 'getting' aside as 'get' is, and hedges ('supposedly'): no topic, never a missing word where no article uses them", () => {
    expect([...readChat("is the ceo getting fired").soft]).toEqual(["getting"]);
    expect([...readChat("how much has he supposedly paid").soft]).toEqual(["supposedly"]);
  });

  it("keeps insults and profanity aside as words that count only where an article uses them", () => {
    const reading = readChat("fuck the cartels. ur a useless bot, idiot");
    expect([...reading.soft].sort()).toEqual(["bot", "fuck", "idiot", "useless"]);
  });

  it("reads a message shouted in capitals in lowercase, and a lone initialism as it is", () => {
    expect(readChat("WHO IS ANNA KELLY?!").text).toBe("who is anna kelly?!");
    expect(readChat("DID MEXICO SAY NO TO US TROOPS").text).toBe("did mexico say no to US troops");
    expect(readChat("NATO?").text).toBe("NATO?");
    expect(readChat("what does the WHO say").text).toBe("what does the WHO say");
  });

  it("reads words about the situation itself ('this whole mess') as no topic where no article uses them", () => {
    expect([...readChat("how much did this whole mess cost them altogether").soft].sort()).toEqual([
      "altogether",
      "mess",
      "whole",
    ]);
  });

  it("reads the article itself as no topic where no article uses the word ('mentioned in the article')", () => {
    expect([...readChat("which americans besides trump r mentioned in the article").soft].sort()).toEqual([
      "article",
      "besides",
    ]);
  });

  it("reads versus as no topic of its own where no article uses it", () => {
    expect([...readChat("mexico vs us on troops?").soft]).toContain("vs");
  });

  it("drops greetings and thanks whatever their case, and leaves acronyms alone", () => {
    expect(readChat("HI. THANKS").text).toBe("");
    expect(readChat("did the DA or the SB say").text).toBe("did the DA or the SB say");
  });
});

describe("questionForm: what kind of answer a question asks for", () => {
  it.each([
    ["who leads the sinaloa cartel", "agent"],
    ["who is anna kelly", "identity"],
    ["who is the us president", "agent"],
    ["who is mexicos security minister", "agent"],
    ["when did trump sign the EO", "time"],
    ["what year was the EO signed", "time"],
    ["where is sinaloa", "place"],
    ["which country sent rescue teams", "place"],
    ["how many narcos did mexico ship", "number"],
    ["what % voted yes", "number"],
    ["why did trump label cartels as FTOs", "reason"],
    ["what did sheinbaum say about tom cotton", "statement"],
    ["sheinbaum said what about troops", "statement"],
    ["did mexico refuse", "yes-no"],
    ["which cartel has sheinbaum focused on", "name"],
    ["how is mexico helping the us", "open"],
    // A question word deep inside is not the question's: "when" here starts no question of time.
    ["What was the color of the jerseys in Super Bowl XXXII when Elway was quarterback?", "open"],
    ["When many people are arrested, what is a common tactic?", "open"],
  ])("%s -> %s", (question, kind) => {
    expect(questionForm(question).kind).toBe(kind);
  });

  it.each([
    "what is the name of the girl the rescuers pulled out",
    "what's the name of the judge",
    "which boy was rescued",
    "what are the names of the 26 cartel leaders that got extradited",
    // Typed without "what", and people named in slang.
    "names of the narcos mexico extradited?",
    "give me the names of the suspects",
    "who were the 26 guys that got extradited",
  ])("a person is asked for: %s", (question) => {
    const form = questionForm(question);
    expect(form.kind).toBe("agent");
    expect(form.person).toBe(true);
  });

  it.each(["which criminal groups does mexico fight", "what prisoner swap was agreed"])(
    "an adjective is no person asked for: %s",
    (question) => {
      expect(questionForm(question).person).toBeUndefined();
    },
  );

  it("the name of a thing is no person: what is the name of the ship", () => {
    expect(questionForm("what is the name of the ship").person).toBeUndefined();
  });

  it("names the category a name is asked of: what party, not which Republican senator", () => {
    expect(questionForm("what party is bhandari from").category).toBe("party");
    expect(questionForm("which republican senator wants direct action").category).toBeUndefined();
  });

  it.each([
    ["how long has the gang been around", "long"],
    ["how big was the turkish team", "big"],
    ["how hard did the shares tank", "hard"],
  ])("%s: the measure asked for is a number, not a word to find", (question, measure) => {
    const form = questionForm(question);
    expect(form.kind).toBe("number");
    expect([...form.kindWords]).toEqual([measure]);
  });

  it.each([
    ["when will the court rule", true],
    ["when is the court going to rule", true],
    // Chat drops the auxiliary: still a time to come.
    ["when trump actually gonna send troops", true],
    ["when are they due to vote", true],
    ["when was it gonna happen", undefined],
    ["when trump said he was going to designate the cartels", undefined],
    ["when did trump sign the EO", undefined],
  ])("%s: a time still to come? %s", (question, future) => {
    expect(questionForm(question).future).toBe(future);
  });

  it("what is the strain called: a name is asked for, and 'called' is no word to find", () => {
    const form = questionForm("what is the strain called");
    expect(form.kind).toBe("name");
    expect([...form.kindWords]).toEqual(["called"]);
  });

  it("names who spoke in a statement question, and the words that only name the kind", () => {
    expect(questionForm("what did anna kelly say about sheinbaum").speaker).toBe("anna kelly");
    // Without the auxiliary chat drops, and not where the words before the verb are no speaker.
    expect(questionForm("what trump say back to sheinbaum").speaker).toBe("trump");
    expect(questionForm("what mexico's president say about the plans").speaker).toBe("mexico's president");
    expect(questionForm("what happened after they say no").kind).toBe("open");
    expect(questionForm("what if mexico say no").speaker).toBeUndefined();
    expect(questionForm("what made sheinbaum say that").kind).toBe("reason");
    expect(questionForm("what led sheinbaum to say that").speaker).toBeUndefined();
    // The stance asked for is said in any words: no word to find.
    const stance = questionForm("what is the mexican presidents stance on american soldiers");
    expect(stance.kind).toBe("statement");
    expect([...stance.kindWords]).toEqual(["stance"]);
    expect([...questionForm("what year was the EO signed").kindWords]).toEqual(["year"]);
    const firstName = questionForm("what is sheinbaums first name");
    expect(firstName.kind).toBe("identity");
    expect([...firstName.kindWords].sort()).toEqual(["first", "name"]);
  });
});

describe("asksForMoney", () => {
  it.each([
    ["how much did the hub cost", true],
    ["how much are the trustees asking veyra to pay in each year", true],
    ["how much money did they raise", true],
    ["how much ground did they give", false],
    ["how much time did they spend", false],
    ["how much aidan", false],
    ["how much are the families asking for in damages", true],
    ["how much did the hackers want", true],
    ["how much ransom", true],
    // Chat drops the auxiliary: "how much the hub cost".
    ["how much the hub cost", true],
    ["how much it cost them", true],
    ["how much it will raise tensions", false],
    ["how much the quake will raise the death toll", false],
    ["how much they give a damn", false],
  ])("%s -> %s", (question, money) => {
    expect(asksForMoney(question)).toBe(money);
  });
});

describe("a question word slipped", () => {
  it.each([
    ["whrn did the court rule", "when did the court rule"],
    ["qhat is the fine", "what is the fine"],
    ["yo wgen did it start", "when did it start"],
    ["when doea it end", "when does it end"],
    ["jas the court ruled", "has the court ruled"],
    ["wete the cartels named", "were the cartels named"],
    ["hwo many died", "how many died"],
    ["hwo is anna kelly", "who is anna kelly"],
    ["wht did she say", "what did she say"],
    ["whi is it", "who is it"],
  ])("%s -> %s", (message, text) => {
    expect(readChat(message).text).toBe(text);
  });

  it.each([
    // Only where a question starts or after its question word; English words ("dod", "si") stay.
    ["the wjo report", "the wjo report"],
    ["when dod it end", "when dod it end"],
    ["did jas say", "did jas say"],
    // A capitalised word is a name: "Eid" is no "did", "Shen" no "when".
    ["Eid prayers went ahead", "Eid prayers went ahead"],
    ["Shen Yi said what", "Shen Yi said what"],
  ])("%s stays %s", (message, text) => {
    expect(readChat(message).text).toBe(text);
  });
  it.each([
    ["browhich groups were named", "which groups were named"],
    ["wheresthis from", "where is this from"],
    ["canu cite ur sources", "can you cite your sources"],
    ["watwas in it", "what was in it"],
    ["sincewhen is she in office", "since when is she in office"],
    // Words and names stay, and a word glued on anywhere but where a question starts.
    ["whatever happened", "whatever happened"],
    ["willa said what", "willa said what"],
    ["who is yoon", "who is yoon"],
    ["was okta breached", "was okta breached"],
    ["hasbro", "hasbro"],
    ["who is bross", "who is bross"],
  ])("two words typed as one, where a question starts: %s -> %s", (message, text) => {
    expect(readChat(message).text).toBe(text);
  });

  it("a letter dropped or a key beside it is read back into the one word of the articles it can be", () => {
    const articles = spelledBy(["strikes", "directive", "terrorist"]);
    expect(readChat("could strkes be illegal", articles).text).toBe("could strikes be illegal");
    expect(readChat("could strkes be illegal", articles).corrections).toEqual([
      { term: "strkes", suggestion: "strikes" },
    ]);
    expect(readChat("what was in the directivr", articles).text).toBe("what was in the directive");
    expect(readChat("which got the terrrist label", articles).text).toBe("which got the terrorist label");
    // A letter away from two words of the articles: neither is chosen.
    const both = { ...articles, spells: (folded: string) => ["strikes", "strokes"].includes(folded) };
    expect(readChat("could strkes be illegal", both).text).toBe("could strkes be illegal");
  });

  it("a question's first word typed onto a word of the articles is split, where the whole is no word", () => {
    const articles = spelledBy(["trump", "mexico", "land"]);
    expect(readChat("istrump sending troops", articles).text).toBe("is trump sending troops");
    expect(readChat("yo didmexico say no", articles).text).toBe("did mexico say no");
    expect(readChat("island for sale", articles).text).toBe("island for sale");
    expect(readChat("the istrump report", articles).text).toBe("the istrump report");
  });
});

describe("words that name nothing in chat", () => {
  it.each([
    ["ur kinda useless", "your useless"],
    ["is it sorta over", "is it over"],
    ["what kinda guns did they find", "what kind of guns did they find"],
    ["which sorta deal is it", "which sort of deal is it"],
    ["oi who chairs it", "who chairs it"],
    ["qq: who chairs it", "who chairs it"],
    ["who chairs it, eh?", "who chairs it?"],
    ["who chairs it im so confused", "who chairs it i so confused"],
    ["i am asking who chairs it", "i asking who chairs it"],
    ["what am i missing", "what am i missing"],
  ])("%s -> %s: a hedge, a hail or 'am' after 'i' is dropped, a kind of thing kept", (message, text) => {
    expect(readChat(message).text).toBe(text);
  });
});

describe("splitClauses", () => {
  it.each([
    ["who is anna kelly and what is her salary", ["who is anna kelly", "what is her salary"]],
    ["who designated the cartels and when", ["who designated the cartels and when"]],
    ["did mexico say yes or no to US forces", ["did mexico say yes or no to US forces"]],
    [
      "which cartels are designated? also is el chapo still alive",
      ["which cartels are designated", "is el chapo still alive"],
    ],
    ["so-called cartels, who designated them", ["so-called cartels, who designated them"]],
    [
      "what did the CoA decide + is veyra doing a buyback",
      ["what did the CoA decide", "is veyra doing a buyback"],
    ],
    [
      "When many people are arrested, what is a common tactic",
      ["When many people are arrested, what is a common tactic"],
    ],
  ])("%s", (text, questions) => {
    expect(splitClauses(text).map((c) => c.question)).toEqual(questions);
  });

  it("keeps a remark that asks nothing as context for the question after it", () => {
    expect(splitClauses("fuck the cartels. are they terrorists now")).toEqual([
      { question: "are they terrorists now", context: "fuck the cartels" },
    ]);
  });

  it.each([
    [
      "my flatmate asked me and i had no clue: who chairs the inquiry",
      "my flatmate asked me and i had no clue",
    ],
    ["saw a tiktok about this, who chairs the inquiry", "saw a tiktok about this"],
    ["who chairs the inquiry (asking for my gran)", "asking for my gran"],
  ])("keeps an aside about the asker as context: %s", (text, context) => {
    expect(splitClauses(text)).toEqual([{ question: "who chairs the inquiry", context }]);
  });

  it("keeps a topic put first in the question, and an aside that asks in it", () => {
    expect(splitClauses("the northeast cartel, is that one of them").map((c) => c.question)).toEqual([
      "the northeast cartel, is that one of them",
    ]);
    // A bracket that says nothing of the asker may hold the topic: "(picton lakeside)".
    expect(splitClauses("when was it restored (picton lakeside)")).toEqual([
      { question: "when was it restored (picton lakeside)", context: "" },
    ]);
    expect(splitClauses("what did she say (and when)").map((c) => c.question)).toEqual([
      "what did she say (and when)",
    ]);
  });

  it("keeps a remark before 'but' as context too: it asks nothing", () => {
    expect(splitClauses("ur useless but who chairs the inquiry")).toEqual([
      { question: "who chairs the inquiry", context: "ur useless" },
    ]);
    // A question before "but" is still a question of its own.
    expect(splitClauses("who chairs it but when does it report").map((c) => c.question)).toEqual([
      "who chairs it",
      "when does it report",
    ]);
  });

  it.each([
    ["Will Mexico let U.S. troops in?", ["Will Mexico let U.S. troops in"]],
    ["Is the U.K. sending aid, e.g. tents?", ["Is the U.K. sending aid, e.g. tents"]],
    ["did the fentanyl seizures drop 3.5 percent?", ["did the fentanyl seizures drop 3.5 percent"]],
    ["What did Sen. Ortiz and Dr. Kelly say?", ["What did Sen. Ortiz and Dr. Kelly say"]],
  ])("ends no question at a full stop that ends no sentence: %s", (text, questions) => {
    expect(splitClauses(text).map((c) => c.question)).toEqual(questions);
  });

  it("still ends a remark at its full stop, an initialism in it or not", () => {
    expect(splitClauses("the U.S. is mad. what did sheinbaum say?")).toEqual([
      { question: "what did sheinbaum say", context: "the U.S. is mad" },
    ]);
  });
});

describe("understandQuestion", () => {
  it.each([
    "hi",
    "ok",
    "thanks!!",
    "what can u do",
    "who made you",
    "are you a bot or a real person",
    "help",
  ])("small talk: %s", (message) => {
    expect(understandQuestion(message).smallTalk).toBe(true);
  });

  it.each(["sources pls", "wheres this from", "what articles are u using for this", "links?"])(
    "asks for the sources: %s",
    (message) => {
      expect(understandQuestion(message).asksForSources).toBe(true);
    },
  );

  it.each([
    "tldr pls",
    "tl dr",
    "catch me up",
    "what is this story about",
    "what are the articles about",
    "summarize pls",
    "whats going on?",
    "so what happened",
    "summary of the news pls",
  ])("asks for the story in short: %s", (message) => {
    const understood = understandQuestion(message);
    expect(understood.asksForSummary).toBe(true);
    expect(understood.smallTalk).toBe(false);
  });

  it.each([
    "whats going on in ukraine",
    "what happened to the fentanyl seizures",
    "sum up what sheinbaum said",
  ])("a question about something, not the story in short: %s", (message) => {
    expect(understandQuestion(message).asksForSummary).toBe(false);
  });

  it.each([
    "did the us help mexico",
    "who is the WHO rep in nepal",
    "what sources did the pentagon cite about the cartels",
  ])("a real question: %s", (message) => {
    const understood = understandQuestion(message);
    expect(understood.smallTalk).toBe(false);
  });
});

describe("mayBeForeign: when the language detector is worth asking", () => {
  const notInCorpus = () => false;
  it.each([
    "¿Quién es Claudia Sheinbaum?",
    "wer ist anna kelly",
    "chi è anna kelly?",
    "pourquoi le Népal a refusé les sauveteurs suisses ?",
  ])("another language: %s", (message) => {
    expect(mayBeForeign(message, notInCorpus)).toBe(true);
  });
  it.each([
    "wat did shienbaum sey abot troops",
    "which judge blokced the depot closures",
    "best budget gaming laptop 2026?",
    "wat happend",
    "sooo whyyy did mexico refuse",
    // An apostrophe is no accent.
    "yo who's the health sec",
  ])("English, typos and all: %s", (message) => {
    expect(mayBeForeign(message, notInCorpus)).toBe(false);
  });
  it("a short question with one foreign word beside one English shares: qui est anna kelly", () => {
    const names = (w: string) => w === "anna" || w === "kelly";
    expect(mayBeForeign("qui est anna kelly ?", names)).toBe(true);
    // A chat word beside a typo is no other language, nor a name beside an everyday word.
    expect(mayBeForeign("wat happend", names)).toBe(false);
    expect(mayBeForeign("pemex debt", names)).toBe(false);
    expect(mayBeForeign("mencho arrested?", names)).toBe(false);
  });

  it("does not count the corpus's own names in another language", () => {
    const corpusWords = new Set(["carteles", "unidos"]);
    expect(mayBeForeign("carteles unidos designated y/n", (w) => corpusWords.has(w))).toBe(false);
  });
});
