import type { Answer } from "./answer-types.ts";

/**
 * What an answer says about the question itself, beside the passages: words it corrected, words no
 * article uses and what was searched instead, parts it could not answer. One description for every
 * transport, each formatting it its own way, so that the wording cannot drift between them.
 */
export type AnswerNote =
  | { readonly kind: "did-you-mean"; readonly term: string; readonly suggestion: string }
  | { readonly kind: "never-mentioned"; readonly terms: readonly string[] }
  | { readonly kind: "searched-instead"; readonly term: string; readonly related: readonly string[] }
  | { readonly kind: "unanswered"; readonly parts: readonly string[] };

export function answerNotes(answer: Answer): AnswerNote[] {
  const notes: AnswerNote[] = answer.didYouMean.map((c) => ({
    kind: "did-you-mean",
    term: c.term,
    suggestion: c.suggestion,
  }));
  const substituted = new Map(answer.relatedTerms.map((r) => [r.term, r.related]));
  const absent = answer.missingTerms.filter((t) => !substituted.has(t));
  if (absent.length > 0) notes.push({ kind: "never-mentioned", terms: absent });
  for (const [term, related] of substituted) notes.push({ kind: "searched-instead", term, related });
  if (answer.answered && answer.unanswered.length > 0)
    notes.push({ kind: "unanswered", parts: answer.unanswered });
  return notes;
}

const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(", ");

/** A note as one plain sentence. */
export function noteText(note: AnswerNote): string {
  switch (note.kind) {
    case "did-you-mean":
      return `Did you mean "${note.suggestion}" (for "${note.term}")?`;
    case "never-mentioned":
      return `The articles never mention ${quoted(note.terms)}.`;
    case "searched-instead":
      return `The articles never mention "${note.term}"; searched for ${quoted(note.related)} instead.`;
    case "unanswered":
      return `The articles don't answer ${note.parts.join(" ")}`;
  }
}
