import { createRequire } from "node:module";
import { isStopWord } from "../analyze.ts";
import type { LexiconEntry } from "./entry.ts";

/** The fields storydesk reads from world-countries (mledoze/countries, maintained). */
interface CountryRecord {
  readonly name: { readonly common: string; readonly official: string };
  readonly cca2: string;
  readonly cca3: string;
  readonly altSpellings: readonly string[];
  readonly capital?: readonly string[];
  readonly independent?: boolean;
  readonly demonyms?: { readonly eng?: { readonly f: string; readonly m: string } };
}

/** Everyday names the data leaves out, by ISO code: "America" for the United States, "Britain" for the UK. */
const EVERYDAY_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: ["America"],
  AU: ["Aussie"],
  GB: ["Britain", "Brit"],
  NL: ["Holland"],
  CZ: ["Czech Republic"],
  KR: ["South Korea"],
  KP: ["North Korea"],
  RU: ["Russia"],
};

let countries: readonly CountryRecord[] | undefined;
function records(): readonly CountryRecord[] {
  // JSON through require: 1.4 MB parsed in about 15 ms, once, when the first library is built.
  countries ??= createRequire(import.meta.url)("world-countries/countries.json") as CountryRecord[];
  return countries;
}

/**
 * A country's names and its people's (demonym), so that "american soldiers" finds "U.S. military"
 * and "Mexican" finds "Mexico". Two-letter codes count only in capitals ("US", "UK"): lowercase
 * they are words ("us", "in").
 */
export function countryEntries(): LexiconEntry[] {
  // Independent countries first: they keep the names territories share ("American", "British").
  const ordered = [...records()].sort(
    (a, b) => Number(b.independent === true) - Number(a.independent === true),
  );
  return ordered.map((c) => {
    const demonyms = c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : [];
    const codes = c.altSpellings.filter((a) => /^\p{Lu}{2,3}$/u.test(a));
    // A code that spells a word ("IT", "IN", "ME") counts only in capitals; "uk" and "usa" in any case.
    const isWord = (code: string) => isStopWord(code.toLowerCase());
    const names = [
      c.name.official,
      ...c.altSpellings.filter((a) => !/^\p{Lu}{2,3}$/u.test(a) && /^[\p{L} .'-]+$/u.test(a)),
      ...demonyms,
      ...(EVERYDAY_NAMES[c.cca2] ?? []),
    ];
    return {
      name: c.name.common,
      kind: "place" as const,
      aliases: [
        ...new Set([...names.filter((n) => n !== c.name.common), ...codes.filter((a) => !isWord(a))]),
      ],
      capitalsOnly: [...new Set(codes.filter(isWord))],
    };
  });
}

/** Capital cities, for recognising places in answer sentences. */
export function capitalCities(): string[] {
  return records().flatMap((c) => [...(c.capital ?? [])]);
}

/** Country names and demonyms, for recognising places in answer sentences. */
export function countryNames(): string[] {
  return countryEntries().flatMap((e) => [e.name, ...e.aliases, ...e.capitalsOnly]);
}
