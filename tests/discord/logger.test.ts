import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/discord/logger.ts";
import { logInto } from "../support/discord-world.ts";

describe("the bot's logger", () => {
  it("never writes an interaction token from a failed request's URL or body", () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger("info", logInto(lines));
    const secret = "aW50ZXJhY3Rpb246MTIzOnNlY3JldC10b2tlbg";
    const error = new DiscordAPIError(
      { code: 10015, message: "Unknown Webhook" },
      10015,
      404,
      "PATCH",
      `https://discord.com/api/v10/webhooks/1000000000000000001/${secret}/messages/@original`,
      { body: { content: "hi", token: secret } },
    );
    logger.error({ err: error }, "the reply failed");
    const written = JSON.stringify(lines);
    expect(lines).toHaveLength(1);
    expect(written).toContain("Unknown Webhook");
    expect(written).not.toContain(secret);
  });
});
