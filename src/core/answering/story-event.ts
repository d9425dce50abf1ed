import type { PassageIndex } from "../search/passage-index.ts";
import type { PlannedQuery } from "./query-plan.ts";
import type { UnderstoodClause } from "./question/understand.ts";

/**
 * Words that only say something happened ("when did it happen", "what time did it go down"): with
 * "it" for a subject they name no topic of their own. Index terms, so every form counts.
 */
const HAPPENING = new Set(["happen", "occur", "take", "place", "go", "down", "kick", "off"]);

/** The story referred to without naming anything in it. */
const STORY_PRONOUN = /\b(?:it|this|that)\b/i;

/**
 * Kinds of answer a story's main event has: when and where it happened. (Why it happened is seldom
 * in the headline's passages, which would answer with what happened.)
 */
const EVENT_KINDS: ReadonlySet<UnderstoodClause["form"]["kind"]> = new Set(["time", "place"]);

/** Each index's headline, found once. */
const headlines = new WeakMap<PassageIndex, string>();

/** The title of the story's first article: its main event, as the channel knows it. */
function headline(index: PassageIndex): string {
  let found = headlines.get(index);
  if (found === undefined) {
    let first: PassageIndex["passages"][number] | undefined;
    for (const passage of index.passages) {
      if (first === undefined || passage.citation.published < first.citation.published) first = passage;
    }
    found = first?.citation.title ?? "";
    headlines.set(index, found);
  }
  return found;
}

/**
 * A clause that asks when or where "it" happened and names nothing else, read as asking about the
 * story's main event: people in a story's channel say "when did it happen" of the story itself. The
 * first article's title is searched as the clause's context (searched, never missing), and the words
 * that only say something happened are left out: a quote's "could happen anywhere" is no answer.
 *
 * @returns the clause asked of the headline, or `undefined` when the clause names a topic
 *
 * @example
 * // On a corpus whose first article is "Quake strikes western Nepal":
 * aboutTheStory(index, clause("when did it happen"), plan)?.context; // "Quake strikes western Nepal"
 */
export function aboutTheStory(
  index: PassageIndex,
  clause: UnderstoodClause,
  plan: PlannedQuery,
): UnderstoodClause | undefined {
  if (clause.context !== "" || !EVENT_KINDS.has(clause.form.kind) || !STORY_PRONOUN.test(clause.question))
    return undefined;
  if (!plan.words.every((w) => w.token.term !== null && HAPPENING.has(w.token.term))) return undefined;
  const context = headline(index);
  if (context === "") return undefined;
  const happening = new Set(plan.words.map((w) => w.token.folded));
  const question = clause.question
    .split(/\s+/)
    .filter((word) => !happening.has(word.toLowerCase().replace(/[^\p{L}]/gu, "")))
    .join(" ");
  return { ...clause, question, context };
}
