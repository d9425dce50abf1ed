import {
  ApplicationCommandType,
  CallbackType,
  ComponentType,
  InteractionContext,
  InteractionType,
  MessageType,
} from "./constants.ts";
import { interactionToken } from "./ids.ts";
import type { MessageOrigin, MessageRecord, MessageStore } from "./messages.ts";
import type {
  Ack,
  AutocompleteChoice,
  InteractionHandle,
  InteractionKind,
  InteractionUser,
  JsonObject,
  StoredMessage,
  Violation,
} from "./types.ts";
import type { Waiters } from "./waiters.ts";
import type { ChannelRecord, GuildRecord, UserRecord, World } from "./world.ts";

/** Where and by whom an interaction is made. */
export interface InteractionContextInput {
  readonly user: UserRecord;
  readonly guild: GuildRecord | null;
  readonly channel: ChannelRecord;
  readonly memberRoles: readonly string[];
  readonly memberPermissions: string | undefined;
  readonly locale: string;
}

/** What happens to one interaction: its payload, its callback and the messages answering it. */
export class InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly kind: InteractionKind;
  /** For messages: "/ask", "autocomplete /ask", "button 'more'". */
  readonly label: string;
  readonly commandName: string | null;
  readonly context: InteractionContextInput;
  readonly createdAt = performance.now();
  /** The message a component interaction came from. */
  readonly componentMessage: MessageRecord | null;
  payload: JsonObject = {};
  ack: Ack | null = null;
  /** The deadline passed without an accepted callback. */
  expired = false;
  originalId: string | null = null;
  /** @original exists but waits for its first edit (after callback type 5 or 6). */
  originalPending = false;
  readonly followUpIds: string[] = [];
  choices: AutocompleteChoice[] | null = null;
  deadline: NodeJS.Timeout | null = null;

  constructor(
    id: string,
    kind: InteractionKind,
    label: string,
    commandName: string | null,
    context: InteractionContextInput,
    componentMessage: MessageRecord | null,
  ) {
    this.id = id;
    this.token = interactionToken(id);
    this.kind = kind;
    this.label = label;
    this.commandName = commandName;
    this.context = context;
    this.componentMessage = componentMessage;
  }

  get interactionType(): number {
    if (this.kind === "command") return InteractionType.ApplicationCommand;
    if (this.kind === "autocomplete") return InteractionType.ApplicationCommandAutocomplete;
    return InteractionType.MessageComponent;
  }

  elapsed(): number {
    return Math.round(performance.now() - this.createdAt);
  }

  /** The callback types Discord accepts for this kind of interaction. */
  allowedCallbacks(): readonly number[] {
    if (this.kind === "autocomplete") return [CallbackType.ApplicationCommandAutocompleteResult];
    if (this.kind === "command")
      return [
        CallbackType.ChannelMessageWithSource,
        CallbackType.DeferredChannelMessageWithSource,
        CallbackType.Modal,
      ];
    return [
      CallbackType.ChannelMessageWithSource,
      CallbackType.DeferredChannelMessageWithSource,
      CallbackType.DeferredUpdateMessage,
      CallbackType.UpdateMessage,
      CallbackType.Modal,
    ];
  }
}

export class InteractionRegistry {
  readonly #byId = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();

  add(record: InteractionRecord): void {
    this.#byId.set(record.id, record);
    this.#byToken.set(record.token, record);
  }

  byId(id: string): InteractionRecord | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.#byToken.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.#byId.values()];
  }
}

/** Resolves the user, guild, channel and member details of an interaction from a test's options. */
export function resolveContext(
  world: World,
  opts: {
    user?: InteractionUser | undefined;
    guildId?: string | null | undefined;
    channelId?: string | undefined;
    memberRoles?: string[] | undefined;
    memberPermissions?: string | undefined;
    locale?: string | undefined;
  },
): InteractionContextInput {
  const user = world.user(opts.user);
  const guildId = opts.guildId === undefined ? ([...world.guilds.keys()][0] ?? null) : opts.guildId;
  const locale = opts.locale ?? "en-US";
  const memberRoles = opts.memberRoles ?? [];
  if (guildId === null) {
    const dm = world.dmChannel(user.id);
    if (opts.channelId !== undefined && opts.channelId !== dm.id)
      throw new Error(`channel ${opts.channelId} is not the DM channel of user ${user.id} (${dm.id})`);
    return { user, guild: null, channel: dm, memberRoles, memberPermissions: undefined, locale };
  }
  const guild = world.guilds.get(guildId);
  if (!guild) throw new Error(`unknown guild ${guildId}; configure it in EmulatorOptions.guilds`);
  const channel = opts.channelId === undefined ? guild.channels[0] : world.channels.get(opts.channelId);
  if (!channel || channel.guildId !== guild.id)
    throw new Error(`channel ${opts.channelId ?? "(default)"} is not a channel of guild ${guild.id}`);
  return { user, guild, channel, memberRoles, memberPermissions: opts.memberPermissions, locale };
}

