import type { IncomingMessage, ServerResponse } from "node:http";
import { Errors, FormErrors } from "./errors.ts";
import { isObject } from "./json.ts";
import type { AttachmentInfo, JsonObject } from "./types.ts";

/** A REST request below `/api/v10`, with its body parsed. */
export interface RestRequest {
  readonly method: string;
  /** e.g. `/interactions/123/abc/callback` */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  /** The JSON body, or a multipart body's `payload_json`; undefined when there is none. */
  readonly body: unknown;
  /** Files of a multipart body. */
  readonly files: readonly AttachmentInfo[];
  /** `METHOD /path` with interaction tokens elided, for violations and logs. */
  readonly label: string;
}

export interface RestReply {
  readonly status: number;
  /** JSON to send; absent for 204. */
  readonly body?: unknown;
}

export type Params = Readonly<Record<string, string>>;
export type Handler = (request: RestRequest, params: Params) => RestReply | Promise<RestReply>;
/** "bot": needs `Authorization: Bot <token>`; "none": public, or authenticated by an interaction token in the path. */
export type AuthKind = "bot" | "none";

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
  readonly auth: AuthKind;
}

export type RouteMatch =
  | { readonly kind: "found"; readonly route: Route; readonly params: Params }
  | { readonly kind: "wrong-method" }
  | { readonly kind: "none" };

/** Matches `METHOD /a/:param/b` patterns. */
export class Router {
  readonly #routes: Route[] = [];

  on(method: string, pattern: string, auth: AuthKind, handler: Handler): void {
    this.#routes.push({ method, segments: pattern.split("/").filter(Boolean), handler, auth });
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split("/").filter(Boolean);
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      return { kind: "found", route, params };
    }
    return pathMatched ? { kind: "wrong-method" } : { kind: "none" };
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, seg] of pattern.entries()) {
    const part = decode(parts[i] ?? "");
    if (seg.startsWith(":")) params[seg.slice(1)] = part;
    else if (seg !== part) return null;
  }
  return params;
}

/** The path with long segments (interaction tokens) elided. */
export function elideTokens(path: string): string {
  return path
    .split("/")
    .map((seg) => (seg.length > 40 ? "…" : seg))
    .join("/");
}

/** `METHOD /path`, tokens elided. */
export function requestLabel(method: string, path: string): string {
  return `${method} ${elideTokens(path)}`;
}

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Parses a JSON or multipart (`payload_json` + files) body. */
export async function readBody(
  request: IncomingMessage,
  label: string,
): Promise<{ body: unknown; files: AttachmentInfo[] }> {
  const bytes = await readBytes(request);
  if (bytes.length === 0) return { body: undefined, files: [] };
  const contentType = request.headers["content-type"] ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType },
    }).formData();
    let body: unknown;
    const files: AttachmentInfo[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = parseJson(value, label);
      } else {
        files.push({
          id: String(files.length),
          filename: value.name,
          size: value.size,
          content_type: value.type,
        });
      }
    }
    return { body, files };
  }
  return { body: parseJson(bytes.toString("utf8"), label), files: [] };
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw Errors.invalidJson(`${label}: the body is not valid JSON`);
  }
}

export function sendJson(response: ServerResponse, reply: RestReply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    })
    .end(text);
}

/** The request's body, which must be a JSON object (Discord answers 50035 otherwise). */
export function jsonObjectBody(request: RestRequest): JsonObject {
  if (isObject(request.body)) return request.body;
  const errors = new FormErrors();
  errors.wrongType([], "request.body.type", "a JSON object");
  throw Errors.invalidForm(errors);
}
