/** A per-user cooldown: how long a user must wait before the next use. */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(private readonly seconds: number) {}

  /**
   * Records a use by `userId` at `now` when allowed and returns 0; otherwise returns the whole
   * seconds left to wait (at least 1), and records nothing.
   */
  take(userId: string, now: number = Date.now()): number {
    if (this.seconds <= 0) return 0;
    const windowMs = this.seconds * 1000;
    const previous = this.last.get(userId);
    if (previous !== undefined && now - previous < windowMs)
      return Math.max(1, Math.ceil((windowMs - (now - previous)) / 1000));
    this.last.set(userId, now);
    // Forget users whose cooldown is over, so the map does not grow with every user ever seen.
    if (this.last.size > 1000)
      for (const [id, at] of this.last) if (now - at >= windowMs) this.last.delete(id);
    return 0;
  }
}
