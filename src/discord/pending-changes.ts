import { randomBytes } from "node:crypto";
import type { AdditionPreview, RemovalPreview, RollbackPreview } from "../core/index.ts";

/** A corpus change previewed to a moderator, waiting for their Add, Remove or Roll back. */
export type PendingChange =
  | {
      readonly kind: "add";
      readonly content: string;
      readonly name?: string;
      readonly preview: AdditionPreview;
    }
  | { readonly kind: "remove"; readonly id: string; readonly preview: RemovalPreview }
  | { readonly kind: "rollback"; readonly reference: string; readonly preview: RollbackPreview };

/** How long a preview's buttons work: as long as Discord lets the bot edit the preview. */
export const PENDING_LIFETIME_MS = 15 * 60 * 1000;

/** Button ids carry a token of 16 characters: random, so that no one can guess another's. */
const TOKEN = /^[A-Za-z0-9_-]{16}$/;

export function isPendingToken(token: string): boolean {
  return TOKEN.test(token);
}

/**
 * Previewed changes by token, each for the moderator who asked for it. A change is taken once: a
 * second click, a click after 15 minutes or another person's click finds nothing. Kept in memory:
 * after a restart, a preview's buttons say it has expired, and the moderator asks again.
 */
export class PendingChanges {
  private readonly entries = new Map<string, { change: PendingChange; userId: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  put(userId: string, change: PendingChange): string {
    this.sweep();
    const token = randomBytes(12).toString("base64url");
    this.entries.set(token, { change, userId, expires: this.now() + PENDING_LIFETIME_MS });
    return token;
  }

  /** The change for this token if it is this user's and still fresh; it can be taken only once. */
  take(token: string, userId: string): PendingChange | undefined {
    const entry = this.entries.get(token);
    if (!entry || entry.userId !== userId) return undefined;
    this.entries.delete(token);
    return entry.expires >= this.now() ? entry.change : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) if (entry.expires < now) this.entries.delete(token);
  }
}
