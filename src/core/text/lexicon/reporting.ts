import { termOf } from "../analyze.ts";

/**
 * Verbs that report speech or a stance ("said", "stated", "clarified", "supports"): a question asks
 * "what did X say" or "what does X think" whatever verb the article uses, so any of them answers
 * for any other.
 */
const VERBS =
  "say says said saying tell tells told telling state states stated stating claim claims claimed announce announced clarify clarified add added adding reiterate reiterated assert asserted argue argued warn warned insist insisted note noted comment commented commenting speak speaks spoke spoken speaking talk talks talked talking mention mentioned respond responded reply replied deny denied confirm confirmed admit admitted declare declared stress stressed emphasise emphasised emphasize emphasized suggest suggested accuse accused blame blamed describe described write wrote written tweet tweeted post posted praise praised criticise criticised criticize criticized slam slammed condemn condemned welcome welcomed urge urged vow vowed promise promised pledge pledged threaten threatened acknowledge acknowledged concede conceded allege alleged maintain maintained explain explained announce announcement statement statements remarks remark response reaction according support supports supported backs backed oppose opposes opposed favour favours favor favors believe believes believed want wants wanted reject rejects rejected refuse refused";

/** Reporting verbs as written (folded), for finding who speaks in a sentence. */
export const REPORTING_WORDS: ReadonlySet<string> = new Set(VERBS.split(" "));

/**
 * Their index terms, for matching a question's "talk" with an article's "clarified"; without the
 * stems that are also everyday nouns ("state" of "United States", "post", "note", "add").
 */
export const REPORTING_TERMS: ReadonlySet<string> = new Set(
  VERBS.split(" ")
    .map((w) => termOf(w))
    .filter(
      (t) =>
        !["state", "post", "note", "ad", "add", "write", "written", "welcom", "promis", "maintain"].includes(
          t,
        ),
    ),
);
