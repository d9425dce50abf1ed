import type { AliasTable } from "../../search/aliases.ts";
import { analyze, type Token } from "../../text/analyze.ts";
import { REPORTING_WORDS } from "../../text/lexicon/reporting.ts";
import { TITLE_TERMS } from "../../text/lexicon/titles.ts";
import type { Sentence } from "../../text/sentences.ts";
import type { PlannedQuery, QueryWord } from "../query-plan.ts";
import { SYNONYM_CREDIT } from "../stand-ins.ts";
import { type AnswerKind, MEASURES } from "./answer-kind.ts";
import { type PersonNames, type SpanKind, type TaggedSpan, tagSentence } from "./tagger.ts";

/** The things that answer each kind of question. */
const ANSWERED_BY: Partial<Record<AnswerKind, ReadonlySet<SpanKind>>> = {
  agent: new Set(["person", "organisation", "name", "place", "role"]),
  time: new Set(["time"]),
  // Venues and landmarks are often names the tagger cannot place ("SAP Center"); organisations are not places.
  place: new Set(["place", "name"]),
  number: new Set(["number"]),
  reason: new Set(["reason"]),
};

const PERSON: ReadonlySet<SpanKind> = new Set(["person"]);
const DURATION_ANSWERS: ReadonlySet<SpanKind> = new Set(["number", "time"]);
/** Words that put a sentence in the future: "will rule", "is expected to", "next month". */
const FUTURE_MARKERS =
  /\b(?:will|would|shall|expected|expects|scheduled|due to|plans? to|planned|next|upcoming|later this|is to|are to|set to|by the end of|within|in the coming|forecast)\b/i;

/** Share of the question's own words (names aside), by weight, that an answering passage must hold. */
const MIN_FOCUS = 0.4;
/** What a question word found only in the passage's article title counts towards that share. */
const TITLE_FOCUS = 0.5;
/**
 * The sentence holding the answer must be about what was asked: hold this share of what the
 * passage's most relevant sentence holds of the question's own words (answers often sit in the next
 * sentence, with "it" for the thing asked about).
 */
const SENTENCE_FOCUS = 0.5;
/** How far after a number its counted noun may stand: "26 top cartel figures". */
const COUNTED_WITHIN = 4;
/** How far before a number its counted noun may stand: "volunteers numbered 300". */
const COUNTED_BEFORE = 2;

/** Whether a passage holds what a question asks for, and where. */
export interface DetailCheck {
  /** The kind of answer asked for is in a sentence about what was asked (or no kind is asked for). */
  readonly holds: boolean;
  /**
   * A passage that does not hold it cannot answer: it lacks a thing the question names, or the kind
   * of answer asked for (a person, a date, a number...). For other questions, `holds` only says
   * whether the passage covers most of what was asked, which the answer model weighs.
   */
  readonly binding: boolean;
  /** The sentence that holds it, by position in the passage; null when none does. */
  readonly sentence: number | null;
  /** What it lacks: a thing the question names, or the kind of answer asked for. */
  readonly lacks?: "name" | "kind";
}

/** Speakers that stand for someone named elsewhere in the question. */
const PRONOUNS: ReadonlySet<string> = new Set(["he", "she", "they", "it", "him", "her", "them"]);

const FAILS: DetailCheck = { holds: false, binding: true, sentence: null, lacks: "kind" };

/** What the check needs to know of the question. */
export interface AskedDetail {
  readonly kind: AnswerKind;
  /** An agent that must be a person ("which judge"). */
  readonly person?: boolean;
  /** A time still to come: the answer sentence must speak of the future. */
  readonly future?: boolean;
  /** For a statement: who spoke, as the question words it. */
  readonly speaker?: string;
  readonly plan: PlannedQuery;
  /** "how many X": the words the counted noun X is matched by. */
  readonly counted: ReadonlySet<string> | null;
  /** The counted noun is in no article: a number next to any word of the question will do. */
  readonly countedAbsent: boolean;
  /** A sum of money is asked for ("how much did the hub cost"): the number must be one. */
  readonly money?: boolean;
  /** "how long", "how old": a date answers as well as a number ("emerged in early 2024"). */
  readonly duration?: boolean;
  /** "how old": a number must be an age ("a 78-year-old", "Whitford, 34,"), or a date tell it. */
  readonly age?: boolean;
  /** "how big was the team": the figure must stand beside what is measured ("a 48-member team"). */
  readonly measure?: boolean;
}

