/** The emulator's public types. Message and component shapes follow Discord's JSON (snake_case). */

export type JsonObject = Record<string, unknown>;

export interface RoleOptions {
  id: string;
  name: string;
  /** A permission bit set as a decimal string, as Discord sends it. */
  permissions: string;
}

export interface ChannelOptions {
  id: string;
  name: string;
}

export interface GuildOptions {
  id: string;
  name: string;
  ownerId?: string;
  /** @everyone (id = guild id) is added when missing. */
  roles?: RoleOptions[];
  /** Text channels; one called "general" is made when none are given. */
  channels?: ChannelOptions[];
}

export interface EmulatorOptions {
  /** The only token accepted: REST `Authorization: Bot <token>` and gateway IDENTIFY/RESUME. */
  token: string;
  /** A snowflake; discord.js's REST router only recognises 17-19 digit ids. */
  applicationId: string;
  /** Defaults to `{ id: applicationId, username: "storydesk" }`. */
  botUser?: { id: string; username: string };
  guilds?: GuildOptions[];
  /** The first callback must arrive within this many ms of the interaction's dispatch. Default 3000. */
  ackDeadlineMs?: number;
  /** How long an interaction token may be used for follow-ups and edits. Default 15 minutes. */
  tokenLifetimeMs?: number;
  /** The heartbeat interval announced in HELLO. Default 41250, as Discord. */
  heartbeatIntervalMs?: number;
  /** How long `waitFor…`, `original()` and friends wait before failing. Default 10000. */
  waitTimeoutMs?: number;
  /**
   * The `shards` GET /gateway/bot recommends: what discord.js's `shards: "auto"` and ShardingManager's
   * `totalShards: "auto"` spawn. Default 1.
   */
  recommendedShards?: number;
  /**
   * GET /gateway/bot's `session_start_limit.max_concurrency`: how many shards may identify together
   * every 5 seconds (Discord gives large bots 16 or more). Default 1.
   */
  maxConcurrency?: number;
}

/** A rule of Discord's that a request broke, or a protocol error, with a readable description. */
export interface Violation {
  /** A stable id, e.g. `message.content.length`, `interaction.ack-deadline`, `route.unknown`. */
  readonly rule: string;
  readonly description: string;
  /** The REST request (method and path, interaction tokens elided) that broke it, when there was one. */
  readonly request?: string;
  readonly interactionId?: string;
  /** The HTTP status, or gateway close code, the emulator answered with. */
  readonly status?: number;
  /** The JSON error code the emulator answered with. */
  readonly code?: number;
}

export interface Ack {
  /** The interaction callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete. */
  readonly type: number;
  readonly data: JsonObject | null;
  /** Milliseconds after the interaction was dispatched. */
  readonly at: number;
}

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: EmbedField[];
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
  [key: string]: unknown;
}

export interface ActionRowComponent {
  type: 1;
  components: Component[];
  [key: string]: unknown;
}

export interface ButtonComponent {
  type: 2;
  style: number;
  label?: string;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
  [key: string]: unknown;
}

/** Select menus and other components the emulator stores without interpreting. */
export interface OtherComponent {
  type: number;
  custom_id?: string;
  [key: string]: unknown;
}

export type Component = ActionRowComponent | ButtonComponent | OtherComponent;

export interface AttachmentInfo {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly content_type: string;
}

export interface MessageAuthor {
  readonly id: string;
  readonly username: string;
  readonly bot: boolean;
}

export type MessageKind = "reply" | "follow-up" | "channel";

/** A message as the emulator stores it; the object is live and shows the latest state after edits. */
export interface StoredMessage {
  readonly id: string;
  readonly channel_id: string;
  readonly guild_id: string | null;
  readonly kind: MessageKind;
  readonly content: string;
  readonly embeds: readonly Embed[];
  readonly components: readonly Component[];
  readonly attachments: readonly AttachmentInfo[];
  readonly flags: number;
  /** The `allowed_mentions` last sent for this message; absent when it was never sent. */
  readonly allowed_mentions?: unknown;
  /** The interaction this message answers, for replies and follow-ups. */
  readonly interaction_id?: string;
  readonly ephemeral: boolean;
  /** A deferred reply's "thinking…" placeholder that has not been edited yet. */
  readonly loading: boolean;
  readonly author: MessageAuthor;
  readonly edits: number;
  readonly deleted: boolean;
  /** Discord's JSON for this message, as GET would return it (suitable for `button()`). */
  raw(): JsonObject;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}

export type InteractionKind = "command" | "autocomplete" | "component";

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly kind: InteractionKind;
  /**
   * The shard whose session the INTERACTION_CREATE was sent to: the one owning the guild by Discord's
   * formula (see `shardOf`), or 0 for a DM. Always 0 for a bot that does not shard.
   */
  readonly shard: number;
  /** The first accepted callback; rejects (and a violation is recorded) if none arrives within the deadline. */
  ack(): Promise<Ack>;
  /** The @original message once it has content: after a reply or update, or after the edit following a defer. */
  original(): Promise<StoredMessage>;
  followUps(): StoredMessage[];
  /** The n-th follow-up (1-based, default 1), once it exists. */
  waitForFollowUp(n?: number): Promise<StoredMessage>;
  /** The choices of an autocomplete result (callback type 8). */
  autocompleteChoices(): Promise<AutocompleteChoice[]>;
  /** The violations that concern this interaction. */
  violations(): Violation[];
}

