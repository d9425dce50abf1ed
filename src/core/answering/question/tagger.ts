import type { EntityKind } from "../../corpus/types.ts";
import { AliasTable } from "../../search/aliases.ts";
import { analyze, type Token } from "../../text/analyze.ts";
import { MONTH_ABBREVIATIONS, MONTH_NAMES } from "../../text/lexicon/months.ts";
import { PERSON_TITLES } from "../../text/lexicon/titles.ts";

/**
 * Finds the things an answer can be in a sentence: people, organisations, places, times, numbers and
 * reasons. Heuristic and cheap (a sentence in about 20 µs), since it runs on the best candidates of
 * every question: known names (entities.yaml and the general lexicon), capitalised names classified
 * by their words and neighbours, dates, numbers, and the phrases that give a reason.
 */
export type SpanKind = "person" | "organisation" | "place" | "time" | "number" | "reason" | "name" | "role";

export interface TaggedSpan {
  readonly kind: SpanKind;
  /** Offsets into the sentence. */
  readonly start: number;
  readonly end: number;
  /** Index terms of the span's words, to tell an answer from the question's own words. */
  readonly terms: readonly string[];
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const MONTHS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES.map((m) => m.toLowerCase()),
  ...Object.keys(MONTH_ABBREVIATIONS),
]);
const WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday");
const TIME_WORDS = words(
  "today yesterday tomorrow tonight overnight morning afternoon evening night weekend week weeks month months year years decade decades century ago earlier later recently spring summer autumn winter dawn noon midnight hour hours minutes days",
);
const NUMBER_WORDS = words(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion dozen dozens half quarter percent",
);
/** Words that make a capitalised name an organisation. */
const ORGANISATION_HEADS = words(
  "cartel cartels ministry council administration court party union agency department bank group collective syndicate brigade association committee commission office institute university company corp corporation inc ltd plc llc house congress senate parliament assembly police army navy forces force guard treasury society federation organisation organization front movement network service services authority board fund foundation exchange airlines airline motors logistics times herald news post tribune journal gazette press agency bureau cabinet government administration club team church league alliance coalition corps unit command",
);
/** Words that make a capitalised name a place. */
const PLACE_HEADS = words(
  "city province state county district river valley mountain mountains island islands region airport highway street road avenue square bay lake sea ocean coast border village town municipality prefecture port peninsula desert gulf strait canal",
);
/** Agents named without a name: "police", "prosecutors", "the ministry". */
const AGENT_NOUNS = words(
  "police prosecutors prosecutor officials authorities government ministry court courts judge judges council union army military administration investigators regulators regulator lawmakers legislators congress parliament senate board company management workers protesters rebels troops residents doctors scientists researchers experts analysts voters leaders minister ministers president spokesperson spokesman spokeswoman chief officers agency agencies",
);
/** Words after a person's name that make it an organisation: "the Trump administration". */
const GOVERNING = words("administration government campaign cabinet team family foundation");
/** Connecting words inside a name ("Cartel de Sinaloa", "Department of Justice"). */
const NAME_JOINERS = words("de del la las los el of the and y da do dos van von der al bin");
/** Words before a name that place it: "in Hollin", "from Port Esker". */
const PLACE_BEFORE = words("in at from near across into outside inside around throughout towards toward via");

/** Times written with punctuation the word tokens lose: "8:10 p.m.", "the late 1980s". */
const CLOCK_OR_PERIOD =
  /\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.|\b(?:early|mid|late)[- ]\d{3,4}s\b|\b1\d{3}s\b|\b20\d0s\b/gi;
/** A time given by what it came before or after: "following the Nice Treaty", "after the vote". */
const RELATIVE_TIME =
  /\b(?:after|before|during|following|since|until|ahead of|in the wake of|at the end of|at the start of)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+|its\s+)?[\p{L}\p{N}]/giu;
/** People named by what they are or do: "accountants", "the project coordinator", "prosecutors". */
const ROLE_NOUN = /^\p{Ll}[\p{Ll}-]*(?:ers|ors|ists|ians|ants|ents|ives|aries|ees|ers|ist|ian|er|or)$/u;

const REASON =
  /\b(?:because|due to|owing to|thanks to|as a result|in order to|so that|so as to|which is why|that is why|this is why|the reason|reasons?|citing|cited|in response to|in protest|protesting|demanding|calling for|seeking|for fear|blamed|blaming|caused by|led to|leading to|after|following|amid|over concerns?|since|given that|aimed at|intended to|designed to|to (?:fight|protect|stop|prevent|avoid|help|ensure|reduce|combat|support|punish|pressure|force|allow|end|curb|tackle|counter|deter|protest|save|cut|raise|meet|pay|keep|boost))\b/gi;

