import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrganisationDetails } from "../../src/core/serving/library.ts";
import { renderDesignationList, renderOrganisation } from "../../src/discord/render/designations.ts";
import { organisation, passage, runs, version } from "../support/arbitraries.ts";
import { assertSafe } from "../support/discord-checks.ts";

/**
 * Properties of rendering designations (src/discord/render/designations.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("renderDesignationList and renderOrganisation", () => {
  it("list up to 60 organisations with long names and aliases safely", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(organisation, { maxLength: 3 }),
          fc.array(organisation, { minLength: 20, maxLength: 60 }),
        ),
        version,
        (organisations, v) => {
          const payload = renderDesignationList(organisations, v);
          assertSafe(payload);
          const description = payload.embeds[0]?.description ?? "";
          // Nothing is lost silently: either every organisation is listed or the rest are counted.
          if (organisations.length > 0 && !description.includes("more: pick one"))
            expect(description).toContain(`**${organisations.length}. `);
        },
      ),
      runs(80),
    );
  });

  it("detail an organisation with up to 40 long mentions safely", () => {
    const details: fc.Arbitrary<OrganisationDetails> = fc.record({
      organisation,
      mentions: fc.oneof(
        fc.array(passage, { maxLength: 3 }),
        fc.array(passage, { minLength: 10, maxLength: 40 }),
      ),
    });
    fc.assert(
      fc.property(details, version, (d, v) => {
        assertSafe(renderOrganisation(d, v));
      }),
      runs(120),
    );
  });
});
