import type { Entity, EntityKind } from "../corpus/types.ts";
import { analyze } from "../text/analyze.ts";
import type { LexiconEntry } from "../text/lexicon/entry.ts";
import { acronymsOf } from "./acronyms.ts";

/** A name of an entity found in a query, and the entity's other names to search for as well. */
export interface AliasMatch {
  readonly entity: string;
  readonly kind: EntityKind;
  /** Whether the entity is the corpus's own (entities.yaml), not only the general lexicon's. */
  readonly own: boolean;
  /** Position of the name's first term in the query's terms, and how many terms it spans. */
  readonly start: number;
  readonly length: number;
  /** The entity's other names, each as its index terms. */
  readonly alternatives: readonly (readonly string[])[];
}

/** A query word as the alias table reads it: its index term and how it was written. */
export interface AliasToken {
  readonly term: string;
  readonly surface: string;
}

interface Name {
  readonly group: number;
  readonly terms: readonly string[];
  /** Matched only when every word of it is written in capitals ("WHO", "ICE"). */
  readonly capitalsOnly: boolean;
}

interface Group {
  readonly entity: string;
  readonly kind: EntityKind;
  readonly own: boolean;
  readonly names: Array<readonly string[]>;
}

/** The index terms of a name; acronyms kept even where they spell a stop word ("US", "WHO"). */
function nameTerms(name: string): string[] {
  return analyze(name)
    .map((t) => t.term)
    .filter((t): t is string => t !== null);
}

const key = (terms: readonly string[]) => terms.join(" ");

/**
 * Finds the names of entities in queries, matching on index terms so that case, accents and plurals
 * do not matter. Names come from the corpus's entities.yaml and from storydesk's general lexicon
 * (countries and demonyms, news abbreviations); a lexicon entry that shares a name with a corpus
 * entity joins it, so that "American" finds what the corpus calls "United States". The initials of the
 * corpus's names stand for them too ("CoA": the Court of Appeal), where no other name takes them.
 */
export class AliasTable {
  private readonly groups: Group[] = [];
  /** Names by their first term, longest first, so that "Cartel de Sinaloa" wins over a name inside it. */
  private readonly byFirst = new Map<string, Name[]>();
  /** The corpus entities each term of their names belongs to, for a name asked in part ("Sinaloa"). */
  private readonly partOf = new Map<string, Set<number>>();

  constructor(entities: readonly Entity[], lexicon: readonly LexiconEntry[] = []) {
    const groupOf = new Map<string, number>();
    for (const entity of entities) {
      this.addGroup(entity.name, entity.kind, true, [entity.name, ...entity.aliases], [], groupOf);
    }
    for (const entry of lexicon) {
      const all = [entry.name, ...entry.aliases, ...entry.capitalsOnly];
      const shared = all.map((n) => groupOf.get(key(nameTerms(n)))).find((g) => g !== undefined);
      if (shared !== undefined && this.groups[shared]?.own) {
        this.addNames(shared, [entry.name, ...entry.aliases], entry.capitalsOnly, groupOf);
      } else {
        this.addGroup(
          entry.name,
          entry.kind,
          false,
          [entry.name, ...entry.aliases],
          entry.capitalsOnly,
          groupOf,
        );
      }
    }
    for (const { entity, acronym, capitalsOnly } of acronymsOf(entities)) {
      const group = groupOf.get(key(nameTerms(entity)));
      if (group !== undefined) this.addAcronym(group, acronym, capitalsOnly, groupOf);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.terms.length - a.terms.length);
    // Only the names the corpus gives: the lexicon's official names would make "people" (of the
    // "People's Republic of China") name China. Each entity is the group of the same place.
    entities.forEach((entity, g) => {
      for (const name of [entity.name, ...entity.aliases]) {
        for (const term of nameTerms(name)) {
          const owners = this.partOf.get(term) ?? new Set<number>();
          owners.add(g);
          this.partOf.set(term, owners);
        }
      }
    });
  }

  /**
   * The corpus entity a question term names in part, when it belongs to the names of that one entity
   * only: "Sinaloa" names the Sinaloa Cartel, "cartel" (in many names) names none.
   */
  partOfName(term: string): { readonly entity: string; readonly kind: EntityKind } | undefined {
    const owners = this.partOf.get(term);
    if (owners?.size !== 1) return undefined;
    const group = this.groups[[...owners][0] as number] as Group;
    return { entity: group.entity, kind: group.kind };
  }

