import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LibraryCounts } from "../../src/core/serving/storydesk.ts";
import { renderRefresh, renderStatus } from "../../src/discord/render/corpus.ts";
import { refresh, runs, status } from "../support/arbitraries.ts";
import { assertSafe } from "../support/discord-checks.ts";

/**
 * Properties of rendering refreshes and the status (src/discord/render/corpus.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

describe("renderRefresh and renderStatus", () => {
  it("report any refresh safely, hundreds of changes and diagnostics included", () => {
    fc.assert(
      fc.property(refresh, (result) => {
        const payload = renderRefresh(result);
        assertSafe(payload);
        // The diagnostics stay inside a closed code block, where Markdown and mentions are inert.
        const description = payload.embeds[0]?.description ?? "";
        const diagnostics = result.ok ? result.warnings : result.errors;
        const fences = description.match(/```/g) ?? [];
        expect(fences).toHaveLength(!result.ok || diagnostics.length > 0 ? 2 : 0);
        // Nothing is lost silently: the warnings are counted, and the note on a joined refresh stays.
        if (result.ok && diagnostics.length > 0)
          expect(description).toContain(`${diagnostics.length} warning`);
        if (result.joined) expect(description).toContain("A refresh was already running");
      }),
      runs(100),
    );
  });

  it("keep the warnings' code block closed after long lists of article ids", () => {
    const counts: LibraryCounts = {
      version: "abcdefabcdef",
      documents: 1,
      passages: 1,
      entities: 1,
      designated: 1,
    };
    const ids = Array.from({ length: 300 }, (_, i) => `article-${i}-${"x".repeat(50)}`);
    const payload = renderRefresh({
      ok: true,
      joined: false,
      published: true,
      milliseconds: 5,
      by: "moderator",
      before: counts,
      after: counts,
      added: ids,
      changed: ids,
      removed: ids,
      snapshot: "written",
      warnings: Array.from({ length: 200 }, (_, line) => ({
        severity: "warning" as const,
        file: "a.md",
        line,
        message: `@everyone *bold* <@123456789012345678> ${"w".repeat(50)}`,
      })),
    });
    assertSafe(payload);
    expect(payload.embeds[0]?.description).toMatch(/\n200 warnings:\n```\n[\s\S]*\n```$/);
  });

  it("report any status safely", () => {
    fc.assert(
      fc.property(
        status,
        fc.nat(Number.MAX_SAFE_INTEGER),
        fc.option(
          fc.record({
            interactions: fc.nat(),
            errors: fc.nat(),
            refreshes: fc.nat(),
            reconnects: fc.nat(),
          }),
          { nil: undefined },
        ),
        (s, uptime, counters) => {
          assertSafe(renderStatus(s, uptime, counters));
        },
      ),
      runs(300),
    );
  });
});
