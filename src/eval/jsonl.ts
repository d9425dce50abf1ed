import { readFile } from "node:fs/promises";
import type { z } from "zod";

/** Reads a JSONL file, validating each line; errors name the file and line. */
export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(file, "utf8");
  const rows: T[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid row"}`);
    rows.push(parsed.data);
  });
  return rows;
}
