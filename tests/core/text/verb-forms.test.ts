import { describe, expect, it } from "vitest";
import { isGerund, verbForms } from "../../../src/core/text/verb-forms.ts";

describe("verbForms", () => {
  it.each([
    ["fly", ["flew", "flown"]],
    ["flew", ["fly", "flown"]],
    ["paid", ["pay", "paying"]],
    ["sued", ["sue", "suing"]],
    ["won", ["win"]],
  ])("%s has the forms %j among its own", (word, forms) => {
    expect(verbForms(word)).toEqual(expect.arrayContaining(forms));
    expect(verbForms(word)).not.toContain(word);
  });

  it("gives no forms to a word that is no verb, whatever the conjugator makes of it", () => {
    expect(verbForms("news")).toEqual([]);
    expect(verbForms("data")).toEqual([]);
  });

  it("leaves a noun in -ing alone: a hearing is not what was heard", () => {
    expect(verbForms("hearing")).toEqual([]);
  });
});

describe("isGerund", () => {
  it.each([
    ["saying", true],
    ["paying", true],
    ["loging", false],
    ["pluging", false],
  ])("%s -> %s", (word, gerund) => {
    expect(isGerund(word)).toBe(gerund);
  });
});