/** The INTERACTION_CREATE payload fields every interaction carries. */
export function basePayload(world: World, applicationId: string, record: InteractionRecord): JsonObject {
  const { user, guild, channel, memberRoles, memberPermissions, locale } = record.context;
  const common: JsonObject = {
    id: record.id,
    application_id: applicationId,
    type: record.interactionType,
    token: record.token,
    version: 1,
    channel: world.channelJson(channel),
    channel_id: channel.id,
    locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guild === null) {
    return {
      ...common,
      user: world.userJson(user),
      app_permissions: world.dmAppPermissions,
      authorizing_integration_owners: { "0": "0" },
      context: InteractionContext.BotDm,
    };
  }
  const permissions = memberPermissions ?? world.permissionsOf(guild, user.id, memberRoles);
  return {
    ...common,
    guild_id: guild.id,
    guild: { id: guild.id, locale: "en-US", features: [] },
    guild_locale: "en-US",
    member: world.memberJson(guild, user, memberRoles, permissions),
    app_permissions: world.permissionsOf(guild, world.bot.id, []),
    authorizing_integration_owners: { "0": guild.id },
    context: InteractionContext.Guild,
  };
}

export function commandData(
  commandId: string,
  name: string,
  options: readonly unknown[] | undefined,
  resolved: JsonObject | undefined,
  commandGuildId: string | null,
): JsonObject {
  return {
    id: commandId,
    name,
    type: ApplicationCommandType.ChatInput,
    ...(options === undefined ? {} : { options: [...options] }),
    ...(resolved === undefined ? {} : { resolved }),
    ...(commandGuildId === null ? {} : { guild_id: commandGuildId }),
  };
}

export function buttonData(customId: string): JsonObject {
  return { custom_id: customId, component_type: ComponentType.Button };
}

/** Who a message answering `record` comes from, as Discord records it. */
export function responseOrigin(
  world: World,
  applicationId: string,
  record: InteractionRecord,
  kind: "reply" | "follow-up",
): MessageOrigin {
  const userJson = world.userJson(record.context.user);
  const owners = record.context.guild ? { "0": record.context.guild.id } : { "0": "0" };
  const metadata: JsonObject = {
    id: record.id,
    type: record.interactionType,
    user: userJson,
    authorizing_integration_owners: owners,
    ...(record.commandName === null
      ? {}
      : { name: record.commandName, command_type: ApplicationCommandType.ChatInput }),
    ...(record.componentMessage ? { interacted_message_id: record.componentMessage.id } : {}),
    ...(kind === "follow-up" && record.originalId !== null
      ? { original_response_message_id: record.originalId }
      : {}),
  };
  const isCommandReply = kind === "reply" && record.kind === "command";
  return {
    channelId: record.context.channel.id,
    guildId: record.context.guild?.id ?? null,
    kind,
    type: isCommandReply ? MessageType.ChatInputCommand : MessageType.Default,
    author: { id: world.bot.id, username: world.bot.username, bot: true },
    authorJson: world.userJson(world.bot),
    webhookId: applicationId,
    interactionId: record.id,
    interactionMetadata: metadata,
    interaction: isCommandReply
      ? { id: record.id, type: record.interactionType, name: record.commandName, user: userJson }
      : null,
  };
}

/** The test-facing handle of an interaction, dispatched to `shard`. */
export function createHandle(
  record: InteractionRecord,
  shard: number,
  deps: {
    readonly waiters: Waiters;
    readonly messages: MessageStore;
    readonly ackDeadlineMs: number;
    readonly violations: () => readonly Violation[];
  },
): InteractionHandle {
  const { waiters, messages } = deps;
  const what = `${record.label} (interaction ${record.id})`;
  const noAck = () =>
    new Error(`${what} got no accepted response within ${deps.ackDeadlineMs} ms of its dispatch`);
  const followUps = (): StoredMessage[] =>
    record.followUpIds.flatMap((id) => {
      const message = messages.get(id);
      return message ? [message] : [];
    });
  return {
    id: record.id,
    token: record.token,
    kind: record.kind,
    shard,
    ack: () =>
      waiters.until(`ack of ${what}`, () => {
        if (record.ack) return record.ack;
        if (record.expired) throw noAck();
        return undefined;
      }),
    original: () =>
      waiters.until(`@original of ${what}`, () => {
        if (record.originalId !== null && !record.originalPending) return messages.get(record.originalId);
        if (record.expired && !record.ack) throw noAck();
        if (record.ack && record.originalId === null)
          throw new Error(
            `${what} was answered with callback type ${record.ack.type}, which makes no message`,
          );
        return undefined;
      }),
    followUps,
    waitForFollowUp: (n = 1) =>
      waiters.until(`follow-up #${n} of ${what}`, () => {
        const followUp = followUps()[n - 1];
        if (followUp === undefined && record.expired && !record.ack) throw noAck();
        return followUp;
      }),
    autocompleteChoices: () =>
      waiters.until(`autocomplete choices of ${what}`, () => {
        if (record.choices) return record.choices;
        if (record.ack) throw new Error(`${what} was answered with callback type ${record.ack.type}, not 8`);
        if (record.expired) throw noAck();
        return undefined;
      }),
    violations: () => deps.violations().filter((v) => v.interactionId === record.id),
  };
}
