import { fileURLToPath } from "node:url";
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer, AnswerPassage, ArticleSources } from "../src/core/answering/answer-types.ts";
import type { DesignatedOrganisation, DesignationRecord } from "../src/core/answering/designations.ts";
import { normaliseQuestion, QuestionError } from "../src/core/answering/question/normalise.ts";
import type { Diagnostic } from "../src/core/corpus/diagnostics.ts";
import { type Corpus, loadCorpus } from "../src/core/corpus/load.ts";
import type { Citation, Passage } from "../src/core/corpus/passages.ts";
import type { Article, Block, BlockKind, Entity } from "../src/core/corpus/types.ts";
import { Library, type OrganisationDetails } from "../src/core/serving/library.ts";
import type { SnapshotState } from "../src/core/serving/snapshot.ts";
import type {
  LibraryCounts,
  RefreshFailure,
  RefreshResult,
  RefreshSuccess,
  StorydeskStatus,
} from "../src/core/serving/storydesk.ts";
import { analyze, terms } from "../src/core/text/analyze.ts";
import { sentences } from "../src/core/text/sentences.ts";
import { type ButtonAction, decodeButton, encodeButton } from "../src/discord/custom-id.ts";
import { LIMITS } from "../src/discord/limits.ts";
import { MAX_PASSAGES, PAGE_SIZE, questionFromEmbed, renderAnswer } from "../src/discord/render/answer.ts";
import { renderRefresh, renderStatus } from "../src/discord/render/corpus.ts";
import { renderDesignationList, renderOrganisation } from "../src/discord/render/designations.ts";
import { embedLength, fitEmbed, type ReplyPayload } from "../src/discord/render/payload.ts";
import { NO_MENTIONS, respond, respondPrivately } from "../src/discord/respond.ts";
import { escapeAndFit, escapeUserText, truncate, unescapeUserText } from "../src/discord/text.ts";

