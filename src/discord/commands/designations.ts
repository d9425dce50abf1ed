import { ApplicationIntegrationType, SlashCommandBuilder } from "discord.js";
import { fold } from "../../core/index.ts";
import { type Command, EVERYWHERE } from "../command.ts";
import { LIMITS } from "../limits.ts";
import { renderDesignationList, renderOrganisation } from "../render/designations.ts";
import { respond, respondPrivately } from "../respond.ts";
import { escapeAndFit, truncate } from "../text.ts";

const data = new SlashCommandBuilder()
  .setName("designations")
  .setDescription("Organisations the articles say were designated as terrorist organisations.")
  .addStringOption((option) =>
    option
      .setName("organisation")
      .setDescription("One organisation, for its details and every passage that mentions it.")
      .setRequired(false)
      .setAutocomplete(true)
      .setMaxLength(LIMITS.choiceValue),
  )
  .setContexts(...EVERYWHERE)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

export const designations = {
  data,
  async execute(interaction, { storydesk }) {
    const library = storydesk.library;
    const name = interaction.options.getString("organisation");
    if (name === null) {
      await respond(interaction, renderDesignationList(library.designations(), library.version));
      return "listed";
    }
    const details = library.organisation(name);
    if (!details) {
      await respondPrivately(
        interaction,
        `No designated organisation is called "${escapeAndFit(name, 100)}". Pick one from the suggestions, or run /designations alone for the list.`,
      );
      return "unknown-organisation";
    }
    await respond(interaction, renderOrganisation(details, library.version));
    return "detailed";
  },
  async autocomplete(interaction, { storydesk }) {
    const typed = fold(interaction.options.getFocused()).trim();
    const choices = storydesk.library
      .designations()
      .filter((org) => typed === "" || [org.name, ...org.aliases].some((n) => fold(n).includes(typed)))
      .slice(0, LIMITS.autocompleteChoices)
      .map((org) => ({
        name: truncate(
          org.aliases.length > 0 ? `${org.name} (${org.aliases.join(", ")})` : org.name,
          LIMITS.choiceName,
        ),
        value: truncate(org.name, LIMITS.choiceValue),
      }));
    await interaction.respond(choices);
    return `suggested-${choices.length}`;
  },
} satisfies Command;
