import type { Citation, Passage } from "../corpus/passages.ts";
import type { Article, Entity } from "../corpus/types.ts";
import { containsPhrase, fold } from "../text/index.ts";

/** A designation of an organisation, as an article states it. */
export interface DesignationRecord {
  /** What it was designated as, for example "terrorist organisation". */
  readonly as: string;
  readonly authority: string | null;
  readonly date: string | null;
  /** The article's own words. */
  readonly quote: string;
  readonly passageId: string;
  readonly citation: Citation;
}

/** An organisation the corpus says was designated as a terrorist organisation. */
export interface DesignatedOrganisation {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The first designation's citation, for lists that show one link per organisation. */
  readonly citation: Citation;
  readonly designations: readonly DesignationRecord[];
}

/**
 * Whether a designation is as a terrorist organisation ("terrorist organisation", "foreign terrorist
 * organization", "Specially Designated Global Terrorist organization"), not merely one mentioning
 * terrorism ("counter-terrorist partner").
 */
function isTerroristDesignation(as: string): boolean {
  return /\bterrorist (?:\w+ )?organi[sz]ations?\b/.test(fold(as));
}

/**
 * The designated organisations, from the entities file's designations resolved to the passages that
 * state them. The loader has already checked that each quote appears in its article.
 */
export function resolveDesignations(
  entities: readonly Entity[],
  articles: ReadonlyMap<string, Article>,
  passages: readonly Passage[],
): DesignatedOrganisation[] {
  const organisations: DesignatedOrganisation[] = [];
  for (const entity of entities) {
    if (entity.kind !== "organisation") continue;
    const records: DesignationRecord[] = [];
    for (const designation of entity.designations) {
      const article = articles.get(designation.article);
      if (!isTerroristDesignation(designation.as) || !article) continue;
      const block = article.blocks.find((b) => containsPhrase(b.text, designation.quote));
      if (!block) continue;
      const ofBlock = passages.filter(
        (p) =>
          p.citation.docId === article.id &&
          p.citation.kind === block.kind &&
          p.citation.number === block.number,
      );
      // A quote may straddle two parts of a long paragraph; then its first part is cited.
      const passage = ofBlock.find((p) => containsPhrase(p.text, designation.quote)) ?? ofBlock[0];
      if (!passage) continue;
      records.push({
        as: designation.as,
        authority: designation.authority ?? null,
        date: designation.date ?? null,
        quote: designation.quote,
        passageId: passage.id,
        citation: passage.citation,
      });
    }
    const first = records[0];
    if (first)
      organisations.push({
        name: entity.name,
        aliases: entity.aliases,
        citation: first.citation,
        designations: records,
      });
  }
  return organisations;
}
