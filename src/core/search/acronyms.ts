import type { Entity } from "../corpus/types.ts";
import { isEnglishWord } from "../text/english.ts";

/** An acronym people make of one of the story's names, and whether it only counts typed in capitals. */
export interface Acronym {
  readonly entity: string;
  readonly acronym: string;
  /** The acronym is also an English word ("SC" is scandium's symbol): matched only as "SC". */
  readonly capitalsOnly: boolean;
}

/** Names longer than this are cited whole, not by their initials. */
const MAX_WORDS = 5;

/**
 * The initials people type for a name of two to five words: of every word ("Court of Appeal": "CoA")
 * and of its capitalised words only ("CA"). Numbers and bracketed parts are left out.
 *
 * @example
 * initialsOf("Court of Appeal") // ["coa", "ca"]
 */
export function initialsOf(name: string): string[] {
  const words = name
    .replace(/\([^)]*\)/g, " ")
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^\p{L}]/gu, ""))
    .filter((w) => w.length > 0);
  if (words.length < 2 || words.length > MAX_WORDS) return [];
  const all = words.map((w) => w[0] as string).join("");
  const capitals = words
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0] as string)
    .join("");
  return [...new Set([all, capitals].filter((a) => a.length >= 2).map((a) => a.toLowerCase()))];
}

/**
 * Acronyms of the corpus's organisations, places and terms that its entities.yaml does not list
 * ("SC" for the Supreme Court, "CoA" for the Court of Appeal), so that a story with any such names
 * understands them without a list of its own. An acronym two names share stands for neither; people's
 * names are left out, since their initials are rarely how a channel names them.
 */
export function acronymsOf(entities: readonly Entity[]): Acronym[] {
  const owners = new Map<string, Set<string>>();
  for (const entity of entities) {
    if (entity.kind === "person") continue;
    for (const name of [entity.name, ...entity.aliases]) {
      for (const acronym of initialsOf(name)) {
        const set = owners.get(acronym) ?? new Set<string>();
        set.add(entity.name);
        owners.set(acronym, set);
      }
    }
  }
  const acronyms: Acronym[] = [];
  for (const [acronym, set] of owners) {
    if (set.size !== 1) continue;
    acronyms.push({ entity: [...set][0] as string, acronym, capitalsOnly: isEnglishWord(acronym) });
  }
  return acronyms;
}
