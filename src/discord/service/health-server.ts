import { createServer, type Server } from "node:http";

/** Metrics as Prometheus reads them. */
export interface Scraped {
  readonly contentType: string;
  readonly text: string;
}

/** Whether the bot can answer: a corpus loaded and the gateway connected; if not, why. */
export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The operator's endpoint (METRICS_PORT): `/healthz` answers 200 when the bot is ready and 503 with
 * the reason when it is not, `/metrics` the Prometheus metrics. Nothing else, and no secret.
 */
export async function startHealthServer(options: {
  port: number;
  host: string;
  scrape: () => Promise<Scraped>;
  readiness: () => Readiness | Promise<Readiness>;
}): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      Promise.resolve(options.readiness()).then(
        (state) =>
          response
            .writeHead(state.ready ? 200 : 503, { "content-type": "application/json" })
            .end(
              JSON.stringify(
                state.ready ? { status: "ready" } : { status: "not ready", reason: state.reason },
              ),
            ),
        () => response.writeHead(500).end(),
      );
      return;
    }
    if (path === "/metrics") {
      options.scrape().then(
        (scraped) => response.writeHead(200, { "content-type": scraped.contentType }).end(scraped.text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found: try /healthz or /metrics\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
