/**
 * A count and its noun, in the plural unless the count is one: `count(3, "article")` is
 * "3 articles"; an irregular plural is given: `count(2, "refresh", "refreshes")`.
 */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
