import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { ACKS_PARAM } from "../../app/collab/persistence";
import type { CollabService } from "../../app/collab/service";
import { log } from "../log";
import { isAllowedOrigin, type Scheme } from "../origin";
import type { ControlMessage, RelayBus } from "./bus";
import { decodeClientMessage, ProtocolError } from "./protocol";
import { Connection, Room, type Participant, type RelayCloseCodes, type RoomOptions } from "./room";
import { BatchWriter, type DocumentStore } from "./store";

/** A refusal: the socket is closed with this code (44xx mirrors HTTP) and reason. */
export interface Refusal {
  close: number;
  reason: string;
}

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "close" in value && "reason" in value;

/**
 * What an extension plugs into the relay (the shape of Hocuspocus's hooks). The relay speaks y-websocket, keeps rooms,
 * persists bytes and enforces transport limits; everything that knows what a document means lives in the hooks.
 */
export interface RelayHooks<D> {
  /** Who is connecting to `documentName`: called once per socket, before any of its messages is acted on. */
  authenticate(request: IncomingMessage, documentName: string): Promise<Participant<D> | Refusal>;
  /** A room was loaded from the store; runs before any client is attached (e.g. to write what the server owns). */
  onLoadDocument?(room: Room<D>): Promise<void>;
  /** After every transaction of a room, in the same tick: a client's (origin is its Connection) or the server's. */
  onChange?(room: Room<D>, origin: unknown, transaction: Y.Transaction): void;
  /** Re-checks an open connection (periodically, and on demand after a membership or status change). */
  revalidate?(participant: Participant<D>, documentName: string): Promise<Participant<D> | Refusal>;
  /** Asked by the application after it changed what the hooks depend on (status, membership, server data). */
  onRefresh?(room: Room<D> | undefined, documentName: string): Promise<void>;
  /** A room leaves memory (awaited at shutdown, so that what the hooks hold is written before the database closes). */
  onUnload?(room: Room<D>): void | Promise<void>;
}

export interface RelayOptions<D> {
  store: DocumentStore;
  hooks: RelayHooks<D>;
  allowedOrigins?: string[];
  /** The scheme the client used for this request (behind a trusted proxy, its X-Forwarded-Proto): Origins must match it. */
  schemeOf?: (req: IncomingMessage) => Scheme;
  /** Keep an empty room in memory this long, so that a quick reconnect does not reload it. */
  evictAfterMs?: number;
  /** How often open sockets are re-checked through `hooks.revalidate`. */
  revalidateEveryMs?: number;
  maxMessageBytes?: number;
  /** How long the shared writer gathers rows from every document before one INSERT. */
  writeBatchMs?: number;
  flushDelayMs?: number;
  compactAfterRows?: number;
  /** Sockets one session may hold open at once (across documents). */
  maxSocketsPerSession?: number;
  maxPresenceBytes?: number;
  /** Bytes waiting to be sent to one socket beyond which its peer is considered gone and the socket is closed. */
  maxBufferedBytes?: number;
  /** Other instances serving the same documents (docs/decisions/0013-scale-out-on-redis.md); absent for one process. */
  bus?: RelayBus;
  /** See RoomOptions.remoteGraceMs. */
  remoteGraceMs?: number;
}

/** Close codes of the relay; the 44xx ones mirror HTTP statuses and tell y-websocket clients not to retry. */
export const RELAY_CLOSE_CODES = {
  badRequest: 4400,
  unauthorized: 4401,
  notFound: 4404,
  forbidden: 4403,
  tooLarge: 4413,
  tooManySockets: 4429,
  shuttingDown: 4503,
} as const;

const PATH = /^\/collab\/([A-Za-z0-9-]{1,64})\/?$/;

/**
 * A y-websocket relay: authorizes each socket through the hooks, then serves one Yjs room per document with
 * write-behind persistence. See docs/decisions/0002-custom-yjs-server.md and 0007-relay-hooks-and-acknowledged-saves.md.
 */
export class CollabRelay<D = unknown> implements CollabService {
  private readonly rooms = new Map<string, Room<D>>();
  private readonly evictions = new Map<string, NodeJS.Timeout>();
  private readonly socketsBySession = new Map<string, Set<WebSocket>>();
  private readonly wss: WebSocketServer;
  private readonly store: DocumentStore;
  private readonly writer: BatchWriter;
  private readonly roomOptions: RoomOptions;
  private readonly revalidateTimer: NodeJS.Timeout;
  private readonly hooks: RelayHooks<D>;
  private closing = false;

