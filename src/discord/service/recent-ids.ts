/**
 * Ids seen lately, to recognise an interaction Discord delivers twice. An interaction can be
 * answered for 15 minutes, so ids are kept that long (and at most `max` of them).
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60 * 1000,
    private readonly max = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an id; false when it was already recorded (a second delivery). */
  add(id: string): boolean {
    const now = this.now();
    if ((this.seen.get(id) ?? Number.NEGATIVE_INFINITY) > now - this.ttlMs) return false;
    // Deleted first, so that the id moves to the end of the Map's order.
    this.seen.delete(id);
    this.seen.set(id, now);
    // Map keeps insertion order: the oldest ids go first.
    for (const [old, at] of this.seen) {
      if (this.seen.size <= this.max && at > now - this.ttlMs) break;
      this.seen.delete(old);
    }
    return true;
  }
}