function isCapitalised(surface: string): boolean {
  return /^\p{Lu}/u.test(surface);
}

function isAcronym(surface: string): boolean {
  const letters = surface.replace(/[.-]/g, "");
  return letters.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(letters) && /\p{Lu}/u.test(letters);
}

const ENTITY_KIND: Record<EntityKind, SpanKind> = {
  organisation: "organisation",
  person: "person",
  place: "place",
  term: "name",
};

const EMPTY_ALIASES = new AliasTable([]);

/** Names of people an article introduces in full ("Claudia Sheinbaum"), so that "Sheinbaum" alone is a person too. */
export type PersonNames = ReadonlySet<string>;

/** The family names of the people an article names with a title or a given name. */
export function personNamesOf(texts: readonly string[], aliases: AliasTable): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    for (const span of tagSentence(text, aliases, names)) {
      if (span.kind === "person" && span.terms.length > 0) names.add(span.terms.at(-1) as string);
    }
  }
  return names;
}

/** A tagger: the heuristic one below, or another to compare it with (`npm run eval -- --tagger`). */
export type Tagger = (sentence: string, aliases: AliasTable, people: PersonNames) => TaggedSpan[];

let tagger: Tagger = heuristicTags;

/** Tags a sentence's people, organisations, places, times, numbers and reasons. */
export function tagSentence(
  sentence: string,
  aliases: AliasTable,
  people: PersonNames = new Set(),
): TaggedSpan[] {
  return tagger(sentence, aliases, people);
}

/** Swaps the tagger, for measuring another against the heuristics. */
export function useTagger(next: Tagger | undefined): void {
  tagger = next ?? heuristicTags;
}

/** Reasons and purposes, which taggers of names and numbers do not find. */
export function reasonSpans(sentence: string): TaggedSpan[] {
  return heuristicTags(sentence, EMPTY_ALIASES).filter((s) => s.kind === "reason");
}

