import type { LexiconEntry } from "./entry.ts";

type Row = readonly [name: string, kind: LexiconEntry["kind"], aliases: string, capitalsOnly?: string];

/**
 * Abbreviations and everyday names common in English-language news, with what they stand for.
 * `aliases` match whatever the case; `capitalsOnly` only in capitals, where the lowercase form is an
 * ordinary word ("ICE", "WHO", "AG"). A corpus's own entities.yaml adds and overrides names.
 */
const ROWS: readonly Row[] = [
  // Government and law, United States
  ["executive order", "term", "EO"],
  ["President of the United States", "term", "POTUS"],
  ["Supreme Court", "organisation", "SCOTUS"],
  ["White House", "organisation", "WH"],
  ["foreign terrorist organization", "term", "FTO|foreign terrorist organisation"],
  ["Specially Designated Global Terrorist", "term", "SDGT"],
  ["Department of Justice", "organisation", "DOJ|Justice Department"],
  ["Department of Homeland Security", "organisation", "DHS|Homeland Security"],
  ["Department of Defense", "organisation", "DOD|Defense Department|Pentagon"],
  ["Federal Bureau of Investigation", "organisation", "FBI"],
  ["Central Intelligence Agency", "organisation", "CIA"],
  ["Drug Enforcement Administration", "organisation", "DEA"],
  ["Immigration and Customs Enforcement", "organisation", "", "ICE"],
  ["Customs and Border Protection", "organisation", "CBP|Border Patrol"],
  ["Internal Revenue Service", "organisation", "IRS"],
  ["Securities and Exchange Commission", "organisation", "", "SEC"],
  ["Federal Trade Commission", "organisation", "FTC"],
  ["Food and Drug Administration", "organisation", "FDA"],
  ["Centers for Disease Control and Prevention", "organisation", "CDC"],
  ["Republican Party", "organisation", "GOP|Republicans"],
  ["Democratic Party", "organisation", "Dems|Democrats"],
  ["attorney general", "term", "", "AG"],
  ["district attorney", "term", "", "DA"],
  // International
  ["United Nations", "organisation", "UN"],
  ["UN Security Council", "organisation", "UNSC|Security Council"],
  ["UN refugee agency", "organisation", "UNHCR"],
  ["UNICEF", "organisation", "United Nations Children's Fund"],
  ["World Food Programme", "organisation", "WFP|World Food Program"],
  ["World Health Organization", "organisation", "World Health Organisation", "WHO"],
  ["International Monetary Fund", "organisation", "IMF"],
  ["World Bank", "organisation", ""],
  ["World Trade Organization", "organisation", "WTO|World Trade Organisation"],
  ["North Atlantic Treaty Organization", "organisation", "NATO"],
  ["European Union", "organisation", "EU"],
  ["European Commission", "organisation", "", "EC"],
  ["European Central Bank", "organisation", "ECB"],
  ["International Criminal Court", "organisation", "ICC"],
  ["International Court of Justice", "organisation", "ICJ"],
  ["Red Cross", "organisation", "ICRC|IFRC|Red Crescent"],
  ["non-governmental organisation", "term", "NGO|NGOs|non-governmental organization|aid group"],
  ["Organization of the Petroleum Exporting Countries", "organisation", "OPEC"],
  // Roles
  ["prime minister", "term", "PM|premier"],
  ["member of parliament", "term", "MP|MPs"],
  ["chief executive", "term", "CEO|chief executive officer"],
  ["chief financial officer", "term", "CFO|finance chief"],
  ["chief operating officer", "term", "COO"],
  ["chief technology officer", "term", "CTO"],
  ["chief information officer", "term", "CIO"],
  ["chief information security officer", "term", "CISO"],
  ["senator", "term", "Sen"],
  ["governor", "term", "Gov"],
  ["spokesperson", "term", "spokesman|spokeswoman|spox"],
  // Economy and everyday terms
  ["gross domestic product", "term", "GDP"],
  ["initial public offering", "term", "IPO"],
  ["annual general meeting", "term", "AGM|annual meeting|annual shareholder meeting"],
  ["artificial intelligence", "term", "AI"],
  ["electric vehicle", "term", "EV|EVs"],
  ["headquarters", "term", "HQ"],
  ["National Health Service", "organisation", "NHS"],
  ["Ministry of Defence", "organisation", "MoD"],
  // Places people shorten
  ["New York City", "place", "NYC"],
  ["Los Angeles", "place", "", "LA"],
  ["Washington", "place", "Washington DC|DC"],
  ["San Francisco", "place", "SF"],
  // Slang news readers use for the people in the story
  [
    "drug traffickers",
    "term",
    "narcos|narco|drug lords|drug lord|kingpins|kingpin|cartel members|cartel figures|cartel leaders",
  ],
  ["police", "term", "cops|cop|police officers"],
  ["federal agents", "term", "feds"],
  ["children", "term", "kids"],
  ["nuclear weapons", "term", "nukes"],
];

const split = (list: string | undefined) => (list ? list.split("|").filter(Boolean) : []);

/** The abbreviations and everyday names, as lexicon entries. */
export function abbreviationEntries(): LexiconEntry[] {
  return ROWS.map(([name, kind, aliases, capitalsOnly]) => ({
    name,
    kind,
    aliases: split(aliases),
    capitalsOnly: split(capitalsOnly),
  }));
}
