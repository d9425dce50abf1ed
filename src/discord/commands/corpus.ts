import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  GuildMemberRoleManager,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from "discord.js";
import {
  type ApplyResult,
  type ChangeAuthor,
  type CorpusEdits,
  DEFAULT_MAX_FILE_BYTES,
  FetchRefused,
  fetchArticleFile,
  importFromLink,
  readPublication,
} from "../../core/index.ts";
import type { BotContext, Command, Outcome } from "../command.ts";
import { decodeCorpusButton } from "../custom-id.ts";
import { LIMITS } from "../limits.ts";
import type { PendingChange } from "../pending-changes.ts";
import { renderRefresh, renderStatus } from "../render/corpus.ts";
import {
  renderAdditionPreview,
  renderApplied,
  renderHistory,
  renderNote,
  renderRefused,
  renderRemovalPreview,
  renderRollbackPreview,
} from "../render/corpus-changes.ts";
import type { ReplyPayload } from "../render/payload.ts";
import { NO_MENTIONS, respond, respondPrivately } from "../respond.ts";
import { shardReports, spreadVersion } from "../sharding/fleet.ts";
import { truncate } from "../text.ts";

const data = new SlashCommandBuilder()
  .setName("corpus")
  .setDescription("Moderators: manage the articles storydesk answers from.")
  .addSubcommand((sub) =>
    sub
      .setName("add")
      .setDescription("Add an article: attach a Markdown file, or give a link. You see a preview first.")
      .addAttachmentOption((o) =>
        o.setName("file").setDescription("An article in the corpus format (.md).").setRequired(false),
      )
      .addStringOption((o) =>
        o
          .setName("url")
          .setDescription("A link to a news article, imported with its title, date and outlet.")
          .setMaxLength(2000)
          .setRequired(false),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("remove")
      .setDescription("Remove an article (it stays in the history). You see a preview first.")
      .addStringOption((o) =>
        o
          .setName("article")
          .setDescription("The article's id or title.")
          .setAutocomplete(true)
          .setMaxLength(LIMITS.choiceValue)
          .setRequired(true),
      ),
  )
  .addSubcommand((sub) =>
    sub.setName("history").setDescription("The latest versions of the corpus, and who made them."),
  )
  .addSubcommand((sub) =>
    sub
      .setName("rollback")
      .setDescription("Restore the corpus as it was at a recorded version. You see a preview first.")
      .addStringOption((o) =>
        o
          .setName("version")
          .setDescription("A version from /corpus history (or as /corpus status shows it).")
          .setAutocomplete(true)
          .setMaxLength(LIMITS.choiceValue)
          .setRequired(true),
      ),
  )
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

type ModeratedInteraction = ChatInputCommandInteraction | ButtonInteraction | AutocompleteInteraction;

/**
 * Server admins can change who may use a command, so the bot checks again, for commands, buttons
 * and suggestions alike: Manage Server, or one of the roles in MODERATOR_ROLE_IDS.
 */
function isModerator(interaction: ModeratedInteraction, moderatorRoles: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const ids = roles instanceof GuildMemberRoleManager ? [...roles.cache.keys()] : roles;
  return ids.some((id) => moderatorRoles.includes(id));
}

const NOT_A_MODERATOR =
  "Only moderators can manage the corpus: you need the Manage Server permission or a moderator role.";

function authorOf(interaction: ModeratedInteraction): ChangeAuthor {
  return { name: interaction.user.username, id: interaction.user.id };
}

/** The edits, or a private reply saying that changes from Discord are off. */
async function editsOr(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<CorpusEdits | undefined> {
  if (context.storydesk.edits) return context.storydesk.edits;
  await respondPrivately(
    interaction,
    "Changes from Discord are off on this bot (HISTORY_DIR=off): ask its operator to turn the history on, or edit the corpus files and use /corpus refresh.",
  );
  return undefined;
}

/** The preview's reply: the preview, with buttons when the change may be made. */
async function showPreview(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  change: PendingChange,
): Promise<void> {
  const ok =
    change.preview.errors.length === 0 &&
    (change.kind !== "rollback" ||
      change.preview.added.length + change.preview.changed.length + change.preview.removed.length > 0);
  const token = ok ? context.pending.put(interaction.user.id, change) : undefined;
  const payload =
    change.kind === "add"
      ? renderAdditionPreview(change.preview, token)
      : change.kind === "remove"
        ? renderRemovalPreview(change.preview, token)
        : renderRollbackPreview(change.preview, token);
  await respond(interaction, payload, { ephemeral: true });
}

/** Reads the article a moderator attached or linked; a refusal is told privately and gives undefined. */
async function articleSource(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<{ content: string; name?: string } | undefined> {
  const file = interaction.options.getAttachment("file");
  const link = interaction.options.getString("url")?.trim();
  if ((file === null) === !link) {
    await respond(
      interaction,
      renderNote(
        "Give either `file:` (an article as a .md file) or `url:` (a link to a news article), not both.",
      ),
      { ephemeral: true },
    );
    return undefined;
  }
  try {
    if (file) {
      if (!file.name.toLowerCase().endsWith(".md")) {
        throw new FetchRefused(
          "type",
          `${file.name} is not a Markdown file: attach the article as a .md file in the corpus format.`,
        );
      }
      if (file.size > DEFAULT_MAX_FILE_BYTES) {
        throw new FetchRefused("size", `${file.name} is larger than the corpus allows (1 MB).`);
      }
      return { content: await fetchArticleFile(file.url, context.fetchLimits), name: file.name };
    }
    const taken = new Set(context.storydesk.library.data.articles.map((a) => a.id));
    return { content: await importFromLink(link as string, context.fetchLimits, taken) };
  } catch (cause) {
    if (!(cause instanceof FetchRefused)) throw cause;
    context.logger.info(
      { event: "import-refused", reason: cause.reason, user: interaction.user.id },
      "import refused",
    );
    await respond(
      interaction,
      renderNote(`Could not read ${file ? "that file" : "that link"}: ${truncate(cause.message, 1500)}`),
      { ephemeral: true },
    );
    return undefined;
  }
}

async function add(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  const edits = await editsOr(interaction, context);
  if (!edits) return "history-off";
  // Fetching a page and checking it against the corpus can take longer than Discord's 3 s.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const source = await articleSource(interaction, context);
  if (!source) return "add-refused";
  const preview = await edits.previewAddition(source.content, source.name);
  await showPreview(interaction, context, {
    kind: "add",
    content: source.content,
    ...(source.name === undefined ? {} : { name: source.name }),
    preview,
  });
  return preview.errors.length === 0 ? "add-preview" : "add-invalid";
}

async function remove(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  const edits = await editsOr(interaction, context);
  if (!edits) return "history-off";
  const id = interaction.options.getString("article", true).trim();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const preview = await edits.previewRemoval(id);
  if (!preview) {
    await respond(
      interaction,
      renderNote(
        `The corpus has no article \`${truncate(id.replace(/`/g, "ʼ"), 100)}\`: pick one from the suggestions.`,
      ),
      {
        ephemeral: true,
      },
    );
    return "remove-unknown";
  }
  await showPreview(interaction, context, { kind: "remove", id, preview });
  return preview.errors.length === 0 ? "remove-preview" : "remove-invalid";
}

