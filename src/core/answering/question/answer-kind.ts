import { PERSON_TITLES } from "../../text/lexicon/titles.ts";

/**
 * What kind of answer a question asks for, read from its question words: "who" wants a person or an
 * organisation, "when" a date or time, "where" a place, "how many" a number, "why" a reason. The
 * answer sentence must hold a thing of that kind for the passage to answer the question.
 */
export type AnswerKind =
  /** A person or an organisation, not named in the question ("who leads X"). */
  | "agent"
  | "time"
  | "place"
  | "number"
  | "reason"
  /** A named thing of a category the question gives ("which cartel", "what company"). */
  | "name"
  /** Who or what a named thing is ("who is Anna Kelly"): the passage must speak of it. */
  | "identity"
  /** What someone said ("what did Sheinbaum say about X"): the passage must have them say it. */
  | "statement"
  /** Yes or no ("did Mexico refuse"): the passage must hold what is asked about. */
  | "yes-no"
  /** Anything else ("what happened", "how is Mexico helping"). */
  | "open";

export interface QuestionForm {
  readonly kind: AnswerKind;
  /** For a statement: the words naming who spoke ("Sheinbaum" in "what did Sheinbaum say"). */
  readonly speaker?: string;
  /** For an agent: a person is asked for ("which judge", "who is the union's lawyer"), not an organisation. */
  readonly person?: boolean;
  /** For a time: one still to come ("when will the court rule"), which no past date answers. */
  readonly future?: boolean;
  /** For a name: the category asked for ("party" in "what party is Bhandari from"). */
  readonly category?: string;
  /**
   * Words of the question that only say what kind of answer is wanted ("year" in "what year",
   * "country" in "which country"): never searched for, never missing.
   */
  readonly kindWords: ReadonlySet<string>;
}

/**
 * What "how ..." asks to measure ("how long", "how big", "how strong"): a figure answers it. ("How
 * bad" is not among them: "bad" is chat where no article uses it, so it is gone before this is read.)
 */
export const MEASURES: ReadonlySet<string> = new Set(
  "old far big large tall long high deep heavy fast severe strong hard often".split(" "),
);

const CATEGORY_PLACE =
  "country|countries|city|cities|town|towns|place|places|region|regions|province|provinces|state|states|area|areas|district|districts|village|villages|location|locations|county|capital|continent|island|port|airport|site";
const CATEGORY_TIME =
  "year|years|date|dates|day|days|month|months|time|times|century|decade|week|weekday|hour|season";
const CATEGORY_NUMBER =
  "number|numbers|percentage|percent|amount|amounts|proportion|share|figure|figures|total|count|rate|toll|sum|price|cost|size|age|population|distance|height|length|weight|temperature|speed|score|salary|budget|value";
/** Nouns for people: "which judge", "who is the lawyer" ask for a person. */
const PERSON_NOUNS =
  "person|people|girl|girls|boy|boys|child|children|kid|kids|victim|victims|survivor|survivors|suspect|suspects|official|officials|minister|ministers|judge|judges|justice|justices|leader|leaders|man|woman|men|women|guy|guys|spokesperson|spokesman|spokeswoman|senator|president|lawyer|lawyers|barrister|attorney|ceo|boss|chief|director|chairman|chair|secretary|governor|mayor|representative|rep|envoy|ambassador|doctor|officer|prosecutor|founder|owner|manager|head|mp|narco|narcos|trafficker|traffickers|criminals|gangster|gangsters|kingpin|kingpins|fugitives|prisoners|detainee|detainees|cop|cops|folks";
const CATEGORY_AGENT = PERSON_NOUNS;
const PERSON_NOUN = new RegExp(`^(?:${PERSON_NOUNS})$`);

/** Whether a lowercase word names people: "judge", "officials", "guys". */
export function isPersonNoun(word: string): boolean {
  return PERSON_NOUN.test(word);
}
/** Nouns for amounts: "what is the salary" asks for a number. */
const AMOUNTS =
  "salary|salaries|pay|wage|wages|price|cost|costs|budget|population|age|value|revenue|revenues|profit|profits|loss|losses|deficit|debt|toll|total|number|count|rate|share price|fine|bill|turnout|score|height|length|weight|distance|temperature|magnitude";

const rule = (pattern: string) => new RegExp(pattern, "iu");
/** Words that make "who is the X" ask for a person holding a role, not who a named person is. */
/** "what's the name of the girl": the name of a person, asked for as "which judge" asks for one. */
const NAME_OF_PERSON = `^(?:what(?:'s| is| was| are| were)? |(?:list|give me|send|post) )?(?:the )?names? of (?:the |a |an |this |that )?(?:[\\p{L}\\p{N}'-]+ ){0,2}(?:${PERSON_NOUNS})\\b`;
const ROLES = `${CATEGORY_AGENT}|${[...PERSON_TITLES].join("|")}|rep|head|boss|chief|member|owner|founder|winner|mayor|ceo`;

