import { randomBytes } from "node:crypto";
import { DiscordAPIError, HTTPError, type Interaction, RESTJSONErrorCodes } from "discord.js";
import type { BotContext, Command, Outcome } from "./command.ts";
import { respondPrivately } from "./respond.ts";

/** What an interaction is, for logs and metrics: its command (with subcommand) and its kind. */
export function describe(interaction: Interaction): { command: string; kind: string } {
  if (interaction.isChatInputCommand()) {
    const sub = interaction.options.getSubcommand(false);
    return { command: sub ? `${interaction.commandName} ${sub}` : interaction.commandName, kind: "command" };
  }
  if (interaction.isAutocomplete()) return { command: interaction.commandName, kind: "autocomplete" };
  if (interaction.isButton())
    return { command: interaction.customId.split(":").slice(0, 2).join(":"), kind: "button" };
  return { command: "unknown", kind: `type-${interaction.type}` };
}

async function dispatch(
  interaction: Interaction,
  commands: readonly Command[],
  context: BotContext,
): Promise<Outcome> {
  if (interaction.isChatInputCommand()) {
    const command = commands.find((c) => c.data.name === interaction.commandName);
    if (!command) {
      await respondPrivately(interaction, "This command is not known to this version of the bot.");
      return "unknown-command";
    }
    return command.execute(interaction, context);
  }
  if (interaction.isAutocomplete()) {
    const command = commands.find((c) => c.data.name === interaction.commandName);
    if (!command?.autocomplete) {
      await interaction.respond([]);
      return "no-autocomplete";
    }
    return command.autocomplete(interaction, context);
  }
  if (interaction.isButton()) {
    const command = commands.find((c) => c.buttons && interaction.customId.startsWith(c.buttons.prefix));
    if (!command?.buttons) {
      await respondPrivately(interaction, "This button no longer works.");
      return "unknown-button";
    }
    return command.buttons.handle(interaction, context);
  }
  return "ignored";
}

/**
 * What a failure means for the reply. A callback (the first answer to an interaction) must never be
 * sent twice: Discord may have processed one whose response was lost (a 502, a timeout), or the
 * interaction may have been answered already (40060) or have expired (10062).
 */
export function failureKind(cause: unknown): "acknowledged" | "expired" | "unconfirmed" | "other" {
  if (cause instanceof DiscordAPIError) {
    if (cause.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) return "acknowledged";
    if (
      cause.code === RESTJSONErrorCodes.UnknownInteraction ||
      cause.code === RESTJSONErrorCodes.UnknownWebhook
    ) {
      return "expired";
    }
  }
  const request = cause as { url?: unknown; status?: unknown; name?: unknown } | null;
  const isCallback =
    typeof request?.url === "string" && /\/interactions\/\d+\/[^/]+\/callback/.test(request.url);
  const lost =
    cause instanceof HTTPError ||
    (cause instanceof DiscordAPIError && cause.status >= 500) ||
    request?.name === "AbortError" ||
    request?.name === "TimeoutError";
  return isCallback && lost ? "unconfirmed" : "other";
}

/**
 * Handles one interaction and logs one line for it: command, guild, user id, latency and outcome.
 * An interaction delivered twice is handled once. A failure gets a short private reply with an
 * error id that the log line carries too, unless the reply could be a second answer.
 */
export async function handleInteraction(
  interaction: Interaction,
  commands: readonly Command[],
  context: BotContext,
): Promise<void> {
  const started = performance.now();
  const { command, kind } = describe(interaction);
  const line = {
    event: "interaction",
    kind,
    command,
    guild: interaction.guildId ?? "dm",
    user: interaction.user.id,
    interaction: interaction.id,
  };
  const done = (outcome: string) => {
    const ms = performance.now() - started;
    context.metrics.interactions.inc({ command, kind, outcome });
    context.metrics.interactionSeconds.observe({ command, kind }, ms / 1000);
    return Math.round(ms);
  };
  if (!context.recent.add(interaction.id)) {
    context.metrics.droppedPayloads.inc({ reason: "duplicate" });
    context.logger.warn({ ...line, outcome: "duplicate" }, `${command}: delivered twice; answered once`);
    return;
  }
  try {
    const outcome = await dispatch(interaction, commands, context);
    context.logger.info({ ...line, ms: done(outcome), outcome }, `${command}: ${outcome}`);
  } catch (cause) {
    const failure = failureKind(cause);
    if (failure === "acknowledged" || failure === "unconfirmed") {
      // The user may well have the answer: a second callback would be refused, or shown twice.
      context.logger.warn(
        {
          ...line,
          ms: done(failure),
          outcome: failure,
          error: cause instanceof Error ? cause.message : String(cause),
        },
        `${command}: the answer's delivery is unconfirmed (${failure}); not sent again`,
      );
      return;
    }
    if (failure === "expired") {
      context.logger.warn(
        { ...line, ms: done("expired"), outcome: "expired" },
        `${command}: the interaction expired before its answer`,
      );
      return;
    }
    const errorId = randomBytes(4).toString("hex");
    context.logger.error(
      { ...line, ms: done("error"), outcome: "error", errorId, err: cause },
      `${command} failed`,
    );
    if (!interaction.isRepliable()) return;
    try {
      await respondPrivately(
        interaction,
        `Sorry, something went wrong (error ${errorId}). Please try again; if it keeps happening, tell a moderator this id.`,
      );
    } catch (replyError) {
      context.logger.warn({ errorId, err: replyError }, "could not tell the user about the error");
    }
  }
}
