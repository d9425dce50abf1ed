import { termOf } from "../analyze.ts";

/** Titles written before a person's name ("President", "Senator", "Dr"). */
export const PERSON_TITLES: ReadonlySet<string> = new Set(
  "president senator sen minister dr mr mrs ms miss judge justice lady lord sir governor gov mayor secretary spokesperson spokesman spokeswoman chief ceo general gen colonel col captain capt lieutenant sergeant rep representative prof professor pope king queen prince princess chancellor officer inspector commissioner director chairman chairwoman chair coach leader ambassador envoy premier deputy commander admiral bishop cardinal rabbi imam father sister brother dame".split(
    " ",
  ),
);

/** The index terms of titles, which a name keeps but which name no one alone ("President"). */
export const TITLE_TERMS: ReadonlySet<string> = new Set([...PERSON_TITLES].map((t) => termOf(t)));