/** Words that name money: "how much money", "in damages", "the ransom". */
const MONEY_NOUNS =
  "money|cash|funding|funds|aid|compensation|damages|ransom|bail|salary|salaries|wages?|fees?|dollars|pounds|euros|pesos|rupees|quid|bucks";

/**
 * "how much did the hub cost", "how much are the brits giving", "how much money": a sum of money; and
 * without the auxiliary chat drops, "how much the hub cost", where a price verb follows.
 * The verb must belong to "how much" itself ("how much ... did they give"), not to a noun asked
 * about ("how much ground did they give").
 */
const MONEY_QUESTION = new RegExp(
  `\\bhow much (?:(?:did|does|do|will|would|is|are|was|were|has|have|had|can|could|should)\\b(?:\\s+[\\p{L}\\p{N}'’-]+){1,6}?\\s+(?:cost|costs|costing|pay|paying|spend|spending|worth|earn|earning|charge|charging|invest|investing|raise|raising|fund|owe|give|giving|pledge|pledging|donate|donating|lose|losing|make|making|ask|asking|want|wanting|demand|demanding|seek|seeking)\\b|(?:the|this|that|it|they|he|she|we|you|u)\\b(?:\\s+(?!(?:will|would|can|could|should|is|are|was|were|do|does|did|has|have|had)\\b)[\\p{L}\\p{N}'’-]+){0,5}?\\s+(?:cost|costs|pay|paid|spend|spent|worth|earn|earned|charge|charged|owe|owed)\\b|(?:${MONEY_NOUNS})\\b)`,
  "iu",
);

/** A sum of money: "£40m", "$1.2 billion", "450 million pounds", "40 million pesos", "412p", "Rs 5 crore". */
const MONEY =
  /[£$€¥₹]\s?\d|\bRs\.?\s?\d|\b\d[\d,.]*\s?(?:bn|m|k|million|billion|trillion)?\s?(?:pounds?|dollars?|euros?|pence|cents?|pesos?|yen|yuan|rupees?|francs?|usd|eur|gbp|mxn|cad|aud|inr|npr|jpy|cny|chf)\b|\b\d+p\b|\b\d[\d,.]*\s?(?:crore|lakh)\b/i;

/** How far around a number its currency may stand: "£" or "Rs. " before it, "million pounds" after it. */
const CURRENCY_BEFORE = 4;
const CURRENCY_AFTER = 16;

/** Whether the number a sentence gives at a span is a sum of money. */
function isMoney(text: string, span: TaggedSpan): boolean {
  return MONEY.test(text.slice(Math.max(0, span.start - CURRENCY_BEFORE), span.end + CURRENCY_AFTER));
}

/** A share after a number: "12 per cent", "12%". */
const SHARE_AFTER = /^\s?(?:%|per ?cent\b|percent\b)/i;

/**
 * Whether a number answers a question of money: a sum, or a share of one ("how much did the shares
 * lose": "lost 12 per cent").
 */
function isMoneyOrShare(text: string, span: TaggedSpan): boolean {
  return isMoney(text, span) || SHARE_AFTER.test(text.slice(span.end, span.end + 10));
}

/** "what would mexico do if...", "what happens if...": a consequence under a condition. */
const HYPOTHETICAL =
  /\b(?:what|how)\b.*\b(?:would|could|might)\b.*\bif\b|\bwhat if\b|\bwhat (?:happens|will happen|would happen)\b.*\bif\b/i;
/** Words with which a sentence speaks of what may follow: "could raise legal challenges if...". */
const CONDITIONAL =
  /\b(?:[Ii]f|[Uu]nless|[Ww]ould|[Cc]ould|[Mm]ight|may|[Ss]hould|[Rr]isks?|[Rr]isked|[Tt]hreat\w*|[Ww]arn\w*|[Cc]onsequences?)\b/;

/**
 * Whether a hypothetical question finds no sentence of a passage speaking of what may follow: a
 * passage stating what is ("no troops will be allowed") does not say what would happen if.
 */
export function hypotheticalUnanswered(question: string, sentences: readonly Sentence[]): boolean {
  return HYPOTHETICAL.test(question) && !sentences.some((s) => CONDITIONAL.test(s.text));
}

