import {
  type ChatInputCommandInteraction,
  GuildMemberRoleManager,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from "discord.js";
import type { BotContext, Command } from "../command.ts";
import { renderRefresh, renderStatus } from "../render/corpus.ts";
import { respond, respondPrivately } from "../respond.ts";

const data = new SlashCommandBuilder()
  .setName("corpus")
  .setDescription("Moderators: reload the articles, or see what is being served.")
  .addSubcommand((sub) =>
    sub
      .setName("refresh")
      .setDescription("Re-read and check the articles, then serve them (or keep the old ones)."),
  )
  .addSubcommand((sub) =>
    sub.setName("status").setDescription("Corpus version, counts, last refresh and uptime."),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .toJSON();

/**
 * Server admins can change who may use a command, so the bot checks again: Manage Server, or one of
 * the roles in MODERATOR_ROLE_IDS.
 */
function isModerator(interaction: ChatInputCommandInteraction, moderatorRoles: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const ids = roles instanceof GuildMemberRoleManager ? [...roles.cache.keys()] : roles;
  return ids.some((id) => moderatorRoles.includes(id));
}

function who(interaction: ChatInputCommandInteraction): string {
  return `${interaction.user.username} (${interaction.user.id})`;
}

export const corpus = {
  data,
  async execute(interaction, context: BotContext) {
    if (!isModerator(interaction, context.config.MODERATOR_ROLE_IDS)) {
      await respondPrivately(
        interaction,
        "Only moderators can manage the corpus: you need the Manage Server permission or a moderator role.",
      );
      return "refused";
    }
    const { storydesk } = context;
    if (interaction.options.getSubcommand() === "status") {
      await respond(interaction, renderStatus(storydesk.status(), Date.now() - context.startedAt), {
        ephemeral: true,
      });
      return "status";
    }
    // Reading and indexing a corpus can take longer than Discord's 3-second window.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await storydesk.refresh(who(interaction));
    context.logger.info(
      {
        event: "refresh",
        by: interaction.user.id,
        ok: result.ok,
        joined: result.joined,
        ms: Math.round(result.milliseconds),
        ...(result.ok
          ? {
              before: result.before,
              after: result.after,
              added: result.added.length,
              changed: result.changed.length,
              removed: result.removed.length,
            }
          : { errors: result.errors.length }),
      },
      result.ok ? "corpus refreshed" : "corpus refresh failed; the previous corpus is still served",
    );
    await respond(interaction, renderRefresh(result), { ephemeral: true });
    return result.ok ? "refreshed" : "refresh-failed";
  },
} satisfies Command;