/** In the order they are tried: the first that matches decides. */
const RULES: ReadonlyArray<readonly [RegExp, AnswerKind, "whole"?]> = [
  [rule(`^how (?:many|much|${[...MEASURES].join("|")})\\b`), "number"],
  [rule(`^(?:what|which) (?:${CATEGORY_NUMBER})\\b|^what ?%`), "number"],
  // "what is the CEO's salary", "what was the final death toll": an amount.
  [
    rule(
      `^what(?:'s| is| was| are| were) (?:the |their |his |her |its )?(?:[\\p{L}'-]+ ){0,3}(?:${AMOUNTS})\\b`,
    ),
    "number",
  ],
  [rule(`^(?:when|how long ago)\\b|^what time\\b`), "time"],
  [rule(`^(?:what|which) (?:${CATEGORY_TIME})\\b`), "time"],
  [rule(`^where(?:abouts)?\\b`), "place"],
  [rule(`^(?:what|which) (?:${CATEGORY_PLACE})\\b`), "place"],
  [
    rule(
      `^(?:why|how come|what reasons?\\b|what (?:was|is|were|are) the reasons?|what (?:caused|led to|prompted|triggered|made|drove))\\b`,
    ),
    "reason",
  ],
  // "whats sheinbaums first name", "what is her full name": who someone is, by name.
  [
    rule(
      `^what(?:'s| is| was) (?:his|her|their|[\\p{L}-]+(?:'s|s'|s)) (?:first |last |full |real |middle )?names?\\b`,
    ),
    "identity",
  ],
  // "who is Anna Kelly": a name of one to three words; "who is subject to vetting" is no name.
  [
    rule(
      `^(?:who|whom) (?:is|was|are|were) (?!the\\b|a\\b|an\\b|this\\b|that\\b)(?![^,]*\\b(?:${ROLES})\\b)[\\p{L}\\p{N}.-]+(?: [\\p{L}\\p{N}.-]+){0,2}[\\s,]*$`,
    ),
    "identity",
    "whole",
  ],
  [rule(`^(?:who|whom|whose)\\b|^(?:which|what) (?:${CATEGORY_AGENT})\\b`), "agent"],
  // "what's the name of the girl": a person (read on the whole clause: the noun is its sixth word).
  [rule(NAME_OF_PERSON), "agent", "whole"],
  // "what is the strain called": the name of a thing.
  [
    rule(
      `^what(?:'s| is| was| are| were) (?:the |this |that |their |its |his |her )?[\\p{L}\\p{N}' -]+? (?:called|named)\\s*[?!.]*$`,
    ),
    "name",
    "whole",
  ],
  [
    rule(
      `^(?:which|what) (?!is\\b|are\\b|was\\b|were\\b|do\\b|does\\b|did\\b|will\\b|would\\b|can\\b|could\\b|has\\b|have\\b|had\\b|about\\b|happened\\b|happens\\b|kind\\b|sort\\b|type\\b|else\\b)[a-z]+\\b`,
    ),
    "name",
  ],
  [
    rule(
      `^(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must|isn't|aren't|wasn't|weren't|doesn't|didn't|won't|can't|hasn't|haven't)\\b`,
    ),
    "yes-no",
  ],
];

const CATEGORY_THEN_VERB =
  /^\s+(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|got|gets|get)\b/i;

/** "which judge", "who is the union's lawyer", "who was the judge that...": a person is asked for. */
const ASKS_FOR_PERSON = new RegExp(
  `^(?:which|what) (?:${PERSON_NOUNS})\\b|${NAME_OF_PERSON}|^who(?:'s| is| was| are| were)? (?:the |a |an )?(?:[\\p{L}\\p{N}'-]+ ){0,2}(?:${PERSON_NOUNS})\\b`,
  "iu",
);

/** "when will", "when is it going to", "when are they due to": a time still to come. */
const FUTURE =
  /^when (?:will|would|shall)\b|^when (?:(?!(?:was|were|did|had|said|told|announced|thought|knew)\b)\S+ ){0,6}(?:going to|gonna|due to|expected to|set to|scheduled to|planning to|plan to|planned)\b/i;

/**
 * Words that only name the kind of answer wanted ("what year", "which country"), not its topic; and
 * the measures of "how long", "how big", "how strong", which an answer gives as a figure, not a word.
 */
