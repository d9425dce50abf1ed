import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A page as a test serves it: a status, headers and a body, or a handler of its own. */
export type Page =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly body?: string | Buffer }
  | ((request: IncomingMessage, response: ServerResponse) => void);

/**
 * A web server on loopback for tests of imports: pages by path, set and changed by the test, and
 * the paths requested, in order.
 */
export class WebServer {
  readonly requested: string[] = [];
  private readonly pages = new Map<string, Page>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    server.on("request", (request, response) => {
      const url = request.url ?? "/";
      this.requested.push(url);
      const page = this.pages.get(url.split("?")[0] ?? url);
      if (!page) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      if (typeof page === "function") {
        page(request, response);
        return;
      }
      response.writeHead(page.status ?? 200, { "content-type": "text/html; charset=utf-8", ...page.headers });
      response.end(page.body ?? "");
    });
  }

  static async start(): Promise<WebServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no TCP port");
    return new WebServer(server, address.port);
  }

  /** The URL of a path on this server, by address (`127.0.0.1`) or by name (`localhost`). */
  url(path: string, host = "127.0.0.1"): string {
    return `http://${host}:${this.port}${path}`;
  }

  serve(path: string, page: Page): this {
    this.pages.set(path, page);
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A news article's page, with its metadata in JSON-LD and Open Graph as news sites publish it. */
export function newsPage(options: {
  title: string;
  paragraphs: readonly string[];
  published?: string;
  site?: string;
}): string {
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: options.title,
    ...(options.published ? { datePublished: options.published } : {}),
    ...(options.site ? { publisher: { "@type": "Organization", name: options.site } } : {}),
  };
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${options.title} | ${options.site ?? "News"}</title>
<meta property="og:title" content="${options.title}">
${options.site ? `<meta property="og:site_name" content="${options.site}">` : ""}
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<script>document.write("scripts never run")</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>${options.title}</h1>
${options.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article>
<aside><p>Sign up for our newsletter.</p></aside>
<footer><p>© News Inc.</p></footer>
</body></html>`;
}
