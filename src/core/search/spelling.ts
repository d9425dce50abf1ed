import { setImmediate as nextTurn } from "node:timers/promises";
import SearchableMap from "minisearch/SearchableMap";

/**
 * Words added to the tree per turn of the event loop while it is built in the background: about
 * 4 ms of work on the benchmark machine, so that questions asked meanwhile hardly wait.
 */
const SLICE = 2000;

/** A word list as stored: one `word<TAB>occurrences` line per folded corpus word. */
export function encodeWordCounts(counts: ReadonlyMap<string, number>): string {
  const lines: string[] = [];
  for (const [word, count] of counts) lines.push(`${word}\t${count}`);
  return lines.join("\n");
}

/**
 * Spelling suggestions from the corpus's own words, searched in MiniSearch's radix tree. Building the
 * tree takes a tenth of a second at 10,000 articles, too long for the question that first needs it
 * (and, after a refresh, for every question waiting behind that one), so {@link prepare} builds it a
 * slice at a time; a suggestion asked for before it is done finishes it at once.
 */
export class Speller {
  private readonly tree = new SearchableMap<number>();
  private lines: string[] | undefined;
  private next = 0;
  private done = false;

  /** @param list the word list, as {@link encodeWordCounts} writes it; a damaged line is skipped. */
  constructor(readonly list: string) {}

  /**
   * Builds the tree in slices between other work, unless `signal` says it is no longer wanted. It
   * yields before the first slice, so that a question asked along with a load or a swap goes first.
   */
  async prepare(signal?: AbortSignal): Promise<void> {
    for (;;) {
      await nextTurn();
      if (signal?.aborted || this.fill(SLICE)) return;
    }
  }

  /**
   * The corpus word closest in spelling to `word` (folded), at most one edit away for short words and
   * two for long ones; `undefined` when none is close enough. Ties go to the more frequent word.
   */
  suggest(word: string, maxEdits = word.length >= 8 ? 2 : 1): string | undefined {
    if (word.length < 4 || /\p{N}/u.test(word)) return undefined;
    this.fill(Number.POSITIVE_INFINITY);
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, [count, distance]] of this.tree.fuzzyGet(word, maxEdits)) {
      if (candidate === word) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  /** Whether the corpus has this folded word exactly as written ("strikes", not only "strike"). */
  has(word: string): boolean {
    this.fill(Number.POSITIVE_INFINITY);
    return this.tree.has(word);
  }

  /** Adds up to `max` more words; true once every word is in. */
  private fill(max: number): boolean {
    if (this.done) return true;
    this.lines ??= this.list.split("\n");
    const end = Math.min(this.lines.length, this.next + max);
    for (; this.next < end; this.next++) {
      const line = this.lines[this.next] as string;
      const tab = line.indexOf("\t");
      const count = Number(line.slice(tab + 1));
      if (tab > 0 && Number.isSafeInteger(count) && count > 0) this.tree.set(line.slice(0, tab), count);
    }
    if (this.next < this.lines.length) return false;
    this.lines = undefined;
    this.done = true;
    return true;
  }
}
