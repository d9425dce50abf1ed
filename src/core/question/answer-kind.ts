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
  /**
   * Words of the question that only say what kind of answer is wanted ("year" in "what year",
   * "country" in "which country"): never searched for, never missing.
   */
  readonly kindWords: ReadonlySet<string>;
}

const CATEGORY_PLACE = "country|countries|city|cities|town|towns|place|places|region|regions|province|provinces|state|states|area|areas|district|districts|village|villages|location|locations|county|capital|continent|island|port|airport|site";
const CATEGORY_TIME = "year|years|date|dates|day|days|month|months|time|times|century|decade|week|weekday|hour|season";
const CATEGORY_NUMBER = "number|numbers|percentage|percent|amount|amounts|proportion|share|figure|figures|total|count|rate|toll|sum|price|cost|size";
const CATEGORY_AGENT = "person|people|official|officials|minister|judge|judges|leader|leaders|man|woman|men|women|guy|spokesperson|senator|president";

const rule = (pattern: string) => new RegExp(pattern, "i");

/** In the order they are tried: the first that matches decides. */
const RULES: ReadonlyArray<readonly [RegExp, AnswerKind]> = [
  [rule(`\\bhow (?:many|much)\\b|\\bhow (?:old|far|big|large|tall|long|high|deep|heavy|fast|severe|strong)\\b`), "number"],
  [rule(`\\b(?:what|which) (?:${CATEGORY_NUMBER})\\b`), "number"],
  [rule(`\\b(?:when|since when|by when|how long ago|what time)\\b`), "time"],
  [rule(`\\b(?:what|which|in what|in which|on what|on which) (?:${CATEGORY_TIME})\\b`), "time"],
  [rule(`\\bwhere(?:abouts)?\\b`), "place"],
  [rule(`\\b(?:what|which|in what|in which) (?:${CATEGORY_PLACE})\\b`), "place"],
  [rule(`\\b(?:why|how come|for what reason|what (?:was|is|were|are) the reasons?|reasons? (?:for|behind|why)|what (?:caused|led to|prompted|triggered|made|drove))\\b`), "reason"],
  [rule(`^\\s*(?:who|whom) (?:is|was|are|were) (?!the\\b|a\\b|an\\b|this\\b|that\\b|in\\b|on\\b|behind\\b|responsible\\b)`), "identity"],
  [rule(`\\b(?:who|whom|whose)\\b|\\b(?:which|what) (?:${CATEGORY_AGENT})\\b`), "agent"],
  [rule(`\\b(?:which|what) (?!is\\b|are\\b|was\\b|were\\b|do\\b|does\\b|did\\b|will\\b|would\\b|can\\b|could\\b|has\\b|have\\b|had\\b|about\\b|happened\\b|happens\\b|kind\\b|sort\\b|type\\b|else\\b)[a-z]+\\b`), "name"],
  [rule(`^\\s*(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must|isn't|aren't|wasn't|weren't|doesn't|didn't|won't|can't|hasn't|haven't)\\b`), "yes-no"],
];

const CATEGORY_WORDS = new Set(
  [CATEGORY_PLACE, CATEGORY_TIME, CATEGORY_NUMBER, "reason|reasons|kind|sort|type"].flatMap((c) => c.split("|")),
);

const SPEECH = "say|said|tell|told|think|thought|claim|claimed|state|stated|announce|announced|reply|replied|respond|responded|argue|argued|mean|meant|write|wrote|tweet|tweeted|post|posted|comment|commented";
/** "what did X say", "what has X said", "X said what", "what was X's response". */
const STATEMENT: readonly RegExp[] = [
  rule(`\\bwhat (?:did|does|do|has|have|had|is|was|will|would) (.+?) (?:(?:have|be) )?(?:just )?(?:${SPEECH}|saying|telling|claiming)\\b`),
  rule(`^\\s*(.+?) (?:${SPEECH}) what\\b`),
  rule(`\\bwhat (?:is|was|are|were) (.+?)(?:'s|s')? (?:response|reaction|position|stance|view|views|take|statement|comment|comments|answer|reply)\\b`),
  rule(`\\bhow (?:did|does|has|have) (.+?) (?:respond|responded|react|reacted|reply|replied)\\b`),
];

/** Reads what a question (one clause, chat already read) asks for. */
export function questionForm(clause: string): QuestionForm {
  const text = clause.toLowerCase();
  for (const pattern of STATEMENT) {
    const speaker = pattern.exec(text)?.[1]?.trim();
    if (speaker && speaker.split(/\s+/).length <= 5) return { kind: "statement", speaker, kindWords: new Set() };
  }
  for (const [pattern, kind] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const kindWords = new Set(
      match[0]
        .split(/\s+/)
        .filter((w) => CATEGORY_WORDS.has(w) && kind !== "name" && kind !== "agent"),
    );
    return { kind, kindWords };
  }
  return { kind: "open", kindWords: new Set() };
}
