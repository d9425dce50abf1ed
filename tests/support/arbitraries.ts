import fc from "fast-check";
import type { Answer, AnswerPassage, ArticleSources } from "../../src/core/answering/answer-types.ts";
import type { DesignatedOrganisation, DesignationRecord } from "../../src/core/answering/designations.ts";
import type { Diagnostic } from "../../src/core/corpus/diagnostics.ts";
import type { Corpus } from "../../src/core/corpus/load.ts";
import type { Citation, Passage } from "../../src/core/corpus/passages.ts";
import type { Article, Block, BlockKind, Entity } from "../../src/core/corpus/types.ts";
import type { SnapshotState } from "../../src/core/serving/snapshot.ts";
import type {
  LibraryCounts,
  RefreshFailure,
  RefreshResult,
  RefreshSuccess,
  StorydeskStatus,
} from "../../src/core/serving/storydesk.ts";
import type { Change, ChangeKind } from "../../src/core/store/history.ts";
import { analyze } from "../../src/core/text/analyze.ts";

/** fast-check generators of what the bot renders: user text, answers, corpora, refreshes, statuses. */

/**
 * Runs of a property. Shrinking a counterexample made of long strings can take minutes, so the whole
 * run is cut at 15 s (inside vitest's 20 s timeout): a failure is then reported half-shrunk.
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, interruptAfterTimeLimit: 15_000 };
}

export const MENTIONS = [
  "@everyone",
  "@here",
  "@EVERYONE",
  "@Here",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "<#123456789012345678>",
  "<@",
  "<@&",
  "<#",
  "@",
  "<",
];
export const MARKDOWN = [
  "*",
  "**",
  "***",
  "****",
  "_",
  "__",
  "___",
  "~",
  "~~",
  "~~~",
  "|",
  "||",
  "|||",
  "`",
  "``",
  "```",
  "````",
  "\\",
  "\\\\",
  ">",
  "> ",
  ">>> ",
  "#",
  "# ",
  "-# ",
  "- ",
  "1. ",
  "[",
  "]",
  "(",
  ")",
  "](",
  "[click](https://evil.example/x)",
  "<:emoji_name:123456789012345678>",
  "<a:",
  "<x:/",
  "<t:1700000000:R>",
  "<https://example.com/>",
  "https://example.com/a_b*c~d|e`f",
  "http://x.y/(z)",
  "https://",
  "://",
  ":",
  "/",
];
export const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0000", "\u001b"];
export const SPACING = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028"];
export const PROSE = [
  "Cartel",
  "designated",
  "Sinaloa",
  "Sheinbaum",
  "terrorist",
  "organisations",
  "Mr.",
  "U.S.",
  "The",
  "troops",
  ". ",
  "! ",
  "? ",
  "…",
  "é",
  "e\u0301",
  "👍🏽",
  "🏳️‍🌈",
  "👨‍👩‍👧‍👦",
  "🇲🇽",
  "日本語",
  "مرحبا",
  "a",
];
export const piece = fc.constantFrom(...MENTIONS, ...MARKDOWN, ...INVISIBLE, ...SPACING, ...PROSE);

/** Cuts to at most `max` UTF-16 units without splitting a character. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max);
}

/** Short text anyone could write: any Unicode, or a mix of Markdown, mentions, invisibles and prose. */
export function userText(maxLength = 40): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ unit: "grapheme", maxLength }),
      fc.string({ unit: "binary", maxLength }),
      fc.string({ unit: piece, maxLength }),
      fc.string({ unit: fc.oneof(piece, fc.string({ unit: "grapheme-ascii", maxLength: 8 })), maxLength }),
    )
    .map((s) => cap(s, maxLength * 4));
}

export const word = fc.oneof(
  fc.constantFrom(...PROSE, "the", "of", "cartels", "military", "extradited", "fentanyl"),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }),
  piece,
);
export const sentenceText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 30 }), fc.constantFrom(".", "!", "?", "", "…", ".\n"))
  .map(([words, end]) => `${words.join(" ")}${end}`);

/** Sentences, as articles have them. */
export function prose(minSentences: number, maxSentences: number): fc.Arbitrary<string> {
  return fc.array(sentenceText, { minLength: minSentences, maxLength: maxSentences }).map((s) => s.join(" "));
}

/** Text up to `max` characters, often thousands: repeated user text, prose or a long mix. */
export function longText(max = 6000): fc.Arbitrary<string> {
  return fc
    .oneof(
      userText(60),
      fc
        .tuple(userText(30), fc.integer({ min: 1, max }))
        .map(([s, n]) => (s.length === 0 ? s : s.repeat(Math.ceil(n / s.length)))),
      prose(3, 60),
      fc.string({ unit: piece, minLength: 100, maxLength: 1500 }),
    )
    .map((s) => cap(s, max));
}

