import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/core/corpus/article.ts";
import { articleMarkdown } from "../../../src/core/corpus/write-article.ts";
import { idForTitle } from "../../../src/core/import/article-id.ts";
import {
  addressRefusal,
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  FetchRefused,
} from "../../../src/core/import/guarded-fetch.ts";
import { corpusDate } from "../../../src/core/import/html-article.ts";
import { fetchArticleFile, importFromLink } from "../../../src/core/import/import-article.ts";
import { newsPage, WebServer } from "../../support/web-server.ts";

/**
 * Importing an article from a link or an attached file, against a real web server on loopback:
 * what the guard refuses and why, and what a page becomes in the corpus format.
 */

const PARAGRAPHS = [
  "Dockworkers at Valdor port voted on Saturday to end a three-week strike that had stopped most container traffic along the coast.",
  "The union said 84% of members backed the deal, which raises pay by 9% over two years, and that ships would berth again from Monday.",
  "Port managers said the backlog of 40,000 containers would take a month to clear, and thanked customers for their patience.",
];

let web: WebServer;
/** Loopback allowed, as URL_IMPORT_ALLOWED_HOSTS=127.0.0.1 allows it. */
let limits: FetchLimits;

beforeAll(async () => {
  web = await WebServer.start();
  limits = { ...DEFAULT_FETCH_LIMITS, allowedHosts: ["127.0.0.1"], timeoutMs: 1_500, maxBytes: 200_000 };
  web
    .serve("/news/port-strike", {
      body: newsPage({
        title: "Dockworkers end three-week strike",
        paragraphs: PARAGRAPHS,
        published: "2025-09-14T08:30:00+02:00",
        site: "Valdor Herald",
      }),
    })
    .serve("/news/undated", { body: newsPage({ title: "A story without a date", paragraphs: PARAGRAPHS }) })
    .serve("/moved", { status: 301, headers: { location: "/news/port-strike" } })
    .serve("/loop", { status: 302, headers: { location: "/loop" } })
    .serve("/to-private", { status: 302, headers: { location: "http://10.0.0.7/secret" } })
    .serve("/to-file", { status: 302, headers: { location: "file:///etc/passwd" } })
    .serve("/report.pdf", { headers: { "content-type": "application/pdf" }, body: "%PDF-1.7" })
    .serve("/huge", { body: `<p>${"word ".repeat(100_000)}</p>` })
    .serve("/huge-declared", (_request, response) => {
      response.writeHead(200, { "content-type": "text/html", "content-length": "5000000" });
      response.write("<p>");
    })
    .serve("/slow", () => {
      // Never answers.
    })
    .serve("/gone", { status: 410, body: "gone" })
    .serve("/empty", { body: "<html><body></body></html>" })
    .serve("/files/article.md", { headers: { "content-type": "text/markdown" }, body: "---\nid: a\n---\n" })
    .serve("/files/latin1.md", {
      headers: { "content-type": "text/plain" },
      body: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
});

afterAll(async () => {
  await web.stop();
});

async function refusal(work: Promise<unknown>): Promise<FetchRefused> {
  const error = await work.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  if (!(error instanceof FetchRefused)) throw new Error(`expected a FetchRefused, got ${String(error)}`);
  return error;
}

describe("importing a link", () => {
  it("turns a news page into an article in the corpus format: title, date, outlet, link and paragraphs only", async () => {
    const markdown = await importFromLink(web.url("/moved"), limits, new Set());
    const { article, diagnostics } = parseArticle("imported.md", markdown);
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      id: "dockworkers-end-three-week-strike",
      title: "Dockworkers end three-week strike",
      published: "2025-09-14",
      outlet: "Valdor Herald",
      url: web.url("/news/port-strike"),
    });
    expect(article?.blocks.map((b) => b.text)).toEqual(PARAGRAPHS);
  });

  it("leaves the date empty for the check to report when the page states none", async () => {
    const { article, diagnostics } = parseArticle(
      "a.md",
      await importFromLink(web.url("/news/undated"), limits, new Set()),
    );
    expect(article).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/`published`/)]);
  });

  it("gives the article an id no other article has", async () => {
    const markdown = await importFromLink(
      web.url("/news/port-strike"),
      limits,
      new Set(["dockworkers-end-three-week-strike"]),
    );
    expect(parseArticle("a.md", markdown).article?.id).toBe("dockworkers-end-three-week-strike-2");
  });

  it.each<[string, () => string, FetchLimits | undefined, string, RegExp]>([
    ["another scheme", () => "ftp://files.example/story", undefined, "scheme", /only http and https/],
    ["no link at all", () => "the strike story", undefined, "scheme", /not a link/],
    [
      "a literal loopback address",
      () => web.url("/news/port-strike"),
      { ...DEFAULT_FETCH_LIMITS },
      "address",
      /127\.0\.0\.1 is a loopback address/,
    ],
    [
      "a name that resolves to loopback",
      () => web.url("/news/port-strike", "localhost"),
      { ...DEFAULT_FETCH_LIMITS },
      "address",
      /localhost resolves to a private or local address/,
    ],
    [
      "a redirect to a private address",
      () => web.url("/to-private"),
      undefined,
      "address",
      /10\.0\.0\.7 is a private address/,
    ],
    [
      "a redirect to a file",
      () => web.url("/to-file"),
      undefined,
      "scheme",
      /only http and https links can be imported, not file/,
    ],
    ["too many redirects", () => web.url("/loop"), undefined, "redirects", /redirects more than 5 times/],
    ["a page over the size limit", () => web.url("/huge"), undefined, "size", /larger than 0\.2 MB/],
    [
      "a page declared over the size limit",
      () => web.url("/huge-declared"),
      undefined,
      "size",
      /larger than 0\.2 MB \(4\.8 MB\)/,
    ],
    [
      "a site that does not answer in time",
      () => web.url("/slow"),
      undefined,
      "time",
      /did not answer within 2 s/,
    ],
    [
      "a file that is not a web page",
      () => web.url("/report.pdf"),
      undefined,
      "type",
      /not a web page \(it is application\/pdf\)/,
    ],
    ["an error status", () => web.url("/gone"), undefined, "status", /answered 410 Gone/],
    ["a page without an article", () => web.url("/empty"), undefined, "type", /no article text was found/],
    [
      "a site that cannot be reached",
      () => "http://no-such-host.invalid/story",
      undefined,
      "network",
      /could not be reached \((ENOTFOUND|EAI_AGAIN)\)/,
    ],
  ])("refuses %s, saying why", async (_name, link, own, reason, message) => {
    const error = await refusal(importFromLink(link(), own ?? limits, new Set()));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it("fetches a name listed as allowed even when it resolves to loopback", async () => {
    const markdown = await importFromLink(
      web.url("/news/port-strike", "localhost"),
      { ...limits, allowedHosts: ["localhost"] },
      new Set(),
    );
    expect(markdown).toContain("title: Dockworkers end three-week strike");
  });
});

