/**
 * Button ids carry all the state a button needs, so that buttons keep working after a restart: the
 * question itself is read back from the message the button is on.
 */
export type ButtonAction =
  | { readonly kind: "more"; readonly page: number; readonly private: boolean; readonly version: string }
  | { readonly kind: "share"; readonly page: number; readonly version: string };

export function encodeButton(action: ButtonAction): string {
  return action.kind === "more"
    ? `ask:more:${action.page}:${action.private ? "p" : "c"}:${action.version}`
    : `ask:share:${action.page}:${action.version}`;
}

export function decodeButton(customId: string): ButtonAction | undefined {
  const more = /^ask:more:(\d{1,2}):([pc]):([0-9a-f]{1,64})$/.exec(customId);
  if (more)
    return { kind: "more", page: Number(more[1]), private: more[2] === "p", version: more[3] as string };
  const share = /^ask:share:(\d{1,2}):([0-9a-f]{1,64})$/.exec(customId);
  if (share) return { kind: "share", page: Number(share[1]), version: share[2] as string };
  return undefined;
}

/**
 * The buttons of a corpus change's preview. They carry only a token: the change itself waits in
 * memory for the moderator who previewed it (see pending-changes.ts).
 */
export type CorpusButton = { readonly kind: "apply" | "cancel"; readonly token: string };

export function encodeCorpusButton(button: CorpusButton): string {
  return `corpus:${button.kind}:${button.token}`;
}

export function decodeCorpusButton(customId: string): CorpusButton | undefined {
  const match = /^corpus:(apply|cancel):([A-Za-z0-9_-]{16})$/.exec(customId);
  return match ? { kind: match[1] as CorpusButton["kind"], token: match[2] as string } : undefined;
}
