import { ApplicationIntegrationType, type ButtonInteraction, SlashCommandBuilder } from "discord.js";
import { MAX_QUESTION_CHARS, QuestionError } from "../../core/index.ts";
import { type BotContext, type Command, EVERYWHERE } from "../command.ts";
import { decodeButton } from "../custom-id.ts";
import { MAX_PASSAGES, questionFromEmbed, renderAnswer } from "../render/answer.ts";
import { NO_MENTIONS, respond, respondPrivately } from "../respond.ts";
import { unescapeUserText } from "../text.ts";

const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask a question about the story; the answer cites the articles it comes from.")
  .addStringOption((option) =>
    option
      .setName("question")
      .setDescription("Your question, for example: Which groups were designated?")
      .setRequired(true)
      .setMinLength(1)
      .setMaxLength(MAX_QUESTION_CHARS),
  )
  .addBooleanOption((option) =>
    option
      .setName("private")
      .setDescription("Only you see the answer (you can still share it).")
      .setRequired(false),
  )
  .setContexts(...EVERYWHERE)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

async function handleButton(interaction: ButtonInteraction, context: BotContext) {
  const action = decodeButton(interaction.customId);
  const written = questionFromEmbed(interaction.message.embeds[0]?.data);
  if (!action || written === undefined) {
    await respondPrivately(interaction, "This button no longer works: ask the question again with /ask.");
    return "stale-button";
  }
  const question = unescapeUserText(written);
  const { storydesk } = context;
  const answer = await storydesk.ask(question, { top: MAX_PASSAGES });
  const version = storydesk.library.version;
  const refreshed =
    action.version !== version
      ? "-# The articles were updated since this answer; this is the current one."
      : undefined;
  if (action.kind === "share") {
    const payload = renderAnswer(answer, { page: action.page, private: false, version });
    await interaction.reply({
      content: `Shared by <@${interaction.user.id}>${refreshed ? `\n${refreshed}` : ""}`,
      embeds: [...payload.embeds],
      components: [...payload.components],
      allowedMentions: NO_MENTIONS,
    });
    return "shared";
  }
  const payload = renderAnswer(answer, { page: action.page, private: true, version });
  const withNote = refreshed ? { ...payload, content: refreshed } : payload;
  if (action.private) {
    // The button sits on the user's own private answer: turn its page in place.
    await interaction.update({
      ...(withNote.content === undefined ? {} : { content: withNote.content }),
      embeds: [...withNote.embeds],
      components: [...withNote.components],
      allowedMentions: NO_MENTIONS,
    });
  } else {
    // On a public answer, the next page goes to whoever asked for it, and the answer stays as it was.
    await respond(interaction, withNote, { ephemeral: true });
  }
  return "paged";
}

export const ask = {
  data,
  async execute(interaction, context) {
    const wait = context.askCooldown.take(interaction.user.id);
    if (wait > 0) {
      await respondPrivately(interaction, `You're asking quickly: try again in ${wait} s.`);
      return "cooldown";
    }
    const question = interaction.options.getString("question", true);
    const isPrivate = interaction.options.getBoolean("private") ?? false;
    let answer: Awaited<ReturnType<typeof context.storydesk.ask>>;
    try {
      const timer = context.metrics.answerSeconds.startTimer();
      answer = await context.storydesk.ask(question, { top: MAX_PASSAGES });
      timer();
    } catch (cause) {
      if (!(cause instanceof QuestionError)) throw cause;
      await respondPrivately(interaction, cause.message);
      return "rejected";
    }
    const payload = renderAnswer(answer, {
      page: 0,
      private: isPrivate,
      version: context.storydesk.library.version,
    });
    await respond(interaction, payload, { ephemeral: isPrivate });
    return answer.outcome;
  },
  buttons: { prefix: "ask:", handle: handleButton },
} satisfies Command;