async function rollback(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  const edits = await editsOr(interaction, context);
  if (!edits) return "history-off";
  const reference = interaction.options.getString("version", true).trim();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const preview = await edits.previewRollback(reference);
  if (!preview) {
    await respond(
      interaction,
      renderNote(
        `No recorded version is \`${truncate(reference.replace(/`/g, "ʼ"), 100)}\`: pick one from the suggestions, or see /corpus history.`,
      ),
      { ephemeral: true },
    );
    return "rollback-unknown";
  }
  await showPreview(interaction, context, { kind: "rollback", reference, preview });
  return "rollback-preview";
}

async function history(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  if (!(await editsOr(interaction, context))) return "history-off";
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await respond(interaction, renderHistory(await context.storydesk.changes(10)), { ephemeral: true });
  return "history";
}

async function refresh(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  // Reading and indexing a corpus can take longer than Discord's 3-second window.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await context.storydesk.refresh(authorOf(interaction));
  context.metrics.recordRefresh(result.ok, result.milliseconds);
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
            snapshot: result.snapshot,
            ...(result.recorded ? { commit: result.recorded.commit } : {}),
          }
        : { errors: result.errors.length }),
    },
    result.ok ? "corpus refreshed" : "corpus refresh failed; the previous corpus is still served",
  );
  if (result.ok && result.snapshotError !== undefined) {
    context.logger.warn(
      { event: "snapshot", error: result.snapshotError },
      "the snapshot could not be saved",
    );
  }
  const spread = result.ok
    ? await spreadVersion(interaction.client, context.config.SHARD_LIST, result)
    : undefined;
  await respond(interaction, renderRefresh(result, spread), { ephemeral: true });
  return result.ok ? "refreshed" : "refresh-failed";
}

async function status(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
  const counters = await context.metrics.brief();
  const status = context.storydesk.status();
  const answers = await shardReports(interaction.client, context.config.SHARD_LIST);
  const shards = answers && {
    answers,
    latest:
      status.snapshot.file === null ? undefined : (await readPublication(status.snapshot.file))?.version,
  };
  await respond(interaction, renderStatus(status, Date.now() - context.startedAt, counters, shards), {
    ephemeral: true,
  });
  return "status";
}

const SUBCOMMANDS = new Map<string, (i: ChatInputCommandInteraction, c: BotContext) => Promise<Outcome>>([
  ["add", add],
  ["remove", remove],
  ["history", history],
  ["rollback", rollback],
  ["refresh", refresh],
  ["status", status],
]);

