import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/entry/run-main.ts";

describe("describeFailure", () => {
  it("says which path could not be written, and what to do, when the system refuses it", () => {
    for (const code of ["EACCES", "EPERM", "EROFS"]) {
      const refused = Object.assign(
        new Error(`${code}: permission denied, mkdir '/opt/storydesk/.storydesk'`),
        {
          code,
          path: "/opt/storydesk/.storydesk",
        },
      );
      expect(describeFailure(refused)).toEqual({
        lines: [
          "storydesk: cannot write /opt/storydesk/.storydesk: permission denied. Give the user running storydesk write access to it, or point SNAPSHOT_DIR, HISTORY_DIR or CORPUS_DIR elsewhere.",
        ],
        exitCode: 1,
      });
    }
  });

  it("calls anything else unexpected, without its stack", () => {
    expect(describeFailure(new TypeError("x is not a function"))).toEqual({
      lines: ["storydesk: unexpected error: x is not a function (set DEBUG=storydesk for details)"],
      exitCode: 1,
    });
  });
});
