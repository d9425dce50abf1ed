import { MessageFlag } from "./constants.ts";
import type { Snowflakes } from "./ids.ts";
import { cloneJson } from "./json.ts";
import type {
  AttachmentInfo,
  Component,
  Embed,
  JsonObject,
  MessageAuthor,
  MessageKind,
  StoredMessage,
} from "./types.ts";
import type { MessageBody, MessagePatch } from "./validate-message.ts";

/** Who sent a message and on behalf of which interaction, fixed at creation. */
export interface MessageOrigin {
  readonly channelId: string;
  readonly guildId: string | null;
  readonly kind: MessageKind;
  readonly type: number;
  readonly author: MessageAuthor;
  readonly authorJson: JsonObject;
  /** For interaction responses: the application id (Discord sets it as webhook_id). */
  readonly webhookId: string | null;
  readonly interactionId: string | null;
  /** Discord's `interaction_metadata` (and the deprecated `interaction`) for interaction responses. */
  readonly interactionMetadata: JsonObject | null;
  readonly interaction: JsonObject | null;
}

/** A stored message. Fields change in place as the message is edited, so holders see the latest state. */
export class MessageRecord implements StoredMessage {
  readonly id: string;
  readonly channel_id: string;
  readonly guild_id: string | null;
  readonly kind: MessageKind;
  readonly author: MessageAuthor;
  content = "";
  embeds: Embed[] = [];
  components: Component[] = [];
  attachments: AttachmentInfo[] = [];
  flags = 0;
  // Declared, not defined: the properties exist only once set, so `"allowed_mentions" in message` tells.
  declare allowed_mentions?: unknown;
  declare interaction_id?: string;
  tts = false;
  edits = 0;
  deleted = false;
  readonly #origin: MessageOrigin;
  readonly #createdAt = new Date().toISOString();
  #editedAt: string | null = null;

  constructor(id: string, origin: MessageOrigin) {
    this.id = id;
    this.#origin = origin;
    this.channel_id = origin.channelId;
    this.guild_id = origin.guildId;
    this.kind = origin.kind;
    this.author = origin.author;
    if (origin.interactionId !== null) this.interaction_id = origin.interactionId;
  }

  get ephemeral(): boolean {
    return (this.flags & MessageFlag.Ephemeral) !== 0;
  }

  get loading(): boolean {
    return (this.flags & MessageFlag.Loading) !== 0;
  }

  /** The message's body as it would be after `patch`, for whole-message checks. */
  bodyAfter(patch: MessagePatch): MessageBody {
    return {
      content: patch.content ?? this.content,
      embeds: patch.embeds ?? this.embeds,
      components: patch.components ?? this.components,
      attachments: patch.attachments ?? this.attachments,
    };
  }

  /** Applies the fields of a create request. */
  fill(patch: MessagePatch, extraFlags = 0): void {
    this.#assign(patch);
    this.flags = (patch.flags ?? 0) | extraFlags;
  }

  /** Applies an edit: only the fields sent change; ephemerality never does; a loading placeholder stops loading. */
  edit(patch: MessagePatch, editableFlags: number): void {
    this.#assign(patch);
    const kept = this.flags & ~editableFlags & ~MessageFlag.Loading;
    this.flags = kept | ((patch.flags ?? this.flags) & editableFlags);
    this.edits++;
    this.#editedAt = new Date().toISOString();
  }

  #assign(patch: MessagePatch): void {
    if (patch.content !== undefined) this.content = patch.content;
    if (patch.embeds !== undefined) this.embeds = patch.embeds;
    if (patch.components !== undefined) this.components = patch.components;
    if (patch.attachments !== undefined) this.attachments = patch.attachments;
    if (patch.allowedMentions !== undefined) this.allowed_mentions = patch.allowedMentions.value;
    if (patch.tts !== undefined) this.tts = patch.tts;
  }

  raw(): JsonObject {
    const origin = this.#origin;
    return cloneJson({
      id: this.id,
      type: origin.type,
      content: this.content,
      channel_id: this.channel_id,
      author: origin.authorJson,
      attachments: this.attachments.map((a) => ({ ...a, url: `https://cdn.invalid/${a.id}/${a.filename}` })),
      embeds: this.embeds.map((e) => ({ type: "rich", ...e })),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: this.tts,
      timestamp: this.#createdAt,
      edited_timestamp: this.#editedAt,
      flags: this.flags,
      components: this.components,
      ...(origin.webhookId === null
        ? {}
        : { webhook_id: origin.webhookId, application_id: origin.webhookId }),
      ...(origin.interactionMetadata === null ? {} : { interaction_metadata: origin.interactionMetadata }),
      ...(origin.interaction === null ? {} : { interaction: origin.interaction }),
    });
  }
}

/** Every message created, in order of creation. */
export class MessageStore {
  readonly all: MessageRecord[] = [];
  readonly #byId = new Map<string, MessageRecord>();
  readonly #ids: Snowflakes;

  constructor(ids: Snowflakes) {
    this.#ids = ids;
  }

  create(origin: MessageOrigin): MessageRecord {
    const message = new MessageRecord(this.#ids.next(), origin);
    this.all.push(message);
    this.#byId.set(message.id, message);
    return message;
  }

  get(id: string): MessageRecord | undefined {
    return this.#byId.get(id);
  }
}
