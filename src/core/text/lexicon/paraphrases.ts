import { termOf } from "../analyze.ts";

/**
 * Everyday ways news readers and news writers say the same thing differently, which neither WordNet
 * nor word vectors join reliably ("helping" and "cooperation" are 0.51 apart in GloVe, "narcos" and
 * "cartel figures" further): each group's words stand in for each other. General English for news
 * of any story, not any one story's words; measured as the "paraphrases" relation.
 */
const GROUPS: readonly string[] = [
  "help helping helped helps assist assistance aid support cooperate cooperation cooperating collaborate collaboration",
  "fight fighting combat combating combatting battle tackle tackling crackdown",
  "block blocked blocking stop stopped halt halted prevent prevented bar barred ban banned",
  "die died dying dead death deaths killed kill toll",
  "soldier soldiers troops troop military forces army",
  "boss bosses leader leaders chief chiefs head heads kingpin kingpins",
  "send sent ship shipped transfer transferred extradite extradited extradition hand handed handing",
  "homeless displaced",
  "pay paid salary salaries wage wages earnings",
  "sack sacked fire fired layoff layoffs redundancy redundancies cut cuts",
  "jail jailed prison imprisoned sentence sentenced",
  "ruling ruled judgment verdict decision decided",
  "strike strikes walkout walkouts",
  "protest protests protesters demonstration demonstrations rally rallies",
  "deal agreement pact accord",
  "boss ceo chief executive",
  "problem problems challenge challenges trouble troubles",
  "bomb bombs bombing bombed airstrike airstrikes",
  "office elected election inaugurated inauguration sworn",
  "main top principal",
  "politician politicians lawmaker lawmakers legislator legislators senator senators congressman congresswoman",
  "lawyer lawyers barrister barristers counsel solicitor solicitors attorney attorneys kc qc",
  "give giving gave donate donated donation donations pledge pledged pledges contribute contributed contribution",
];

/** The groups each word belongs to, by its index term: "decide" and "decides" find "decided"'s group. */
let byTerm: Map<string, string[]> | undefined;

function groupsByTerm(): Map<string, string[]> {
  if (byTerm) return byTerm;
  byTerm = new Map();
  for (const group of GROUPS) {
    const words = group.split(" ");
    for (const word of words) {
      const term = termOf(word);
      byTerm.set(term, [
        ...new Set([...(byTerm.get(term) ?? []), ...words.filter((w) => termOf(w) !== term)]),
      ]);
    }
  }
  return byTerm;
}

/** Other ways to say a (folded) word, in any of its forms, from the groups it belongs to. */
export function paraphrasesOf(word: string): readonly string[] {
  return groupsByTerm().get(termOf(word)) ?? [];
}
