/**
 * A count and its noun, in the plural unless the count is one: `count(3, "article")` is
 * "3 articles". Regular English plurals only, which is all the messages need.
 */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
