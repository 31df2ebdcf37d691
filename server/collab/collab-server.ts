import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventions } from "../../db/schema";
import { CLOSE_CODES } from "../../app/collab/document";
import { getConventionAccess } from "../../app/models/convention.server";
import { noteClientEdit } from "../../app/models/negotiation.server";
import { DOC_KEYS } from "../../app/domain/convention/state";
import { NEGOTIATION_MAP } from "../../app/domain/negotiation/live";
import { getSessionUser, readSessionToken } from "../../app/lib/session.server";
import { log } from "../log";
import { isAllowedOrigin } from "../origin";
import { guardRoom, type DataValidator } from "./guard";
import { decodeClientMessage, ProtocolError } from "./protocol";
import { Connection, Room, type Participant, type RoomOptions } from "./room";
import { BatchWriter, drizzleDocumentStore, type DocumentStore } from "./store";

export interface CollabOptions extends Partial<RoomOptions> {
  db: Db;
  store?: DocumentStore;
  allowedOrigins?: string[];
  /** Keep an empty room in memory this long, so that a quick reconnect does not reload it. */
  evictAfterMs?: number;
  /** How often open sockets re-check their session and party role. */
  revalidateEveryMs?: number;
  maxMessageBytes?: number;
  /** How long the shared writer gathers rows from every document before one INSERT. */
  writeBatchMs?: number;
  /** The domain's checks of the structured data, run again on the server after every client change. */
  validateData?: DataValidator;
}

const PATH = /^\/collab\/([A-Za-z0-9-]{1,64})\/?$/;

/** The collaboration endpoint: authorizes each socket, then serves one Yjs room per convention. */
export class CollabServer {
  private readonly rooms = new Map<string, Room>();
  private readonly evictions = new Map<string, NodeJS.Timeout>();
  private readonly wss: WebSocketServer;
  private readonly store: DocumentStore;
  private readonly writer: BatchWriter;
  private readonly roomOptions: RoomOptions;
  private readonly revalidateTimer: NodeJS.Timeout;
  private closing = false;
  /** Each open room's convention status, so that typing does not read the database (kept by refreshAccess). */
  private readonly statuses = new Map<string, string>();

