import type { APIEmbed } from "discord.js";
import type { DesignatedOrganisation, DesignationRecord, OrganisationDetails } from "../../core/index.ts";
import { count } from "../../core/index.ts";
import { LIMITS } from "../limits.ts";
import { escapeAndFit, escapeUserText } from "../text.ts";
import { citationLabel, citationLine, titleLink } from "./citation.ts";
import { fitEmbed, type ReplyPayload } from "./payload.ts";

const COLOR = 0xc0392b;
/** Passages listed under one organisation; the rest are counted. */
const MAX_MENTIONS = 10;

function designationText(record: DesignationRecord): string {
  const by = record.authority ? ` by ${escapeUserText(record.authority)}` : "";
  const on = record.date ? ` on ${escapeUserText(record.date)}` : "";
  return `${escapeUserText(record.as)}${by}${on}`;
}

function aliasesText(org: DesignatedOrganisation): string {
  return org.aliases.length > 0 ? ` (${org.aliases.map(escapeUserText).join(", ")})` : "";
}

/** Every designated organisation, one line each with its aliases and a citation link. */
export function renderDesignationList(
  organisations: readonly DesignatedOrganisation[],
  version: string,
  /** Characters of the description a caller writes before the list (the question, notes). */
  reserved = 0,
): ReplyPayload {
  if (organisations.length === 0) {
    return {
      embeds: [
        {
          title: "Designated organisations",
          description: "The articles name no organisation designated as a terrorist organisation.",
          footer: { text: `corpus ${version}` },
        },
      ],
      components: [],
    };
  }
  const lines: string[] = [];
  let length = 0;
  let shown = 0;
  for (const [i, org] of organisations.entries()) {
    const first = org.designations[0];
    const line = `**${i + 1}. ${escapeUserText(org.name)}**${aliasesText(org)}: ${first ? designationText(first) : ""} · ${titleLink(
      org.citation,
      60,
    )}, ${escapeUserText(org.citation.label)}`;
    // Keep room for the closing note that names how many did not fit.
    if (length + line.length + 1 > LIMITS.embedDescription - 120 - reserved) break;
    lines.push(line);
    length += line.length + 1;
    shown++;
  }
  if (shown < organisations.length) {
    lines.push(`…and ${organisations.length - shown} more: pick one with \`/designations organisation:\`.`);
  }
  const embed: APIEmbed = {
    title: `Designated as terrorist organisations (${organisations.length})`,
    color: COLOR,
    description: lines.join("\n"),
    footer: { text: `corpus ${version} · details: /designations organisation:<name>` },
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}

/** One organisation: its aliases, each designation quoted and cited, and the passages naming it. */
export function renderOrganisation(details: OrganisationDetails, version: string): ReplyPayload {
  const { organisation: org, mentions } = details;
  const lines = [
    org.aliases.length > 0 ? `Also called ${org.aliases.map(escapeUserText).join(", ")}.` : "",
    "",
  ];
  for (const record of org.designations) {
    lines.push(
      `Designated as ${designationText(record)}:`,
      `> ${escapeAndFit(record.quote, 600)}`,
      citationLine(record.citation),
      "",
    );
  }
  const fields = mentions.slice(0, MAX_MENTIONS).map((p, i) => {
    const cite = citationLine(p.citation);
    return {
      name: `[${i + 1}] ${citationLabel(p.citation)}`,
      value: `${escapeAndFit(p.text, Math.max(100, LIMITS.fieldValue - cite.length - 1))}\n${cite}`,
    };
  });
  const more = mentions.length - fields.length;
  const embed: APIEmbed = {
    title: escapeAndFit(org.name, LIMITS.embedTitle),
    color: COLOR,
    description: lines.join("\n").trim(),
    fields,
    footer: {
      text: `corpus ${version} · mentioned in ${count(mentions.length, "passage")}${
        more > 0 ? ` (${more} not shown)` : ""
      }`,
    },
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}
