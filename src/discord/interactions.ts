import { randomBytes } from "node:crypto";
import type { Interaction } from "discord.js";
import type { BotContext, Command, Outcome } from "./command.ts";
import { respondPrivately } from "./respond.ts";

function describe(interaction: Interaction): { command: string; kind: string } {
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
 * Handles one interaction and logs one line for it: command, guild, user id, latency and outcome.
 * A failure gets a short private reply with an error id that the log line carries too.
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
  };
  try {
    const outcome = await dispatch(interaction, commands, context);
    context.logger.info(
      { ...line, ms: Math.round(performance.now() - started), outcome },
      `${command}: ${outcome}`,
    );
  } catch (cause) {
    const errorId = randomBytes(4).toString("hex");
    context.logger.error(
      { ...line, ms: Math.round(performance.now() - started), outcome: "error", errorId, err: cause },
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