  /** Whether a term is a one-word name or abbreviation ("potus", "sinaloa"), in any case. */
  isOneWordName(term: string): boolean {
    return this.byFirst.get(term)?.some((n) => n.terms.length === 1) ?? false;
  }

  private addGroup(
    entity: string,
    kind: EntityKind,
    own: boolean,
    names: readonly string[],
    capitalsOnly: readonly string[],
    groupOf: Map<string, number>,
  ): void {
    this.groups.push({ entity, kind, own, names: [] });
    this.addNames(this.groups.length - 1, names, capitalsOnly, groupOf);
  }

  private addNames(
    group: number,
    names: readonly string[],
    capitalsOnly: readonly string[],
    groupOf: Map<string, number>,
  ): void {
    const target = this.groups[group] as Group;
    const add = (name: string, capitals: boolean) => {
      const terms = nameTerms(name);
      if (terms.length === 0) return;
      const k = key(terms);
      // A name already taken stays its first owner's: a corpus entity's, or the first lexicon entry's
      // ("American" is the United States', not also the Northern Mariana Islands').
      const owner = groupOf.get(k);
      if (owner !== undefined && owner !== group && (this.groups[owner]?.own || !target.own)) return;
      if (!target.names.some((t) => key(t) === k)) target.names.push(terms);
      if (owner === undefined) groupOf.set(k, group);
      const first = terms[0] as string;
      const list = this.byFirst.get(first) ?? [];
      if (!list.some((n) => n.group === group && key(n.terms) === k)) {
        list.push({ group, terms, capitalsOnly: capitals });
        this.byFirst.set(first, list);
      }
    };
    for (const name of names) add(name, false);
    for (const name of capitalsOnly) add(name, true);
  }

  /**
   * An acronym of a corpus entity's name. It never takes a name the corpus gives another entity, but
   * it does take one from the general lexicon: in a story about a Supreme Court, "SC" is the court,
   * not the Seychelles' country code.
   */
  private addAcronym(
    group: number,
    acronym: string,
    capitalsOnly: boolean,
    groupOf: Map<string, number>,
  ): void {
    const terms = nameTerms(acronym);
    const k = key(terms);
    const owner = groupOf.get(k);
    if (owner === group || (owner !== undefined && this.groups[owner]?.own)) return;
    if (owner !== undefined) {
      const lexicon = this.groups[owner] as Group;
      const at = lexicon.names.findIndex((t) => key(t) === k);
      if (at >= 0) lexicon.names.splice(at, 1);
      const first = terms[0] as string;
      this.byFirst.set(
        first,
        (this.byFirst.get(first) ?? []).filter((n) => n.group !== owner || key(n.terms) !== k),
      );
      groupOf.delete(k);
    }
    this.addNames(group, capitalsOnly ? [] : [acronym], capitalsOnly ? [acronym] : [], groupOf);
  }

  /** Entity names found in a sequence of query words, without overlaps. */
  find(tokens: readonly AliasToken[]): AliasMatch[] {
    const taken = new Array<boolean>(tokens.length).fill(false);
    const matches: AliasMatch[] = [];
    const candidates: Array<{ name: Name; start: number }> = [];
    tokens.forEach((token, start) => {
      for (const name of this.byFirst.get(token.term) ?? []) candidates.push({ name, start });
    });
    candidates.sort((a, b) => b.name.terms.length - a.name.terms.length || a.start - b.start);
    for (const { name, start } of candidates) {
      const span = name.terms.length;
      if (start + span > tokens.length || taken.slice(start, start + span).some(Boolean)) continue;
      const words = tokens.slice(start, start + span);
      if (!name.terms.every((term, i) => words[i]?.term === term)) continue;
      if (name.capitalsOnly && !words.every((w) => w.surface === w.surface.toUpperCase())) continue;
      taken.fill(true, start, start + span);
      const group = this.groups[name.group] as Group;
      const own = key(name.terms);
      matches.push({
        entity: group.entity,
        kind: group.kind,
        own: group.own,
        start,
        length: span,
        alternatives: group.names.filter((t) => key(t) !== own),
      });
    }
    return matches.sort((a, b) => a.start - b.start);
  }
}