/**
 * Properties of the bot's formatting: whatever the corpus, the question or the moderator's input,
 * every rendered message fits Discord's limits, pings and mentions nobody, and shows user text as
 * written rather than as Markdown.
 */

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** A message as the renderers build it or as it is sent (then `content` may be absent). */
interface Sendable {
  readonly content?: string | undefined;
  readonly embeds?: readonly APIEmbed[] | undefined;
  readonly components?: ReadonlyArray<APIActionRowComponent<APIButtonComponent>> | undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_EMBEDS = 10;
const MAX_ROWS = 5;
const MAX_BUTTONS_PER_ROW = 5;

/** Every text of a message Discord shows, with where it is. */
function textsOf(payload: Sendable): Array<[where: string, text: string]> {
  const out: Array<[string, string]> = [];
  if (payload.content !== undefined) out.push(["content", payload.content]);
  for (const [e, embed] of (payload.embeds ?? []).entries()) {
    if (embed.title !== undefined) out.push([`embed ${e} title`, embed.title]);
    if (embed.description !== undefined) out.push([`embed ${e} description`, embed.description]);
    for (const [f, field] of (embed.fields ?? []).entries()) {
      out.push([`embed ${e} field ${f} name`, field.name], [`embed ${e} field ${f} value`, field.value]);
    }
    if (embed.footer !== undefined) out.push([`embed ${e} footer`, embed.footer.text]);
    if (embed.author !== undefined) out.push([`embed ${e} author`, embed.author.name]);
  }
  for (const [r, row] of (payload.components ?? []).entries()) {
    for (const [b, button] of row.components.entries()) {
      if ("label" in button && button.label !== undefined)
        out.push([`row ${r} button ${b} label`, button.label]);
    }
  }
  return out;
}

/** What in a message breaks a limit of Discord's (https://discord.com/developers/docs/resources/message). */
function limitProblems(payload: Sendable): string[] {
  const problems: string[] = [];
  const over = (where: string, length: number, max: number) => {
    if (length > max) problems.push(`${where}: ${length} > ${max}`);
  };
  if (payload.content !== undefined) over("content", payload.content.length, LIMITS.content);
  const embeds = payload.embeds ?? [];
  over("embeds", embeds.length, MAX_EMBEDS);
  let total = 0;
  for (const [e, embed] of embeds.entries()) {
    if (embed.title !== undefined) over(`embed ${e} title`, embed.title.length, LIMITS.embedTitle);
    if (embed.description !== undefined)
      over(`embed ${e} description`, embed.description.length, LIMITS.embedDescription);
    const fields = embed.fields ?? [];
    over(`embed ${e} fields`, fields.length, LIMITS.embedFields);
    for (const [f, field] of fields.entries()) {
      over(`embed ${e} field ${f} name`, field.name.length, LIMITS.fieldName);
      over(`embed ${e} field ${f} value`, field.value.length, LIMITS.fieldValue);
      // Discord trims field texts and refuses empty ones.
      if (field.name.trim() === "") problems.push(`embed ${e} field ${f} name is empty`);
      if (field.value.trim() === "") problems.push(`embed ${e} field ${f} value is empty`);
    }
    if (embed.footer !== undefined) over(`embed ${e} footer`, embed.footer.text.length, LIMITS.footer);
    if (embed.author !== undefined) over(`embed ${e} author`, embed.author.name.length, LIMITS.author);
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
  }
  over("embed characters in the message", total, LIMITS.embedTotal);
  const rows = payload.components ?? [];
  over("action rows", rows.length, MAX_ROWS);
  const ids = new Set<string>();
  for (const [r, row] of rows.entries()) {
    over(`row ${r} buttons`, row.components.length, MAX_BUTTONS_PER_ROW);
    if (row.components.length === 0) problems.push(`row ${r} is empty`);
    for (const [b, button] of row.components.entries()) {
      if ("label" in button && button.label !== undefined)
        over(`row ${r} button ${b} label`, button.label.length, LIMITS.buttonLabel);
      if ("custom_id" in button) {
        over(`row ${r} button ${b} custom_id`, button.custom_id.length, LIMITS.customId);
        if (ids.has(button.custom_id)) problems.push(`custom_id ${button.custom_id} is used twice`);
        ids.add(button.custom_id);
      }
    }
  }
  for (const [where, text] of textsOf(payload)) {
    // A lone surrogate (a character cut in half) is not text Discord accepts.
    if (LONE_SURROGATE.test(text)) problems.push(`${where} has half a character`);
  }
  return problems;
}

function assertWithinDiscordLimits(payload: Sendable): void {
  expect(limitProblems(payload)).toEqual([]);
}

/** Closed code blocks: Discord shows their content as written, mentions included. */
const FENCED = /```[\s\S]*?```/g;
const LIVE_MENTION = /@(?:everyone|here)|<@[!&]?|<#/gi;

/** Mentions Discord would show as mentions (replies also disable pinging them). */
function liveMentions(payload: Sendable): string[] {
  const found: string[] = [];
  for (const [where, text] of textsOf(payload)) {
    for (const m of text.replace(FENCED, "").match(LIVE_MENTION) ?? []) found.push(`${where}: ${m}`);
  }
  return found;
}

function assertNoLiveMentions(payload: Sendable): void {
  expect(liveMentions(payload)).toEqual([]);
}

function assertSafe(payload: Sendable): void {
  assertWithinDiscordLimits(payload);
  assertNoLiveMentions(payload);
}

/** Discord's autolinks (simple-markdown's `url` and `autolink` rules): formatting inside them is inert. */
const URL_AT = /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/y;
const ANGLE_LINK_AT = /<[^: >]+:\/[^ >]+>/y;

/**
 * The first Markdown that Discord would render in `text`, outside its autolinks: an unescaped `*`,
 * `_` or backtick (emphasis, underline, code), `~~` (strikethrough), `||` (spoiler) or `](` (masked
 * link). A backslash escapes the punctuation after it, as in Discord.
 */
function liveMarkdown(text: string): string | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\") {
      i += /[^0-9A-Za-z\s]/.test(text.charAt(i + 1)) ? 2 : 1;
      continue;
    }
    URL_AT.lastIndex = i;
    ANGLE_LINK_AT.lastIndex = i;
    const link = URL_AT.exec(text) ?? ANGLE_LINK_AT.exec(text);
    if (link) {
      i += link[0].length;
      continue;
    }
    const next = text.charAt(i + 1);
    if (c === "*" || c === "_" || c === "`") return `live ${c} at ${i}`;
    if ((c === "~" || c === "|") && next === c) return `live ${c}${c} at ${i}`;
    if (c === "]" && next === "(") return `live ]( at ${i}`;
    i++;
  }
  return undefined;
}