  constructor(private readonly options: CollabOptions) {
    this.store = options.store ?? drizzleDocumentStore(options.db);
    this.writer = new BatchWriter(this.store, options.writeBatchMs ?? 100);
    this.roomOptions = {
      flushDelayMs: options.flushDelayMs ?? 50,
      compactAfterRows: options.compactAfterRows ?? 200,
    };
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

    const verdict = await this.authorize(req).catch((error: unknown) => {
      log.error("collab authorization failed", { error });
      return { close: 1011, reason: "Erreur interne" } as const;
    });
    if ("close" in verdict) {
      ws.close(verdict.close, verdict.reason);
      return;
    }
    const { conventionId, participant } = verdict;
    const room = this.roomFor(conventionId);
    try {
      await room.ready;
    } catch (error) {
      log.error("collab room failed to load", { conventionId, error });
      this.rooms.delete(conventionId);
      ws.close(1011, "Document indisponible");
      return;
    }
    if (ws.readyState !== ws.OPEN) return this.scheduleEviction(room);
    const conn = new Connection(ws, participant);
    room.addConnection(conn);
    const onMessage = (data: RawData) => {
      const bytes = toBytes(data);
      try {
        room.handle(conn, decodeClientMessage(bytes));
      } catch (error) {
        if (error instanceof ProtocolError) {
          log.warn("collab protocol error", { conventionId, userId: participant.userId, error });
          ws.close(CLOSE_CODES.badRequest, "Message invalide");
        } else {
          log.error("collab message failed", { conventionId, userId: participant.userId, error });
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

  private async authorize(
    req: IncomingMessage,
  ): Promise<{ close: number; reason: string } | { conventionId: string; participant: Participant }> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = PATH.exec(url.pathname);
    if (!match) return { close: CLOSE_CODES.notFound, reason: "Document introuvable" };
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, this.options.allowedOrigins ?? []))
      return { close: CLOSE_CODES.forbidden, reason: "Origine refusée" };
    const token = readSessionToken(req.headers.cookie);
    const user = await getSessionUser(this.options.db, token);
    if (!user || !token) return { close: CLOSE_CODES.unauthorized, reason: "Session absente ou expirée" };
    const conventionId = match[1];
    const access = await getConventionAccess(this.options.db, user.organisationId, conventionId);
    // A missing convention and a convention the user is not party to look the same from outside.
    if (!access) return { close: CLOSE_CODES.forbidden, reason: "Accès refusé" };
    return {
      conventionId,
      participant: {
        userId: user.id,
        name: user.name,
        organisationId: user.organisationId,
        organisationName: user.organisationName,
        role: effectiveRole(access),
        sessionToken: token,
      },
    };
  }

  private roomFor(conventionId: string): Room {
    const pendingEviction = this.evictions.get(conventionId);
    if (pendingEviction) {
      clearTimeout(pendingEviction);
      this.evictions.delete(conventionId);
    }
    let room = this.rooms.get(conventionId);
    if (!room) {
      room = new Room(conventionId, this.store, this.writer, this.roomOptions);
      this.rooms.set(conventionId, room);
      const created = room;
      room.ready.then(
        () => {
          guardRoom(created, this.options.validateData ?? (() => []));
          this.watchClientEdits(created);
          void this.loadStatus(conventionId).catch((error: unknown) => log.warn("status load failed", { conventionId, error }));
        },
        () => this.rooms.delete(conventionId),
      );
    }
    return room;
  }

  /**
   * A client's change to the text or the negotiated data sends a "prête pour signature" convention back to "en
   * négociation" (issue 5); changes of the negotiation revision and of the refusals map are the server's own.
   */
  private watchClientEdits(room: Room) {
    const own = new Set<unknown>([room.doc.getMap(NEGOTIATION_MAP), room.doc.getMap(DOC_KEYS.refusals)]);
    // Typing makes many transactions: one status check at a time per room, and at most one more queued behind it.
    let running = false;
    let next: { userId: string; organisationId: string } | null = null;
    const drain = async () => {
      running = true;
      while (next) {
        const editor = next;
        next = null;
        await noteClientEdit({ db: this.options.db, collab: this }, room.conventionId, editor)
          .then(() => this.loadStatus(room.conventionId))
          .catch((error: unknown) =>
            log.error("negotiation status check failed", { conventionId: room.conventionId, userId: editor.userId, error }),
          );
      }
      running = false;
    };
    room.doc.on("afterTransaction", (tr: Y.Transaction) => {
      if (!(tr.origin instanceof Connection) || tr.origin.readOnly) return;
      // Until the status is known, check it (the database answers); afterwards only a ready convention needs it.
      const status = this.statuses.get(room.conventionId);
      if (status !== undefined && status !== "prete_pour_signature") return;
      if (![...tr.changed.keys()].some((type) => !own.has(type))) return;
      next = { userId: tr.origin.participant.userId, organisationId: tr.origin.participant.organisationId };
      if (!running) void drain();
    });
  }

  private scheduleEviction(room: Room) {
    if (this.closing || this.evictions.has(room.conventionId)) return;
    const timer = setTimeout(async () => {
      this.evictions.delete(room.conventionId);
      if (room.connections.size > 0) return;
      const drained = await room.drain();
      // Someone may have joined while we were writing; a room with unsaved updates stays in memory.
      if (room.connections.size > 0 || !drained || this.rooms.get(room.conventionId) !== room) {
        if (!drained) this.scheduleEviction(room);
        return;
      }
      this.rooms.delete(room.conventionId);
      this.statuses.delete(room.conventionId);
      room.destroy();
    }, this.options.evictAfterMs ?? 30_000);
    timer.unref();
    this.evictions.set(room.conventionId, timer);
  }

  /** Closes sockets whose session expired or whose party lost access; updates roles that changed. */
  async revalidate(only?: string) {
    for (const room of this.rooms.values()) {
      if (only && room.conventionId !== only) continue;
      for (const conn of [...room.connections]) {
        try {
          const user = await getSessionUser(this.options.db, conn.participant.sessionToken);
          if (!user) {
            conn.ws.close(CLOSE_CODES.unauthorized, "Session expirée");
            continue;
          }
          const access = await getConventionAccess(this.options.db, user.organisationId, room.conventionId);
          if (!access) conn.ws.close(CLOSE_CODES.forbidden, "Accès retiré");
          else conn.participant = { ...conn.participant, role: effectiveRole(access) };
        } catch (error) {
          log.warn("collab revalidation failed", { conventionId: room.conventionId, error });
        }
      }
    }
  }

  /** Closes the sockets of one session at once (logout). */
  disconnectSession(sessionToken: string) {
    for (const room of this.rooms.values())
      for (const conn of room.connections)
        if (conn.participant.sessionToken === sessionToken) conn.ws.close(CLOSE_CODES.unauthorized, "Déconnecté");
  }

  /** The live document when the room is open, otherwise a copy loaded from the store; never keeps it open. */
  async readDocument(conventionId: string): Promise<Y.Doc> {
    const room = this.rooms.get(conventionId);
    if (room) {
      await room.ready;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return copy;
    }
    const { updates } = await this.store.load(conventionId);
    const doc = new Y.Doc();
    if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
    return doc;
  }

  /** Opens the room (loading it if needed) to let the server change the document; the change is relayed and saved. */
  async withRoom<T>(conventionId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = this.roomFor(conventionId);
    await room.ready;
    try {
      return await fn(room);
    } finally {
      if (room.connections.size === 0) this.scheduleEviction(room);
    }
  }

  async refreshAccess(conventionId: string): Promise<void> {
    if (this.rooms.has(conventionId)) await this.loadStatus(conventionId);
    await this.revalidate(conventionId);
  }

  private async loadStatus(conventionId: string) {
    const [row] = await this.options.db
      .select({ status: conventions.status })
      .from(conventions)
      .where(eq(conventions.id, conventionId));
    if (row) this.statuses.set(conventionId, row.status);
  }

  async updateDocument(conventionId: string, change: (doc: Y.Doc) => void): Promise<void> {
    await this.withRoom(conventionId, (room) => room.transactAsServer(change));
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
      for (const conn of room.connections) conn.ws.close(CLOSE_CODES.shuttingDown, "Redémarrage du serveur");
    const results = await Promise.all(
      [...this.rooms.values()].map(async (room) => ({ room, drained: await room.drain(8) })),
    );
    for (const { room, drained } of results) {
      if (!drained) log.error("collab shutdown with unsaved updates", { conventionId: room.conventionId });
      room.destroy();
    }
    this.rooms.clear();
    this.wss.close();
  }
}

/** A signed convention is frozen: every connection becomes read-only, whatever the party's role. */
function effectiveRole(access: { role: Participant["role"]; convention: { status: string } }): Participant["role"] {
  return access.convention.status === "signee" ? "lecture" : access.role;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
