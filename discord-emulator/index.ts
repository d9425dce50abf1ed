/**
 * A loopback Discord for tests (see DiscordEmulator). Modules, one job each:
 * - emulator.ts: the public class; wires the pieces, dispatches interactions, waits.
 * - gateway.ts: the WebSocket gateway (HELLO, IDENTIFY → READY/GUILD_CREATE, heartbeats, RESUME, drops),
 *   one session per shard; sharding.ts: which shard owns a guild (Discord's formula).
 * - rest.ts, http.ts: the REST server (routing, auth, bodies, error responses, request log).
 * - routes-application.ts, routes-interactions.ts, routes-channels.ts: the REST routes.
 * - interactions.ts: interaction records, INTERACTION_CREATE payloads, test handles.
 * - messages.ts: stored messages; world.ts: users, guilds, channels and their JSON.
 * - validate-message.ts, validate-autocomplete.ts, commands.ts: Discord's limits and rules.
 * - errors.ts: Discord's error shapes; waiters.ts: condition waits; constants.ts, ids.ts, json.ts, util.ts.
 */

export { CommandLimits } from "./commands.ts";
export { DiscordEmulator } from "./emulator.ts";
export { guildIdForShard, shardOf } from "./sharding.ts";
export type {
  Ack,
  ActionRowComponent,
  AttachmentInfo,
  AutocompleteChoice,
  AutocompleteOptions,
  ButtonComponent,
  ButtonOptions,
  ChannelOptions,
  ChatInputOptions,
  Component,
  Embed,
  EmbedField,
  EmulatorOptions,
  GatewayStats,
  GuildOptions,
  InteractionHandle,
  InteractionKind,
  InteractionUser,
  JsonObject,
  MessageAuthor,
  MessageKind,
  OtherComponent,
  RegisteredCommand,
  RequestRecord,
  RestFault,
  ResumeRecord,
  RoleOptions,
  ShardSession,
  StoredMessage,
  UploadedFile,
  Violation,
} from "./types.ts";
export { buttonsOf, customIdsOf } from "./util.ts";
export { AutocompleteLimits } from "./validate-autocomplete.ts";
export { MessageLimits } from "./validate-message.ts";
