import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { log } from "../log";
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodePersistence,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
} from "./protocol";
import type { DocMessage, RelayBus } from "./bus";
import type { BatchWriter, DocumentStore } from "./store";

/**
 * Who is behind a socket, as the relay needs it: an id for logs, the session (for logout and the per-session socket
 * limit), whether its document updates are dropped, and what presence shows of it. `data` is the extension's own
 * (the convention extension keeps the organisation and the role there); the relay never reads it.
 */
export interface Participant<D = unknown> {
  userId: string;
  sessionKey: string;
  readOnly: boolean;
  presence: { name: string; organisation: string; role: string };
  data: D;
}

/** Close codes the relay itself uses; the extension's refusals bring their own. */
export interface RelayCloseCodes {
  tooLarge: number;
}

export class Connection<D = unknown> {
  readonly awarenessIds = new Set<number>();
  constructor(
    readonly ws: WebSocket,
    public participant: Participant<D>,
    /** The client asked for persistence acknowledgements (our browser client does; plain y-websocket clients don't). */
    readonly wantsAcks: boolean,
    private readonly limits: { maxBufferedBytes: number; closeCodes: RelayCloseCodes },
  ) {}
  get readOnly() {
    return this.participant.readOnly;
  }
  /**
   * Sends unless the socket is closing or its peer stopped reading: a client that does not drain its socket would
   * otherwise make the server buffer every update of the room for it, without bound.
   */
  send(message: Uint8Array) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount + message.byteLength > this.limits.maxBufferedBytes) {
      log.warn("collab slow consumer dropped", { userId: this.participant.userId, buffered: this.ws.bufferedAmount });
      // A close frame would wait behind everything the peer does not read: drop the connection now, which frees the
      // buffers at once. Its client reconnects and resynchronises when it reads again (y-websocket's sync steps).
      this.ws.terminate();
      return;
    }
    this.ws.send(message, { binary: true });
  }
}

export interface RoomOptions {
  flushDelayMs: number;
  /** Compact the update log into one snapshot once it holds this many rows. */
  compactAfterRows: number;
  /** Largest presence state (JSON) a client may publish; above it the socket is closed. */
  maxPresenceBytes: number;
  maxBufferedBytes: number;
  closeCodes: RelayCloseCodes;
  /**
   * With several instances: how long an update received from another instance waits for that instance to say it saved
   * it, before this one saves it too (the other may have died). Saving twice is harmless: Yjs merges idempotently.
   */
  remoteGraceMs?: number;
}

const LOAD_ORIGIN = Symbol("load");
/** Origin of the changes the server makes itself (template expansion, corrections, restore, imports). */
export const SERVER_ORIGIN = Symbol("server");
/** Origin of an update another instance applied and published (docs/decisions/0013-scale-out-on-redis.md). */
export const REMOTE_ORIGIN = Symbol("remote");

/** True when the state vector `theirs` counts an edit that `ours` does not: its holder has something to send. */
export function holdsMore(theirs: Uint8Array, ours: Uint8Array): boolean {
  const known = Y.decodeStateVector(ours);
  for (const [client, clock] of Y.decodeStateVector(theirs)) if (clock > (known.get(client) ?? 0)) return true;
  return false;
}
/** Origin of rows read again from the database (catching up after a bus outage): relayed to clients, not saved again. */
export const STORE_ORIGIN = Symbol("store");

/** An update received from another instance, saved here only if that instance does not report it saved in time. */
interface RemoteUpdate {
  update: Uint8Array;
  from: string;
  seq: number;
  at: number;
}

/** Sequence given to catch-up replies: no "saved" report ever covers them, so they are saved here after the grace delay. */
const NEVER_REPORTED = Number.MAX_SAFE_INTEGER;

/** What a room reports to its owner after each change; the relay turns it into hook calls. */
export type ChangeListener = (origin: unknown, transaction: Y.Transaction) => void;

/**
 * One document's live state: its connections, its awareness and its write-behind persistence. The room knows nothing
 * of conventions; the extension watches its changes through `onChange`.
 */
