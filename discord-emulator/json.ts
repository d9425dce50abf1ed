import type { JsonObject } from "./types.ts";

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Length in Unicode code points, as Discord counts characters. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