  constructor(private readonly options: RelayOptions<D>) {
    this.store = options.store;
    this.hooks = options.hooks;
    this.writer = new BatchWriter(this.store, options.writeBatchMs ?? 100);
    const closeCodes: RelayCloseCodes = { tooLarge: RELAY_CLOSE_CODES.tooLarge };
    this.roomOptions = {
      flushDelayMs: options.flushDelayMs ?? 50,
      compactAfterRows: options.compactAfterRows ?? 200,
      maxPresenceBytes: options.maxPresenceBytes ?? 8 * 1024,
      maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
      closeCodes,
      remoteGraceMs: options.remoteGraceMs,
    };
    options.bus?.onControl((message) => void this.onControl(message));
    options.bus?.onReconnect(() => void this.catchUp());
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 16 * 1024 * 1024 });
    this.revalidateTimer = setInterval(() => void this.revalidate(), options.revalidateEveryMs ?? 60_000);
    this.revalidateTimer.unref();
  }

  /** True when the request is for this endpoint (the HTTP server routes other upgrades elsewhere). */
  matches(req: IncomingMessage): boolean {
    return (req.url ?? "").startsWith("/collab/");
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req));
  }

  private async accept(ws: WebSocket, req: IncomingMessage) {
    // Buffer what arrives while we authorize: the client sends its sync step 1 immediately.
    const early: RawData[] = [];
    const buffer = (data: RawData) => early.push(data);
    ws.on("message", buffer);
    ws.on("error", (error) => log.warn("collab socket error", { error }));

    const url = new URL(req.url ?? "/", "http://localhost");
    const match = PATH.exec(url.pathname);
    if (!match) return ws.close(RELAY_CLOSE_CODES.notFound, "Document introuvable");
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, this.options.allowedOrigins ?? [], this.options.schemeOf?.(req)))
      return ws.close(RELAY_CLOSE_CODES.forbidden, "Origine refusée");
    const name = match[1];
    const verdict = await this.hooks.authenticate(req, name).catch((error: unknown): Refusal => {
      log.error("collab authorization failed", { error });
      return { close: 1011, reason: "Erreur interne" };
    });
    if (isRefusal(verdict)) return ws.close(verdict.close, verdict.reason);
    if (!this.holdSocket(verdict.sessionKey, ws))
      return ws.close(RELAY_CLOSE_CODES.tooManySockets, "Trop de connexions ouvertes pour cette session");

    const room = this.roomFor(name);
    try {
      await room.ready;
    } catch (error) {
      log.error("collab room failed to load", { conventionId: name, error });
      if (this.rooms.get(name) === room) this.rooms.delete(name);
      ws.close(1011, "Document indisponible");
      return;
    }
    if (ws.readyState !== ws.OPEN) return this.scheduleEviction(room);
    const conn = new Connection<D>(ws, verdict, url.searchParams.get(ACKS_PARAM) === "1", {
      maxBufferedBytes: this.roomOptions.maxBufferedBytes,
      closeCodes: this.roomOptions.closeCodes,
    });
    room.addConnection(conn);
    const onMessage = (data: RawData) => {
      const bytes = toBytes(data);
      try {
        room.handle(conn, decodeClientMessage(bytes));
      } catch (error) {
        if (error instanceof ProtocolError) {
          log.warn("collab protocol error", { conventionId: name, userId: conn.participant.userId, error });
          ws.close(RELAY_CLOSE_CODES.badRequest, "Message invalide");
        } else {
          log.error("collab message failed", { conventionId: name, userId: conn.participant.userId, error });
          ws.close(1011, "Erreur interne");
        }
      }
    };
    ws.off("message", buffer);
    for (const data of early) onMessage(data);
    ws.on("message", onMessage);
    ws.on("close", () => {
      room.removeConnection(conn);
      if (room.connections.size === 0) this.scheduleEviction(room);
    });
  }

  // One session may not open sockets without bound (each holds a room's updates in memory on the way out).
  private holdSocket(sessionKey: string, ws: WebSocket): boolean {
    let held = this.socketsBySession.get(sessionKey);
    if (!held) this.socketsBySession.set(sessionKey, (held = new Set()));
    if (held.size >= (this.options.maxSocketsPerSession ?? 20)) return false;
    held.add(ws);
    ws.once("close", () => {
      held.delete(ws);
      if (held.size === 0) this.socketsBySession.delete(sessionKey);
    });
    return true;
  }

  private roomFor(name: string): Room<D> {
    const pendingEviction = this.evictions.get(name);
    if (pendingEviction) {
      clearTimeout(pendingEviction);
      this.evictions.delete(name);
    }
    let room = this.rooms.get(name);
    if (!room) {
      // The room is ready once the hooks have seen it: no client message is handled before that.
      const created = new Room<D>(
        name,
        this.store,
        this.writer,
        this.roomOptions,
        async (loaded) => {
          // Subscribed before anyone is served, then asking the other instances for what the database does not hold yet.
          if (this.options.bus) {
            await this.options.bus.join(name, (message) => loaded.onBusMessage(message));
            loaded.requestSync();
          }
          await this.hooks.onLoadDocument?.(loaded);
        },
        this.options.bus,
      );
      room = created;
      this.rooms.set(name, created);
      created.onChange((origin, transaction) => this.hooks.onChange?.(created, origin, transaction));
      created.ready.catch(() => {
        if (this.rooms.get(name) === created) this.rooms.delete(name);
      });
    }
    return room;
  }

  private scheduleEviction(room: Room<D>) {
    if (this.closing || this.evictions.has(room.name)) return;
    const timer = setTimeout(async () => {
      this.evictions.delete(room.name);
      if (room.connections.size > 0) return;
      const drained = await room.drain();
      // Someone may have joined while we were writing; a room with unsaved updates stays in memory.
      if (room.connections.size > 0 || !drained || this.rooms.get(room.name) !== room) {
        if (!drained) this.scheduleEviction(room);
        return;
      }
      this.rooms.delete(room.name);
      void this.options.bus?.leave(room.name);
      void this.hooks.onUnload?.(room);
      room.destroy();
    }, this.options.evictAfterMs ?? 30_000);
    timer.unref();
    this.evictions.set(room.name, timer);
  }

  /** Re-checks open connections (all, or one document's) through the hooks: closes refused ones, updates the others. */
  async revalidate(only?: string) {
    if (!this.hooks.revalidate) return;
    for (const room of this.rooms.values()) {
      if (only && room.name !== only) continue;
      for (const conn of [...room.connections]) {
        try {
          const verdict = await this.hooks.revalidate(conn.participant, room.name);
          if (isRefusal(verdict)) conn.ws.close(verdict.close, verdict.reason);
          else conn.participant = verdict;
        } catch (error) {
          log.warn("collab revalidation failed", { conventionId: room.name, error });
        }
      }
    }
  }

  /** Closes the sockets of one session at once (logout), on every instance. */
  disconnectSession(sessionKey: string, close: Refusal = { close: RELAY_CLOSE_CODES.unauthorized, reason: "Déconnecté" }) {
    for (const ws of this.socketsBySession.get(sessionKey) ?? []) ws.close(close.close, close.reason);
    this.options.bus?.publish({ type: "logout", from: this.options.bus.instanceId, sessionKey });
  }

  private async onControl(message: ControlMessage) {
    if (message.type === "logout") {
      for (const ws of this.socketsBySession.get(message.sessionKey) ?? []) ws.close(RELAY_CLOSE_CODES.unauthorized, "Déconnecté");
      return;
    }
    // Another instance changed what the hooks depend on: only rooms open here need to follow.
    if (this.rooms.has(message.doc)) await this.refreshLocal(message.doc).catch((error: unknown) => log.warn("collab refresh failed", { conventionId: message.doc, error }));
  }

  /**
   * After a bus outage: every open room reads again what the database holds (other instances kept saving their
   * clients' edits) and asks the others for what they have not saved yet.
   */
  private async catchUp() {
    for (const room of this.rooms.values()) {
      try {
        await room.ready;
        const { updates } = await this.store.load(room.name);
        room.applyStored(updates);
        room.requestSync();
        await this.refreshLocal(room.name);
      } catch (error) {
        log.warn("collab catch-up failed", { conventionId: room.name, error });
      }
    }
  }

  /** The live document when the room is open, otherwise a copy loaded from the store; never keeps it open. */
  async readDocument(name: string): Promise<Y.Doc> {
    const room = this.rooms.get(name);
    if (room) {
      await room.ready;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return copy;
    }
    const { updates } = await this.store.load(name);
    const doc = new Y.Doc();
    if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
    return doc;
  }

  /** Opens the room (loading it if needed) to let the server change the document; the change is relayed and saved. */
  async withRoom<T>(name: string, fn: (room: Room<D>) => T | Promise<T>): Promise<T> {
    const room = this.roomFor(name);
    await room.ready;
    try {
      return await fn(room);
    } finally {
      if (room.connections.size === 0) this.scheduleEviction(room);
    }
  }

  /** The open room of a document, if any (extensions refresh open rooms only). */
  openRoom(name: string): Room<D> | undefined {
    return this.rooms.get(name);
  }

  /** Tells the hooks that what they depend on changed for a document, then re-checks its sockets, on every instance. */
  async refresh(name: string): Promise<void> {
    await this.refreshLocal(name);
    this.options.bus?.publish({ type: "refresh", doc: name, from: this.options.bus.instanceId });
  }

  private async refreshLocal(name: string): Promise<void> {
    const room = this.rooms.get(name);
    if (room) await room.ready.catch(() => undefined);
    await this.hooks.onRefresh?.(this.rooms.get(name), name);
    await this.revalidate(name);
  }

  /** `refresh`, under the name the application's collaboration service uses. */
  refreshAccess(name: string): Promise<void> {
    return this.refresh(name);
  }

  async updateDocument(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    await this.withRoom(name, (room) => room.transactAsServer(change));
  }

  get stats() {
    let connections = 0;
    for (const r of this.rooms.values()) connections += r.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /** Stops accepting sockets, tells clients to come back later, and writes everything pending. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.revalidateTimer);
    for (const t of this.evictions.values()) clearTimeout(t);
    this.evictions.clear();
    for (const room of this.rooms.values())
      for (const conn of room.connections) conn.ws.close(RELAY_CLOSE_CODES.shuttingDown, "Redémarrage du serveur");
    const results = await Promise.all(
      [...this.rooms.values()].map(async (room) => ({ room, drained: await room.drain(8).catch(() => false) })),
    );
    for (const { room, drained } of results) {
      if (!drained) log.error("collab shutdown with unsaved updates", { conventionId: room.name });
      void this.options.bus?.leave(room.name);
      await this.hooks.onUnload?.(room);
      room.destroy();
    }
    this.rooms.clear();
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