/**
 * Runs of a property. Shrinking a counterexample made of long strings can take minutes, so the whole
 * run is cut at 15 s (inside vitest's 20 s timeout): a failure is then reported half-shrunk.
 */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, interruptAfterTimeLimit: 15_000 };
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const MENTIONS = [
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
const MARKDOWN = [
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
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0000", "\u001b"];
const SPACING = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028"];
const PROSE = [
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
const piece = fc.constantFrom(...MENTIONS, ...MARKDOWN, ...INVISIBLE, ...SPACING, ...PROSE);

/** Cuts to at most `max` UTF-16 units without splitting a character. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max);
}

/** Short text anyone could write: any Unicode, or a mix of Markdown, mentions, invisibles and prose. */
function userText(maxLength = 40): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ unit: "grapheme", maxLength }),
      fc.string({ unit: "binary", maxLength }),
      fc.string({ unit: piece, maxLength }),
      fc.string({ unit: fc.oneof(piece, fc.string({ unit: "grapheme-ascii", maxLength: 8 })), maxLength }),
    )
    .map((s) => cap(s, maxLength * 4));
}

const word = fc.oneof(
  fc.constantFrom(...PROSE, "the", "of", "cartels", "military", "extradited", "fentanyl"),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }),
  piece,
);
const sentenceText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 30 }), fc.constantFrom(".", "!", "?", "", "…", ".\n"))
  .map(([words, end]) => `${words.join(" ")}${end}`);

/** Sentences, as articles have them. */
function prose(minSentences: number, maxSentences: number): fc.Arbitrary<string> {
  return fc.array(sentenceText, { minLength: minSentences, maxLength: maxSentences }).map((s) => s.join(" "));
}

/** Text up to `max` characters, often thousands: repeated user text, prose or a long mix. */
function longText(max = 6000): fc.Arbitrary<string> {
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

const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength, maxLength });
const version = hex(12, 12);
const slug = fc.oneof(
  fc
    .array(fc.stringMatching(/^[a-z0-9]{1,16}$/), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join("-")),
  // Long ones, as headlines make: "mexico-extradites-26-cartel-figures-to-the-us-after-a-deal".
  fc
    .array(fc.stringMatching(/^[a-z0-9]{2,12}$/), { minLength: 6, maxLength: 30 })
    .map((parts) => parts.join("-")),
);
const url = fc.oneof(
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
const published = fc.constantFrom("2025-08", "2025-08-14", "");

const KIND_LABEL: Record<BlockKind, string> = {
  paragraph: "paragraph",
  "key-point": "key point",
  source: "source",
};

const citation: fc.Arbitrary<Citation> = fc
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

const passage: fc.Arbitrary<Passage> = fc.record({
  id: fc.oneof(
    slug.map((s) => `${s}#p1`),
    fc.string(),
  ),
  text: longText(),
  citation,
});

const answerPassage: fc.Arbitrary<AnswerPassage> = fc
  .record({
    passage,
    score: fc.double({ min: 0, max: 100, noNaN: true }),
    coverage: fc.double({ min: 0, max: 1 }),
    confidence: fc.double({ min: 0, max: 1 }),
  })
  .map(({ passage: p, score, coverage, confidence }) => ({ ...p, score, coverage, confidence }));

/** Sorted, disjoint, non-empty `[start, end)` ranges of `text` that split no character. */
function highlightsOf(text: string, raw: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
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

const answerSentence = fc
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

const term = fc.oneof({ weight: 3, arbitrary: userText(40) }, { weight: 1, arbitrary: longText(800) });

const view = fc.record({ page: fc.integer({ min: 0, max: 5 }), private: fc.boolean(), version });

const designationRecord: fc.Arbitrary<DesignationRecord> = fc.record({
  as: fc.oneof(fc.constant("terrorist organisation"), longText(300)),
  authority: fc.option(userText(80), { nil: null }),
  date: fc.option(userText(40), { nil: null }),
  quote: longText(2000),
  passageId: fc.string(),
  citation,
});

const organisation: fc.Arbitrary<DesignatedOrganisation> = fc.record({
  name: longText(400),
  aliases: fc.array(longText(200), { maxLength: 12 }),
  citation,
  designations: fc.array(designationRecord, { maxLength: 4 }),
});

const outcome = fc.constantFrom<Answer["outcome"]>(
  "answered",
  "detail-missing",
  "not-covered",
  "small-talk",
  "designations",
  "sources",
  "other-language",
);

const articleSources: fc.Arbitrary<ArticleSources> = fc
  .record({
    docId: slug,
    title: longText(400),
    url: fc.option(url, { nil: null }),
    published,
    outlet: fc.option(userText(40), { nil: undefined }),
    sources: fc.array(longText(500), { maxLength: 8 }),
  })
  .map(({ outlet, ...rest }) => ({ ...rest, ...(outlet === undefined ? {} : { outlet }) }));

const answer: fc.Arbitrary<Answer> = fc
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
    const answered = o === "answered" || o === "designations" || o === "sources";
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

const counts: fc.Arbitrary<LibraryCounts> = fc.record({
  version,
  documents: fc.nat(100_000),
  passages: fc.nat(10_000_000),
  entities: fc.nat(100_000),
  designated: fc.nat(100_000),
});

const diagnostic: fc.Arbitrary<Diagnostic> = fc
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
function someOrHundreds<T>(item: fc.Arbitrary<T>, hundreds = 400): fc.Arbitrary<T[]> {
  return fc.oneof(fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 100, maxLength: hundreds }));
}

