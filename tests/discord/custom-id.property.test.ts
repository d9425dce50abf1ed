import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageLimits as LIMITS } from "../../discord-emulator/validate-message.ts";
import { type ButtonAction, decodeButton, encodeButton } from "../../src/discord/custom-id.ts";
import { hex, runs, userText } from "../support/arbitraries.ts";

/**
 * Properties of button custom ids (src/discord/custom-id.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("button custom ids", () => {
  const action: fc.Arbitrary<ButtonAction> = fc.oneof(
    fc.record({
      kind: fc.constant("more" as const),
      page: fc.integer({ min: 0, max: 99 }),
      private: fc.boolean(),
      version: hex(1, 64),
    }),
    fc.record({
      kind: fc.constant("share" as const),
      page: fc.integer({ min: 0, max: 99 }),
      version: hex(1, 64),
    }),
  );

  it("round-trip and fit in 100 characters", () => {
    fc.assert(
      fc.property(action, (a) => {
        const id = encodeButton(a);
        expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(decodeButton(id)).toEqual(a);
      }),
      runs(1000),
    );
  });

  it("decode junk to undefined, never throwing, and decode only what re-encodes", () => {
    const junk = fc.oneof(
      fc.string(),
      userText(120),
      fc.string({
        unit: fc.constantFrom("ask", ":", "more", "share", "p", "c", "0", "9", "a", "f", "g", "\n", "-"),
        maxLength: 12,
      }),
      fc
        .tuple(action.map(encodeButton), fc.nat(), fc.string({ maxLength: 3 }), fc.nat(3))
        .map(
          ([id, at, insert, drop]) =>
            id.slice(0, at % (id.length + 1)) + insert + id.slice((at % (id.length + 1)) + drop),
        ),
    );
    fc.assert(
      fc.property(junk, (id) => {
        const decoded = decodeButton(id);
        if (decoded === undefined) return;
        expect(decodeButton(encodeButton(decoded))).toEqual(decoded);
        expect(encodeButton(decoded).length).toBeLessThanOrEqual(LIMITS.customId);
        // Only leading zeros of the page may differ from the canonical id.
        expect(id.replace(/^(ask:(?:more|share):)0(?=\d)/, "$1")).toBe(encodeButton(decoded));
      }),
      runs(2000),
    );
    for (const id of [
      "",
      "ask",
      "ask:more:1:x:ab",
      "ask:more:100:p:ab",
      "ask:share:1:",
      "ask:share:1:AB",
      "ask:more:1:p:ab\n",
    ]) {
      expect(decodeButton(id)).toBeUndefined();
    }
  });
});
