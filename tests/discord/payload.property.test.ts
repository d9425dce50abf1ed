import type { APIEmbed } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { embedLength, fitEmbed } from "../../src/discord/render/payload.ts";
import { longText, runs } from "../support/arbitraries.ts";
import { assertWithinDiscordLimits, limitProblems } from "../support/discord-checks.ts";

/**
 * Properties of fitting embeds (src/discord/render/payload.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("fitEmbed", () => {
  const field = fc.record({ name: longText(1500), value: longText(3000), inline: fc.boolean() });
  const embed: fc.Arbitrary<APIEmbed> = fc
    .record({
      title: fc.option(longText(600), { nil: undefined }),
      description: fc.option(longText(9000), { nil: undefined }),
      fields: fc.option(fc.array(field, { maxLength: 40 }), { nil: undefined }),
      footer: fc.option(longText(3000), { nil: undefined }),
      author: fc.option(longText(600), { nil: undefined }),
    })
    .map(({ title, description, fields, footer, author }) => ({
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      ...(fields === undefined ? {} : { fields }),
      ...(footer === undefined ? {} : { footer: { text: footer } }),
      ...(author === undefined ? {} : { author: { name: author } }),
    }));

  it("fits any embed into every limit", () => {
    fc.assert(
      fc.property(embed, (e) => {
        assertWithinDiscordLimits({ embeds: [fitEmbed(e)] });
      }),
      runs(300),
    );
  });

  it("counts the note on dropped fields towards the 6000 characters", () => {
    const field = (length: number) => ({ name: "a", value: "x".repeat(length) });
    const e: APIEmbed = {
      fields: [field(1000), field(1000), field(1000), field(1000), field(1000), field(900), field(500)],
      footer: { text: "f".repeat(85) },
    };
    const fitted = fitEmbed(e);
    assertWithinDiscordLimits({ embeds: [fitted] });
    expect(fitted.fields).toHaveLength(5);
    expect(fitted.footer?.text).toMatch(/ · 2 more not shown$/);
  });

  it("leaves an embed that fits as it was, and counts what Discord counts", () => {
    fc.assert(
      fc.property(embed, (e) => {
        const fitted = fitEmbed(e);
        expect(fitEmbed(fitted)).toEqual(fitted);
        expect(embedLength(fitted)).toBe(
          (fitted.title?.length ?? 0) +
            (fitted.description?.length ?? 0) +
            (fitted.footer?.text.length ?? 0) +
            (fitted.author?.name.length ?? 0) +
            (fitted.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
        );
        if (limitProblems({ embeds: [e] }).length === 0)
          expect(fitted).toEqual({ ...e, fields: e.fields ?? [] });
      }),
      runs(300),
    );
  });
});
