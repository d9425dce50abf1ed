import type { APIEmbed } from "discord.js";
import {
  count,
  type Diagnostic,
  formatDiagnostic,
  type LibraryCounts,
  type RefreshResult,
  type StorydeskStatus,
} from "../../core/index.ts";
import { LIMITS } from "../limits.ts";
import type { ServiceCounters } from "../service/metrics.ts";
import type { ShardReport } from "../sharding/bridge.ts";
import type { ShardAnswer, VersionSpread } from "../sharding/fleet.ts";
import { PUBLICATION_POLL_MS } from "../sharding/shard.ts";
import { escapeAndFit, escapeUserText, truncate } from "../text.ts";
import { fitEmbed, type ReplyPayload } from "./payload.ts";

export const COLOR_OK = 0x27ae60;
export const COLOR_FAILED = 0xe67e22;

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Characters of article ids listed per kind of change, so that the warnings below always fit. */
const MAX_IDS_CHARS = 900;

/** Names (article ids, files) as code, as many as fit in `max` characters, then how many more. */
export function codeList(list: readonly string[], max = MAX_IDS_CHARS): string {
  if (list.length === 0) return "none";
  const shown: string[] = [];
  let length = 0;
  for (const id of list.slice(0, 15)) {
    const code = `\`${truncate(id.replace(/`/g, "ʼ"), 100)}\``;
    if (shown.length > 0 && length + code.length + 2 > max) break;
    shown.push(code);
    length += code.length + 2;
  }
  return list.length > shown.length
    ? `${shown.join(", ")} and ${list.length - shown.length} more`
    : shown.join(", ");
}

/** Diagnostics as `file:line: message` lines in a code block, as many as fit. */
export function diagnosticBlock(diagnostics: readonly Diagnostic[], budget: number): string {
  const lines: string[] = [];
  let used = 8;
  for (const d of diagnostics) {
    const line = formatDiagnostic(d).replace(/```/g, "ʼʼʼ");
    if (used + line.length + 1 > budget - 40) {
      lines.push(`…and ${diagnostics.length - lines.length} more (npm run corpus:check lists them all)`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return `\`\`\`\n${lines.join("\n")}\n\`\`\``;
}

function countsLine(before: LibraryCounts, after: LibraryCounts): string {
  return `Documents ${before.documents} → ${after.documents}, passages ${before.passages} → ${after.passages}, designated ${before.designated} → ${after.designated}`;
}

/** How far a new version has spread over the shards, in a line or two; empty when not sharded. */
function spreadLines(spread: VersionSpread | undefined): string[] {
  if (!spread) return [];
  const lines = [`Served by ${spread.serving} of ${count(spread.shards, "shard")} on this machine.`];
  if (spread.elsewhere > 0) {
    lines.push(
      spread.published === true
        ? `${count(spread.elsewhere, "shard")} on other machines load it within ${PUBLICATION_POLL_MS / 1000} s.`
        : `It could not be published (${escapeAndFit(spread.published, 200)}): ${count(spread.elsewhere, "shard")} on other machines keep their version until the next change.`,
    );
  }
  for (const { shard, reason } of spread.behind.slice(0, 5)) {
    lines.push(`Shard ${shard} is not serving it yet: ${escapeAndFit(reason, 200)}`);
  }
  return lines;
}

/**
 * The outcome of /corpus refresh: what changed, or every error with the old corpus still serving;
 * with shards, how many serve the new version.
 */
export function renderRefresh(result: RefreshResult, spread?: VersionSpread): ReplyPayload {
  const joined = result.joined ? "\n-# A refresh was already running; this is its result." : "";
  if (!result.ok) {
    const embed: APIEmbed = {
      title: "Refresh failed: the previous corpus is still answering",
      color: COLOR_FAILED,
      description: `The corpus has ${count(result.errors.length, "error")}. Fix ${
        result.errors.length === 1 ? "it" : "them"
      } and refresh again.${joined}\n${diagnosticBlock(result.errors, LIMITS.embedDescription - 300)}`,
      footer: {
        text: `still serving corpus ${result.serving.version} · checked in ${seconds(result.milliseconds)}`,
      },
    };
    return { embeds: [fitEmbed(embed)], components: [] };
  }
  const lines = [
    countsLine(result.before, result.after),
    `Added: ${codeList(result.added)}`,
    `Changed: ${codeList(result.changed)}`,
    `Removed: ${codeList(result.removed)}`,
    ...spreadLines(spread),
  ];
  if (result.snapshotError !== undefined) {
    lines.push(
      `The snapshot could not be saved (${escapeAndFit(result.snapshotError.replace(/`/g, "ʼ"), 300)}): the corpus is served, and the next start will index it again.`,
    );
  }
  if (result.warnings.length > 0) {
    lines.push(`${count(result.warnings.length, "warning")}:`);
    // The block must fit whole: fitEmbed cutting it would leave it open, and the diagnostics would
    // render as Markdown, mentions included. The ids above take at most 3 × MAX_IDS_CHARS.
    const room = LIMITS.embedDescription - lines.join("\n").length - joined.length - 100;
    lines.push(diagnosticBlock(result.warnings, Math.min(1500, room)));
  }
  const embed: APIEmbed = {
    title: "Corpus refreshed",
    color: COLOR_OK,
    description: `${lines.join("\n")}${joined}`,
    footer: {
      text: `corpus ${result.before.version} → ${result.after.version} · ${seconds(result.milliseconds)} · snapshot ${result.snapshot}`,
    },
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const parts = [
    [Math.floor(s / 86400), "d"],
    [Math.floor((s % 86400) / 3600), "h"],
    [Math.floor((s % 3600) / 60), "m"],
    [s % 60, "s"],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`);
  return shown.length > 0 ? shown.join(" ") : "0s";
}

