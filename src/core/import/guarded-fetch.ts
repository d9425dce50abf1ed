import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Fetches a link a moderator gave, without letting it reach what only the bot's machine can reach:
 * http and https only; every address a name resolves to (checked when the connection is made, so a
 * second DNS answer cannot slip past the first check), and every redirect's, must be a public
 * unicast address unless the host is listed as allowed; and the response is cut off at a size, a
 * time and a number of redirects. Every refusal is a {@link FetchRefused} that says why, for the
 * moderator who gave the link.
 */

export interface FetchLimits {
  /** Largest body read, in bytes. */
  readonly maxBytes: number;
  /** Time for the whole fetch, redirects included, in milliseconds. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /**
   * Host names or addresses fetched even when they are private or local (URL_IMPORT_ALLOWED_HOSTS):
   * an intranet news site, or loopback in tests.
   */
  readonly allowedHosts: readonly string[];
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
  allowedHosts: [],
};

/** Why a fetch was refused or failed. */
export type FetchRefusal =
  | "scheme"
  | "address"
  | "redirects"
  | "size"
  | "time"
  | "type"
  | "status"
  | "network";

export class FetchRefused extends Error {
  constructor(
    readonly reason: FetchRefusal,
    message: string,
  ) {
    super(message);
    this.name = "FetchRefused";
  }
}

export interface Fetched {
  /** The URL the body came from, after redirects. */
  readonly url: string;
  /** The media type, lowercase, without parameters ("text/html"). */
  readonly contentType: string;
  readonly body: Buffer;
}

/** Says why a media type cannot be used (for the moderator), or undefined when it can. */
export type MediaCheck = (contentType: string, url: URL) => string | undefined;

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The bracket-free form of a URL's host, lowercase: `[::1]` → `::1`. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** Why an address may not be fetched, or undefined when it may: only public unicast addresses may. */
export function addressRefusal(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an address`;
  const range = ipaddr.process(address).range();
  return range === "unicast" ? undefined : `${address} is a ${range} address`;
}

/** A DNS lookup that fails for a name whose addresses include one that may not be fetched. */
function guardedLookup(allowed: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, "", 4);
        return;
      }
      if (!allowed.has(hostname.toLowerCase())) {
        for (const { address } of addresses) {
          const refusal = addressRefusal(address);
          if (refusal !== undefined && !allowed.has(address)) {
            callback(
              new FetchRefused(
                "address",
                `${hostname} resolves to a private or local address (${refusal}), which storydesk does not fetch.`,
              ),
              "",
              4,
            );
            return;
          }
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]?.address ?? "", addresses[0]?.family ?? 4);
    });
  };
}

function checkTarget(url: URL, allowed: ReadonlySet<string>): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefused(
      "scheme",
      `only http and https links can be imported, not ${url.protocol.replace(/:$/, "")}.`,
    );
  }
  const host = hostOf(url);
  // A literal address is connected to without a lookup: it is checked here.
  if (isIP(host) !== 0 && !allowed.has(host)) {
    const refusal = addressRefusal(host);
    if (refusal !== undefined) {
      throw new FetchRefused(
        "address",
        `the link points at a private or local address (${refusal}), which storydesk does not fetch.`,
      );
    }
  }
}

function get(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup,
        signal,
        headers: {
          "user-agent": "storydesk/0.1 (imports a news article a moderator linked)",
          accept: "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.1",
        },
      },
      resolve,
    );
    request.on("error", reject);
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new FetchRefused("size", `the page is larger than ${megabytes(maxBytes)}.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeFailure(cause: unknown, timedOut: boolean, timeoutMs: number): FetchRefused {
  if (cause instanceof FetchRefused) return cause;
  if (timedOut)
    return new FetchRefused("time", `the site did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
  return new FetchRefused("network", `the site could not be reached (${reason}).`);
}

/**
 * Fetches `link` under the limits, following redirects itself so that each one is checked.
 * @throws FetchRefused with the reason, for every refusal and failure.
 */
export async function fetchGuarded(link: string, accepts: MediaCheck, limits: FetchLimits): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FetchRefused("scheme", "that is not a link: give the full address, starting with https://.");
  }
  const allowed = new Set(limits.allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  const lookup = guardedLookup(allowed);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      checkTarget(url, allowed);
      const response = await get(url, lookup, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        if (redirects >= limits.maxRedirects) {
          throw new FetchRefused("redirects", `the link redirects more than ${limits.maxRedirects} times.`);
        }
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchRefused(
          "status",
          `${`the site answered ${status} ${response.statusMessage ?? ""}`.trim()}.`,
        );
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        response.destroy();
        throw new FetchRefused(
          "size",
          `the page is larger than ${megabytes(limits.maxBytes)} (${megabytes(declared)}).`,
        );
      }
      const contentType = (response.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const refusal = accepts(contentType, url);
      if (refusal !== undefined) {
        response.destroy();
        throw new FetchRefused("type", refusal);
      }
      return { url: url.href, contentType, body: await readBody(response, limits.maxBytes) };
    }
  } catch (cause) {
    throw describeFailure(cause, timedOut, limits.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** Accepts web pages only. */
export const HTML_ONLY: MediaCheck = (contentType) =>
  contentType === "text/html" || contentType === "application/xhtml+xml"
    ? undefined
    : `the link is not a web page (it is ${contentType || "of no stated type"}): give the link of the article's page.`;
