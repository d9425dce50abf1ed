import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sentences } from "../../src/core/text/sentences.ts";
import { escapeAndFit, escapeUserText, truncate, unescapeUserText } from "../../src/discord/text.ts";
import { longText, prose, runs, userText } from "../support/arbitraries.ts";
import { LIVE_MENTION, LONE_SURROGATE, liveMarkdown } from "../support/discord-checks.ts";

/**
 * Properties of escaping and cutting user text (src/discord/text.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("escapeUserText", () => {
  const text = fc.oneof(userText(200), longText(2000));

  it("leaves no formatting live outside links: no emphasis, code, strikethrough, spoiler or masked link", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(liveMarkdown(escapeUserText(s))).toBeUndefined();
      }),
      runs(1500),
    );
  });

  it("breaks every mention with a zero-width space", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(escapeUserText(s).match(LIVE_MENTION)).toBeNull();
      }),
      runs(1000),
    );
  });

  it("is undone by unescapeUserText for text without zero-width spaces", () => {
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes("\u200b")),
        (s) => {
          expect(unescapeUserText(escapeUserText(s))).toBe(s);
        },
      ),
      runs(1500),
    );
  });

  it.each([
    ["****a****", "\\*\\*\\*\\*a\\*\\*\\*\\*"],
    ["````a````", "\\`\\`\\`\\`a\\`\\`\\`\\`"],
    ["<:x _a_", "<:x \\_a\\_"],
    [
      "[a](https://e.example) [b](https://e.example)",
      "\\[a\\](https://e.example) \\[b\\](https://e.example)",
    ],
    ["see https://example.com/a_b*c and *this*", "see https://example.com/a_b*c and \\*this\\*"],
    ["<https://example.com/>*x*", "<https://example.com/>\\*x\\*"],
    ["@everyone <@123> <@&4> <#5>", "@\u200beveryone <\u200b@123> <\u200b@&4> <\u200b#5>"],
  ])("escapes %j as %j", (raw, escaped) => {
    expect(escapeUserText(raw)).toBe(escaped);
    expect(liveMarkdown(escapeUserText(raw))).toBeUndefined();
    expect(unescapeUserText(escapeUserText(raw))).toBe(raw);
  });

  it("finds live Markdown where there is some (the scanner can fail)", () => {
    for (const live of ["*a*", "a_b", "`x`", "~~x~~", "||x||", "[a](https://e.example)", "\\\\*x"]) {
      expect(liveMarkdown(live), live).toBeDefined();
    }
    for (const inert of ["\\*a\\*", "https://e.example/a_b*c", "~x|y", "\\\\\\*"]) {
      expect(liveMarkdown(inert), inert).toBeUndefined();
    }
  });
});

describe("escapeAndFit", () => {
  it("fits, escapes, and shows a prefix of the text", () => {
    fc.assert(
      fc.property(longText(), fc.integer({ min: 2, max: 1200 }), (s, max) => {
        const fitted = escapeAndFit(s, max);
        expect(fitted.length).toBeLessThanOrEqual(max);
        expect(LONE_SURROGATE.test(fitted) && !LONE_SURROGATE.test(s)).toBe(false);
        expect(liveMarkdown(fitted)).toBeUndefined();
        expect(fitted.match(LIVE_MENTION)).toBeNull();
        if (!s.includes("\u200b")) {
          const shown = unescapeUserText(fitted);
          if (shown !== s) expect(s.startsWith(shown.replace(/…$/, ""))).toBe(true);
        }
      }),
      runs(800),
    );
  });
});

describe("truncate", () => {
  const text = fc.oneof(longText(), prose(1, 40));

  it("fits, keeps a prefix of the text, and ends with … exactly when it cut", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 7000 }), (s, max) => {
        const cut = truncate(s, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (s.length <= max) {
          expect(cut).toBe(s);
          return;
        }
        expect(cut.endsWith("…")).toBe(true);
        const kept = cut.slice(0, -1);
        expect(s.startsWith(kept)).toBe(true);
        // Only spaces are dropped before the ellipsis, and no character is cut in half.
        expect(kept).toBe(kept.trimEnd());
        expect(LONE_SURROGATE.test(cut) && !LONE_SURROGATE.test(s)).toBe(false);
      }),
      runs(1500),
    );
  });

  it("cuts at the last sentence end that fits when one is in the second half, else at a space or mid-word", () => {
    fc.assert(
      fc.property(prose(2, 60), fc.integer({ min: 20, max: 3000 }), (s, max) => {
        fc.pre(s.length > max);
        const room = max - 1;
        const ends = sentences(s)
          .map((x) => x.end)
          .filter((end) => end <= room);
        const last = ends.at(-1);
        const kept = truncate(s, max).slice(0, -1);
        if (last !== undefined && last > room / 2) {
          expect(kept).toBe(s.slice(0, last).trimEnd());
        } else if (last === undefined) {
          const space = s.lastIndexOf(" ", room);
          const midWord = /[\uD800-\uDBFF]/.test(s.charAt(room - 1)) ? room - 1 : room;
          expect(kept).toBe(s.slice(0, space > room / 2 ? space : midWord).trimEnd());
        }
      }),
      runs(800),
    );
  });

  it("does not cut a character in half", () => {
    expect(truncate("ab😀cd😀cd😀", 4)).toBe("ab…");
    expect(truncate("😀😀😀", 2)).toBe("…");
  });
});