/** A question naming money outright: "how much cash", "in damages", "the ransom". */
const NAMES_MONEY = new RegExp(`\\b(?:${MONEY_NOUNS})\\b`, "i");

/** Whether a question asks for a sum of money. */
export function asksForMoney(question: string): boolean {
  return MONEY_QUESTION.test(question);
}

function isName(word: QueryWord): boolean {
  return word.name;
}

/**
 * A name from the story's own entities.yaml: a question naming one is about the story, and a
 * passage must name it too. Names only the general lexicon knows (countries) bind no passage: a
 * question may name a country its answer does not.
 */
function isStoryName(word: QueryWord): boolean {
  return word.name && word.entity?.own === true;
}

/** Words for people in general, which a count of people often leaves out ("five of whom have died"). */
const PEOPLE: ReadonlySet<string> = new Set(["people", "persons", "individuals", "folks"]);

/**
 * The counted noun of "how many X" and the terms that stand for it: the last word of the phrase
 * after "how many" ("volunteers" in "how many red cross volunteers are working").
 */
export function countedNoun(
  question: string,
  plan: PlannedQuery,
): { readonly counted: ReadonlySet<string> | null; readonly countedAbsent: boolean } {
  const none = { counted: null, countedAbsent: false };
  // "what is the CEO's salary": the amount is what the number must be of.
  const amount = AMOUNT.exec(question);
  if (amount) {
    const noun = analyze(amount[1] as string)[0];
    const word = plan.words.find((w) => w.token.term === noun?.term);
    if (word && !word.unmatched) return { counted: new Set(word.accepts.keys()), countedAbsent: false };
  }
  const match = /\bhow many\s+(?:of\s+(?:the\s+)?)?(.*)$/iu.exec(question);
  if (!match) return none;
  const phrase: Token[] = [];
  for (const token of analyze(match[1] as string)) {
    if (token.term === null || phrase.length === 3) break;
    phrase.push(token);
  }
  // "how many died": no noun, people are counted; a number next to another word of the question will
  // do. So for "how many people died": "89, five of whom have died" counts them without the word.
  if (/ed$/.test(phrase[0]?.folded ?? "") || PEOPLE.has(phrase[0]?.folded ?? ""))
    return { counted: null, countedAbsent: true };
  // The phrase runs into the verb ("inhabitants spoke"): the counted noun is its plural, or its first word.
  const noun = phrase.find((t) => /[^s]s$/.test(t.folded)) ?? phrase[0];
  const word = plan.words.find((w) => w.token.folded === noun?.folded || w.token.term === noun?.term);
  if (!word) return none;
  if (word.unmatched) return { counted: null, countedAbsent: true };
  return { counted: new Set(word.accepts.keys()), countedAbsent: word.missing };
}

/**
 * Credit each question word earns in a sentence (its best matching term), by the words' order in the
 * plan. Words only related to it ("minimum" for "salary") earn nothing here: they rank, they do not
 * show that a passage holds what was asked.
 */
function creditsIn(tokens: readonly Token[], plan: PlannedQuery): Float64Array {
  const credits = new Float64Array(plan.words.length);
  const terms = new Set(tokens.map((t) => t.term).filter((t): t is string => t !== null));
  plan.words.forEach((word, w) => {
    for (const [term, credit] of word.accepts) {
      if (credit < SYNONYM_CREDIT) continue;
      if (terms.has(term) && credit > (credits[w] as number)) credits[w] = credit;
    }
  });
  return credits;
}

/**
 * A span answers only if it is none of the question's own words: "the Sinaloa Cartel" does not answer
 * "where is Sinaloa", though "President Trump" answers "who is the US president" (titles aside).
 */
function isNew(span: TaggedSpan, asked: ReadonlySet<string>): boolean {
  const own = span.terms.filter((t) => !TITLE_TERMS.has(t));
  if (span.terms.length === 0) return true;
  return own.length > 0 && own.every((t) => !asked.has(t));
}

/**
 * Each named thing that the passage's text names is named in sentence `s`, or in the one before it
 * ("she" then refers back) when the question asks something of it; a question that is only a name
 * ("where is Sinaloa") needs the name and the answer in one sentence.
 */
