/** The months by name, for telling a date from other words. */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Months as chat shortens them ("aug 2025"). Read as months only beside a number or after a word
 * that introduces a time, since some are also names ("Jan") or words ("APR").
 */
export const MONTH_ABBREVIATIONS: Readonly<Record<string, string>> = {
  jan: "January",
  feb: "February",
  mar: "March",
  apr: "April",
  jun: "June",
  jul: "July",
  aug: "August",
  sep: "September",
  sept: "September",
  oct: "October",
  nov: "November",
  dec: "December",
};
