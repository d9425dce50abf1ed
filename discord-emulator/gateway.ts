import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { API_VERSION, GatewayClose, GatewayOp, Intent } from "./constants.ts";
import { sessionId as newSessionId } from "./ids.ts";
import { isObject } from "./json.ts";
import type { JsonObject, ResumeRecord, Violation } from "./types.ts";
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

  constructor(intents: number) {
    this.intents = intents;
  }
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
 * network drops. JSON encoding, no compression. One bot session at a time.
 */
export class Gateway {
  identifies = 0;
  heartbeats = 0;
  readonly resumes: ResumeRecord[] = [];
  readonly connections: { path: string; query: string }[] = [];
  /** READY (and GUILD_CREATEs) sent, in total. */
  readies = 0;
  drops = 0;
  successfulResumes = 0;
  /** The value of `drops` when the last RESUME succeeded. */
  dropsResumed = 0;
  /** The value of `identifies` at the last drop. */
  identifiesAtDrop = 0;
  readonly #config: GatewayConfig;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new WeakMap<WebSocket, Connection>();
  #current: Session | null = null;
  /** Sockets waiting for their HELLO while the gateway is held; null when it is not. */
  #held: WebSocket[] | null = null;

  constructor(config: GatewayConfig) {
    this.#config = config;
    this.#server.on("connection", (socket, request) => this.#accept(socket, request));
  }

  get url(): string {
    return `${this.#config.baseUrl()}${GATEWAY_PATH}`;
  }

  /** Whether a session exists and its socket is open. */
  get connected(): boolean {
    return this.#current?.socket?.readyState === WebSocket.OPEN;
  }

  get hasSession(): boolean {
    return this.#current !== null;
  }

  get sessionId(): string | null {
    return this.#current?.id ?? null;
  }

  get sequence(): number {
    return this.#current?.seq ?? 0;
  }

  /** The intents the current session identified with. */
  get intents(): number | null {
    return this.#current?.intents ?? null;
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== GATEWAY_PATH && path !== RESUME_PATH) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit("connection", ws, request));
  }

  /** Sends an event to the bot, or queues it for replay when the bot is disconnected. */
  dispatch(t: string, d: unknown): void {
    const session = this.#current;
    if (!session)
      throw new Error(`cannot dispatch ${t}: no bot has identified on the gateway (await waitForReady())`);
    this.#dispatchTo(session, t, d);
  }

  /**
   * Closes the bot's socket as a network drop would. The session stays resumable unless
   * `invalidateSession`: then the RESUME is answered with op 9 and what was queued is lost.
   */
  drop(code: number | "terminate", invalidateSession: boolean): void {
    const session = this.#current;
    const socket = session?.socket;
    if (!session || !socket) throw new Error("dropConnection(): the bot is not connected to the gateway");
    session.socket = null;
    if (invalidateSession) this.#sessions.delete(session.id);
    this.drops++;
    this.identifiesAtDrop = this.identifies;
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
    this.identifies++;
    const intents = typeof d.intents === "number" ? d.intents : 0;
    const session = new Session(intents);
    this.#sessions.set(session.id, session);
    this.#current = session;
    session.socket = connection.socket;
    connection.session = session;
    const { world, applicationId } = this.#config;
    const resumeUrl = `${this.#config.baseUrl()}${RESUME_PATH}`;
    this.#dispatchTo(session, "READY", world.readyPayload(session.id, resumeUrl, applicationId));
    if ((intents & Intent.Guilds) !== 0)
      for (const guild of world.guilds.values())
        this.#dispatchTo(session, "GUILD_CREATE", world.guildCreatePayload(guild));
    this.readies++;
    this.#config.changed();
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
    if (!session || session !== this.#current || seq < 1 || seq > session.seq || seq < oldest - 1) {
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
    this.dropsResumed = this.drops;
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
