/** Number and table formatting for the Markdown report. */

/** Milliseconds: two decimals under 10, one under 100, whole above (with thousands separators). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString("en-US");
}

export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—";
}

export function mib(bytes: number): string {
  if (!Number.isFinite(bytes)) return "—";
  const value = bytes / 2 ** 20;
  return value < 10
    ? value.toFixed(2)
    : value < 100
      ? value.toFixed(1)
      : Math.round(value).toLocaleString("en-US");
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
}

/** "median of 3 after 1 warm-up" in short: "3+1w". */
export function runs(r: { runs: number; warmups: number }): string {
  return r.warmups > 0 ? `${r.runs} (+${r.warmups}w)` : `${r.runs} (no w)`;
}

/** A Markdown table; columns whose header starts with ">" are right-aligned. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const right = headers.map((h) => h.startsWith(">"));
  const names = headers.map((h) => (h.startsWith(">") ? h.slice(1) : h));
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length), 3));
  const pad = (text: string, i: number) =>
    right[i] ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number);
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, i)).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(names), rule, ...rows.map(line)].join("\n");
}
