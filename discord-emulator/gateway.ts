import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { API_VERSION, GatewayClose, GatewayOp, Intent } from "./constants.ts";
import { sessionId as newSessionId } from "./ids.ts";
import { isObject } from "./json.ts";
import { parseShard, routeShard, type ShardKey } from "./sharding.ts";
import type { JsonObject, ResumeRecord, ShardSession, Violation } from "./types.ts";
import type { World } from "./world.ts";

/** The gateway paths: the one GET /gateway/bot names, and the one READY names for resuming. */
export const GATEWAY_PATH = "/gateway";
export const RESUME_PATH = "/gateway/resume";
/** How many dispatches a session keeps for replay. */
const HISTORY = 1000;

interface Dispatch {
  readonly op: 0;
  readonly t: string;
  readonly s: number;
  readonly d: unknown;
}

class Session {
  readonly id = newSessionId();
  seq = 0;
  readonly history: Dispatch[] = [];
  socket: WebSocket | null = null;
  readonly intents: number;
  readonly key: ShardKey;

  constructor(intents: number, key: ShardKey) {
    this.intents = intents;
    this.key = key;
  }
}

/** What happened to one shard id across its sessions: what `waitForResume()` looks at. */
export interface ShardCounters {
  /** IDENTIFYs accepted for this shard id. */
  identifies: number;
  drops: number;
  successfulResumes: number;
  /** The value of `drops` when the last RESUME succeeded. */
  dropsResumed: number;
  /** The value of `identifies` at the last drop. */
  identifiesAtDrop: number;
}

const noCounters = (): ShardCounters => ({
  identifies: 0,
  drops: 0,
  successfulResumes: 0,
  dropsResumed: 0,
  identifiesAtDrop: 0,
});

/** The guild an event is about, for routing it to the shard that owns the guild (null: none, e.g. a DM). */
function guildOfEvent(t: string, d: unknown): string | null {
  if (!isObject(d)) return null;
  if (typeof d.guild_id === "string") return d.guild_id;
  // GUILD_CREATE, GUILD_UPDATE, GUILD_DELETE carry the guild itself.
  if (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(t) && typeof d.id === "string") return d.id;
  return null;
}

/** One WebSocket connection and what it has authenticated as. */
interface Connection {
  readonly socket: WebSocket;
  session: Session | null;
  /** Dropped by the emulator: whatever still arrives on it is ignored. */
  dropped: boolean;
}

export interface GatewayConfig {
  readonly token: string;
  readonly applicationId: string;
  readonly world: World;
  readonly heartbeatIntervalMs: number;
  /** `ws://127.0.0.1:PORT` */
  readonly baseUrl: () => string;
  readonly violate: (violation: Violation) => void;
  readonly changed: () => void;
}

/**
 * The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay, emulated
 * network drops. JSON encoding, no compression. Sharded as Discord shards: one live session per shard
 * id (a bot that does not shard is shard [0, 1]), each sent only the guilds it owns and their events.
 */
export class Gateway {
  /** IDENTIFYs accepted, all shards together. */
  identifies = 0;
  heartbeats = 0;
  readonly resumes: ResumeRecord[] = [];
  readonly connections: { path: string; query: string }[] = [];
  /** READY (and GUILD_CREATEs) sent, in total. */
  readies = 0;
  /** RESUMEs accepted, all shards together. */
  successfulResumes = 0;
  /** The shard id of the last `drop()`, or null before the first. */
  lastDroppedShard: number | null = null;
  readonly #config: GatewayConfig;
  readonly #server = new WebSocketServer({ noServer: true });
  /** Every session ever identified and not invalidated, by session id: what RESUME looks up. */
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new WeakMap<WebSocket, Connection>();
  /** The current session of each shard id, connected or waiting for its RESUME. */
  readonly #live = new Map<number, Session>();
  readonly #counters = new Map<number, ShardCounters>();
  /** Sockets waiting for their HELLO while the gateway is held; null when it is not. */
  #held: WebSocket[] | null = null;

  constructor(config: GatewayConfig) {
    this.#config = config;
    this.#server.on("connection", (socket, request) => this.#accept(socket, request));
  }

  get url(): string {
    return `${this.#config.baseUrl()}${GATEWAY_PATH}`;
  }

