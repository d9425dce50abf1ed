import { ErrorCode } from "./constants.ts";
import type { JsonObject } from "./types.ts";

/** One broken rule: a stable id and a readable description. */
export interface Breach {
  readonly rule: string;
  readonly description: string;
}

export type FieldPath = readonly (string | number)[];

interface FieldError {
  readonly path: FieldPath;
  readonly rule: string;
  readonly code: string;
  readonly message: string;
}

/** `data.embeds[0].fields`, as discord.js prints paths. */
export function formatPath(path: FieldPath): string {
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}

class ErrorNode {
  readonly errors: { code: string; message: string }[] = [];
  readonly children = new Map<string, ErrorNode>();

  toJSON(): JsonObject {
    const json: JsonObject = {};
    for (const [key, child] of this.children) json[key] = child.toJSON();
    if (this.errors.length > 0) json._errors = this.errors;
    return json;
  }
}

/** Collects field errors and renders them as Discord's nested `errors` object of a 50035 response. */
export class FormErrors {
  readonly #list: FieldError[] = [];

  /** Adds an error at `path`; `code`/`message` are Discord's (e.g. BASE_TYPE_MAX_LENGTH). */
  add(path: FieldPath, rule: string, code: string, message: string): void {
    this.#list.push({ path, rule, code, message });
  }

  maxLength(path: FieldPath, rule: string, max: number): void {
    this.add(path, rule, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  badLength(path: FieldPath, rule: string, min: number, max: number): void {
    this.add(path, rule, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  }

  required(path: FieldPath, rule: string): void {
    this.add(path, rule, "BASE_TYPE_REQUIRED", "This field is required");
  }

  wrongType(path: FieldPath, rule: string, expected: string): void {
    this.add(path, rule, "MODEL_TYPE_CONVERT", `Must be ${expected}.`);
  }

  get empty(): boolean {
    return this.#list.length === 0;
  }

  breaches(): Breach[] {
    return this.#list.map((e) => ({
      rule: e.rule,
      description: `${formatPath(e.path)}: ${e.message} (${e.code})`,
    }));
  }

  toJSON(): JsonObject {
    const root = new ErrorNode();
    for (const error of this.#list) {
      let node = root;
      for (const seg of error.path) {
        const key = String(seg);
        let child = node.children.get(key);
        if (!child) {
          child = new ErrorNode();
          node.children.set(key, child);
        }
        node = child;
      }
      node.errors.push({ code: error.code, message: error.message });
    }
    return root.toJSON();
  }
}

export interface ErrorBody {
  readonly message: string;
  readonly code: number;
  readonly errors?: JsonObject;
}

/** A Discord error response, with the rules that the request broke. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly breaches: readonly Breach[];
  /** The interaction the failed request concerned, when known. */
  interactionId: string | undefined;

  constructor(status: number, body: ErrorBody, breaches: readonly Breach[]) {
    super(`${status} ${body.message} (${body.code})`);
    this.status = status;
    this.body = body;
    this.breaches = breaches;
  }
}

function error(status: number, code: number, message: string, rule: string, description: string): ApiError {
  return new ApiError(status, { message, code }, [{ rule, description }]);
}

/** The errors Discord answers with, by situation. */
export const Errors = {
  unauthorized: (description: string) =>
    error(401, ErrorCode.General, "401: Unauthorized", "auth.unauthorized", description),
  notFound: (description: string) =>
    error(404, ErrorCode.General, "404: Not Found", "route.unknown", description),
  methodNotAllowed: (description: string) =>
    error(405, ErrorCode.General, "405: Method Not Allowed", "route.unknown", description),
  unknownChannel: (description: string) =>
    error(404, ErrorCode.UnknownChannel, "Unknown Channel", "channel.unknown", description),
  unknownInteraction: (rule: string, description: string) =>
    error(404, ErrorCode.UnknownInteraction, "Unknown interaction", rule, description),
  alreadyAcknowledged: (description: string) =>
    error(
      400,
      ErrorCode.AlreadyAcknowledged,
      "Interaction has already been acknowledged.",
      "interaction.already-acknowledged",
      description,
    ),
  unknownWebhook: (rule: string, description: string) =>
    error(404, ErrorCode.UnknownWebhook, "Unknown Webhook", rule, description),
  invalidWebhookToken: (rule: string, description: string) =>
    error(401, ErrorCode.InvalidWebhookToken, "Invalid Webhook Token", rule, description),
  unknownMessage: (description: string) =>
    error(404, ErrorCode.UnknownMessage, "Unknown Message", "message.unknown", description),
  emptyMessage: (description: string) =>
    error(
      400,
      ErrorCode.CannotSendEmptyMessage,
      "Cannot send an empty message",
      "message.empty",
      description,
    ),
  missingAccess: (description: string) =>
    error(403, ErrorCode.MissingAccess, "Missing Access", "auth.missing-access", description),
  invalidJson: (description: string) =>
    error(
      400,
      ErrorCode.InvalidJson,
      "The request body contains invalid JSON.",
      "request.invalid-json",
      description,
    ),
  invalidForm: (errors: FormErrors) =>
    new ApiError(
      400,
      { message: "Invalid Form Body", code: ErrorCode.InvalidFormBody, errors: errors.toJSON() },
      errors.breaches(),
    ),
};
