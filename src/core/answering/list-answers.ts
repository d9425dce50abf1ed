import type { Passage } from "../corpus/passages.ts";
import { analyze } from "../text/analyze.ts";
import { count } from "../text/plural.ts";
import {
  type Answer,
  type AnswerBase,
  type AnswerPassage,
  type ArticleSources,
  EMPTY_BASE,
} from "./answer-types.ts";
import type { DesignatedOrganisation } from "./designations.ts";
import type { PlannedQuery } from "./query-plan.ts";
import type { UnderstoodClause } from "./question/understand.ts";
import type { AnswerContext } from "./ranking.ts";

/** A passage cited as it is, outside a ranking (designations, sources, summary). */
function citedPassage(passage: Passage): AnswerPassage {
  return {
    id: passage.id,
    text: passage.text,
    score: 0,
    coverage: 0,
    confidence: 1,
    citation: passage.citation,
  };
}

/** Answers made of the corpus's own lists rather than a passage search. */
export function designationsAnswer(context: AnswerContext, query: string, base: AnswerBase): Answer {
  const organisations = context.designations;
  const seen = new Set<string>();
  const passages: AnswerPassage[] = [];
  for (const org of organisations) {
    for (const record of org.designations) {
      if (seen.has(record.passageId)) continue;
      seen.add(record.passageId);
      const passage = context.index.passages.find((p) => p.id === record.passageId);
      if (passage) passages.push(citedPassage(passage));
    }
  }
  return {
    ...base,
    query,
    outcome: "designations",
    answered: true,
    message: `The articles name ${count(organisations.length, "organisation")} designated as terrorist organisations.`,
    answer: null,
    passages,
    designations: organisations,
  };
}

/** The corpus's passages, article by article, in the order the index holds them. */
function passagesByArticle(context: AnswerContext): Passage[][] {
  const byArticle = new Map<string, Passage[]>();
  for (const passage of context.index.passages) {
    const list = byArticle.get(passage.citation.docId);
    if (list) list.push(passage);
    else byArticle.set(passage.citation.docId, [passage]);
  }
  return [...byArticle.values()];
}

export function sourcesAnswer(context: AnswerContext, query: string, base: AnswerBase): Answer {
  const articles = passagesByArticle(context).map((passages) => {
    const c = (passages[0] as Passage).citation;
    const sourceLines = passages.filter((p) => p.citation.kind === "source");
    const article: ArticleSources = {
      docId: c.docId,
      title: c.title,
      url: c.url,
      published: c.published,
      ...(c.outlet === undefined ? {} : { outlet: c.outlet }),
      sources: sourceLines.map((p) => p.text),
    };
    return { article, passages: sourceLines };
  });
  const sourceCount = articles.reduce((n, a) => n + a.passages.length, 0);
  return {
    ...base,
    query,
    outcome: "sources",
    answered: true,
    message: `The answers come from ${count(articles.length, "article")}${
      sourceCount > 0 ? `, which name ${count(sourceCount, "source")} of their own` : ""
    }.`,
    answer: null,
    passages: articles.flatMap((a) => a.passages).map(citedPassage),
    sources: articles.map((a) => a.article),
  };
}

/** How many articles, newest first, a summary is made of: a story's latest reporting. */
export const SUMMARY_ARTICLES = 3;

/**
 * The story in short: the key points of the latest articles, newest first, or the first paragraph
 * of one that has none.
 */
export function summaryAnswer(context: AnswerContext, query: string, base: AnswerBase, top: number): Answer {
  const latest = passagesByArticle(context)
    .sort((a, b) => (b[0]?.citation.published ?? "").localeCompare(a[0]?.citation.published ?? ""))
    .slice(0, SUMMARY_ARTICLES);
  const passages = latest
    .flatMap((article) => {
      const keyPoints = article.filter((p) => p.citation.kind === "key-point");
      if (keyPoints.length > 0) return keyPoints;
      const lead = article.find((p) => p.citation.kind === "paragraph");
      return lead ? [lead] : [];
    })
    .slice(0, top);
  return {
    ...base,
    query,
    outcome: "summary",
    answered: passages.length > 0,
    message:
      passages.length > 0
        ? `The story in short, from ${latest.length === 1 ? "the article" : `the latest ${count(latest.length, "article")}`}:`
        : "The articles hold nothing to sum up yet.",
    answer: null,
    passages: passages.map(citedPassage),
  };
}

/** The words for a designation as a terrorist organisation: "designated", "terrorist", "FTO", "blacklisted". */
const DESIGNATION_STEMS = String.raw`designat\w*|terror\w*|ftos?|blacklist\w*`;

/** Words naming a list of designated organisations: "terrorist", "designated", "FTO", "blacklist". */
const DESIGNATION_WORDS = new RegExp(`\\b(?:${DESIGNATION_STEMS}|sanction\\w*)\\b`, "i");

