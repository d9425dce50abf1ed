import { type APIEmbed, type APIEmbedField, ButtonStyle, ComponentType } from "discord.js";
import {
  type AdditionPreview,
  type Applied,
  type ArticlePreview,
  type Change,
  count,
  type Diagnostic,
  type Refused,
  type RemovalPreview,
  type RollbackPreview,
} from "../../core/index.ts";
import { encodeCorpusButton } from "../custom-id.ts";
import { LIMITS } from "../limits.ts";
import type { VersionSpread } from "../sharding/fleet.ts";
import { escapeAndFit } from "../text.ts";
import { COLOR_FAILED, COLOR_OK, codeList, diagnosticBlock, renderRefresh } from "./corpus.ts";
import { fitEmbed, type ReplyPayload } from "./payload.ts";

const COLOR_PREVIEW = 0x3498db;

/** The Add / Remove / Roll back button, and Cancel, for a pending change. */
function confirmButtons(token: string, label: string, danger: boolean): ReplyPayload["components"] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: danger ? ButtonStyle.Danger : ButtonStyle.Success,
          label,
          custom_id: encodeCorpusButton({ kind: "apply", token }),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Cancel",
          custom_id: encodeCorpusButton({ kind: "cancel", token }),
        },
      ],
    },
  ];
}

function articleFields(article: ArticlePreview): APIEmbedField[] {
  return [
    { name: "Id", value: `\`${escapeAndFit(article.id, 200)}\``, inline: true },
    { name: "Published", value: escapeAndFit(article.published || "missing", 100), inline: true },
    { name: "Outlet", value: escapeAndFit(article.outlet ?? "none", 200), inline: true },
    { name: "Link", value: article.url ? `<${article.url.slice(0, 900)}>` : "none", inline: true },
    { name: "Paragraphs", value: String(article.paragraphs), inline: true },
    {
      name: "First paragraph",
      value: escapeAndFit(article.firstParagraph || "(none)", LIMITS.fieldValue),
    },
  ];
}

/** The errors that keep a change from being made, then the warnings, as code blocks that fit. */
function problems(errors: readonly Diagnostic[], warnings: readonly Diagnostic[], intro: string): string {
  const parts: string[] = [];
  if (errors.length > 0) {
    parts.push(`${intro} ${count(errors.length, "error")} to fix first:`, diagnosticBlock(errors, 1800));
  }
  if (warnings.length > 0)
    parts.push(`${count(warnings.length, "warning")}:`, diagnosticBlock(warnings, 900));
  return parts.join("\n");
}

/** A preview of an article to add: what it is, what the check found, and Add / Cancel when it may be added. */
export function renderAdditionPreview(preview: AdditionPreview, token: string | undefined): ReplyPayload {
  const ok = preview.errors.length === 0 && token !== undefined;
  const title = !preview.article
    ? "Cannot add this article"
    : ok
      ? `Add “${preview.article.title}”?`
      : `Cannot add “${preview.article.title}”`;
  const embed: APIEmbed = {
    title: escapeAndFit(title, LIMITS.embedTitle),
    color: ok ? COLOR_PREVIEW : COLOR_FAILED,
    description: [
      ok
        ? `It passes the corpus check and would be saved as \`${escapeAndFit(preview.file, 200)}\`. Nothing is changed until you press **Add**.`
        : "It cannot be added as it is: fix what is listed below (in the file, or on the page) and run `/corpus add` again.",
      problems(preview.errors, preview.warnings, "The check found"),
    ]
      .filter(Boolean)
      .join("\n"),
    fields: preview.article ? articleFields(preview.article) : [],
    footer: { text: "Only you can see this preview." },
  };
  return { embeds: [fitEmbed(embed)], components: ok ? confirmButtons(token, "Add", false) : [] };
}

/** A preview of a removal: the article, what removing it would break, and Remove / Cancel. */
export function renderRemovalPreview(preview: RemovalPreview, token: string | undefined): ReplyPayload {
  const ok = preview.errors.length === 0 && token !== undefined;
  const embed: APIEmbed = {
    title: escapeAndFit(
      `${ok ? "Remove" : "Cannot remove"} “${preview.article.title}”${ok ? "?" : ""}`,
      LIMITS.embedTitle,
    ),
    color: ok ? COLOR_PREVIEW : COLOR_FAILED,
    description: [
      ok
        ? `\`${escapeAndFit(preview.file, 200)}\` would be removed from the corpus. It stays in the history: \`/corpus rollback\` brings it back.`
        : "Removing it would leave the corpus with errors: fix them first (usually entities.yaml quoting this article).",
      problems(preview.errors, preview.warnings, "Removing it would leave"),
    ]
      .filter(Boolean)
      .join("\n"),
    fields: articleFields(preview.article),
    footer: { text: "Only you can see this preview." },
  };
  return { embeds: [fitEmbed(embed)], components: ok ? confirmButtons(token, "Remove", true) : [] };
}

