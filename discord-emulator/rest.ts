import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION } from "./constants.ts";
import { ApiError, Errors } from "./errors.ts";
import { elideTokens, type RestReply, type Router, readBody, requestLabel, sendJson } from "./http.ts";
import type { RequestRecord, RestFault, Violation } from "./types.ts";

const PREFIX = `/api/v${API_VERSION}`;

/**
 * Serves REST requests: routes them, checks bot authentication, turns `ApiError`s into Discord's error
 * responses and records every rule they broke; logs every request.
 */
export class RestApi {
  readonly requests: RequestRecord[] = [];
  /** Faults to inject, with how many requests each still affects. */
  readonly #faults: Array<{ fault: RestFault; left: number }> = [];
  /** Responses held open by `hang` faults, ended when the faults are cleared. */
  readonly #hanging = new Set<ServerResponse>();
  readonly #router: Router;
  readonly #token: string;
  readonly #violate: (violation: Violation) => void;

  constructor(router: Router, token: string, violate: (violation: Violation) => void) {
    this.#router = router;
    this.#token = token;
    this.#violate = violate;
  }

  /** Injects a fault into the requests it matches, until {@link clearFaults}. */
  injectFault(fault: RestFault): void {
    this.#faults.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every fault, and ends the requests held open (as a closed connection). */
  clearFaults(): void {
    this.#faults.length = 0;
    for (const response of this.#hanging) response.destroy();
    this.#hanging.clear();
  }

  #takeFault(method: string, path: string): RestFault | undefined {
    const entry = this.#faults.find((f) => f.left > 0 && f.fault.match(method, path));
    if (entry) entry.left--;
    return entry?.fault;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const path = url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const label = requestLabel(method, path);
    const fault = this.#takeFault(method, path);
    if (fault?.kind === "hang") {
      this.#hanging.add(response);
      response.on("close", () => this.#hanging.delete(response));
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    let body: unknown;
    let reply: RestReply;
    try {
      const parsed = await readBody(request, label);
      body = parsed.body;
      reply =
        fault?.kind === "instead"
          ? { status: 0, body: undefined }
          : await this.#route(url, method, path, label, request.headers.authorization, parsed);
    } catch (error) {
      reply = this.#failure(error, label);
    }
    if (fault && fault.kind !== "delay") {
      const status = fault.status ?? 502;
      reply = { status, body: { message: `${status}: injected by the test`, code: 0 } };
    }
    this.requests.push({
      method,
      path: elideTokens(url.pathname),
      query: url.search,
      status: reply.status,
      body,
    });
    sendJson(response, reply);
  }

  async #route(
    url: URL,
    method: string,
    path: string,
    label: string,
    authorization: string | undefined,
    parsed: Awaited<ReturnType<typeof readBody>>,
  ): Promise<RestReply> {
    if (!url.pathname.startsWith(`${PREFIX}/`))
      throw Errors.notFound(`${label}: the emulator serves API v${API_VERSION} under ${PREFIX} only`);
    const match = this.#router.match(method, path);
    if (match.kind === "none") throw Errors.notFound(`${label}: the emulator does not serve this route`);
    if (match.kind === "wrong-method")
      throw Errors.methodNotAllowed(`${label}: the route exists, but not for ${method}`);
    if (match.route.auth === "bot" && authorization !== `Bot ${this.#token}`)
      throw Errors.unauthorized(
        `${label}: ${authorization === undefined ? "no Authorization header" : "the Authorization header does not carry the bot's token"}`,
      );
    const request = {
      method,
      path,
      query: url.searchParams,
      authorization,
      body: parsed.body,
      files: parsed.files,
      label,
    };
    return match.route.handler(request, match.params);
  }

  #failure(error: unknown, label: string): RestReply {
    if (error instanceof ApiError) {
      for (const breach of error.breaches)
        this.#violate({
          rule: breach.rule,
          description: breach.description.startsWith(label)
            ? breach.description
            : `${label}: ${breach.description}`,
          request: label,
          status: error.status,
          code: error.body.code,
          ...(error.interactionId === undefined ? {} : { interactionId: error.interactionId }),
        });
      return { status: error.status, body: error.body };
    }
    const description = `${label}: the emulator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    this.#violate({ rule: "emulator.error", description, request: label, status: 500 });
    return { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
  }
}