/** Asking for a list: "which", "what are", "list", "name the", "all the", "who is on". */
const LIST_WORDS =
  /\b(?:list|lists|listed|which|name (?:the|all)|all (?:the )?|every|what (?:are|were)|who(?:'s| is| are| was| were)? on|how many)\b/i;

/**
 * Whether a clause asks for the list of designated organisations ("which groups were designated",
 * "list the cartels", "who's on the terror list"), not about one of them or about the act itself.
 */
export function asksForDesignations(
  context: AnswerContext,
  clause: UnderstoodClause,
  plan: PlannedQuery,
): boolean {
  if (context.designations.length === 0) return false;
  if (!["name", "agent", "open", "number"].includes(clause.form.kind)) return false;
  const text = clause.question;
  if (!LIST_WORDS.test(text)) return false;
  const names = new Set(context.designations.flatMap((o) => [o.name, ...o.aliases]));
  if (plan.words.some((w) => w.entity && names.has(w.entity.name))) return false;
  // The kind of thing designated, as the organisations' own names say it ("cartel", "collective").
  const heads = new Set(
    context.designations.flatMap((o) => [o.name, ...o.aliases].flatMap((n) => analyze(n).map((t) => t.term))),
  );
  const category = plan.words.some(
    (w) => heads.has(w.term) || /^(?:group|organ|org|gang|entit)/.test(w.term),
  );
  return DESIGNATION_WORDS.test(text)
    ? category || /\blist\b/i.test(text)
    : category && /\blist|name\b/i.test(text);
}

/** Words that only say "designated" in a membership question: never missing from its answer. */
export const MEMBERSHIP_WORDS = new RegExp(
  `^(?:${DESIGNATION_STEMS}|list|lists|listed|organi[sz]ations?|groups?)$`,
  "i",
);

/**
 * "on the terror list", "a terrorist org", "designated": asking whether something is among them; not
 * "in the list of the biggest cartels", some other list.
 */
const MEMBERSHIP =
  /\b(?:on|in|off) (?:the|that|this|a|any|their|ur|your) (?:[\p{L}-]+ ){0,2}list\b(?! of)|\bterror\w* (?:organi[sz]ations?|groups?|entit(?:y|ies))\b|\bdesignated\b/iu;

/**
 * What a yes-or-no clause asks of the designations ("is CJNG on the list", "sinaloa cartel =
 * terrorist org?"): the designated organisation it names, whose designation answers whatever words
 * the passage uses; or, when it names only things the corpus does not list as designated ("is Mexico
 * on the terror list"), that no passage answers it. Undefined for any other clause.
 */
export function designationAsked(
  context: AnswerContext,
  clause: UnderstoodClause,
  plan: PlannedQuery,
): { readonly organisation: DesignatedOrganisation | null } | undefined {
  if (context.designations.length === 0) return undefined;
  if (clause.form.kind !== "yes-no" && clause.form.kind !== "open") return undefined;
  if (!MEMBERSHIP.test(clause.question)) return undefined;
  const named = plan.words.flatMap((w) => (w.entity && w.name ? [w.entity] : []));
  const asked = context.designations.filter((o) => named.some((e) => e.name === o.name));
  if (asked.length === 1) return { organisation: asked[0] as DesignatedOrganisation };
  // Only a thing that could be designated, asked about itself: "did Sheinbaum say the designated
  // cartels were a threat" asks what she said.
  const things = named.filter((e) => e.kind !== "person");
  const reported = plan.words.some((w) => w.reporting);
  if (asked.length === 0 && things.length > 0 && named.length === things.length && !reported)
    return { organisation: null };
  return undefined;
}

/** Thanks, and goodbyes, in chat: answered as such before the help text, not with "Hi!". */
const THANKS = /\b(?:thanks|thank|thx|thnx|thanx|ty|tysm|tyvm|cheers|appreciate|appreciated|helpful)\b/i;
const GOODBYE = /\b(?:bye|byee|cya|ttyl|see ya|see you|later|gn|good night|nvm|nvmd|never mind)\b/i;

/** How a small-talk reply opens: the reply a person would give to what was said. */
function smallTalkOpening(query: string): string {
  if (THANKS.test(query)) return "You're welcome!";
  if (GOODBYE.test(query)) return "No problem, see you!";
  return "Hi!";
}

export function smallTalkAnswer(context: AnswerContext, query: string): Answer {
  const examples = context.examples();
  const documents = new Set(context.index.passages.map((p) => p.citation.docId)).size;
  const tries = examples.length > 0 ? ` For example: ${examples.map((e) => `“${e}”`).join(" or ")}` : "";
  return {
    ...EMPTY_BASE,
    query,
    outcome: "small-talk",
    answered: false,
    message: `${smallTalkOpening(query)} I answer questions about the news story in ${count(documents, "article")}, citing the passages each answer comes from.${tries}`,
    answer: null,
    passages: [],
    examples,
  };
}
