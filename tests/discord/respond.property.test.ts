import { type InteractionReplyOptions, MessageFlags, type RepliableInteraction } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/discord/render/answer.ts";
import type { ReplyPayload } from "../../src/discord/render/payload.ts";
import { NO_MENTIONS, respond, respondPrivately } from "../../src/discord/respond.ts";
import { answer, longText, runs, view } from "../support/arbitraries.ts";
import { assertWithinDiscordLimits, type Sendable } from "../support/discord-checks.ts";

/**
 * Properties of sending replies (src/discord/respond.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("respond", () => {
  interface Sent {
    readonly method: "reply" | "editReply" | "followUp";
    readonly options: InteractionReplyOptions;
  }

  /** An interaction in a given state that records what the bot sends. */
  function interactionIn(state: { deferred: boolean; replied: boolean }) {
    const sent: Sent[] = [];
    const record = (method: Sent["method"]) => async (options: InteractionReplyOptions) => {
      sent.push({ method, options });
    };
    const interaction = {
      ...state,
      reply: record("reply"),
      editReply: record("editReply"),
      followUp: record("followUp"),
    } as unknown as RepliableInteraction;
    return { interaction, sent };
  }

  const states = fc.record({ deferred: fc.boolean(), replied: fc.boolean() });
  const payload: fc.Arbitrary<ReplyPayload> = fc.oneof(
    fc.tuple(answer, view).map(([a, v]) => renderAnswer(a, v)),
    fc
      .tuple(
        longText(5000),
        fc.tuple(answer, view).map(([a, v]) => renderAnswer(a, v)),
      )
      .map(([content, p]) => ({ ...p, content })),
  );

  it("sends every reply with mentions disabled, within the limits, ephemeral only when asked", async () => {
    await fc.assert(
      fc.asyncProperty(
        payload,
        states,
        fc.option(fc.boolean(), { nil: undefined }),
        async (p, state, ephemeral) => {
          const { interaction, sent } = interactionIn(state);
          await respond(interaction, p, ephemeral === undefined ? {} : { ephemeral });
          expect(sent).toHaveLength(1);
          const [{ method, options }] = sent as [Sent];
          expect(options.allowedMentions).toEqual({ parse: [] });
          expect(options.allowedMentions).toBe(NO_MENTIONS);
          expect(options.embeds).toEqual(p.embeds);
          expect(options.components).toEqual(p.components);
          assertWithinDiscordLimits(options as Sendable);
          if (p.content !== undefined)
            expect(p.content.startsWith((options.content ?? "").replace(/…$/, ""))).toBe(true);
          const flags = "flags" in options ? options.flags : undefined;
          expect(flags).toBe(
            ephemeral === true && method !== "editReply" ? MessageFlags.Ephemeral : undefined,
          );
          expect(method).toBe(
            state.deferred && !state.replied ? "editReply" : state.replied ? "followUp" : "reply",
          );
        },
      ),
      runs(120),
    );
  });

  it("sends private notes ephemerally with mentions disabled, within the limits", async () => {
    await fc.assert(
      fc.asyncProperty(longText(5000), states, async (text, state) => {
        const { interaction, sent } = interactionIn(state);
        await respondPrivately(interaction, text);
        expect(sent).toHaveLength(1);
        const [{ options }] = sent as [Sent];
        expect(options.allowedMentions).toEqual({ parse: [] });
        expect(options.flags).toBe(MessageFlags.Ephemeral);
        assertWithinDiscordLimits(options as Sendable);
      }),
      runs(200),
    );
  });
});