function when(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:f>`;
}

function describeChange(change: Change): string {
  const who = escapeAndFit(change.author.name, 80);
  const files = (label: string, list: readonly string[]) =>
    list.length > 0 ? `${label}${codeList(list, 300)}` : "";
  // An addition or a removal names its files alone; other changes say what happened to each.
  const plain =
    (change.kind === "add" && change.changed.length + change.removed.length === 0) ||
    (change.kind === "remove" && change.added.length + change.changed.length === 0);
  const what = plain
    ? codeList([...change.added, ...change.removed], 300)
    : [files("added ", change.added), files("changed ", change.changed), files("removed ", change.removed)]
        .filter(Boolean)
        .join("; ");
  const kind = {
    start: "the corpus as found at start",
    refresh: `edits on disk, refreshed by ${who}`,
    add: `added by ${who}`,
    remove: `removed by ${who}`,
    rollback: `rolled back to \`${change.restored ?? "?"}\` by ${who}`,
  }[change.kind];
  return `${kind}${what ? `: ${what}` : ""}`;
}

/** "a, b and c". */
function sentenceList(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** A preview of a rollback: the version, what would come back and go, and Roll back / Cancel. */
export function renderRollbackPreview(preview: RollbackPreview, token: string | undefined): ReplyPayload {
  const nothing = preview.added.length + preview.changed.length + preview.removed.length === 0;
  const ok = preview.errors.length === 0 && token !== undefined && !nothing;
  const lines = [
    `Version \`${preview.target.version}\` (commit \`${preview.target.commit.slice(0, 10)}\`), recorded ${when(preview.target.at)}: ${describeChange(preview.target)}.`,
  ];
  if (nothing) lines.push("The corpus is already as it was at that version: there is nothing to roll back.");
  else {
    const parts = [
      preview.added.length > 0 ? `bring back ${codeList(preview.added, 600)}` : "",
      preview.changed.length > 0
        ? `restore ${codeList(preview.changed, 600)} as ${preview.changed.length === 1 ? "it was" : "they were"}`
        : "",
      preview.removed.length > 0 ? `remove ${codeList(preview.removed, 600)}` : "",
    ].filter(Boolean);
    lines.push(
      `Rolling back would ${sentenceList(parts)}.`,
      "It is recorded as one more version: you can roll forward again the same way.",
    );
  }
  const found = problems(preview.errors, preview.warnings, "That version has");
  if (found) lines.push(found);
  const embed: APIEmbed = {
    title: ok ? `Roll back to ${preview.target.version}?` : `Cannot roll back to ${preview.target.version}`,
    color: ok ? COLOR_PREVIEW : COLOR_FAILED,
    description: lines.join("\n"),
    footer: { text: "Only you can see this preview." },
  };
  return { embeds: [fitEmbed(embed)], components: ok ? confirmButtons(token, "Roll back", true) : [] };
}

/** A change applied: the refresh report, titled with what was done, and the version recorded. */
export function renderApplied(applied: Applied, done: string, spread?: VersionSpread): ReplyPayload {
  const payload = renderRefresh(applied.refresh, spread);
  const [embed] = payload.embeds;
  if (!embed) return payload;
  const recorded = applied.change ? `\nRecorded as commit \`${applied.change.commit.slice(0, 10)}\`.` : "";
  return {
    ...payload,
    embeds: [
      fitEmbed({
        ...embed,
        title: escapeAndFit(done, LIMITS.embedTitle),
        description: `${embed.description ?? ""}${recorded}`,
      }),
    ],
  };
}

/** A change refused when it was applied (the corpus changed since the preview): nothing was changed. */
export function renderRefused(refused: Refused): ReplyPayload {
  const embed: APIEmbed = {
    title: "Nothing was changed",
    color: COLOR_FAILED,
    description: `The corpus changed since the preview, and the change would now leave it with errors; corpus \`${refused.serving.version}\` is still served.\n${problems(refused.errors, refused.warnings, "The check found")}`,
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}

/** A short private note that replaces a preview (cancelled, expired). */
export function renderNote(text: string): ReplyPayload {
  return { content: text, embeds: [], components: [] };
}

/** /corpus history: the latest versions, newest first. */
export function renderHistory(changes: readonly Change[]): ReplyPayload {
  if (changes.length === 0) {
    return renderNote("No version is recorded yet.");
  }
  const fields: APIEmbedField[] = changes.slice(0, 10).map((change) => ({
    name: `${change.version} · commit ${change.commit.slice(0, 10)}`,
    value: `${when(change.at)}: ${describeChange(change)}`.slice(0, LIMITS.fieldValue),
  }));
  const embed: APIEmbed = {
    title: "Corpus history",
    color: COLOR_OK,
    description: "The latest versions, newest first. `/corpus rollback version:` restores any of them.",
    fields,
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}