describe("fetching an attached file", () => {
  it("reads a Markdown file, and refuses one that is not UTF-8 or not text", async () => {
    expect(await fetchArticleFile(web.url("/files/article.md"), limits)).toBe("---\nid: a\n---\n");
    expect((await refusal(fetchArticleFile(web.url("/files/latin1.md"), limits))).message).toMatch(
      /not UTF-8/,
    );
    expect((await refusal(fetchArticleFile(web.url("/report.pdf"), limits))).message).toMatch(
      /not a Markdown article/,
    );
  });
});

describe("the pieces", () => {
  it.each([
    ["8.8.8.8", undefined],
    ["2606:4700:4700::1111", undefined],
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["192.168.0.1", "private"],
    ["172.16.5.4", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["::1", "loopback"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["::ffff:127.0.0.1", "loopback"],
  ])("classifies %s", (address, range) => {
    const refusal = addressRefusal(address);
    if (range === undefined) expect(refusal).toBeUndefined();
    else expect(refusal).toContain(`a ${range} address`);
  });

  it.each([
    ["2025-09-14T08:30:00+02:00", "2025-09-14"],
    ["2025-09", "2025-09"],
    ["Sun, 14 Sep 2025 08:30:00 GMT", "2025-09-14"],
    ["soon", undefined],
  ])("reads the date %s as %s", (value, date) => {
    expect(corpusDate(value)).toBe(date);
  });

  it("makes ids of titles, short and unique", () => {
    expect(idForTitle("Sheinbaum: «No U.S. troops» in México!", new Set())).toBe(
      "sheinbaum-no-u-s-troops-in-mexico",
    );
    expect(idForTitle("!!!", new Set())).toBe("article");
    expect(idForTitle("a ".repeat(80), new Set()).length).toBeLessThanOrEqual(60);
  });

  it("writes any title and paragraphs as an article that reads back the same", () => {
    const text = fc.string({
      minLength: 1,
      maxLength: 80,
      unit: fc.constantFrom(..."ab *_#>-+1.`[]<>|~:'\"\\é\n&;!="),
    });
    fc.assert(
      fc.property(
        text.filter((t) => t.replace(/\s+/g, " ").trim() !== ""),
        fc.array(
          text.filter((t) => t.replace(/\s+/g, " ").trim() !== ""),
          { minLength: 1, maxLength: 4 },
        ),
        (title, paragraphs) => {
          const clean = (t: string) => t.replace(/\s+/g, " ").trim();
          const { article, diagnostics } = parseArticle(
            "a.md",
            articleMarkdown({
              id: "a",
              title: clean(title),
              published: "2025-09-14",
              paragraphs: paragraphs.map(clean),
            }),
          );
          expect(diagnostics).toEqual([]);
          expect(article?.title).toBe(clean(title));
          expect(article?.blocks.map((b) => b.text)).toEqual(paragraphs.map(clean));
        },
      ),
      { numRuns: 300 },
    );
  });
});