export interface InteractionUser {
  id: string;
  username?: string;
}

export interface ChatInputOptions {
  name: string;
  options?: unknown[];
  /** Discord's `data.resolved` (users, members, roles, channels named by options). */
  resolved?: JsonObject;
  user?: InteractionUser;
  /** A guild id, or null for a DM with the bot. Defaults to the first guild (a DM when there are none). */
  guildId?: string | null;
  memberRoles?: string[];
  /** The member's permissions in the channel; defaults to @everyone's plus those of `memberRoles`. */
  memberPermissions?: string;
  channelId?: string;
  locale?: string;
}

/**
 * A fault the emulator's REST API injects into the requests a test names, as Discord sometimes
 * behaves: `after` processes the request, then answers with `status` anyway (a 502 from a proxy
 * after Discord acted); `instead` answers `status` without processing; `hang` never answers;
 * `delay` waits `delayMs`, then processes and answers as usual (a slow Discord).
 */
export interface RestFault {
  /** Which requests: by method and route path (`/interactions/123/tok/callback`, token included). */
  readonly match: (method: string, path: string) => boolean;
  readonly kind: "after" | "instead" | "hang" | "delay";
  /** How long `delay` waits. Default 1000. */
  readonly delayMs?: number;
  /** The HTTP status of `after` and `instead`. Default 502. */
  readonly status?: number;
  /** How many matching requests it affects. Default: all. */
  readonly times?: number;
}

/** A file uploaded as a command's attachment option (see DiscordEmulator.upload). */
export interface UploadedFile {
  /** The attachment's id: the option's value. */
  readonly id: string;
  /** Its CDN link, served by the emulator. */
  readonly url: string;
  /** Discord's `data.resolved` for the interaction that carries it. */
  readonly resolved: JsonObject;
}

export interface AutocompleteOptions {
  name: string;
  /** The command's options so far; one of them should carry `focused: true`. */
  options: unknown[];
  user?: InteractionUser;
  guildId?: string | null;
  memberRoles?: string[];
  memberPermissions?: string;
  channelId?: string;
  locale?: string;
}

export interface ButtonOptions {
  customId: string;
  /** The message the button is on, as stored (its guild and channel are used). */
  message: StoredMessage;
  user?: InteractionUser;
  /** Must agree with the message's guild when given. */
  guildId?: string | null;
  memberRoles?: string[];
  memberPermissions?: string;
  locale?: string;
}

export interface ResumeRecord {
  readonly sessionId: string;
  readonly seq: number;
  /** Whether the session was known and resumed (false: answered with op 9). */
  readonly accepted: boolean;
  /** How many dispatches were replayed. */
  readonly replayed: number;
}

/**
 * The gateway as a bot that does not shard sees it. With several shards, the session-specific fields
 * describe shard 0's session (or the only live one); `identifies`, `resumes`, `heartbeats` and
 * `connections` count all shards together (see `DiscordEmulator.shards()` for each shard's session).
 */
export interface GatewayStats {
  /** The current session's id (issued in READY), or null before the first IDENTIFY. */
  readonly sessionId: string | null;
  /** The sequence number of the last dispatch of the current session (sent or queued). */
  readonly sequence: number;
  /** Whether the bot's socket is open right now. */
  readonly connected: boolean;
  /** The intents bit set the current session identified with. */
  readonly intents: number | null;
  readonly identifies: number;
  readonly resumes: readonly ResumeRecord[];
  readonly heartbeats: number;
  /** WebSocket connections opened, with the path and query each used. */
  readonly connections: readonly { readonly path: string; readonly query: string }[];
}

/** The live session of one shard id: the last one that shard identified (connected or awaiting its RESUME). */
export interface ShardSession {
  /** The shard id, as IDENTIFY named it (0 without sharding). */
  readonly shard: number;
  /** The shard count IDENTIFY named (1 without sharding); the same for every live session. */
  readonly count: number;
  /** Whether the session's socket is open right now. */
  readonly connected: boolean;
  readonly sessionId: string;
  /** The sequence number of the session's last dispatch (sent or queued). */
  readonly sequence: number;
  /** IDENTIFYs accepted for this shard id so far: more than 1 means the shard re-identified. */
  readonly identifies: number;
}

/** A command as registered by a bulk overwrite, echoed back with its id. */
export interface RegisteredCommand {
  readonly id: string;
  readonly application_id: string;
  readonly name: string;
  readonly type: number;
  readonly description: string;
  readonly guild_id?: string;
  readonly version: string;
  readonly [key: string]: unknown;
}

export interface RequestRecord {
  readonly method: string;
  /** The path below the API base, interaction tokens elided, e.g. `/v10/interactions/1/…/callback`. */
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly body: unknown;
}