export const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength, maxLength });
export const version = hex(12, 12);
export const slug = fc.oneof(
  fc
    .array(fc.stringMatching(/^[a-z0-9]{1,16}$/), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join("-")),
  // Long ones, as headlines make: "mexico-extradites-26-cartel-figures-to-the-us-after-a-deal".
  fc
    .array(fc.stringMatching(/^[a-z0-9]{2,12}$/), { minLength: 6, maxLength: 30 })
    .map((parts) => parts.join("-")),
);
export const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  userText(30).map((s) => `https://example.com/${s}`),
  fc.constantFrom(
    "https://example.com/a b (c) [d]",
    "https://example.com/x)](https://evil.example",
    "https://x.example/<@123456789012345678>",
    "https://x.example/@everyone?q=@here",
    "https://example.com/a_(b)_c*d*",
  ),
);
export const published = fc.constantFrom("2025-08", "2025-08-14", "");

export const KIND_LABEL: Record<BlockKind, string> = {
  paragraph: "paragraph",
  "key-point": "key point",
  source: "source",
};

export const citation: fc.Arbitrary<Citation> = fc
  .record({
    docId: slug,
    title: longText(400),
    kind: fc.constantFrom<BlockKind>("paragraph", "key-point", "source"),
    number: fc.integer({ min: 1, max: 300 }),
    part: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    url: fc.option(url, { nil: null }),
    published,
    outlet: fc.option(userText(40), { nil: undefined }),
  })
  .map(({ kind, number, part, outlet, ...rest }) => ({
    ...rest,
    kind,
    number,
    paragraph: kind === "paragraph" ? number : null,
    label: `${KIND_LABEL[kind]} ${number}${part === undefined ? "" : `, part ${part}`}`,
    ...(part === undefined ? {} : { part }),
    ...(outlet === undefined ? {} : { outlet }),
  }));

export const passage: fc.Arbitrary<Passage> = fc.record({
  id: fc.oneof(
    slug.map((s) => `${s}#p1`),
    fc.string(),
  ),
  text: longText(),
  citation,
});

export const answerPassage: fc.Arbitrary<AnswerPassage> = fc
  .record({
    passage,
    score: fc.double({ min: 0, max: 100, noNaN: true }),
    coverage: fc.double({ min: 0, max: 1 }),
    confidence: fc.double({ min: 0, max: 1 }),
  })
  .map(({ passage: p, score, coverage, confidence }) => ({ ...p, score, coverage, confidence }));

/** Sorted, disjoint, non-empty `[start, end)` ranges of `text` that split no character. */
export function highlightsOf(
  text: string,
  raw: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const snap = (i: number) => (/[\uDC00-\uDFFF]/.test(text.charAt(i)) ? i - 1 : i);
  const ranges = raw
    .map(([a, b]): [number, number] => {
      const start = snap(a % (text.length + 1));
      return [start, snap(Math.min(text.length, start + 1 + b))];
    })
    .filter(([start, end]) => start < end)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const range of ranges) if (range[0] >= (out.at(-1)?.[1] ?? 0)) out.push(range);
  return out;
}

export const answerSentence = fc
  .record({
    text: longText(3000),
    raw: fc.array(fc.tuple(fc.nat(10_000), fc.nat(40)), { maxLength: 12 }),
    asTheCoreDoes: fc.boolean(),
    citation,
  })
  .map(({ text, raw, asTheCoreDoes, citation: c }) => ({
    text,
    // The core marks whole words; the renderer must cope with any range as well.
    highlights: asTheCoreDoes
      ? analyze(text)
          .filter((_, i) => raw.some(([a]) => a % 3 === i % 3))
          .map((t): [number, number] => [t.start, t.end])
      : highlightsOf(text, raw),
    citation: c,
  }));

export const term = fc.oneof({ weight: 3, arbitrary: userText(40) }, { weight: 1, arbitrary: longText(800) });

export const view = fc.record({ page: fc.integer({ min: 0, max: 5 }), private: fc.boolean(), version });

export const designationRecord: fc.Arbitrary<DesignationRecord> = fc.record({
  as: fc.oneof(fc.constant("terrorist organisation"), longText(300)),
  authority: fc.option(userText(80), { nil: null }),
  date: fc.option(userText(40), { nil: null }),
  quote: longText(2000),
  passageId: fc.string(),
  citation,
});

export const organisation: fc.Arbitrary<DesignatedOrganisation> = fc.record({
  name: longText(400),
  aliases: fc.array(longText(200), { maxLength: 12 }),
  citation,
  designations: fc.array(designationRecord, { maxLength: 4 }),
});

export const outcome = fc.constantFrom<Answer["outcome"]>(
  "answered",
  "detail-missing",
  "not-covered",
  "small-talk",
  "designations",
  "sources",
  "summary",
  "other-language",
);

