import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answering/answer-types.ts";
import { normaliseQuestion, QuestionError } from "../../src/core/answering/question/normalise.ts";
import { loadCorpus } from "../../src/core/corpus/load.ts";
import { Library, type OrganisationDetails } from "../../src/core/serving/library.ts";
import { analyze, terms } from "../../src/core/text/analyze.ts";
import { decodeButton } from "../../src/discord/custom-id.ts";
import { MAX_PASSAGES, PAGE_SIZE, questionFromEmbed, renderAnswer } from "../../src/discord/render/answer.ts";
import { renderDesignationList, renderOrganisation } from "../../src/discord/render/designations.ts";
import { unescapeUserText } from "../../src/discord/text.ts";
import { answer, corpus, question, runs, STORY_WORDS, view } from "../support/arbitraries.ts";
import { assertSafe } from "../support/discord-checks.ts";

/**
 * Properties of rendering answers (src/discord/render/answer.ts): whatever the corpus, the question or the moderator's input, every
 * message fits Discord's limits, pings nobody, and shows user text as written.
 */

/** Asks, allowing only the refusals the core documents (an empty question, or one over 300 characters). */
async function ask(library: Library, q: string): Promise<Answer | undefined> {
  try {
    return await library.ask(q, { top: MAX_PASSAGES });
  } catch (cause) {
    expect(cause).toBeInstanceOf(QuestionError);
    expect(() => normaliseQuestion(q)).toThrow(QuestionError);
    return undefined;
  }
}

/** Renders every page of an answer, privately and not, and checks each. */
function checkAnswerPages(a: Answer, v: string, pages = [0, 1, 2, 3, 4]): void {
  for (const page of pages) {
    for (const isPrivate of [false, true]) {
      const payload = renderAnswer(a, { page, private: isPrivate, version: v });
      assertSafe(payload);
      const back = questionFromEmbed(payload.embeds[0]);
      expect(back).toBeDefined();
      expect(unescapeUserText(back as string)).toBe(a.query);
    }
  }
}

describe("renderAnswer", () => {
  it("keeps generated answers within Discord's limits, with no live mention, and the question readable back", () => {
    fc.assert(
      fc.property(answer, view, (a, v) => {
        const payload = renderAnswer(a, v);
        assertSafe(payload);
        expect(payload.embeds).toHaveLength(1);
        const shown = a.answered ? a.passages.length : Math.min(a.related.length, PAGE_SIZE);
        const pages = Math.max(1, Math.ceil(shown / PAGE_SIZE));
        const buttons = payload.components.flatMap((row) => row.components);
        const actions = buttons.map((b) => ("custom_id" in b ? decodeButton(b.custom_id) : undefined));
        expect(actions.every((x) => x !== undefined && x.version === v.version)).toBe(true);
        // A passage answer and the story in short page and share; the designations, sources and help
        // replies are whole.
        const paged = a.outcome === "answered" || a.outcome === "summary";
        expect(actions.some((x) => x?.kind === "more")).toBe(
          paged && Math.min(v.page, pages - 1) + 1 < pages,
        );
        expect(actions.some((x) => x?.kind === "share")).toBe(paged && v.private);
        // The designations list is sized to the room the question and notes leave: nothing cut silently.
        const organisations = a.designations ?? [];
        if (a.outcome === "designations" && organisations.length > 0) {
          const description = payload.embeds[0]?.description ?? "";
          if (!description.includes("more: pick one"))
            expect(description).toContain(`**${organisations.length}. `);
        }
      }),
      runs(300),
    );
  });

  it("reads back the question of any normalised query, so that buttons search the same words", () => {
    fc.assert(
      fc.property(answer, question(STORY_WORDS), view, (a, q, v) => {
        let query: string;
        try {
          query = normaliseQuestion(q);
        } catch {
          return;
        }
        const payload = renderAnswer({ ...a, query }, v);
        const written = questionFromEmbed(payload.embeds[0]);
        expect(written).toBeDefined();
        const back = unescapeUserText(written as string);
        expect(terms(back)).toEqual(terms(query));
        expect(back).toBe(query);
      }),
      runs(300),
    );
  });

  describe("of the bundled corpus", () => {
    let library: Library;
    beforeAll(async () => {
      library = Library.build(await loadCorpus(fileURLToPath(new URL("../../corpus", import.meta.url))));
    });

    it("renders any question's answer safely on every page, and buttons read the question back", async () => {
      await fc.assert(
        fc.asyncProperty(question(STORY_WORDS), async (q) => {
          const a = await ask(library, q);
          if (a === undefined) return;
          checkAnswerPages(a, library.version);
          expect(
            terms(
              unescapeUserText(
                questionFromEmbed(
                  renderAnswer(a, { page: 0, private: false, version: library.version }).embeds[0],
                ) ?? "",
              ),
            ),
          ).toEqual(terms(q));
        }),
        runs(200),
      );
    });

    it("lists and details its designations safely", () => {
      assertSafe(renderDesignationList(library.designations(), library.version));
      for (const org of library.designations()) {
        const details = library.organisation(org.name);
        expect(details).toBeDefined();
        assertSafe(renderOrganisation(details as OrganisationDetails, library.version));
      }
    });
  });

  it("renders answers, designations and details of generated corpora safely", async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus.chain((c) => {
          const vocabulary = [
            ...new Set(
              c.articles.flatMap((a) => a.blocks.flatMap((b) => analyze(b.text).map((t) => t.surface))),
            ),
          ].slice(0, 500);
          return fc.tuple(fc.constant(c), fc.array(question(vocabulary), { minLength: 1, maxLength: 4 }));
        }),
        async ([c, questions]) => {
          const library = Library.build(c);
          for (const q of questions) {
            const a = await ask(library, q);
            if (a !== undefined) checkAnswerPages(a, library.version, [0, 1, 3]);
          }
          assertSafe(renderDesignationList(library.designations(), library.version));
          for (const org of library.designations()) {
            const details = library.organisation(org.name);
            if (details) assertSafe(renderOrganisation(details, library.version));
          }
        },
      ),
      runs(40),
    );
  });
});
