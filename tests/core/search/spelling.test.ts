import { describe, expect, it } from "vitest";
import { encodeWordCounts, Speller } from "../../../src/core/search/spelling.ts";

/** Many distinct made-up words, so that the background build takes several slices. */
function manyWords(n: number): Map<string, number> {
  const words = new Map<string, number>();
  const letters = (i: number) =>
    [...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join("");
  for (let i = 0; i < n; i++) words.set(`w${letters(i)}zz`, 1 + (i % 7));
  return words;
}

describe("spelling suggestions", () => {
  it("suggest the closest corpus word, the more frequent one on a tie", () => {
    const speller = new Speller(
      encodeWordCounts(
        new Map([
          ["sheinbaum", 5],
          ["election", 3],
          ["elections", 9],
        ]),
      ),
    );
    expect(speller.suggest("sheinbam")).toBe("sheinbaum");
    expect(speller.suggest("electoins")).toBe("elections");
    expect(speller.suggest("tariffs")).toBeUndefined();
  });

  it("skip damaged lines of a stored list instead of failing", () => {
    const speller = new Speller('sheinbaum\t3\n{"mexico": oops}\nmexico\tmany\n\t4\nelection\t2');
    expect(speller.suggest("sheinbam")).toBe("sheinbaum");
    expect(speller.suggest("mexica")).toBeUndefined();
    expect(speller.suggest("electoin")).toBe("election");
  });

  it("are built in slices that let other work run between them", async () => {
    const speller = new Speller(encodeWordCounts(manyWords(10_000)));
    const order: string[] = [];
    const prepared = speller.prepare().then(() => order.push("prepared"));
    setImmediate(() => order.push("other work"));
    await prepared;
    expect(order).toEqual(["other work", "prepared"]);
    const last = [...speller.list.matchAll(/^(\w+)\t/gm)].at(-1)?.[1] as string;
    expect(speller.suggest(`${last}q`)).toBe(last);
  });

  it("are complete when asked for before the background build is done, or after it was stopped", async () => {
    const words = manyWords(10_000);
    const stopped = new AbortController();
    stopped.abort();
    const speller = new Speller(encodeWordCounts(words));
    await speller.prepare(stopped.signal);
    const last = [...words.keys()].at(-1) as string;
    expect(speller.suggest(`${last}q`)).toBe(last);
  });
});