export const articleSources: fc.Arbitrary<ArticleSources> = fc
  .record({
    docId: slug,
    title: longText(400),
    url: fc.option(url, { nil: null }),
    published,
    outlet: fc.option(userText(40), { nil: undefined }),
    sources: fc.array(longText(500), { maxLength: 8 }),
  })
  .map(({ outlet, ...rest }) => ({ ...rest, ...(outlet === undefined ? {} : { outlet }) }));

export const answer: fc.Arbitrary<Answer> = fc
  .record({
    query: userText(300).map((q) => cap(q, 300)),
    outcome,
    message: fc.oneof(
      fc.constantFrom("The articles don't cover this.", "Found in 3 passages."),
      userText(200),
    ),
    passages: fc.array(answerPassage, { maxLength: 10 }),
    sentence: fc.option(answerSentence, { nil: null }),
    source: fc.nat(12),
    // Words of the question, so short; long ones too, to push the notes past every budget.
    missingTerms: fc.array(term, { maxLength: 12 }),
    unanswered: fc.array(longText(320), { maxLength: 3 }),
    didYouMean: fc.array(fc.record({ term, suggestion: term }), { maxLength: 8 }),
    relatedTerms: fc.array(fc.record({ term, related: fc.array(term, { maxLength: 6 }) }), { maxLength: 8 }),
    aliases: fc.array(userText(30), { maxLength: 5 }),
    designations: fc.array(organisation, { maxLength: 30 }),
    sources: fc.array(articleSources, { maxLength: 30 }),
    examples: fc.array(userText(300), { maxLength: 3 }),
    languages: fc.record({ question: userText(40), articles: userText(40) }),
  })
  .map(({ outcome: o, passages, sentence, source, designations, sources, examples, languages, ...rest }) => {
    const answered = o === "answered" || o === "designations" || o === "sources" || o === "summary";
    return {
      ...rest,
      outcome: o,
      answered,
      answer: sentence === null ? null : { ...sentence, passageId: passages[source]?.id ?? "elsewhere#p1" },
      passages: answered ? passages : [],
      related: answered ? [] : passages,
      ...(o === "designations" ? { designations } : {}),
      ...(o === "sources" ? { sources } : {}),
      ...(o === "small-talk" ? { examples } : {}),
      ...(o === "other-language" ? { languages } : {}),
    };
  });

export const counts: fc.Arbitrary<LibraryCounts> = fc.record({
  version,
  documents: fc.nat(100_000),
  passages: fc.nat(10_000_000),
  entities: fc.nat(100_000),
  designated: fc.nat(100_000),
});

export const diagnostic: fc.Arbitrary<Diagnostic> = fc
  .record({
    severity: fc.constantFrom<Diagnostic["severity"]>("error", "warning"),
    file: fc.oneof(
      slug.map((s) => `${s}.md`),
      userText(120),
    ),
    line: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
    message: fc.oneof(userText(120), longText(3000)),
  })
  .map(({ line, ...rest }) => (line === undefined ? rest : { ...rest, line }));

/** A handful, or hundreds. */
export function someOrHundreds<T>(item: fc.Arbitrary<T>, hundreds = 400): fc.Arbitrary<T[]> {
  return fc.oneof(fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 100, maxLength: hundreds }));
}

export const snapshotState = fc.constantFrom<SnapshotState>(
  "loaded",
  "written",
  "stale",
  "corrupt",
  "not-written",
  "disabled",
);
export const milliseconds = fc.double({ min: 0, max: 1e7, noNaN: true });

export const date = fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true });

const file = slug.map((s) => `${s}.md`);

/** A recorded version of the corpus, with up to hundreds of files touched. */
export const change: fc.Arbitrary<Change> = fc.record(
  {
    commit: hex(40, 40),
    version,
    kind: fc.constantFrom<ChangeKind>("start", "refresh", "add", "remove", "rollback"),
    at: date,
    author: fc.record(
      {
        name: userText(60),
        id: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 17, maxLength: 20 }),
      },
      { requiredKeys: ["name"] },
    ),
    added: someOrHundreds(file, 300),
    changed: someOrHundreds(file, 300),
    removed: someOrHundreds(file, 300),
    restored: version,
  },
  { requiredKeys: ["commit", "version", "kind", "at", "author", "added", "changed", "removed"] },
);