export class Room<D = unknown> {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection<D>>();
  readonly ready: Promise<void>;
  private pending: Uint8Array[] = [];
  private pendingBy = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** While a write keeps failing, no flush is attempted before this time (the back-off holds even while people type). */
  private retryAt = 0;
  private writing: Promise<void> = Promise.resolve();
  private failures = 0;
  private rows = 0;
  private lastId = 0;
  /** Rows the document is known to hold (loaded, or written by this room): compaction does not merge them again. */
  private known: number[] = [];
  private destroyed = false;
  /** The state vector of everything known to be in the database; what acknowledgements report. */
  private savedStateVector: Uint8Array | null = null;
  /** Updates produced while one client message is handled: relayed as one message (see `handle`). */
  private outbound: { updates: Uint8Array[]; except: Set<Connection<D>> } | null = null;
  private readonly listeners = new Set<ChangeListener>();
  /** Numbers the updates this instance publishes for the room; `pendingSeq` is the latest one among `pending`. */
  private seq = 0;
  private pendingSeq = 0;
  private remotePending: RemoteUpdate[] = [];
  private applyingRemote: { from: string; seq: number } | null = null;

  constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly writer: BatchWriter,
    private readonly options: RoomOptions,
    /** Runs once the stored state is applied and before `ready` resolves (the extension's load hook). */
    afterLoad?: (room: Room<D>) => Promise<void> | void,
    /** The other instances serving this document, when there are several. */
    private readonly bus?: RelayBus,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.doc.on("afterTransaction", (transaction: Y.Transaction) => this.onTransaction(transaction));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
    this.ready = this.load().then(() => afterLoad?.(this));
  }

  /** The convention id, for logs and extensions. */
  get conventionId() {
    return this.name;
  }

  private async load() {
    const { updates, ids, lastId } = await this.store.load(this.name);
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), LOAD_ORIGIN);
    this.savedStateVector = Y.encodeStateVector(this.doc);
    this.lastId = lastId;
    this.known = ids;
    this.rows = updates.length;
    if (this.rows >= this.options.compactAfterRows) await this.enqueue(() => this.compact());
  }

  /** Registers a callback run after every transaction on the document (a client's, the server's), in the same tick. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addConnection(conn: Connection<D>) {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0)
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    if (conn.wantsAcks && this.savedStateVector) conn.send(encodePersistence({ saved: this.savedStateVector, failing: this.failures > 0 }));
  }

  removeConnection(conn: Connection<D>) {
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessIds.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], "disconnect");
  }

  /** Acts on one decoded client message; read-only connections never change the document. */
  handle(conn: Connection<D>, message: ClientMessage) {
    switch (message.type) {
      case "sync-step1":
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case "sync-step2":
      case "sync-update":
        if (conn.readOnly) return;
        this.relayAsOne(conn, () => Y.applyUpdate(this.doc, message.update, conn));
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

  /**
   * Applies a client's update and relays, as one message, the update and whatever the server did in reaction in the
   * same tick (a correction of a server-owned key, say): other clients apply both in one transaction and never see the
   * refused value.
   */
  private relayAsOne(conn: Connection<D>, apply: () => void) {
    const outer = this.outbound === null;
    if (outer) this.outbound = { updates: [], except: new Set([conn]) };
    try {
      apply();
    } finally {
      if (outer) {
        const { updates } = this.outbound!;
        this.outbound = null;
        if (updates.length > 0) {
          const merged = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
          const message = encodeUpdate(merged);
          // The sender gets the server's reaction too (its own update it already has, and applying it again is a no-op).
          for (const c of this.connections) if (c !== conn || updates.length > 1) c.send(message);
          // Other instances get it as one message too: their clients never see a refused value alone either.
          this.publishUpdate(merged);
        }
      }
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
  private applyAwareness(conn: Connection<D>, update: Uint8Array) {
    const owners = new Map<number, Connection<D>>();
    for (const c of this.connections) for (const id of c.awarenessIds) owners.set(id, c);
    const entries = decodeAwarenessUpdate(update).filter((e) => {
      const owner = owners.get(e.clientID);
      return owner === undefined || owner === conn;
    });
    for (const e of entries) {
      if (!e.state) continue;
      if (JSON.stringify(e.state).length > this.options.maxPresenceBytes) {
        log.warn("collab presence too large", { conventionId: this.name, userId: conn.participant.userId });
        conn.ws.close(this.options.closeCodes.tooLarge, "Présence trop volumineuse");
        return;
      }
      const claimed = (typeof e.state.user === "object" && e.state.user) || {};
      const color = (claimed as { color?: unknown }).color;
      e.state.user = {
        ...conn.participant.presence,
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
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeAwareness(update);
    for (const c of this.connections) c.send(message);
    if (origin !== REMOTE_ORIGIN && this.bus) this.bus.publish({ type: "awareness", doc: this.name, from: this.bus.instanceId, update });
  }

  private publishUpdate(update: Uint8Array) {
    if (!this.bus) return;
    this.seq++;
    this.pendingSeq = this.seq;
    this.bus.publish({ type: "update", doc: this.name, from: this.bus.instanceId, seq: this.seq, update });
  }

  /** The presence of this instance's own clients, for an instance that just opened the room. */
  private localAwareness(): Uint8Array | null {
    const ids = [...this.connections].flatMap((c) => [...c.awarenessIds]);
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Asks the other instances for what this room lacks (after it opened, or after a bus outage). */
  requestSync() {
    if (!this.bus) return;
    this.bus.publish({ type: "sync-request", doc: this.name, from: this.bus.instanceId, stateVector: Y.encodeStateVector(this.doc) });
    const presence = this.localAwareness();
    if (presence) this.bus.publish({ type: "awareness", doc: this.name, from: this.bus.instanceId, update: presence });
  }

  /** A message of another instance about this room (the bus never delivers this instance's own). */
  onBusMessage(message: DocMessage) {
    switch (message.type) {
      case "update":
        this.applyRemote(message.update, message.from, message.seq);
        return;
      case "sync-reply":
        this.applyRemote(message.update, message.from, NEVER_REPORTED);
        return;
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE_ORIGIN);
        return;
      case "saved":
        this.remotePending = this.remotePending.filter((r) => r.from !== message.from || r.seq > message.seq);
        return;
      case "sync-request": {
        if (!this.bus) return;
        this.bus.publish({ type: "sync-reply", doc: this.name, from: this.bus.instanceId, to: message.from, update: Y.encodeStateAsUpdate(this.doc, message.stateVector) });
        const presence = this.localAwareness();
        if (presence) this.bus.publish({ type: "awareness", doc: this.name, from: this.bus.instanceId, update: presence });
        // The asker holds edits this room lacks (its clients typed while its Redis link was down, and its own request
        // may have gone out before this instance was listening): ask in turn. Each exchange brings the two closer, so
        // this ends once both hold the same.
        if (holdsMore(message.stateVector, Y.encodeStateVector(this.doc))) this.requestSync();
        return;
      }
    }
  }

  private applyRemote(update: Uint8Array, from: string, seq: number) {
    this.applyingRemote = { from, seq };
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } finally {
      this.applyingRemote = null;
    }
  }

  /** Rows of the database applied again (after a bus outage): what other instances saved meanwhile reaches our clients. */
  applyStored(updates: Uint8Array[]) {
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), STORE_ORIGIN);
  }

  private onTransaction(transaction: Y.Transaction) {
    if (transaction.origin === LOAD_ORIGIN) return;
    for (const listener of this.listeners) {
      try {
        listener(transaction.origin, transaction);
      } catch (error) {
        log.error("collab change listener failed", { conventionId: this.name, error });
      }
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown) {
    if (origin === LOAD_ORIGIN) return;
    const local = origin !== REMOTE_ORIGIN && origin !== STORE_ORIGIN;
    if (this.outbound) this.outbound.updates.push(update);
    else {
      const message = encodeUpdate(update);
      for (const c of this.connections) if (c !== origin) c.send(message);
      if (local) this.publishUpdate(update);
    }
    if (origin === STORE_ORIGIN) return;
    if (origin === REMOTE_ORIGIN) {
      const from = this.applyingRemote ?? { from: "inconnue", seq: NEVER_REPORTED };
      this.remotePending.push({ update, from: from.from, seq: from.seq, at: Date.now() });
      this.scheduleFlush(this.remoteGraceMs);
      return;
    }
    this.pending.push(update);
    if (origin instanceof Connection) this.pendingBy.add(origin.participant.userId);
    this.scheduleFlush(this.options.flushDelayMs);
  }

  get hasPendingWrites() {
    return this.pending.length > 0 || this.remotePending.length > 0;
  }

  private get remoteGraceMs() {
    return this.options.remoteGraceMs ?? 3_000;
  }

  /** Remote updates whose instance did not report them saved in time (or all of them) join this instance's own. */
  private promoteRemote(all: boolean) {
    if (this.remotePending.length === 0) return;
    const now = Date.now();
    const due = all ? this.remotePending : this.remotePending.filter((r) => now - r.at >= this.remoteGraceMs);
    if (due.length === 0) return;
    this.remotePending = all ? [] : this.remotePending.filter((r) => now - r.at < this.remoteGraceMs);
    this.pending.push(...due.map((r) => r.update));
  }

  private scheduleRemoteCheck() {
    const oldest = this.remotePending[0];
    if (oldest) this.scheduleFlush(Math.max(0, oldest.at + this.remoteGraceMs - Date.now()));
  }

  private scheduleFlush(delay: number) {
    if (this.flushTimer || this.destroyed) return;
    const wait = Math.max(delay, this.retryAt - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, wait);
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
    this.promoteRemote(false);
    if (this.pending.length === 0) return this.scheduleRemoteCheck();
    // A flush queued behind a failed write must still wait for the back-off.
    if (Date.now() < this.retryAt) return this.scheduleFlush(0);
    const batch = this.pending;
    const by = this.pendingBy;
    const batchSeq = this.pendingSeq;
    // Every update applied so far is in `batch`: once it is written, the document is saved up to this state vector.
    const upTo = Y.encodeStateVector(this.doc);
    this.pending = [];
    this.pendingBy = new Set();
    const merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
    try {
      this.lastId = await this.writer.write(this.name, merged);
    } catch (error) {
      this.failures++;
      // Put the batch back in front: nothing a client sent is dropped, and the next attempt writes it with the rest.
      this.pending.unshift(merged);
      for (const u of by) this.pendingBy.add(u);
      const retryIn = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 9));
      this.retryAt = Date.now() + retryIn;
      log.error("yjs persistence failed, will retry", {
        conventionId: this.name,
        userIds: [...this.pendingBy],
        attempt: this.failures,
        retryInMs: retryIn,
        bytes: merged.byteLength,
        error,
      });
      if (this.failures === 1) this.broadcastPersistence();
      if (this.flushTimer) {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
      }
      this.scheduleFlush(retryIn);
      return;
    }
    this.failures = 0;
    this.retryAt = 0;
    this.rows++;
    this.known.push(this.lastId);
    this.savedStateVector = upTo;
    this.broadcastPersistence();
    if (this.bus && batchSeq > 0) this.bus.publish({ type: "saved", doc: this.name, from: this.bus.instanceId, seq: batchSeq });
    this.scheduleRemoteCheck();
    if (this.rows >= this.options.compactAfterRows) await this.compact();
  }

  private broadcastPersistence() {
    if (!this.savedStateVector) return;
    const message = encodePersistence({ saved: this.savedStateVector, failing: this.failures > 0 });
    for (const c of this.connections) if (c.wantsAcks) c.send(message);
  }

  // The snapshot holds everything the document has, so it supersedes every row written so far.
  private async compact() {
    try {
      const snapshot = Y.encodeStateAsUpdate(this.doc);
      const upTo = this.lastId;
      this.lastId = await this.store.compact(this.name, snapshot, upTo, [...this.known]);
      // The rows up to `upTo` that were visible are gone; the new row holds the snapshot. Nothing else is known to be
      // here (a row another instance was inserting meanwhile may even have a smaller id than the new row's).
      this.known = [this.lastId];
      this.rows = 1;
    } catch (error) {
      log.warn("yjs compaction failed; the update log stays as it is", { conventionId: this.name, error });
    }
  }

  /**
   * Flushes until nothing is pending or the attempts run out; used at shutdown and before eviction. Each round waits
   * for the write already in flight too: a batch handed to the writer is not saved until the writer says so.
   */
  async drain(maxAttempts = 5): Promise<boolean> {
    // Leaving memory: whatever other instances sent is saved here too, in case they cannot.
    this.promoteRemote(true);
    for (let i = 0; i < maxAttempts; i++) {
      this.retryAt = 0;
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
