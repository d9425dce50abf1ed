import type { Entity } from "../corpus/types.ts";
import { terms } from "../text/analyze.ts";

/** A name of an entity found in a query, and the entity's other names to search for as well. */
export interface AliasMatch {
  readonly entity: string;
  /** Position of the name's first term in the query's terms, and how many terms it spans. */
  readonly start: number;
  readonly length: number;
  /** The entity's other names, each as its index terms. */
  readonly alternatives: readonly (readonly string[])[];
}

interface Name {
  readonly entity: string;
  readonly terms: readonly string[];
}

/** Finds the names of entities in queries, matching on index terms so that case, accents and plurals do not matter. */
export class AliasTable {
  private readonly names: readonly Name[];
  private readonly namesOf: ReadonlyMap<string, readonly (readonly string[])[]>;

  constructor(entities: readonly Entity[]) {
    const names: Name[] = [];
    const namesOf = new Map<string, (readonly string[])[]>();
    for (const entity of entities) {
      const all: string[][] = [];
      for (const name of [entity.name, ...entity.aliases]) {
        const nameTerms = terms(name);
        if (nameTerms.length === 0 || all.some((t) => t.join(" ") === nameTerms.join(" "))) continue;
        all.push(nameTerms);
        names.push({ entity: entity.name, terms: nameTerms });
      }
      namesOf.set(entity.name, all);
    }
    // Longest names first, so that "Cartel de Sinaloa" wins over a shorter name inside it.
    this.names = names.sort((a, b) => b.terms.length - a.terms.length);
    this.namesOf = namesOf;
  }

  /** Entity names found in a sequence of query terms, without overlaps. */
  find(queryTerms: readonly string[]): AliasMatch[] {
    const taken = new Array<boolean>(queryTerms.length).fill(false);
    const matches: AliasMatch[] = [];
    for (const name of this.names) {
      for (let start = 0; start + name.terms.length <= queryTerms.length; start++) {
        const span = name.terms.length;
        if (taken.slice(start, start + span).some(Boolean)) continue;
        if (!name.terms.every((term, i) => queryTerms[start + i] === term)) continue;
        taken.fill(true, start, start + span);
        const own = name.terms.join(" ");
        matches.push({
          entity: name.entity,
          start,
          length: span,
          alternatives: (this.namesOf.get(name.entity) ?? []).filter((t) => t.join(" ") !== own),
        });
      }
    }
    return matches.sort((a, b) => a.start - b.start);
  }
}