export const refreshSuccess: fc.Arbitrary<RefreshSuccess> = fc.record(
  {
    ok: fc.constant(true as const),
    joined: fc.boolean(),
    published: fc.boolean(),
    milliseconds,
    by: userText(60),
    warnings: someOrHundreds(diagnostic),
    before: counts,
    after: counts,
    added: someOrHundreds(slug, 300),
    changed: someOrHundreds(slug, 300),
    removed: someOrHundreds(slug, 300),
    snapshot: snapshotState,
    snapshotError: longText(600),
    recorded: change,
  },
  {
    requiredKeys: [
      "ok",
      "joined",
      "published",
      "milliseconds",
      "by",
      "warnings",
      "before",
      "after",
      "added",
      "changed",
      "removed",
      "snapshot",
    ],
  },
);

export const refreshFailure: fc.Arbitrary<RefreshFailure> = fc.record({
  ok: fc.constant(false as const),
  joined: fc.boolean(),
  milliseconds,
  by: userText(60),
  warnings: someOrHundreds(diagnostic),
  errors: someOrHundreds(diagnostic),
  serving: counts,
});

export const refresh: fc.Arbitrary<RefreshResult> = fc.oneof(refreshSuccess, refreshFailure);

export const status: fc.Arbitrary<StorydeskStatus> = fc.record({
  counts,
  loadedAt: date,
  snapshot: fc.record(
    { state: snapshotState, file: fc.option(userText(200), { nil: null }), error: longText(600) },
    { requiredKeys: ["state", "file"] },
  ),
  history: fc.boolean(),
  lastRefresh: fc.option(fc.record({ at: date, by: longText(3000), ok: fc.boolean() }), { nil: null }),
  refreshing: fc.boolean(),
});

/** A corpus of generated articles (as src/eval/qa-corpus.ts builds one), with designated organisations quoting them. */
export const corpus: fc.Arbitrary<Corpus> = fc
  .record({
    articles: fc.array(
      fc.record({
        id: slug,
        title: longText(500).filter((t) => t.trim() !== ""),
        url: fc.option(url, { nil: undefined }),
        published,
        paragraphs: fc.array(fc.oneof(prose(1, 40), longText(4000)), { minLength: 1, maxLength: 6 }),
        keyPoints: fc.array(prose(1, 3), { maxLength: 3 }),
        sources: fc.array(userText(80), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    organisations: fc.array(
      fc.record({
        name: longText(300),
        aliases: fc.array(userText(60), { maxLength: 6 }),
        article: fc.nat(),
        paragraph: fc.nat(),
        authority: fc.option(userText(60), { nil: undefined }),
      }),
      { maxLength: 6 },
    ),
    fingerprint: hex(64, 64),
  })
  .map(({ articles: specs, organisations, fingerprint }) => {
    const articles: Article[] = specs.map((spec, i) => {
      const blocks: Block[] = [
        ...spec.paragraphs.map((text, n) => ({
          kind: "paragraph" as const,
          number: n + 1,
          text,
          line: n + 1,
        })),
        ...spec.keyPoints.map((text, n) => ({ kind: "key-point" as const, number: n + 1, text, line: 1 })),
        ...spec.sources.map((text, n) => ({ kind: "source" as const, number: n + 1, text, line: 1 })),
      ];
      return {
        id: `a${i}-${spec.id}`,
        title: spec.title,
        published: spec.published,
        file: `a${i}-${spec.id}.md`,
        blocks,
        ...(spec.url === undefined ? {} : { url: spec.url }),
      };
    });
    const entities: Entity[] = organisations.map((org, i) => {
      const article = articles[org.article % articles.length] as Article;
      const paragraphs = article.blocks.filter((b) => b.kind === "paragraph");
      const quoted = paragraphs[org.paragraph % paragraphs.length] as Block;
      return {
        name: org.name,
        kind: "organisation",
        aliases: org.aliases,
        designations: [
          {
            article: article.id,
            quote: quoted.text,
            as: "terrorist organisation",
            ...(org.authority === undefined ? {} : { authority: org.authority }),
          },
        ],
        line: i + 1,
      };
    });
    return { articles, entities, fingerprint, diagnostics: [] };
  });

/** Questions as users type them: anything, or words of the story with Markdown and mentions among them. */
export function question(vocabulary: readonly string[]): fc.Arbitrary<string> {
  const words = vocabulary.length > 0 ? fc.constantFrom(...vocabulary) : word;
  return fc.oneof(
    userText(300).map((q) => cap(q, 300)),
    fc
      .array(fc.oneof({ weight: 3, arbitrary: words }, { weight: 1, arbitrary: piece }), { maxLength: 25 })
      .map((q) => cap(q.join(" "), 300)),
  );
}

export const STORY_WORDS = [
  "Who",
  "was",
  "designated",
  "as",
  "terrorist",
  "organisations?",
  "Sheinbaum",
  "Trump",
  "cartels",
  "Sinaloa",
  "CJNG",
  "MS-13",
  "extradited",
  "fentanyl",
  "military",
  "trops",
  "soldiers",
  "Mexico",
  "January",
  "20",
];