const snapshotState = fc.constantFrom<SnapshotState>("loaded", "written", "stale");
const milliseconds = fc.double({ min: 0, max: 1e7, noNaN: true });

const refreshSuccess: fc.Arbitrary<RefreshSuccess> = fc.record({
  ok: fc.constant(true as const),
  joined: fc.boolean(),
  milliseconds,
  by: userText(60),
  warnings: someOrHundreds(diagnostic),
  before: counts,
  after: counts,
  added: someOrHundreds(slug, 300),
  changed: someOrHundreds(slug, 300),
  removed: someOrHundreds(slug, 300),
  snapshot: snapshotState,
});

const refreshFailure: fc.Arbitrary<RefreshFailure> = fc.record({
  ok: fc.constant(false as const),
  joined: fc.boolean(),
  milliseconds,
  by: userText(60),
  warnings: someOrHundreds(diagnostic),
  errors: someOrHundreds(diagnostic),
  serving: counts,
});

const refresh: fc.Arbitrary<RefreshResult> = fc.oneof(refreshSuccess, refreshFailure);

const date = fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true });

const status: fc.Arbitrary<StorydeskStatus> = fc.record({
  counts,
  loadedAt: date,
  snapshot: fc.record({ state: snapshotState, file: fc.option(userText(200), { nil: null }) }),
  lastRefresh: fc.option(fc.record({ at: date, by: longText(3000), ok: fc.boolean() }), { nil: null }),
  refreshing: fc.boolean(),
});

/** A corpus of generated articles (as src/eval/qa-corpus.ts builds one), with designated organisations quoting them. */
const corpus: fc.Arbitrary<Corpus> = fc
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
function question(vocabulary: readonly string[]): fc.Arbitrary<string> {
  const words = vocabulary.length > 0 ? fc.constantFrom(...vocabulary) : word;
  return fc.oneof(
    userText(300).map((q) => cap(q, 300)),
    fc
      .array(fc.oneof({ weight: 3, arbitrary: words }, { weight: 1, arbitrary: piece }), { maxLength: 25 })
      .map((q) => cap(q.join(" "), 300)),
  );
}

const STORY_WORDS = [
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

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

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
        // Only a passage answer pages and shares; the designations, sources and help replies are whole.
        const paged = a.outcome === "answered";
        expect(actions.some((x) => x?.kind === "more")).toBe(
          paged && Math.min(v.page, pages - 1) + 1 < pages,
        );
        expect(actions.some((x) => x?.kind === "share")).toBe(paged && v.private);
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
      library = Library.build(await loadCorpus(fileURLToPath(new URL("../corpus", import.meta.url))));
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
      fc.property(status, fc.nat(Number.MAX_SAFE_INTEGER), (s, uptime) => {
        assertSafe(renderStatus(s, uptime));
      }),
      runs(300),
    );
  });
});

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
