import type { Answer, AnswerPassage, AnswerSentence } from "../core/answer.ts";
import type { DesignatedOrganisation } from "../core/designations.ts";
import type { Citation } from "../core/passages.ts";

/** Terminal styling: bold via ANSI codes on a terminal, nothing when piped or NO_COLOR is set. */
export interface Style {
  readonly bold: (text: string) => string;
}

export function terminalStyle(stream: NodeJS.WriteStream): Style {
  const color = stream.isTTY === true && !process.env.NO_COLOR;
  return { bold: color ? (text) => `\u001b[1m${text}\u001b[22m` : (text) => text };
}

export function formatCitation(citation: Citation): string {
  const parts = [citation.title, citation.label, citation.published];
  if (citation.outlet) parts.push(citation.outlet);
  parts.push(citation.url ?? "no link");
  return parts.join(" · ");
}

function marked(sentence: AnswerSentence, style: Style): string {
  let out = "";
  let at = 0;
  for (const [start, end] of sentence.highlights) {
    out += sentence.text.slice(at, start) + style.bold(sentence.text.slice(start, end));
    at = end;
  }
  return out + sentence.text.slice(at);
}

function passageLines(passages: readonly AnswerPassage[]): string[] {
  return passages.flatMap((p, i) => [`[${i + 1}] ${p.text}`, `    — ${formatCitation(p.citation)}`, ""]);
}

function quoted(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(", ");
}

/** What the corpus lacks, and what was searched for instead. */
function gapLines(answer: Answer): string[] {
  const lines: string[] = [];
  const substituted = new Map(answer.relatedTerms.map((r) => [r.term, r.related]));
  const absent = answer.missingTerms.filter((t) => !substituted.has(t));
  if (absent.length > 0) lines.push(`The articles never mention ${quoted(absent)}.`);
  for (const [term, related] of substituted) {
    lines.push(`The articles never mention "${term}"; searched for ${quoted(related)} instead.`);
  }
  return lines;
}

/** The answer as readable text with numbered citations. */
export function renderAnswer(answer: Answer, style: Style): string {
  const lines: string[] = [];
  for (const { term, suggestion } of answer.didYouMean)
    lines.push(`Did you mean "${suggestion}" (for "${term}")?`);
  if (answer.answered && answer.answer) {
    const source = answer.passages.findIndex((p) => p.id === answer.answer?.passageId) + 1;
    lines.push(`${marked(answer.answer, style)} [${source}]`, "");
    const gaps = gapLines(answer);
    if (gaps.length > 0) lines.push(...gaps, "");
    lines.push(...passageLines(answer.passages));
  } else {
    lines.push(answer.message, ...gapLines(answer));
    if (answer.related.length > 0) {
      lines.push(
        "",
        "Related passages (they do not answer the question):",
        "",
        ...passageLines(answer.related),
      );
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The designated organisations as readable text, each with its aliases and citation. */
export function renderDesignations(organisations: readonly DesignatedOrganisation[]): string {
  if (organisations.length === 0)
    return "The corpus names no organisation designated as a terrorist organisation.\n";
  const lines = [`${organisations.length} organisations designated as terrorist organisations:`, ""];
  organisations.forEach((org, i) => {
    const aliases = org.aliases.length > 0 ? ` (also ${org.aliases.join(", ")})` : "";
    lines.push(`${i + 1}. ${org.name}${aliases}`);
    for (const d of org.designations) {
      const by = [d.authority && `by ${d.authority}`, d.date && `on ${d.date}`].filter(Boolean).join(" ");
      lines.push(`   designated as ${d.as}${by ? ` ${by}` : ""}`, `   — ${formatCitation(d.citation)}`);
    }
  });
  return `${lines.join("\n")}\n`;
}