  /** Whether shard 0's session (or the only one) exists and its socket is open. */
  get connected(): boolean {
    return isOpen(this.#primary());
  }

  get sessionId(): string | null {
    return this.#primary()?.id ?? null;
  }

  get sequence(): number {
    return this.#primary()?.seq ?? 0;
  }

  /** The intents shard 0's session (or the only one) identified with. */
  get intents(): number | null {
    return this.#primary()?.intents ?? null;
  }

  /**
   * How many shard ids have a live session with an open socket: each was sent READY when it
   * identified, and is not waiting for a RESUME, nor the leftover of a shard process that has gone.
   */
  get connectedShards(): number {
    return [...this.#live.values()].filter(isOpen).length;
  }

  /** The live sessions, by shard id. */
  shards(): ShardSession[] {
    return [...this.#live.values()]
      .sort((a, b) => a.key.shard - b.key.shard)
      .map((session) => ({
        shard: session.key.shard,
        count: session.key.count,
        connected: isOpen(session),
        sessionId: session.id,
        sequence: session.seq,
        identifies: this.counters(session.key.shard).identifies,
      }));
  }

  /** What happened to a shard id so far (all zero for one never seen). */
  counters(shard: number): Readonly<ShardCounters> {
    return this.#counters.get(shard) ?? noCounters();
  }

  /**
   * The shard that events about `guildId` go to (null: not about a guild → shard 0), which must have
   * a session; `what` names the event in the error otherwise.
   */
  shardFor(what: string, guildId: string | null): number {
    return this.#route(what, guildId).key.shard;
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== GATEWAY_PATH && path !== RESUME_PATH) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit("connection", ws, request));
  }

  /**
   * Sends an event to the session of the shard that owns `guildId` (by default the guild the payload
   * names; null: shard 0), or queues it for replay when that session is disconnected. Returns the shard.
   */
  dispatch(t: string, d: unknown, guildId: string | null = guildOfEvent(t, d)): number {
    const session = this.#route(t, guildId);
    this.#dispatchTo(session, t, d);
    return session.key.shard;
  }

  /**
   * Closes a shard's socket (default: shard 0's, or the only one's) as a network drop would. The
   * session stays resumable unless `invalidateSession`: then the RESUME is answered with op 9 and
   * what was queued is lost.
   */
  drop(code: number | "terminate", invalidateSession: boolean, shard?: number): void {
    const session = shard === undefined ? this.#primary() : (this.#live.get(shard) ?? null);
    const socket = session?.socket;
    if (!session || !socket)
      throw new Error(
        `dropConnection(): ${shard === undefined ? "the bot" : `shard ${shard}`} is not connected to the gateway`,
      );
    session.socket = null;
    if (invalidateSession) this.#sessions.delete(session.id);
    const counters = this.#countersOf(session.key.shard);
    counters.drops++;
    counters.identifiesAtDrop = counters.identifies;
    this.lastDroppedShard = session.key.shard;
    this.#connectionOf(socket).dropped = true;
    if (code === "terminate") socket.terminate();
    else socket.close(code, "emulated network drop");
    this.#config.changed();
  }

  /** Holds new connections before their HELLO, as a gateway that is slow to answer does. */
  hold(): void {
    this.#held ??= [];
  }

  /** Sends the held connections their HELLO, and stops holding new ones. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const socket of held) if (socket.readyState === WebSocket.OPEN) this.#hello(socket);
  }

  close(): void {
    for (const client of this.#server.clients) client.terminate();
    this.#server.close();
  }

  /** Shard 0's session, or the only (first) one when shard 0 has none. */
  #primary(): Session | null {
    return this.#live.get(0) ?? this.#live.values().next().value ?? null;
  }

