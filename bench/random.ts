/**
 * Seeded randomness for the benchmark: the same seed gives the same numbers on every machine, so
 * that a synthetic corpus and a query set are byte-identical from run to run.
 */

/** A 32-bit FNV-1a hash of a string, for seeding and for stable tie-breaking. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seeded generator (sfc32): fast, 128 bits of state, good enough for sampling text. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const s = typeof seed === "number" ? String(seed) : seed;
    this.a = hash32(s, 0x9e3779b9);
    this.b = hash32(s, 0x243f6a88);
    this.c = hash32(s, 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick() from an empty list");
    return item;
  }
}

/**
 * Zipf's law over ranks 1..n (Zipf-Mandelbrot): rank r is drawn with probability proportional to
 * 1 / (r + q)^s; q > 0 flattens the head, as for content words, which follow the function words in a
 * text's ranking. Sampled by binary search over the cumulative weights, so a draw costs O(log n).
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    readonly s = 1,
    readonly q = 0,
  ) {
    if (n < 1) throw new Error("Zipf needs at least one rank");
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let r = 1; r <= n; r++) {
      total += 1 / (r + q) ** s;
      this.cumulative[r - 1] = total;
    }
    for (let i = 0; i < n; i++) this.cumulative[i] = (this.cumulative[i] as number) / total;
  }

  /** A rank from 0 (the most frequent) to n - 1. */
  sample(random: Random): number {
    const u = random.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