/** The heuristic tagger: known names, capitalised runs classified by their words, dates, numbers, reasons. */
export function heuristicTags(
  sentence: string,
  aliases: AliasTable,
  people: PersonNames = new Set(),
): TaggedSpan[] {
  const tokens = analyze(sentence);
  const spans: TaggedSpan[] = [];
  const span = (kind: SpanKind, from: number, to: number) => {
    const first = tokens[from] as Token;
    const last = tokens[to - 1] as Token;
    spans.push({
      kind,
      start: first.start,
      end: last.end,
      terms: tokens
        .slice(from, to)
        .map((t) => t.term)
        .filter((t): t is string => t !== null),
    });
  };

  // Known names, with the kind their entry gives.
  const searchable = tokens
    .map((t, i) => ({ t, i }))
    .filter((x): x is { t: Token & { term: string }; i: number } => x.t.term !== null);
  const known = aliases.find(searchable.map(({ t }) => ({ term: t.term, surface: t.surface })));
  const taken = new Set<number>();
  for (const match of known) {
    // Terms and roles ("executive order", "senator") are not names.
    if (match.kind === "term") continue;
    const from = searchable[match.start]?.i as number;
    let to = (searchable[match.start + match.length - 1]?.i as number) + 1;
    // A lowercase common word that happens to name something ("state") is no name in running text.
    if (!tokens.slice(from, to).some((t) => isCapitalised(t.surface))) continue;
    let kind = ENTITY_KIND[match.kind];
    // "the Trump administration" is an organisation named after a person.
    if (GOVERNING.has(tokens[to]?.folded ?? "")) {
      kind = "organisation";
      to++;
    }
    span(kind, from, to);
    for (let i = from; i < to; i++) taken.add(i);
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const lower = token.folded;
    if (/^\p{N}/u.test(token.surface)) {
      const month = (j: number) =>
        MONTHS.has(tokens[j]?.folded ?? "") && isCapitalised(tokens[j]?.surface ?? "");
      if (/^(?:1[0-9]|20)\d\d$/.test(token.surface)) span("time", i, i + 1);
      // "April 21", "21 April": a day of a month is a date, not a count.
      else if (/^\d{1,2}$/.test(token.surface) && (month(i - 1) || month(i + 1))) span("time", i, i + 1);
      else if (/^\d{1,2}[:.]\d\d$/.test(token.surface)) span("time", i, i + 1);
      else span("number", i, i + 1);
      continue;
    }
    if (NUMBER_WORDS.has(lower)) span("number", i, i + 1);
    if (WEEKDAYS.has(lower) || (MONTHS.has(lower) && (isCapitalised(token.surface) || lower !== "may"))) {
      span("time", i, i + 1);
      continue;
    }
    if (TIME_WORDS.has(lower)) span("time", i, i + 1);
    if (taken.has(i) || !(isCapitalised(token.surface) || isAcronym(token.surface))) continue;
    // "In", "The", "A" at a sentence start begin no name; a title alone ("President") is none either.
    if (token.term === null && !isAcronym(token.surface)) continue;
    // A capitalised run, with the small words names keep inside them.
    let end = i + 1;
    while (end < tokens.length) {
      const next = tokens[end] as Token;
      if (taken.has(end)) break;
      const joined = sentence.slice((tokens[end - 1] as Token).end, next.start);
      if (isCapitalised(next.surface) || isAcronym(next.surface)) {
        if (/[,;:()]/.test(joined) || MONTHS.has(next.folded)) break;
        end++;
        continue;
      }
      // "MS-13", "Boeing 737": a number written onto a name.
      if (/^\p{N}/u.test(next.surface) && /^[-\s]?$/.test(joined)) {
        end++;
        continue;
      }
      const after = tokens[end + 1];
      const gap = sentence.slice(next.end, after?.start ?? next.end);
      if (NAME_JOINERS.has(next.folded) && after && isCapitalised(after.surface) && !/[,;]/.test(gap)) {
        end += 2;
        continue;
      }
      break;
    }
    const run = tokens.slice(i, end);
    const folded = run.map((t) => t.folded);
    const gapBefore = i > 0 ? sentence.slice((tokens[i - 1] as Token).end, token.start) : "";
    const sentenceStart = i === 0 || /[.!?:]\s*["“']?\s*$/.test(sentence.slice(0, token.start));
    const before = i > 0 && !/[,;:]/.test(gapBefore) ? (tokens[i - 1] as Token).folded : "";
    const after = tokens[end]?.folded ?? "";
    let kind: SpanKind;
    if (GOVERNING.has(after)) {
      kind = "organisation";
      end++;
    } else if (folded.some((w) => ORGANISATION_HEADS.has(w))) {
      kind = "organisation";
    } else if (folded.some((w) => PLACE_HEADS.has(w)) || PLACE_BEFORE.has(before)) {
      kind = "place";
    } else if (folded.slice(0, -1).some((w) => PERSON_TITLES.has(w))) {
      // "President Trump", "Interior Minister Ilse Marrow": the title belongs to the name but is not the answer.
      const title = folded.slice(0, -1).findLastIndex((w) => PERSON_TITLES.has(w));
      span("person", i + title + 1, end);
      for (let j = i; j < end; j++) taken.add(j);
      i = end - 1;
      continue;
    } else if (PERSON_TITLES.has(before) || people.has(run.at(-1)?.term ?? "")) {
      kind = "person";
    } else if (
      run.length >= 2 &&
      run.length <= 3 &&
      run.every((t) => isCapitalised(t.surface) && !isAcronym(t.surface))
    ) {
      kind = sentenceStart && run.length === 2 && !people.has(run[1]?.term ?? "") ? "name" : "person";
    } else if (
      (sentenceStart && run.length === 1) ||
      (run.length === 1 && PERSON_TITLES.has(folded[0] ?? ""))
    ) {
      // The first word of a sentence is capitalised whatever it is; a title alone names no one.
      continue;
    } else {
      kind = "name";
    }
    span(kind, i, end);
    for (let j = i; j < end; j++) taken.add(j);
    i = end - 1;
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (taken.has(i) || token.term === null) continue;
    if (AGENT_NOUNS.has(token.folded)) span("organisation", i, i + 1);
    else if (ROLE_NOUN.test(token.surface.toLowerCase()) && (i > 0 || isCapitalised(token.surface)))
      span("role", i, i + 1);
  }
  for (const match of sentence.matchAll(CLOCK_OR_PERIOD)) {
    spans.push({ kind: "time", start: match.index, end: match.index + match[0].length, terms: [] });
  }
  for (const match of sentence.matchAll(RELATIVE_TIME)) {
    spans.push({ kind: "time", start: match.index, end: match.index + match[0].length, terms: [] });
  }
  // A purpose: "to" and a verb ("went to Karlovac to attend school").
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1] as Token;
    if (
      (tokens[i] as Token).folded === "to" &&
      next.term !== null &&
      /^\p{Ll}/u.test(next.surface) &&
      !/^\p{N}/u.test(next.surface)
    ) {
      spans.push({ kind: "reason", start: (tokens[i] as Token).start, end: sentence.length, terms: [] });
    }
  }
  for (const match of sentence.matchAll(REASON)) {
    const from = tokens.findIndex((t) => t.start >= match.index);
    if (from < 0) continue;
    spans.push({ kind: "reason", start: match.index, end: sentence.length, terms: [] });
  }
  return spans;
}