function namedAround(
  named: readonly QueryWord[],
  bySentence: readonly Token[][],
  s: number,
  plan: PlannedQuery,
): boolean {
  if (named.length === 0) return true;
  const all = creditsIn(bySentence.flat(), plan);
  const onlyNames = plan.words.every((w) => isName(w) || w.reporting);
  const around = onlyNames ? (bySentence[s] ?? []) : [...(bySentence[s - 1] ?? []), ...(bySentence[s] ?? [])];
  const here = creditsIn(around, plan);
  return plan.words.every(
    (w, i) => !named.includes(w) || (all[i] as number) === 0 || (here[i] as number) > 0,
  );
}

/**
 * A person or role placed by a country the question does not ask about ("Mexican President Claudia
 * Sheinbaum" for "who is the US president"): the passage names someone else's.
 */
function placedElsewhere(
  span: TaggedSpan,
  spans: readonly TaggedSpan[],
  tokens: readonly Token[],
  asked: ReadonlySet<string>,
): boolean {
  if (span.kind !== "person" && span.kind !== "role") return false;
  let at = tokens.findIndex((t) => t.start >= span.start) - 1;
  while (at >= 0 && TITLE_TERMS.has(tokens[at]?.term ?? "")) at--;
  const before = tokens[at];
  if (!before) return false;
  const place = spans.find((p) => p.kind === "place" && p.start <= before.start && p.end >= before.end);
  return place?.terms.every((t) => !asked.has(t)) ?? false;
}

const AMOUNT =
  /^\s*what(?:'s| is| was| are| were)\s+(?:the |their |his |her |its )?(?:[\p{L}'-]+ ){0,3}?(salary|salaries|pay|wages?|price|cost|costs|budget|revenue|profit|loss|deficit|debt|fine|bill)\b/iu;

/**
 * The terms a number must stand beside to count what was asked; null when no number is asked for.
 * "how many troops": the troops. When no article uses the counted word, a number next to another word
 * of the question will do ("three ACL tears" for "ACL injuries"). "how big was the turkish team": what
 * is measured, which may be a name ("team" of a rescue team's name), though not a place ("a 48-member
 * team from Turkey").
 */
function countedTerms(asked: AskedDetail): ReadonlySet<string> | null {
  if (asked.kind !== "number") return null;
  const termsOf = (keep: (w: QueryWord) => boolean) =>
    new Set(asked.plan.words.filter((w) => keep(w) && !w.reporting).flatMap((w) => [...w.accepts.keys()]));
  if (asked.measure) return termsOf((w) => w.entity?.kind !== "place");
  if (asked.countedAbsent) return termsOf((w) => !isName(w));
  return asked.counted;
}

/** Words that link a noun to the count after it: "volunteers numbered 300", "deaths stood at 2,031". */
const COUNT_LINKS: ReadonlySet<string> = new Set(
  "numbered number numbers totalled totaled totals total totalling totaling reached stood rose risen climbed fell grew now".split(
    " ",
  ),
);

/** Punctuation that ends the phrase around a number; a colon only after the noun ("jobs: 22,000"). */
const PHRASE_BREAK_AFTER = /[,;:.()]/;
const PHRASE_BREAK_BEFORE = /[,;.()]/;

/**
 * A number counts a thing when a word for it stands just after the number, or just before ("jobs:
 * 22,000"), in the same phrase: "a 141,000-strong workforce, as it closes depots" counts no depots.
 * A place in the phrase that the question does not ask about places the count elsewhere: "27 of its
 * 64 British depots" does not say how many close in Germany.
 */
function countedNear(
  span: TaggedSpan,
  text: string,
  tokens: readonly Token[],
  counted: ReadonlySet<string>,
  elsewhere: (token: Token) => boolean,
): boolean {
  const at = tokens.findIndex((t) => t.start >= span.start);
  if (at < 0) return false;
  const near = (from: number, step: number, within: number) => {
    let seen = 0;
    for (let i = from; i >= 0 && i < tokens.length && seen < within; i += step) {
      const [left, right] = step > 0 ? [tokens[i - 1], tokens[i]] : [tokens[i], tokens[i + 1]];
      const between = left && right ? text.slice(left.end, right.start) : "";
      if ((step > 0 ? PHRASE_BREAK_AFTER : PHRASE_BREAK_BEFORE).test(between)) return false;
      const token = tokens[i] as Token;
      if (elsewhere(token)) return false;
      if (token.term === null) continue;
      seen++;
      if (counted.has(token.term)) return true;
      // Before the number, only a word that links a count to its noun may stand between them
      // ("volunteers numbered 300"): "rescuers pulled a nine-year-old girl" counts no rescuers.
      if (step < 0 && !COUNT_LINKS.has(token.folded)) return false;
    }
    return false;
  };
  return near(at + 1, 1, COUNTED_WITHIN) || near(at - 1, -1, COUNTED_BEFORE);
}

