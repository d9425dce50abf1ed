import { createServer, type Server, type ServerResponse } from "node:http";
import { CommandRegistry } from "./commands.ts";
import { INTERACTION_TOKEN_LIFETIME_MS } from "./constants.ts";
import type { EmulatorContext } from "./context.ts";
import { Gateway } from "./gateway.ts";
import { Router } from "./http.ts";
import { Snowflakes } from "./ids.ts";
import {
  basePayload,
  buttonData,
  commandData,
  createHandle,
  type InteractionContextInput,
  InteractionRecord,
  InteractionRegistry,
  resolveContext,
} from "./interactions.ts";
import { type MessageRecord, MessageStore } from "./messages.ts";
import { RestApi } from "./rest.ts";
import { applicationRoutes } from "./routes-application.ts";
import { channelRoutes } from "./routes-channels.ts";
import { interactionRoutes } from "./routes-interactions.ts";
import type {
  AutocompleteOptions,
  ButtonOptions,
  ChatInputOptions,
  EmulatorOptions,
  GatewayStats,
  InteractionHandle,
  InteractionKind,
  JsonObject,
  RegisteredCommand,
  RequestRecord,
  RestFault,
  ShardSession,
  StoredMessage,
  UploadedFile,
  Violation,
} from "./types.ts";
import { buttonsOf } from "./util.ts";
import { Waiters } from "./waiters.ts";
import { World } from "./world.ts";

/**
 * A loopback Discord for tests: REST under `apiUrl` and a gateway, both on 127.0.0.1, reached by an
 * unmodified discord.js Client through `rest: { api: emulator.apiUrl }`. It dispatches interactions,
 * stores the messages the bot creates, and records every Discord rule the bot's requests break.
 */
export class DiscordEmulator {
  readonly apiUrl: string;
  /** Every rule a request broke, in order; tests assert it is empty. */
  readonly violations: Violation[] = [];
  readonly #server: Server;
  readonly #gateway: Gateway;
  readonly #rest: RestApi;
  readonly #ctx: EmulatorContext;
  readonly #waiters: Waiters;
  readonly #violate: (violation: Violation) => void;
  #stopped: Promise<void> | null = null;
  /** Files uploaded as command attachments, served under `cdnUrl` as Discord's CDN serves them. */
  readonly #uploads = new Map<string, { bytes: Buffer; contentType: string | undefined }>();
  /** Base URL of the attachments' CDN links. */
  readonly cdnUrl: string;

