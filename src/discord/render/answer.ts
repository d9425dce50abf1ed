import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import {
  type Answer,
  type AnswerPassage,
  type AnswerSentence,
  type ArticleSources,
  answerNotes,
  noteText,
} from "../../core/index.ts";
import { encodeButton } from "../custom-id.ts";
import { LIMITS } from "../limits.ts";
import { escapeAndFit, escapeUserText, truncate } from "../text.ts";
import { citationLabel, citationLine, titleLink } from "./citation.ts";
import { renderDesignationList } from "./designations.ts";
import { fitEmbed, type ReplyPayload } from "./payload.ts";

/** Passages shown per page of an answer. */
export const PAGE_SIZE = 3;
/** Passages an answer can page through: the core's maximum. */
export const MAX_PASSAGES = 10;

const COLOR_ANSWER = 0x2f80ed;
const COLOR_NOT_COVERED = 0x8a8f98;
const COLOR_DETAIL_MISSING = 0xe2a03f;
const COLOR_HELP = 0x27ae60;
const QUESTION_PREFIX = "**Q:** ";

/** Budgets that keep an answer inside the 6000-character embed total with room to spare. */
const MAX_QUESTION = 700;
const MAX_SENTENCE = 1200;
const MAX_NOTES = 600;

export interface AnswerView {
  /** 0-based page of passages. */
  readonly page: number;
  /** Whether the answer is ephemeral (then it offers "Share in channel"). */
  readonly private: boolean;
  readonly version: string;
}

function markedSentence(sentence: AnswerSentence): string {
  const text = truncate(sentence.text, MAX_SENTENCE);
  let out = "";
  let at = 0;
  for (const [start, end] of sentence.highlights) {
    if (end > text.length) break;
    out += `${escapeUserText(text.slice(at, start))}**${escapeUserText(text.slice(start, end))}**`;
    at = end;
  }
  return out + escapeUserText(text.slice(at));
}

/** What the corpus lacks, what was searched instead and what is left unanswered, as small print. */
function notes(answer: Answer): string[] {
  return answerNotes(answer).map((note) => `-# ${escapeAndFit(noteText(note), MAX_NOTES)}`);
}

function passageField(passage: AnswerPassage, number: number, related: boolean) {
  const cite = citationLine(passage.citation);
  const room = LIMITS.fieldValue - cite.length - 1;
  return {
    name: truncate(
      `${related ? "Related " : ""}[${number}] ${citationLabel(passage.citation)}`,
      LIMITS.fieldName,
    ),
    value: `${escapeAndFit(passage.text, Math.max(100, room))}\n${cite}`,
  };
}

/** The question as the first line of the description, where buttons can read it back. */
export function questionLine(question: string): string {
  return `${QUESTION_PREFIX}${escapeAndFit(question, MAX_QUESTION)}`;
}

/** Reads the question back from an answer message's embed, for its buttons. */
export function questionFromEmbed(embed: { description?: string | null } | undefined): string | undefined {
  const first = embed?.description?.split("\n")[0];
  return first?.startsWith(QUESTION_PREFIX) ? first.slice(QUESTION_PREFIX.length) : undefined;
}

function buttons(
  answer: Answer,
  view: AnswerView,
  pages: number,
): Array<APIActionRowComponent<APIButtonComponent>> {
  const row: APIButtonComponent[] = [];
  if (answer.answered && view.page + 1 < pages) {
    row.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: "More passages",
      custom_id: encodeButton({
        kind: "more",
        page: view.page + 1,
        private: view.private,
        version: view.version,
      }),
    });
  }
  if (view.private && answer.answered) {
    row.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: "Share in channel",
      custom_id: encodeButton({ kind: "share", page: view.page, version: view.version }),
    });
  }
  return row.length > 0 ? [{ type: ComponentType.ActionRow, components: row }] : [];
}

/** A reply that is not a passage search: small talk, another language. */
function plainReply(answer: Answer, title: string, color: number, view: AnswerView): ReplyPayload {
  const lines = [questionLine(answer.query), "", escapeUserText(answer.message)];
  return {
    embeds: [
      fitEmbed({ title, color, description: lines.join("\n"), footer: { text: `corpus ${view.version}` } }),
    ],
    components: [],
  };
}