/**
 * Checks that a passage holds the kind of thing asked for (a person for "who", a date for "when", a
 * number for "how many"...) in a sentence that also holds what it is asked about: the question's own
 * words, names aside, since a passage that only names the same cartel does not say who leads it.
 */
export function checkDetail(
  sentences: readonly Sentence[],
  title: string,
  asked: AskedDetail,
  aliases: AliasTable,
  people: PersonNames,
): DetailCheck {
  const { plan } = asked;
  const bySentence = sentences.map((s) => analyze(s.text));
  const titleTokens = analyze(title);
  if (!namesEveryThing(bySentence, titleTokens, plan)) return { ...FAILS, lacks: "name" };
  if (asked.kind === "identity") return identityCheck(bySentence, plan);
  if (asked.kind === "statement") return statementCheck(sentences, bySentence, asked, aliases, people);
  const wanted = asked.person ? PERSON : asked.duration ? DURATION_ANSWERS : ANSWERED_BY[asked.kind];
  // A passage that names the same things but none of what is asked of them answers nothing: when
  // the question names something, that is binding; otherwise the answer model weighs it.
  // The article's title says what its passages are about, at half the weight of their own words:
  // "docked" in "Castlemere docked 14 points" where the passage says "deducted".
  const passageTokens = bySentence.flat();
  const inText = focusShare(passageTokens, plan);
  const focused =
    inText >= MIN_FOCUS ||
    inText + TITLE_FOCUS * (focusShare([...passageTokens, ...titleTokens], plan) - inText) >= MIN_FOCUS;
  if (!wanted)
    return focused
      ? { holds: true, binding: false, sentence: null }
      : { ...FAILS, binding: plan.words.some(isStoryName) };
  if (!focused) return FAILS;
  const shares = bySentence.map((tokens) => focusShare(tokens, plan));
  const best = Math.max(...shares);
  const askedTerms = new Set(plan.words.flatMap((w) => [...w.accepts.keys()]));
  const counted = countedTerms(asked);
  const named = plan.words.filter((w) => isStoryName(w) && !w.missing);
  // A place in a count's phrase puts the count elsewhere only where the question names a place.
  const asksOfPlace = plan.words.some((w) => w.entity?.kind === "place");
  for (let s = 0; s < sentences.length; s++) {
    const tokens = bySentence[s] as Token[];
    const { text } = sentences[s] as Sentence;
    const about = (shares[s] as number) >= SENTENCE_FOCUS * best && (shares[s] as number) > 0;
    if (!about && counted === null) continue;
    if (asked.future && !FUTURE_MARKERS.test(text)) continue;
    // The story's things the question names, where the passage names them, are named around the
    // answer: "the court ruled on Wednesday" is no answer about the Supreme Court named elsewhere.
    if (!namedAround(named, bySentence, s, plan)) continue;
    const spans = tagSentence(text, aliases, people);
    // A place the question does not ask about, where the question names one, puts a count elsewhere.
    const elsewhere = (t: Token) =>
      asksOfPlace &&
      spans.some(
        (p) =>
          p.kind === "place" &&
          p.start <= t.start &&
          p.end >= t.end &&
          p.terms.length > 0 &&
          p.terms.every((term) => !askedTerms.has(term)),
      );
    const found = spans.some(
      (span) =>
        wanted.has(span.kind) &&
        isNew(span, askedTerms) &&
        !placedElsewhere(span, spans, tokens, askedTerms) &&
        (counted === null || countedNear(span, text, tokens, counted, elsewhere)) &&
        (!asked.money || span.kind !== "number" || isMoneyOrShare(text, span)) &&
        (asked.age ? isAge(text, span) : !asked.duration || isDuration(text, span)),
    );
    if (found) return { holds: true, binding: true, sentence: s };
  }
  return FAILS;
}

