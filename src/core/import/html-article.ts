import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";

/** An article read from a web page: what the corpus format needs, before the moderator checks it. */
export interface ImportedArticle {
  readonly title: string;
  /** The page's publication date, `YYYY-MM-DD` (or `YYYY-MM`), when it states one. */
  readonly published?: string;
  /** The site's name, when the page states one. */
  readonly outlet?: string;
  readonly url: string;
  readonly paragraphs: readonly string[];
}

/** Dates in the page's `<meta>` tags beyond the ones Readability reads (JSON-LD, Open Graph, Parse.ly). */
const DATE_SELECTORS = [
  'meta[name="dc.date" i]',
  'meta[name="dc.date.issued" i]',
  'meta[name="dcterms.date" i]',
  'meta[name="date" i]',
  'meta[name="pubdate" i]',
  'meta[name="publish-date" i]',
  'meta[itemprop="datePublished"]',
  "time[datetime]",
];

/** A date as the corpus writes it: the calendar date a timestamp starts with, as the site wrote it. */
export function corpusDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const written = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (written)
    return written[3] === undefined
      ? `${written[1]}-${written[2]}`
      : `${written[1]}-${written[2]}-${written[3]}`;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().slice(0, 10);
}

function clean(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Blocks of the article's text: paragraphs and quotes, in order, each once. */
const PARAGRAPHS = "p, blockquote";

/**
 * Extracts the article of a web page with Mozilla's Readability (the engine of Firefox's reader
 * view) on a server-side DOM (jsdom, which runs no script of the page and loads nothing), and its
 * title, date and site from the page's metadata.
 */
export function articleFromHtml(html: string, url: string): ImportedArticle | undefined {
  const { document } = new JSDOM(html, { url }).window;
  let fallbackDate: string | undefined;
  for (const selector of DATE_SELECTORS) {
    const element = document.querySelector(selector);
    fallbackDate = corpusDate(element?.getAttribute("content") ?? element?.getAttribute("datetime"));
    if (fallbackDate) break;
  }
  const parsed = new Readability(document, { serializer: (node) => node }).parse();
  if (!parsed?.content) return undefined;
  const root = parsed.content as unknown as Element;
  const paragraphs: string[] = [];
  for (const block of root.querySelectorAll(PARAGRAPHS)) {
    // A quote holding paragraphs is read through them.
    if (block.tagName === "BLOCKQUOTE" && block.querySelector("p")) continue;
    const text = clean(block.textContent);
    if (text.length > 0) paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    const text = clean(parsed.textContent);
    if (text) paragraphs.push(text);
  }
  const title = clean(parsed.title);
  if (!title || paragraphs.length === 0) return undefined;
  const published = corpusDate(parsed.publishedTime) ?? fallbackDate;
  const outlet = clean(parsed.siteName);
  return {
    title,
    url,
    paragraphs,
    ...(published === undefined ? {} : { published }),
    ...(outlet ? { outlet } : {}),
  };
}