function sourcesReply(answer: Answer, view: AnswerView): ReplyPayload {
  const articles: readonly ArticleSources[] = answer.sources ?? [];
  const fields = articles.map((a) => {
    const about = [a.published || "undated", a.outlet]
      .filter(Boolean)
      .map((x) => escapeUserText(x as string));
    const sources = a.sources.map((s, i) => `source ${i + 1}: ${escapeAndFit(s, 200)}`);
    const title = titleLink(a);
    return {
      name: escapeAndFit(a.title, LIMITS.fieldName),
      value: [`${title} · ${about.join(" · ")}`, ...sources].join("\n"),
    };
  });
  const embed: APIEmbed = {
    title: "Sources",
    color: COLOR_ANSWER,
    description: [questionLine(answer.query), "", escapeUserText(answer.message)].join("\n"),
    fields,
    footer: { text: `corpus ${view.version}` },
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}

/** Room for the notes above the designations list, so that the list and its count always fit. */
const DESIGNATION_NOTES_BUDGET = 1000;

/** The first lines that fit in a budget of characters. */
function withinBudget(lines: readonly string[], budget: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  return kept;
}

function designationsReply(answer: Answer, view: AnswerView): ReplyPayload {
  // The notes on a part left open go before the list, which is sized to the room they leave.
  const small = withinBudget(notes(answer), DESIGNATION_NOTES_BUDGET);
  const header = [questionLine(answer.query), "", ...(small.length > 0 ? [...small, ""] : [])].join("\n");
  const list = renderDesignationList(answer.designations ?? [], view.version, header.length + 1);
  const [embed] = list.embeds;
  if (!embed) return list;
  const fields = answer.passages.slice(0, PAGE_SIZE).map((p, i) => passageField(p, i + 1, false));
  const description = `${header}\n${embed.description ?? ""}`;
  return { embeds: [fitEmbed({ ...embed, description, fields })], components: [] };
}

/**
 * An answer as a Discord message: the question, the answer sentence with the matched words in bold,
 * one page of cited passages, notes on what the corpus lacks, and the buttons for more. Requests that
 * are not passage searches (the designations, the sources, small talk, another language) get their
 * own replies.
 */
export function renderAnswer(answer: Answer, view: AnswerView): ReplyPayload {
  switch (answer.outcome) {
    case "small-talk":
      return plainReply(answer, "storydesk", COLOR_HELP, view);
    case "other-language":
      return plainReply(answer, "Please ask in the articles' language", COLOR_NOT_COVERED, view);
    case "sources":
      return sourcesReply(answer, view);
    case "designations":
      return designationsReply(answer, view);
    default:
      return passagesReply(answer, view);
  }
}

function passagesReply(answer: Answer, view: AnswerView): ReplyPayload {
  const shown = answer.answered ? answer.passages : answer.related.slice(0, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(view.page, pages - 1);
  const slice = shown.slice(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE);
  const lines = [questionLine(answer.query), ""];
  if (answer.answered && answer.answer) {
    const source = answer.passages.findIndex((p) => p.id === answer.answer?.passageId) + 1;
    lines.push(`${markedSentence(answer.answer)}${source > 0 ? ` [${source}]` : ""}`);
  } else {
    lines.push(escapeUserText(answer.message));
  }
  const small = notes(answer);
  if (small.length > 0) lines.push("", ...small);
  if (!answer.answered && slice.length > 0)
    lines.push(
      "",
      answer.outcome === "detail-missing"
        ? "**What the articles say about it** (it does not answer the question):"
        : "**Related passages** (they do not answer the question):",
    );
  const first = page * PAGE_SIZE;
  const embed: APIEmbed = {
    title: answer.answered
      ? answer.outcome === "summary"
        ? "The story in short"
        : "Answer from the articles"
      : answer.outcome === "detail-missing"
        ? "The articles don't say"
        : "Not covered by the articles",
    color: answer.answered
      ? COLOR_ANSWER
      : answer.outcome === "detail-missing"
        ? COLOR_DETAIL_MISSING
        : COLOR_NOT_COVERED,
    description: lines.join("\n"),
    fields: slice.map((p, i) => passageField(p, first + i + 1, !answer.answered)),
    footer: {
      text:
        shown.length > 0
          ? `corpus ${view.version} · passages ${first + 1}–${first + slice.length} of ${shown.length}`
          : `corpus ${view.version}`,
    },
  };
  return { embeds: [fitEmbed(embed)], components: buttons(answer, { ...view, page }, pages) };
}