/** "Who is Anna Kelly": the passage must itself name her, not only its article's title. */
function identityCheck(bySentence: readonly Token[][], plan: PlannedQuery): DetailCheck {
  if (plan.words.every((w) => w.unmatched)) return FAILS;
  const credits = creditsIn(bySentence.flat(), plan);
  if (!plan.words.every((w, i) => w.unmatched || (credits[i] as number) > 0)) return FAILS;
  const first = bySentence.findIndex((tokens) => creditsIn(tokens, plan).some((c) => c > 0));
  return { holds: true, binding: true, sentence: first < 0 ? null : first };
}

/** Share of the question's own words (names aside), by weight, that some tokens hold. */
function focusShare(
  tokens: readonly Token[],
  plan: PlannedQuery,
  skip: (w: QueryWord) => boolean = isName,
): number {
  const credits = creditsIn(tokens, plan);
  let total = 0;
  let covered = 0;
  plan.words.forEach((w, i) => {
    if (skip(w)) return;
    total += w.weight;
    covered += w.weight * (credits[i] as number);
  });
  return total > 0 ? covered / total : 1;
}

/**
 * A passage answers only if it names the story's things that the question names: in its article's
 * title or its own text for one thing; a question that names two or more parties ("what did Anna
 * Kelly say about Sheinbaum") needs the passage itself to name each.
 */
function namesEveryThing(
  bySentence: readonly Token[][],
  title: readonly Token[],
  plan: PlannedQuery,
): boolean {
  const named = plan.words.filter((w) => isStoryName(w) && !w.missing);
  if (named.length === 0) return true;
  const inText = creditsIn(bySentence.flat(), plan);
  // A place only locates what is asked ("how many depots is Veyra shutting in Britain"): the parties
  // a question names are its people and organisations.
  const parties = named.filter((w) => w.entity?.kind !== "place");
  const several = new Set(parties.map((w) => w.entity?.name)).size >= 2;
  const inTitle = several ? new Float64Array(plan.words.length) : creditsIn(title, plan);
  return plan.words.every(
    (w, i) => !named.includes(w) || (inText[i] as number) > 0 || (inTitle[i] as number) > 0,
  );
}

/** How far after a reporting verb its speaker may stand: "said Sheinbaum", "said the president, Sheinbaum". */
const SPEAKER_AFTER = 4;

/**
 * Whether the one named is who speaks in a sentence, not who is spoken of: the last name before a
 * reporting verb, asides between commas or brackets aside ("the Mexican President, Claudia Sheinbaum,
 * has asserted"; "Senator Tom Cotton (R-Ark.) supports"; not the "Trump" of "the Trump
 * administration's designation" before them), or named just after it ("said Sheinbaum"), but not in
 * what is reported ("Kelly stated that President Trump's priority...").
 */
function speaks(
  text: string,
  tokens: readonly Token[],
  nameSpans: readonly TaggedSpan[],
  isSpeaker: (token: Token) => boolean,
): boolean {
  const verbs = tokens.flatMap((t, i) => (REPORTING_WORDS.has(t.folded) ? [i] : []));
  const asides = [...text.matchAll(/,[^,]*,|\([^)]*\)/g)].map(
    (m) => [m.index, m.index + m[0].length] as const,
  );
  // Another person or organisation, by the tagger: not a weekday or a sentence's first word.
  const inName = (t: Token, kind?: SpanKind) =>
    nameSpans.some((n) => (kind === undefined || n.kind === kind) && t.start >= n.start && t.end <= n.end);
  const otherName = (t: Token) =>
    inName(t) &&
    !isSpeaker(t) &&
    !TITLE_TERMS.has(t.term ?? "") &&
    !asides.some(([from, to]) => t.start > from && t.end < to);
  return tokens.some((token, i) => {
    if (!isSpeaker(token)) return false;
    // A title asked for names whoever it comes before: "the Mexican president" speaks as "Mexican
    // President Claudia Sheinbaum has reiterated", though not as "President Ana Rojas's spokesman".
    let from = i + 1;
    if (TITLE_TERMS.has(token.term ?? ""))
      while (from < tokens.length && inName(tokens[from] as Token, "person")) from++;
    // "President Ana Rojas's spokesman", "the president's spokesman": someone else speaks.
    const named = tokens[from - 1] as Token;
    if (/['’]s?$/.test(named.surface) || /^['’]/.test(text.slice(named.end))) return false;
    return verbs.some((v) => {
      if (i < v) return !tokens.slice(from, v).some(otherName);
      const between = tokens.slice(v + 1, i);
      return i - v <= SPEAKER_AFTER && !between.some((t) => t.folded === "that" || otherName(t));
    });
  });
}

