import { z } from "zod";

/** Zod schemas for values shared by articles and the entities file, with messages that say how to fix them. */

export const slug = z.string({ error: "must be text" }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error:
    "must be a slug: lowercase letters, digits and single hyphens, for example `mexico-rejects-us-troops`",
});

export const text = z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" });

/**
 * An optional field: left empty (`url:`, `url: ""`), it is absent, as a moderator filling in the
 * template means it, rather than an error.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value),
    schema.optional(),
  );
}

/** An optional list: left empty (`sources:`), it is the empty list. */
export function optionalList<T extends z.ZodType>(item: T, error: string) {
  return z.preprocess((value) => (value === null ? undefined : value), z.array(item, { error }).default([]));
}

export const httpUrl = z.string({ error: "must be text" }).refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  },
  { error: "must be an absolute http(s) link, for example https://example.com/story" },
);

/** A real calendar date, `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
export const isoDate = z
  .string({ error: "must be a date written YYYY-MM-DD (or YYYY-MM when only the month is known)" })
  .refine(isIsoDate, {
    error: "must be a real date written YYYY-MM-DD (or YYYY-MM when only the month is known)",
  });

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [
    Number(match[1]),
    Number(match[2]),
    match[3] === undefined ? 1 : Number(match[3]),
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Describes a zod issue for a moderator: which field, what is wrong, and the value that was given. */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const field = issue.path.map((p) => (typeof p === "number" ? `[${p + 1}]` : `.${String(p)}`)).join("");
  const name = `\`${field.replace(/^\./, "")}\``;
  if (value === undefined && issue.code === "invalid_type") return `${name} is missing: add it.`;
  const shown =
    typeof value === "string" || typeof value === "number" ? ` (got ${JSON.stringify(value)})` : "";
  return `${name} ${issue.message}${shown}.`;
}

/** Reads the value at a zod issue's path, for quoting it back in the message. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