  #countersOf(shard: number): ShardCounters {
    let counters = this.#counters.get(shard);
    if (!counters) {
      counters = noCounters();
      this.#counters.set(shard, counters);
    }
    return counters;
  }

  /** The live session that owns `guildId` by Discord's formula, over the live sessions' shard count. */
  #route(what: string, guildId: string | null): Session {
    const count = this.#primary()?.key.count;
    if (count === undefined)
      throw new Error(`cannot dispatch ${what}: no bot has identified on the gateway (await waitForReady())`);
    const shard = routeShard(guildId, count);
    const session = this.#live.get(shard);
    if (!session) {
      const about = guildId === null ? "an event without a guild" : `guild ${guildId}`;
      throw new Error(
        `cannot dispatch ${what}: ${about} belongs to shard ${shard} of ${count}, which has no session (await waitForReady({ shards: ${count} }))`,
      );
    }
    return session;
  }

  #connectionOf(socket: WebSocket): Connection {
    let connection = this.#connections.get(socket);
    if (!connection) {
      connection = { socket, session: null, dropped: false };
      this.#connections.set(socket, connection);
    }
    return connection;
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? "/", "http://localhost");
    this.connections.push({ path: url.pathname, query: url.search });
    const connection = this.#connectionOf(socket);
    socket.on("message", (data, isBinary) => {
      if (!connection.dropped) this.#receive(connection, data, isBinary);
    });
    socket.on("close", () => {
      if (connection.session?.socket === socket) connection.session.socket = null;
      this.#config.changed();
    });
    socket.on("error", () => {});
    const version = url.searchParams.get("v");
    const encoding = url.searchParams.get("encoding");
    if (version !== String(API_VERSION)) {
      this.#closeWith(
        connection,
        GatewayClose.InvalidApiVersion,
        "Invalid API version.",
        "gateway.api-version",
        `connected with v=${version}`,
      );
      return;
    }
    if (encoding !== "json" || url.searchParams.has("compress")) {
      const what = `encoding=${encoding} compress=${url.searchParams.get("compress")}`;
      this.#closeWith(
        connection,
        GatewayClose.DecodeError,
        "Error while decoding payload.",
        "gateway.encoding",
        `${what}: the emulator speaks uncompressed JSON only`,
      );
      return;
    }
    if (this.#held) this.#held.push(socket);
    else this.#hello(socket);
  }

  #hello(socket: WebSocket): void {
    this.#send(socket, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: this.#config.heartbeatIntervalMs, _trace: ["discord-emulator"] },
    });
  }

  #receive(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      payload = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      payload = undefined;
    }
    if (!isObject(payload) || typeof payload.op !== "number") {
      this.#closeWith(
        connection,
        GatewayClose.DecodeError,
        "Error while decoding payload.",
        "gateway.decode",
        "a payload that is not a JSON object with an op",
      );
      return;
    }
    const d = payload.d;
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.heartbeats++;
        this.#send(connection.socket, { op: GatewayOp.HeartbeatAck });
        this.#config.changed();
        return;
      case GatewayOp.Identify:
        this.#identify(connection, d);
        return;
      case GatewayOp.Resume:
        this.#resume(connection, d);
        return;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestGuildMembers:
        if (!connection.session) {
          this.#closeWith(
            connection,
            GatewayClose.NotAuthenticated,
            "Not authenticated.",
            "gateway.not-authenticated",
            `op ${payload.op} before IDENTIFY`,
          );
          return;
        }
        if (payload.op === GatewayOp.RequestGuildMembers) this.#guildMembers(connection.session, d);
        return;
      default:
        this.#closeWith(
          connection,
          GatewayClose.UnknownOpcode,
          "Unknown opcode.",
          "gateway.unknown-opcode",
          `op ${payload.op}`,
        );
    }
  }

  #identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      this.#closeWith(
        connection,
        GatewayClose.AlreadyAuthenticated,
        "Already authenticated.",
        "gateway.already-authenticated",
        "a second IDENTIFY on one connection",
      );
      return;
    }
    if (!isObject(d) || d.token !== this.#config.token) {
      this.#closeWith(
        connection,
        GatewayClose.AuthenticationFailed,
        "Authentication failed.",
        "gateway.authentication-failed",
        "IDENTIFY with a wrong token",
      );
      return;
    }
    const key = this.#acceptShard(connection, d.shard);
    if (!key) return;
    this.#forgetOtherCounts(key);
    this.identifies++;
    this.#countersOf(key.shard).identifies++;
    const intents = typeof d.intents === "number" ? d.intents : 0;
    const session = new Session(intents, key);
    this.#sessions.set(session.id, session);
    // A shard that identifies again (a restarted shard process) replaces its old session.
    this.#live.set(key.shard, session);
    session.socket = connection.socket;
    connection.session = session;
    const { world, applicationId } = this.#config;
    const resumeUrl = `${this.#config.baseUrl()}${RESUME_PATH}`;
    this.#dispatchTo(session, "READY", world.readyPayload(session.id, resumeUrl, applicationId, key));
    if ((intents & Intent.Guilds) !== 0)
      for (const guild of world.guildsOf(key))
        this.#dispatchTo(session, "GUILD_CREATE", world.guildCreatePayload(guild));
    this.readies++;
    this.#config.changed();
  }

  /**
   * The shard an IDENTIFY names, or null after closing with 4010: the shard must be `[id, count]`
   * with `0 <= id < count`, and `count` that of the other shards' connected sessions (two shards that
   * disagree on the count would both think they own some guilds, and neither others).
   */
  #acceptShard(connection: Connection, value: unknown): ShardKey | null {
    const key = parseShard(value);
    const invalid = (what: string) => {
      this.#closeWith(connection, GatewayClose.InvalidShard, "Invalid shard.", "gateway.invalid-shard", what);
      return null;
    };
    if (!key) return invalid(`IDENTIFY with shard ${JSON.stringify(value)}`);
    for (const other of this.#live.values())
      if (other.key.shard !== key.shard && other.key.count !== key.count && isOpen(other))
        return invalid(
          `IDENTIFY as shard [${key.shard}, ${key.count}] while shard ${other.key.shard} is connected with a session of ${other.key.count} shards`,
        );
    return key;
  }

  /**
   * Resharding: once a shard identifies with a new count, the disconnected sessions of the old count
   * (processes that are gone) can no longer be resumed, and their shards have no session.
   */
  #forgetOtherCounts(key: ShardKey): void {
    for (const [shard, session] of this.#live)
      if (session.key.count !== key.count) {
        this.#live.delete(shard);
        this.#sessions.delete(session.id);
      }
  }

  #resume(connection: Connection, d: unknown): void {
    const sessionId = isObject(d) && typeof d.session_id === "string" ? d.session_id : "";
    const seq = isObject(d) && typeof d.seq === "number" ? d.seq : -1;
    if (!isObject(d) || d.token !== this.#config.token) {
      this.resumes.push({ sessionId, seq, accepted: false, replayed: 0 });
      this.#closeWith(
        connection,
        GatewayClose.AuthenticationFailed,
        "Authentication failed.",
        "gateway.authentication-failed",
        "RESUME with a wrong token",
      );
      return;
    }
    if (connection.session) {
      this.#closeWith(
        connection,
        GatewayClose.AlreadyAuthenticated,
        "Already authenticated.",
        "gateway.already-authenticated",
        "RESUME on a connection that already identified or resumed",
      );
      return;
    }
    const session = this.#sessions.get(sessionId);
    const oldest = session?.history[0]?.s ?? 1;
    const live = session && this.#live.get(session.key.shard) === session;
    if (!session || !live || seq < 1 || seq > session.seq || seq < oldest - 1) {
      this.resumes.push({ sessionId, seq, accepted: false, replayed: 0 });
      this.#send(connection.socket, { op: GatewayOp.InvalidSession, d: false });
      this.#config.changed();
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    session.socket = connection.socket;
    connection.session = session;
    const missed = session.history.filter((packet) => packet.s > seq);
    for (const packet of missed) this.#send(connection.socket, packet);
    session.seq++;
    this.#send(connection.socket, {
      op: GatewayOp.Dispatch,
      t: "RESUMED",
      s: session.seq,
      d: { _trace: ["discord-emulator"] },
    });
    this.resumes.push({ sessionId, seq, accepted: true, replayed: missed.length });
    this.successfulResumes++;
    const counters = this.#countersOf(session.key.shard);
    counters.successfulResumes++;
    counters.dropsResumed = counters.drops;
    this.#config.changed();
  }

  #guildMembers(session: Session, d: unknown): void {
    const guildId = isObject(d) && typeof d.guild_id === "string" ? d.guild_id : "";
    const guild = this.#config.world.guilds.get(guildId);
    if (!guild) return;
    const { world } = this.#config;
    this.#dispatchTo(session, "GUILD_MEMBERS_CHUNK", {
      guild_id: guild.id,
      members: [world.memberJson(guild, world.bot, [])],
      chunk_index: 0,
      chunk_count: 1,
      not_found: [],
      ...(isObject(d) && d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq++;
    const packet: Dispatch = { op: 0, t, s: session.seq, d };
    session.history.push(packet);
    if (session.history.length > HISTORY) session.history.shift();
    if (session.socket) this.#send(session.socket, packet);
  }

  #send(socket: WebSocket, payload: JsonObject | Dispatch): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  #closeWith(connection: Connection, code: number, reason: string, rule: string, what: string): void {
    this.#config.violate({
      rule,
      description: `gateway: ${what}; closed with ${code} (${reason})`,
      status: code,
    });
    connection.socket.close(code, reason);
  }
}

function isOpen(session: Session | null): boolean {
  return session?.socket?.readyState === WebSocket.OPEN;
}
