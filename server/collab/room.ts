import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Role } from "../../app/lib/roles";
import { log } from "../log";
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
} from "./protocol";
import type { BatchWriter, DocumentStore } from "./store";

export interface Participant {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  /** The cookie token, kept to re-check the session while the socket stays open. */
  sessionToken: string;
}

export class Connection {
  readonly awarenessIds = new Set<number>();
  constructor(
    readonly ws: WebSocket,
    public participant: Participant,
  ) {}
  get readOnly() {
    return this.participant.role !== "edition";
  }
  send(message: Uint8Array) {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(message, { binary: true });
  }
}

export interface RoomOptions {
  flushDelayMs: number;
  /** Compact the update log into one snapshot once it holds this many rows. */
  compactAfterRows: number;
}

const LOAD_ORIGIN = Symbol("load");
export const SERVER_ORIGIN = Symbol("server");

/** One convention's live document: its connections, its awareness and its write-behind persistence. */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly ready: Promise<void>;
  private pending: Uint8Array[] = [];
  private pendingBy = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failures = 0;
  private rows = 0;
  private lastId = 0;
  private destroyed = false;
  private readonly listeners = new Set<(origin: unknown) => void>();

  constructor(
    readonly conventionId: string,
    private readonly store: DocumentStore,
    private readonly writer: BatchWriter,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
    this.ready = this.load();
  }

  private async load() {
    const { updates, lastId } = await this.store.load(this.conventionId);
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), LOAD_ORIGIN);
    this.lastId = lastId;
    this.rows = updates.length;
    if (this.rows >= this.options.compactAfterRows) await this.enqueue(() => this.compact());
  }

  /** Registers a callback run after every change of the document (from a client or the server). */
  onChange(listener: (origin: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addConnection(conn: Connection) {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0)
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  removeConnection(conn: Connection) {
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessIds.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], "disconnect");
  }

  /** Acts on one decoded client message; read-only connections never change the document. */
  handle(conn: Connection, message: ClientMessage) {
    switch (message.type) {
      case "sync-step1":
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case "sync-step2":
      case "sync-update":
        if (conn.readOnly) return;
        Y.applyUpdate(this.doc, message.update, conn);
        return;
      case "awareness":
        this.applyAwareness(conn, message.update);
        return;
      case "query-awareness":
        conn.send(
          encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])),
        );
        return;
      case "auth":
        return;
    }
  }

  /** Applies a change made by the server itself (template expansion, restore); it is persisted and relayed. */
  applyServerUpdate(update: Uint8Array) {
    Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
  }

  /** Runs a mutation of the document as the server, in one Yjs transaction. */
  transactAsServer(fn: (doc: Y.Doc) => void) {
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
  }

  // Names and organisations in presence come from the session, never from what the client claims.
  private applyAwareness(conn: Connection, update: Uint8Array) {
    const owners = new Map<number, Connection>();
    for (const c of this.connections) for (const id of c.awarenessIds) owners.set(id, c);
    const entries = decodeAwarenessUpdate(update).filter((e) => {
      const owner = owners.get(e.clientID);
      return owner === undefined || owner === conn;
    });
    for (const e of entries) {
      if (!e.state) continue;
      const claimed = (typeof e.state.user === "object" && e.state.user) || {};
      const color = (claimed as { color?: unknown }).color;
      e.state.user = {
        name: conn.participant.name,
        organisation: conn.participant.organisationName,
        role: conn.participant.role,
        color: typeof color === "string" && /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#6b7280",
      };
    }
    if (entries.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), conn);
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown) {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const c of this.connections) c.send(message);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown) {
    if (origin === LOAD_ORIGIN) return;
    const message = encodeUpdate(update);
    for (const c of this.connections) if (c !== origin) c.send(message);
    this.pending.push(update);
    if (origin instanceof Connection) this.pendingBy.add(origin.participant.userId);
    this.scheduleFlush(this.options.flushDelayMs);
    for (const listener of this.listeners) {
      try {
        listener(origin);
      } catch (error) {
        log.error("collab change listener failed", { conventionId: this.conventionId, error });
      }
    }
  }

  get hasPendingWrites() {
    return this.pending.length > 0;
  }

  private scheduleFlush(delay: number) {
    if (this.flushTimer || this.destroyed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(task, task);
    return this.writing;
  }

  /** Writes the pending updates as one merged row; on failure they stay in memory and a retry is scheduled. */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    return this.enqueue(() => this.writePending());
  }

  private async writePending() {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const by = this.pendingBy;
    this.pending = [];
    this.pendingBy = new Set();
    const merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
    try {
      this.lastId = await this.writer.write(this.conventionId, merged);
      this.failures = 0;
      this.rows++;
    } catch (error) {
      this.failures++;
      // Put the batch back in front: nothing a client sent is dropped, and the next attempt writes it with the rest.
      this.pending.unshift(merged);
      for (const u of by) this.pendingBy.add(u);
      const retryIn = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 9));
      log.error("yjs persistence failed, will retry", {
        conventionId: this.conventionId,
        userIds: [...this.pendingBy],
        attempt: this.failures,
        retryInMs: retryIn,
        bytes: merged.byteLength,
        error,
      });
      this.scheduleFlush(retryIn);
      return;
    }
    if (this.rows >= this.options.compactAfterRows) await this.compact();
  }

  // The snapshot holds everything the document has, so it supersedes every row written so far.
  private async compact() {
    try {
      const snapshot = Y.encodeStateAsUpdate(this.doc);
      this.lastId = await this.store.compact(this.conventionId, snapshot, this.lastId);
      this.rows = 1;
    } catch (error) {
      log.warn("yjs compaction failed; the update log stays as it is", { conventionId: this.conventionId, error });
    }
  }

  /**
   * Flushes until nothing is pending or the attempts run out; used at shutdown and before eviction. Each round waits
   * for the write already in flight too: a batch handed to the writer is not saved until the writer says so.
   */
  async drain(maxAttempts = 5): Promise<boolean> {
    for (let i = 0; i < maxAttempts; i++) {
      await this.flush();
      if (this.pending.length === 0 && !this.flushTimer) return true;
      await new Promise((r) => setTimeout(r, 50 * 2 ** i));
    }
    return this.pending.length === 0;
  }

  destroy() {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
