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
