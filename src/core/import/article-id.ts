import slugify from "@sindresorhus/slugify";

/** Longest id made from a title, in characters: ids name files and show in lists. */
const MAX_ID = 60;

/** A slug for a title, cut at a word, that no article in `taken` uses (`-2`, `-3`... appended). */
export function idForTitle(title: string, taken: ReadonlySet<string>): string {
  let id = slugify(title, { decamelize: false });
  if (id.length > MAX_ID) id = id.slice(0, MAX_ID).replace(/-[^-]*$/, "");
  id ||= "article";
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  return unique;
}