const CATEGORY_WORDS = new Set([
  ..."name names first last full real middle year years date dates day days month months time times century decade week number numbers amount amounts percentage percent proportion figure figures total count place places country countries city cities town towns region regions area areas location locations reason reasons kind sort type".split(
    " ",
  ),
  ...MEASURES,
]);

/** Words that ask for a name itself ("what is the strain called"). */
const NAMING_WORDS = new Set(["called", "named"]);

const SPEECH =
  "say|said|tell|told|think|thought|claim|claimed|announce|announced|reply|replied|respond|responded|argue|argued|write|wrote|tweet|tweeted|comment|commented";
/** "what did X say", "what has X said", "X said what", "what was X's response". */
const STATEMENT: readonly RegExp[] = [
  rule(
    `\\bwhat (?:did|does|do|has|have|had|is|are|was|were|will|would) (.+?) (?:(?:have|be) )?(?:just )?(?:${SPEECH}|saying|telling|claiming)\\b`,
  ),
  rule(`^\\s*(.+?) (?:${SPEECH}) what\\b`),
  // "what trump say about it": chat drops the auxiliary before a verb's base form.
  rule(
    `\\bwhat (?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|might|happens?|happened|if|made|makes|make|led|leads|lead|caused|causes|prompted|to)\\b)((?:(?!(?:to|if)\\b)[\\p{L}\\p{N}'’.-]+ ){0,3}[\\p{L}\\p{N}'’.-]+) (?:say|tell|think|claim|announce|reply|respond|argue|write|tweet|comment)\\b`,
  ),
  rule(
    `\\bwhat (?:is|was|are|were) (.+?)(?:'s|s')? (response|reaction|position|stance|view|views|take|statement|comment|comments|answer|reply)\\b`,
  ),
  rule(`\\bhow (?:did|does|has|have) (.+?) (?:respond|responded|react|reacted|reply|replied)\\b`),
];

const WH = /\b(?:who|whom|whose|what|when|where|why|which|how)\b/i;
/** How far into a clause its question word may stand: "so when did", "and the EO was signed when". */
const WH_WITHIN = 3;

/**
 * The clause from its question word on, or the clause itself when that word is further in: "when"
 * deep inside "What was the colour of the jerseys when Elway played?" starts no question of time.
 */
function fromQuestionWord(text: string): string {
  // "When many people are arrested, what is...": the question is after the comma.
  const afterComma = /,\s*((?:who|whom|whose|what|when|where|why|which|how)\b.*)$/i.exec(text);
  if (afterComma && /^\s*(?:when|where|if|while|after|before|since|as)\b/i.test(text))
    return afterComma[1] as string;
  const match = WH.exec(text);
  if (!match) return text;
  const before = text.slice(0, match.index).trim();
  const wordsBefore = before === "" ? 0 : before.split(/\s+/).length;
  const last = text.slice(match.index + match[0].length).trim() === "";
  return wordsBefore < WH_WITHIN || last ? text.slice(match.index) : text.replace(WH, " ");
}

/** Reads what a question (one clause, chat already read) asks for. */
export function questionForm(clause: string): QuestionForm {
  const asked = clause.toLowerCase();
  const text = (
    /^\s*(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had)\b/.test(asked)
      ? asked
      : fromQuestionWord(asked)
  ).trim();
  for (const pattern of STATEMENT) {
    const match = pattern.exec(asked);
    const speaker = match?.[1]?.trim();
    // "what is her stance on X": the stance is what is asked for, said in any words.
    if (speaker && speaker.split(/\s+/).length <= 5)
      return { kind: "statement", speaker, kindWords: new Set(match?.[2] ? [match[2]] : []) };
  }
  // The question word and the few words after it say what is asked; later words are its subject.
  const head = text.split(/\s+/).filter(Boolean).slice(0, 5).join(" ");
  for (const [pattern, kind, whole] of RULES) {
    const match = pattern.exec(whole ? text : head);
    if (!match) continue;
    const kindWords = new Set(
      match[0]
        .split(/\s+/)
        .filter((w) => (kind === "name" ? NAMING_WORDS.has(w) : CATEGORY_WORDS.has(w) && kind !== "agent")),
    );
    if (kind === "agent" && ASKS_FOR_PERSON.test(text)) return { kind, kindWords, person: true };
    if (kind === "time" && FUTURE.test(text)) return { kind, kindWords, future: true };
    // The category is the word after "which" only where a verb follows it ("what party is"), not an
    // adjective before the noun ("which Republican senator").
    if (kind === "name" && CATEGORY_THEN_VERB.test(head.slice(match.index + match[0].length)))
      return { kind, kindWords, category: match[0].split(/\s+/)[1] as string };
    return { kind, kindWords };
  }
  return { kind: "open", kindWords: new Set() };
}