  private constructor(options: EmulatorOptions, server: Server, port: number) {
    this.#server = server;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.cdnUrl = `http://127.0.0.1:${port}/attachments`;
    const ids = new Snowflakes();
    const world = new World(options, ids);
    this.#waiters = new Waiters(options.waitTimeoutMs ?? 10_000);
    const changed = () => this.#waiters.notify();
    const violate = (violation: Violation) => {
      this.violations.push(violation);
      changed();
    };
    this.#violate = violate;
    this.#gateway = new Gateway({
      token: options.token,
      applicationId: options.applicationId,
      world,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      baseUrl: () => `ws://127.0.0.1:${port}`,
      violate,
      changed,
    });
    this.#ctx = {
      token: options.token,
      applicationId: options.applicationId,
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS,
      recommendedShards: options.recommendedShards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      world,
      ids,
      messages: new MessageStore(ids),
      interactions: new InteractionRegistry(),
      commands: new CommandRegistry(options.applicationId, ids),
      gateway: this.#gateway,
      changed,
    };
    const router = new Router();
    applicationRoutes(router, this.#ctx);
    interactionRoutes(router, this.#ctx);
    channelRoutes(router, this.#ctx);
    this.#rest = new RestApi(router, options.token, violate);
    server.on("request", (request, response) => {
      if (request.url?.startsWith("/attachments/")) this.#serveUpload(request.url, response);
      else void this.#rest.handle(request, response);
    });
    server.on("upgrade", (request, socket, head) => this.#gateway.upgrade(request, socket, head));
  }

  /** Starts an emulator listening on 127.0.0.1 on a free port. */
  static async start(options: EmulatorOptions): Promise<DiscordEmulator> {
    for (const key of ["recommendedShards", "maxConcurrency"] as const) {
      const value = options[key];
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
        throw new RangeError(`DiscordEmulator.start(): ${key} must be an integer >= 1, not ${value}`);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === "string")
      throw new Error("the emulator's server has no TCP port");
    return new DiscordEmulator(options, server, address.port);
  }

  /** Closes every socket and the server; later calls return the same promise. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      for (const record of this.#ctx.interactions.all()) if (record.deadline) clearTimeout(record.deadline);
      this.#waiters.close("the emulator was stopped");
      this.#gateway.close();
      this.#server.closeAllConnections();
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    })();
    return this.#stopped;
  }

  // ---- gateway

  get gateway(): GatewayStats {
    const g = this.#gateway;
    return {
      sessionId: g.sessionId,
      sequence: g.sequence,
      connected: g.connected,
      intents: g.intents,
      identifies: g.identifies,
      resumes: g.resumes,
      heartbeats: g.heartbeats,
      connections: g.connections,
    };
  }

  /**
   * Resolves once a bot has identified and been sent READY and its GUILD_CREATEs. With `shards`, once
   * that many distinct shard ids have a session that is connected (each sent READY and the
   * GUILD_CREATEs of the guilds it owns), so a test can start several shard clients, or restart them,
   * and wait for all of them: sessions left by shards that have disconnected do not count.
   */
  async waitForReady(options: { shards?: number } = {}): Promise<void> {
    const { shards } = options;
    const what = shards === undefined ? "waitForReady()" : `waitForReady({ shards: ${shards} })`;
    const g = this.#gateway;
    await this.#waiters.until(what, () => {
      const ready = shards === undefined ? g.readies > 0 : g.connectedShards >= shards;
      return ready ? true : undefined;
    });
  }

  /**
   * The live gateway sessions, one per shard id, in shard order: which shards have identified, with
   * which count, and whether each is connected right now. A bot that does not shard has one, shard 0
   * of 1. A snapshot: later changes are not reflected.
   */
  shards(): readonly ShardSession[] {
    return this.#gateway.shards();
  }

  /**
   * Closes a gateway socket as a network drop would: by default with close code 4000, after which
   * discord.js resumes; "terminate" cuts the TCP connection without a close frame. Events dispatched
   * meanwhile for that shard are queued and replayed on its RESUME, followed by RESUMED. With
   * `invalidateSession` the session is forgotten: the RESUME gets op 9 and the shard must identify
   * again. `shard` names the shard whose socket drops (default: shard 0's, or the only session's);
   * the other shards stay connected and keep receiving their events.
   */
  dropConnection(
    code: number | "terminate" = 4000,
    options: { invalidateSession?: boolean; shard?: number } = {},
  ): void {
    this.#gateway.drop(code, options.invalidateSession ?? false, options.shard);
  }

  /**
   * Holds every new gateway connection before its HELLO until `releaseGateway()`: the bot stays
   * disconnected, as while Discord's gateway is slow or down, for as long as a test needs. It holds
   * new connections of every shard (HELLO comes before the IDENTIFY or RESUME that names the shard);
   * shards whose sockets are open stay connected.
   */
  holdGateway(): void {
    this.#gateway.hold();
  }

  /** Lets the held connections (and new ones) go on: HELLO, then IDENTIFY or RESUME as usual. */
  releaseGateway(): void {
    this.#gateway.release();
  }

  /**
   * Resolves once a shard's session has been resumed after its last `dropConnection()` (or at all,
   * without one); rejects if that shard identified again instead. The shard is `shard`, by default
   * the one the last `dropConnection()` dropped; without any drop, any shard's resume will do.
   */
  async waitForResume(options: { shard?: number } = {}): Promise<void> {
    const g = this.#gateway;
    const shard = options.shard ?? g.lastDroppedShard;
    const what = options.shard === undefined ? "waitForResume()" : `waitForResume({ shard: ${shard} })`;
    await this.#waiters.until(what, () => {
      if (shard === null) return g.successfulResumes > 0 ? true : undefined;
      const c = g.counters(shard);
      if (c.drops === 0) return c.successfulResumes > 0 ? true : undefined;
      if (c.dropsResumed === c.drops) return true;
      if (c.identifies > c.identifiesAtDrop)
        throw new Error(`${what}: after the drop shard ${shard} identified again instead of resuming`);
      return undefined;
    });
  }

  // ---- state

  /** Commands registered by bulk overwrites (and single creates), echoed with their ids. */
  get commands(): {
    readonly global: readonly RegisteredCommand[];
    readonly guilds: ReadonlyMap<string, readonly RegisteredCommand[]>;
  } {
    return { global: this.#ctx.commands.global, guilds: this.#ctx.commands.guilds };
  }

  /** Every message created (replies, follow-ups, channel messages), in its latest state. */
  get messages(): readonly StoredMessage[] {
    return this.#ctx.messages.all;
  }

  /** Every REST request served, with the status answered. */
  get requests(): readonly RequestRecord[] {
    return this.#rest.requests;
  }

  /** The bot's user id. */
  get botUserId(): string {
    return this.#ctx.world.bot.id;
  }

  /** The id of the user interactions come from when a test names none. */
  get defaultUserId(): string {
    return this.#ctx.world.user().id;
  }

  // ---- faults

  /** Injects a REST fault (see RestFault) until {@link clearRestFaults}. */
  injectRestFault(fault: RestFault): void {
    this.#rest.injectFault(fault);
  }

  clearRestFaults(): void {
    this.#rest.clearFaults();
  }

  /**
   * Delivers an interaction's INTERACTION_CREATE again, as Discord sometimes does, to the shard that
   * owns its guild now; returns that shard.
   */
  redeliver(handle: InteractionHandle): number {
    const record = this.#ctx.interactions.byId(handle.id);
    if (!record) throw new Error(`redeliver(): interaction ${handle.id} is not one of this emulator's`);
    return this.#ctx.gateway.dispatch("INTERACTION_CREATE", record.payload, record.context.guild?.id ?? null);
  }

  /**
   * Dispatches any gateway event, malformed ones included, to the connected bot: to the shard owning
   * the guild the payload names (`guild_id`, or `id` for GUILD_CREATE/UPDATE/DELETE), else shard 0.
   * Returns the shard it went to.
   */
  dispatchRaw(t: string, d: unknown): number {
    return this.#ctx.gateway.dispatch(t, d);
  }

  // ---- attachments

  /**
   * A file a user attaches to a command option: returns the option's value, and the `resolved`
   * entry Discord sends with the interaction, whose `url` this emulator serves (as the CDN does,
   * with the file's content type when it has one).
   */
  upload(file: { filename: string; content: string | Buffer; contentType?: string }): UploadedFile {
    const id = this.#ctx.ids.next();
    const bytes = Buffer.from(file.content);
    this.#uploads.set(id, { bytes, contentType: file.contentType });
    const url = `${this.cdnUrl}/${this.#ctx.world.channels.keys().next().value ?? "0"}/${id}/${encodeURIComponent(file.filename)}`;
    const attachment: JsonObject = {
      id,
      filename: file.filename,
      size: bytes.length,
      url,
      proxy_url: url,
      ephemeral: true,
      ...(file.contentType === undefined ? {} : { content_type: file.contentType }),
    };
    return { id, url, resolved: { attachments: { [id]: attachment } } };
  }

  #serveUpload(url: string, response: ServerResponse): void {
    const id = url.split("/")[3] ?? "";
    const upload = this.#uploads.get(id);
    if (!upload) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    response.writeHead(200, {
      "content-length": String(upload.bytes.length),
      ...(upload.contentType === undefined ? {} : { "content-type": upload.contentType }),
    });
    response.end(upload.bytes);
  }

  // ---- interactions

  /** Dispatches a slash command (APPLICATION_COMMAND, CHAT_INPUT). */
  chatInput(opts: ChatInputOptions): InteractionHandle {
    const context = resolveContext(this.#ctx.world, opts);
    const data = this.#commandData(opts.name, opts.options, opts.resolved, context);
    return this.#dispatch("command", `/${opts.name}`, opts.name, context, null, data);
  }

  /** Dispatches an autocomplete request for a command option. */
  autocomplete(opts: AutocompleteOptions): InteractionHandle {
    const context = resolveContext(this.#ctx.world, opts);
    const data = this.#commandData(opts.name, opts.options, undefined, context);
    return this.#dispatch("autocomplete", `autocomplete /${opts.name}`, opts.name, context, null, data);
  }

  /** Dispatches a click on a button of a stored message. */
  button(opts: ButtonOptions): InteractionHandle {
    const message = this.#ctx.messages.get(opts.message.id);
    if (!message || message.deleted)
      throw new Error(`button(): message ${opts.message.id} is not a live message of this emulator`);
    const button = buttonsOf(message).find((b) => b.custom_id === opts.customId);
    if (!button)
      throw new Error(
        `button(): message ${message.id} has no button with custom_id ${JSON.stringify(opts.customId)}`,
      );
    if (button.disabled === true)
      throw new Error(`button(): the button ${JSON.stringify(opts.customId)} is disabled`);
    if (opts.guildId !== undefined && opts.guildId !== message.guild_id)
      throw new Error(`button(): message ${message.id} is in guild ${message.guild_id}, not ${opts.guildId}`);
    const context = resolveContext(this.#ctx.world, {
      ...opts,
      guildId: message.guild_id,
      channelId: message.channel_id,
    });
    return this.#dispatch(
      "component",
      `button ${JSON.stringify(opts.customId)}`,
      null,
      context,
      message,
      buttonData(opts.customId),
    );
  }

  #commandData(
    name: string,
    options: readonly unknown[] | undefined,
    resolved: JsonObject | undefined,
    context: InteractionContextInput,
  ): JsonObject {
    const guildId = context.guild?.id ?? null;
    const registered = this.#ctx.commands.find(name, guildId);
    const id = registered?.id ?? this.#ctx.commands.idFor(name, guildId);
    return commandData(id, name, options, resolved, registered?.guild_id ?? null);
  }

  #dispatch(
    kind: InteractionKind,
    label: string,
    commandName: string | null,
    context: InteractionContextInput,
    componentMessage: MessageRecord | null,
    data: JsonObject,
  ): InteractionHandle {
    const ctx = this.#ctx;
    const guildId = context.guild?.id ?? null;
    // Checked before the record exists, so an interaction no shard can receive leaves nothing behind.
    ctx.gateway.shardFor(label, guildId);
    const record = new InteractionRecord(ctx.ids.next(), kind, label, commandName, context, componentMessage);
    record.payload = {
      ...basePayload(ctx.world, ctx.applicationId, record),
      data,
      ...(componentMessage ? { message: componentMessage.raw() } : {}),
    };
    ctx.interactions.add(record);
    record.deadline = setTimeout(() => {
      if (record.ack) return;
      record.expired = true;
      this.#violate({
        rule: "interaction.ack-deadline",
        description: `${label} (interaction ${record.id}) got no accepted callback within ${ctx.ackDeadlineMs} ms of its dispatch`,
        interactionId: record.id,
      });
    }, ctx.ackDeadlineMs);
    record.deadline.unref();
    const shard = ctx.gateway.dispatch("INTERACTION_CREATE", record.payload, guildId);
    return createHandle(record, shard, {
      waiters: this.#waiters,
      messages: ctx.messages,
      ackDeadlineMs: ctx.ackDeadlineMs,
      violations: () => this.violations,
    });
  }
}