/** Who a statement question asks about speaks in the passage: named with a reporting verb, or as "she" right after. */
function statementCheck(
  sentences: readonly Sentence[],
  bySentence: readonly Token[][],
  asked: AskedDetail,
  aliases: AliasTable,
  people: PersonNames,
): DetailCheck {
  const { plan } = asked;
  const speakerTerms = new Set(
    analyze(asked.speaker ?? "").flatMap((t) => (t.term === null ? [] : [t.term])),
  );
  // "who is Anna Kelly and what did she say": a pronoun speaks for the person the question names.
  const pronoun = PRONOUNS.has((asked.speaker ?? "").toLowerCase());
  const isSpeaker = (w: QueryWord) =>
    pronoun ? w.name : speakerTerms.has(w.term) || speakerTerms.has(w.token.term ?? "");
  const speakers = plan.words.filter(isSpeaker);
  // "what did the prime minister say": no article says "prime", so none has the prime minister speak,
  // whatever other minister does.
  if (speakers.length === 0 || speakers.some((w) => w.unmatched)) return FAILS;
  const about = focusShare(bySentence.flat(), plan, (w) => isSpeaker(w) || w.reporting);
  if (about < MIN_FOCUS) return FAILS;
  const names = (tokens: readonly Token[]) => {
    const credits = creditsIn(tokens, plan);
    return plan.words.some((w, i) => isSpeaker(w) && (credits[i] as number) > 0);
  };
  // The speaker named in a sentence that reports speech, or in the one before ("She added that...").
  const reports = bySentence.map((tokens) => tokens.some((t) => REPORTING_WORDS.has(t.folded)));
  for (let s = 0; s < bySentence.length; s++) {
    const tokens = bySentence[s] as Token[];
    if (!names(tokens)) continue;
    const text = (sentences[s] as Sentence).text;
    const nameSpans = tagSentence(text, aliases, people).filter(
      (span) => span.kind === "person" || span.kind === "organisation",
    );
    if (reports[s] && speaks(text, tokens, nameSpans, (t) => names([t])))
      return { holds: true, binding: true, sentence: s };
    if (reports[s + 1] && !reports[s]) return { holds: true, binding: true, sentence: s + 1 };
  }
  return FAILS;
}

/** "How long", "how old": a date or a time span answers them as well as a number. */
const DURATION = /\bhow (?:long|old)\b/i;

/** An age beside a number: "78-year-old", "34 years old", "aged 34". */
const AGE_AFTER = /^(?:-|\s)?(?:years?|yrs?)[- ]old\b/i;
const AGE_BEFORE = /\baged\s*$/i;
/** "Leah Whitford, 34, a teacher": a number set off by commas just after a name. */
const AGE_AFTER_NAME = /\p{Lu}\p{L}+,\s*$/u;

/** Words before a date that make it the start of something: "founded in 1957", "since 2019". */
const BEGAN_BEFORE =
  /\b(?:since|founded|established|formed|created|emerged|launched|began|begun|started|opened|built|set up|dates? back to)\b[^.,;]{0,16}$/i;
/** A unit of time after a number: "21 days", "five weeks", "two-year". */
const TIME_UNIT_AFTER =
  /^[-\s]?(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)\b/i;

/** Whether a date at a span is when something began ("emerged in early 2024", "since 2019"). */
function isStart(text: string, span: TaggedSpan): boolean {
  return BEGAN_BEFORE.test(text.slice(Math.max(0, span.start - 40), span.start));
}

/**
 * Whether what a sentence gives at a span tells how long: a number of days, weeks or years ("for 21
 * days"), or the date something began ("since 2019").
 */
function isDuration(text: string, span: TaggedSpan): boolean {
  if (span.kind === "time") return isStart(text, span);
  return TIME_UNIT_AFTER.test(text.slice(span.end, span.end + 12));
}

/**
 * Whether what a sentence gives at a span tells an age: a person's ("a 78-year-old"), or a thing's by
 * the year it began ("founded in 1957").
 */
function isAge(text: string, span: TaggedSpan): boolean {
  if (span.kind === "time") return /\d{4}/.test(text.slice(span.start, span.end)) && isStart(text, span);
  const after = text.slice(span.end, span.end + 12);
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  return (
    AGE_AFTER.test(after) || AGE_BEFORE.test(before) || (AGE_AFTER_NAME.test(before) && /^,/.test(after))
  );
}