/** Applies a previewed change, and replaces the preview with what happened. */
async function apply(
  interaction: ButtonInteraction,
  context: BotContext,
  change: PendingChange,
): Promise<Outcome> {
  const edits = context.storydesk.edits;
  if (!edits) {
    await interaction.update({
      ...renderNote("Changes from Discord are off on this bot."),
      allowedMentions: NO_MENTIONS,
    });
    return "history-off";
  }
  // Rebuilding the index can take longer than Discord's 3 s: acknowledge, then edit the preview.
  await interaction.deferUpdate();
  const author = authorOf(interaction);
  let result: ApplyResult | undefined;
  let done: string;
  if (change.kind === "add") {
    result = await edits.add(change.content, author, change.name);
    done = `Added “${change.preview.article?.title ?? change.preview.file}”`;
  } else if (change.kind === "remove") {
    result = await edits.remove(change.id, author);
    done = `Removed “${change.preview.article.title}”`;
  } else {
    result = await edits.rollback(change.reference, author);
    done = `Rolled back to ${change.preview.target.version}`;
  }
  if (result) context.metrics.recordRefresh(result.ok, result.ok ? result.refresh.milliseconds : undefined);
  let payload: ReplyPayload;
  if (!result)
    payload = renderNote("That article or version is gone since the preview: nothing was changed.");
  else if (result.ok)
    payload = renderApplied(
      result,
      done,
      await spreadVersion(interaction.client, context.config.SHARD_LIST, result.refresh),
    );
  else payload = renderRefused(result);
  context.logger.info(
    {
      event: "corpus-change",
      kind: change.kind,
      by: interaction.user.id,
      ok: result?.ok ?? false,
      ...(result?.ok ? { version: result.refresh.after.version, commit: result.change?.commit } : {}),
    },
    result?.ok ? `corpus ${change.kind} applied` : `corpus ${change.kind} refused`,
  );
  await interaction.editReply({
    ...(payload.content === undefined ? { content: "" } : { content: payload.content }),
    embeds: [...payload.embeds],
    components: [...payload.components],
    allowedMentions: NO_MENTIONS,
  });
  return result?.ok ? `${change.kind}-applied` : `${change.kind}-refused`;
}

async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<Outcome> {
  if (!isModerator(interaction, context.config.MODERATOR_ROLE_IDS)) {
    await respondPrivately(interaction, NOT_A_MODERATOR);
    return "refused";
  }
  const button = decodeCorpusButton(interaction.customId);
  const change = button ? context.pending.take(button.token, interaction.user.id) : undefined;
  if (!button || !change) {
    await interaction.update({
      ...renderNote(
        "This preview has expired or was already used: nothing was changed. Run the command again for a new one.",
      ),
      allowedMentions: NO_MENTIONS,
    });
    return "preview-expired";
  }
  if (button.kind === "cancel") {
    await interaction.update({
      ...renderNote("Cancelled: nothing was changed."),
      allowedMentions: NO_MENTIONS,
    });
    return "cancelled";
  }
  return apply(interaction, context, change);
}

async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<Outcome> {
  if (!isModerator(interaction, context.config.MODERATOR_ROLE_IDS)) {
    await interaction.respond([]);
    return "refused";
  }
  const focused = interaction.options.getFocused(true);
  const typed = focused.value.trim().toLowerCase();
  if (focused.name === "article") {
    const choices = context.storydesk.library.data.articles
      .filter((a) => a.id.length <= LIMITS.choiceValue)
      .filter((a) => typed === "" || a.id.includes(typed) || a.title.toLowerCase().includes(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((a) => ({ name: truncate(`${a.title} (${a.id})`, LIMITS.choiceName), value: a.id }));
    await interaction.respond(choices);
    return "suggested";
  }
  if (focused.name === "version") {
    const changes = await context.storydesk.changes(LIMITS.autocompleteChoices * 2);
    const choices = changes
      .filter((c) => typed === "" || c.version.startsWith(typed) || c.commit.startsWith(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((c) => {
        const what = [
          ...c.added.map((f) => `+${f}`),
          ...c.changed.map((f) => `~${f}`),
          ...c.removed.map((f) => `-${f}`),
        ].join(" ");
        const day = c.at.toISOString().slice(0, 16).replace("T", " ");
        return {
          name: truncate(
            `${c.version} · ${day} · ${c.kind} by ${c.author.name}${what ? ` · ${what}` : ""}`,
            LIMITS.choiceName,
          ),
          value: c.commit,
        };
      });
    await interaction.respond(choices);
    return "suggested";
  }
  await interaction.respond([]);
  return "no-suggestions";
}

export const corpus = {
  data,
  async execute(interaction, context: BotContext) {
    if (!isModerator(interaction, context.config.MODERATOR_ROLE_IDS)) {
      await respondPrivately(interaction, NOT_A_MODERATOR);
      return "refused";
    }
    const name = interaction.options.getSubcommand(false);
    const run = name === null ? undefined : SUBCOMMANDS.get(name);
    if (!run) {
      await respondPrivately(
        interaction,
        `/corpus has no subcommand ${name === null ? "given" : `“${truncate(name, 40)}”`}: use ${[...SUBCOMMANDS.keys()].join(", ")}.`,
      );
      return "unknown-subcommand";
    }
    return run(interaction, context);
  },
  autocomplete,
  buttons: { prefix: "corpus:", handle: handleButton },
} satisfies Command;