/** The shards of this machine, one line each, those behind the latest version or down first. */
export interface ShardsView {
  readonly answers: readonly ShardAnswer<ShardReport>[];
  /** The version last published: a shard serving another is on an old one. */
  readonly latest: string | undefined;
}

function shardLines(view: ShardsView): string {
  const lines = view.answers
    .map((a) => {
      if (!a.ok) return { behind: true, text: `\`#${a.shard}\` down: ${escapeAndFit(a.error, 120)}` };
      const r = a.value;
      const old = view.latest !== undefined && r.version !== view.latest;
      const state = r.ready ? "" : ` · not ready: ${escapeAndFit(r.reason ?? "", 80)}`;
      return {
        behind: old || !r.ready,
        text: `\`#${a.shard}\` \`${r.version}\`${old ? " (old version)" : ""} · ${count(r.guilds, "server")} · ping ${r.pingMs < 0 ? "none yet" : `${r.pingMs} ms`} · up ${duration(r.uptimeMs)}${state}`,
      };
    })
    .sort((a, b) => Number(b.behind) - Number(a.behind));
  const shown: string[] = [];
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    if ([...shown, line.text].join("\n").length > LIMITS.fieldValue - 40) {
      shown.push(`… and ${count(rest, "more shard")}`);
      break;
    }
    shown.push(line.text);
  }
  return shown.join("\n");
}

/**
 * /corpus status: what is being served, since when, how the last refresh went, the counters, and
 * with shards, every shard of this machine.
 */
export function renderStatus(
  status: StorydeskStatus,
  uptimeMs: number,
  counters?: ServiceCounters,
  shards?: ShardsView,
): ReplyPayload {
  const c = status.counts;
  const when = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:R>`;
  const last = status.lastRefresh
    ? `${status.lastRefresh.ok ? "succeeded" : "failed"} ${when(status.lastRefresh.at)}, by ${escapeUserText(status.lastRefresh.by)}`
    : "none since start";
  const embed: APIEmbed = {
    title: "Corpus status",
    color: COLOR_OK,
    fields: [
      { name: "Corpus version", value: `\`${c.version}\``, inline: true },
      { name: "Documents", value: String(c.documents), inline: true },
      { name: "Passages", value: String(c.passages), inline: true },
      { name: "Entities", value: String(c.entities), inline: true },
      { name: "Designated", value: String(c.designated), inline: true },
      { name: "Loaded", value: when(status.loadedAt), inline: true },
      { name: "Last refresh", value: `${last}${status.refreshing ? " (one is running now)" : ""}` },
      {
        name: "Snapshot",
        value: truncate(
          status.snapshot.error === undefined
            ? status.snapshot.state
            : `${status.snapshot.state}: ${escapeUserText(status.snapshot.error.replace(/`/g, "ʼ"))}`,
          LIMITS.fieldValue,
        ),
      },
      {
        name: "History",
        value: status.history
          ? "on: `/corpus history`"
          : "off (HISTORY_DIR=off): changes from Discord are disabled",
        inline: true,
      },
      { name: "Uptime", value: duration(uptimeMs), inline: true },
      ...(counters
        ? [
            {
              name: shards ? "Since start (this shard)" : "Since start",
              value: `${count(counters.interactions, "interaction")} (${count(counters.errors, "error")}), ${count(counters.refreshes, "refresh", "refreshes")}, ${count(counters.reconnects, "gateway reconnect")}`,
            },
          ]
        : []),
      ...(shards
        ? [{ name: `Shards on this machine (${shards.answers.length})`, value: shardLines(shards) }]
        : []),
    ],
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}
