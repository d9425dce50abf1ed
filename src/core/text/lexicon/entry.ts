/**
 * A name in storydesk's general lexicon: the other names of one thing, as entities.yaml lists a
 * corpus's own. Serves any story: countries and their people, common news abbreviations, slang.
 */
export interface LexiconEntry {
  readonly name: string;
  readonly kind: "organisation" | "person" | "place" | "term";
  /** Other names, matched whatever their case. */
  readonly aliases: readonly string[];
  /** Other names matched only as written in capitals ("WHO", "ICE", "US"), since lowercase they are words. */
  readonly capitalsOnly: readonly string[];
}
