import { type FetchLimits, FetchRefused, fetchGuarded, HTML_ONLY, type MediaCheck } from "./guarded-fetch.ts";

/**
 * Fetches a news article's page (guarded: see fetchGuarded) and turns it into an article in the
 * corpus format, for a moderator to check before it is added. A page without a date gets an empty
 * `published:`, which the check reports.
 *
 * @throws FetchRefused when the page cannot be fetched, or holds no article.
 */
export async function importFromLink(
  link: string,
  limits: FetchLimits,
  takenIds: ReadonlySet<string>,
): Promise<string> {
  const page = await fetchGuarded(link, HTML_ONLY, limits);
  // jsdom and Readability take half a second to load: only when a link is imported.
  const [{ articleFromHtml }, { articleMarkdown }, { idForTitle }] = await Promise.all([
    import("./html-article.ts"),
    import("../corpus/write-article.ts"),
    import("./article-id.ts"),
  ]);
  const article = articleFromHtml(page.body.toString("utf8"), page.url);
  if (!article) {
    throw new FetchRefused(
      "type",
      "no article text was found on that page: attach the article as a Markdown file instead.",
    );
  }
  return articleMarkdown({
    id: idForTitle(article.title, takenIds),
    title: article.title,
    url: article.url,
    paragraphs: article.paragraphs,
    ...(article.published === undefined ? {} : { published: article.published }),
    ...(article.outlet === undefined ? {} : { outlet: article.outlet }),
  });
}

/** Markdown or plain text, as Discord labels an attached `.md` file (or does not label it). */
const MARKDOWN_FILE: MediaCheck = (contentType, url) => {
  if (["text/markdown", "text/x-markdown", "text/plain"].includes(contentType)) return undefined;
  if ((contentType === "" || contentType === "application/octet-stream") && url.pathname.endsWith(".md")) {
    return undefined;
  }
  return `the file is not a Markdown article (it is ${contentType || "of no stated type"}): attach a .md file in the corpus format.`;
};

/**
 * Downloads an attached article file (Discord's CDN link), under the same guard and limits.
 * @throws FetchRefused when it cannot be fetched, is not text, or is not UTF-8.
 */
export async function fetchArticleFile(link: string, limits: FetchLimits): Promise<string> {
  const file = await fetchGuarded(link, MARKDOWN_FILE, limits);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(file.body).replace(/^\uFEFF/, "");
  } catch {
    throw new FetchRefused("type", "the file is not UTF-8 text: save it again with UTF-8 encoding.");
  }
}
