import {
  type Answer,
  type AnswerPassage,
  type AnswerSentence,
  type ArticleSources,
  answerNotes,
  type Citation,
  type DesignatedOrganisation,
  noteText,
} from "../core/index.ts";

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

function sourceLines(articles: readonly ArticleSources[]): string[] {
  return articles.flatMap((a) => {
    const about = [a.published, a.outlet, a.url ?? "no link"].filter(Boolean).join(" · ");
    const sources = a.sources.map((s, i) => `    source ${i + 1}: ${s}`);
    return [`- ${a.title} · ${about}`, ...sources];
  });
}

/** The answer as readable text with numbered citations, whatever its outcome. */
export function renderAnswer(answer: Answer, style: Style): string {
  const lines: string[] = [];
  const notes = answerNotes(answer).map(noteText);
  switch (answer.outcome) {
    case "answered": {
      const source = answer.passages.findIndex((p) => p.id === answer.answer?.passageId) + 1;
      if (answer.answer) lines.push(`${marked(answer.answer, style)} [${source}]`, "");
      if (notes.length > 0) lines.push(...notes, "");
      lines.push(...passageLines(answer.passages));
      break;
    }
    case "designations":
      lines.push(answer.message, "", ...designationLines(answer.designations ?? []), "");
      if (notes.length > 0) lines.push(...notes, "");
      lines.push("The passages they rest on:", "", ...passageLines(answer.passages));
      break;
    case "sources":
      lines.push(answer.message, "", ...sourceLines(answer.sources ?? []));
      break;
    case "summary":
      lines.push(answer.message, "", ...passageLines(answer.passages));
      break;
    case "detail-missing":
    case "not-covered":
      lines.push(answer.message, ...notes);
      if (answer.related.length > 0) {
        lines.push(
          "",
          "Related passages (they do not answer the question):",
          "",
          ...passageLines(answer.related),
        );
      }
      break;
    case "small-talk":
    case "other-language":
      lines.push(answer.message);
      break;
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function designationLines(organisations: readonly DesignatedOrganisation[]): string[] {
  const lines: string[] = [];
  organisations.forEach((org, i) => {
    const aliases = org.aliases.length > 0 ? ` (also ${org.aliases.join(", ")})` : "";
    lines.push(`${i + 1}. ${org.name}${aliases}`);
    for (const d of org.designations) {
      const by = [d.authority && `by ${d.authority}`, d.date && `on ${d.date}`].filter(Boolean).join(" ");
      lines.push(`   designated as ${d.as}${by ? ` ${by}` : ""}`, `   — ${formatCitation(d.citation)}`);
    }
  });
  return lines;
}

/** The designated organisations as readable text, each with its aliases and citation. */
export function renderDesignations(organisations: readonly DesignatedOrganisation[]): string {
  if (organisations.length === 0)
    return "The corpus names no organisation designated as a terrorist organisation.\n";
  const lines = [`${organisations.length} organisations designated as terrorist organisations:`, ""];
  lines.push(...designationLines(organisations));
  return `${lines.join("\n")}\n`;
}