/** "how big", "how strong", "how far": a measure other than of time. */
const MEASURE_QUESTION = new RegExp(
  `\\bhow (?:${[...MEASURES].filter((m) => m !== "long" && m !== "old").join("|")})\\b`,
  "i",
);

/** Whether a question asks to measure something other than time ("how big was the team"). */
export function asksForMeasure(question: string): boolean {
  return MEASURE_QUESTION.test(question);
}

/** Whether a question asks how old someone or something is. */
export function asksForAge(question: string): boolean {
  return /\bhow old\b/i.test(question);
}

/** Whether a question asks how long or how old. */
export function asksForDuration(question: string): boolean {
  return DURATION.test(question);
}

/**
 * Whether a passage holds any number at all (or, for "how long" and "how old", a time; for a question
 * naming money, a sum) that a question asking how many or how much could be answered by.
 */
export function holdsQuantity(
  sentences: readonly Sentence[],
  question: string,
  aliases: AliasTable,
  people: PersonNames,
): boolean {
  const duration = asksForDuration(question);
  // "how much are the families asking in damages": not the year of an act. Only where money is named:
  // "how much did the shares lose" is answered by "12 per cent".
  const money = NAMES_MONEY.test(question);
  return sentences.some((s) =>
    tagSentence(s.text, aliases, people).some(
      (span) =>
        (span.kind === "number" && (!money || isMoney(s.text, span))) || (duration && span.kind === "time"),
    ),
  );
}

/**
 * "The company did not say how many...", "officials declined to say when...": reporting that a detail
 * was not given. The words after it say which kind of detail, matched to the kind asked for.
 */
const NOT_GIVEN = new RegExp(
  String.raw`(?:\b(?:did not|didn't|does not|doesn't|would not|wouldn't|will not|won't|could not|couldn't|declined to|refused to|was unable to|were unable to)\s+(?:yet\s+)?(?:say|disclose|reveal|specify|give|confirm|name|identify|provide|release)|\b(?:has not|hasn't|have not|haven't|had not)\s+(?:yet\s+)?(?:said|disclosed|revealed|specified|given|confirmed|named|identified|provided|released)|\b(?:it|this) (?:is|was|remains|remained) (?:not yet clear|unclear|not clear|not known|unknown))` +
    // "declined to comment" alone withholds no detail; "whether" is a yes or no, asked as one.
    String.raw`\s+(?:exactly\s+|publicly\s+)?(how (?:many|much|long|big|large|far|old)|when|where|who|whom|whose|why|the (?:number|amount|figure|size|cost|price|date|timing|name|names|identity|identities|location|reason))\b`,
  "i",
);

/** The kind of answer a withheld detail would have been, by the words naming it. */
function withheldKind(words: string): AskedDetail["kind"] | undefined {
  const w = words.toLowerCase();
  if (/^how |^the (?:number|amount|figure|size|cost|price)/.test(w)) return "number";
  if (/^when|^the (?:date|timing)/.test(w)) return "time";
  if (/^where|^the location/.test(w)) return "place";
  if (/^why|^the reason/.test(w)) return "reason";
  if (/^who|^the (?:name|identit)/.test(w)) return "agent";
  return undefined;
}

/** Share of the question's own words (names aside) a sentence that the detail was not given must hold. */
const NOT_GIVEN_FOCUS = 0.5;

/**
 * Whether a sentence says the very detail asked for was not given ("The company did not say how many
 * of the redundancies it expected to be compulsory" for "how many will be compulsory"): it withholds
 * a detail of the kind asked for, and speaks of the question's own words, of which there must be some
 * beside the names ("who is Marta Quill" is not asked by "Quill declined to say when...").
 */
export function saysNotGiven(sentences: readonly Sentence[], asked: AskedDetail): boolean {
  const { plan } = asked;
  const kind = asked.kind === "identity" ? "agent" : asked.kind;
  if (!plan.words.some((w) => !isName(w))) return false;
  return sentences.some((s) => {
    const withheld = NOT_GIVEN.exec(s.text)?.[1];
    return (
      withheld !== undefined &&
      withheldKind(withheld) === kind &&
      focusShare(analyze(s.text), plan) >= NOT_GIVEN_FOCUS
    );
  });
}
