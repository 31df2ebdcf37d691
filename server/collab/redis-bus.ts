// The relay bus on Redis pub/sub (docs/decisions/0013-scale-out-on-redis.md): one channel per open document, one
// control channel. Two connections, as Redis requires (a subscribed connection cannot publish). While Redis is down,
// publishing is dropped at once (no queue to replay stale edits later) and each instance keeps serving its own
// clients; when it returns, ioredis resubscribes and the relay makes every open room catch up.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { log } from "../log";
import { decodeBusMessage, encodeBusMessage, type BusMessage, type ControlMessage, type DocMessage, type RelayBus } from "./bus";

export interface RedisBusOptions {
  /** Channel names start with it, so that several deployments can share one Redis. */
  prefix?: string;
}

export class RedisBus implements RelayBus {
  readonly instanceId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly docs = new Map<string, (message: DocMessage) => void>();
  private readonly controlHandlers: ((message: ControlMessage) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private wasDown = false;
  private closed = false;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.prefix = options.prefix ?? "conflux";
    const common = {
      // Retry for ever, at most every 2 s: an outage must end by itself.
      retryStrategy: (times: number) => Math.min(100 * times, 2_000),
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    };
    // Auto-pipelining sends every PUBLISH issued in one tick in one write: a burst of edits costs one system call, not
    // one per update (measured by `npm run bench:cluster`).
    this.pub = new Redis(url, { ...common, enableOfflineQueue: false, enableAutoPipelining: true, connectionName: `conflux-pub-${this.instanceId}` });
    this.sub = new Redis(url, { ...common, connectionName: `conflux-sub-${this.instanceId}` });
    for (const [name, client] of [["publication", this.pub], ["abonnement", this.sub]] as const) {
      client.on("error", (error: Error) => {
        if (!this.closed) log.warn("redis connection error", { connection: name, error: error.message });
      });
    }
    // Down as soon as either connection drops (a publication lost is as bad as a message not received); up again once
    // both are ready and the subscriptions are back, and only then do the open rooms catch up.
    for (const client of [this.pub, this.sub]) {
      client.on("close", () => this.markDown());
      client.on("ready", () => void this.markUp());
    }
    this.sub.on("messageBuffer", (channel: Buffer, payload: Buffer) => this.receive(channel.toString(), payload));
    void this.sub.subscribe(this.controlChannel()).catch(() => undefined);
  }

  private markDown() {
    if (this.closed || this.wasDown) return;
    this.wasDown = true;
    log.error("redis unreachable: this instance serves its own clients only until it returns", { instanceId: this.instanceId });
  }

  private async markUp() {
    if (!this.wasDown || this.closed || !this.connected) return;
    this.wasDown = false;
    // ioredis reports « ready » before it subscribes again: subscribing here (again, harmlessly) and waiting for it
    // makes sure the answers to the rooms' catch-up requests are received.
    const channels = [this.controlChannel(), ...[...this.docs.keys()].map((doc) => this.docChannel(doc))];
    await this.sub.subscribe(...channels).catch(() => undefined);
    if (this.wasDown || this.closed) return;
    log.info("redis reachable again: open rooms catch up", { instanceId: this.instanceId });
    for (const handler of this.reconnectHandlers) handler();
  }

  get connected(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }

  private docChannel(doc: string) {
    return `${this.prefix}:doc:${doc}`;
  }

  private controlChannel() {
    return `${this.prefix}:control`;
  }

  private receive(channel: string, payload: Buffer) {
    let message: BusMessage;
    try {
      message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    } catch (error) {
      log.warn("redis message dropped: malformed", { channel, error });
      return;
    }
    if (message.from === this.instanceId) return;
    if (message.type === "refresh" || message.type === "logout") {
      for (const handler of this.controlHandlers) handler(message);
      return;
    }
    if (message.type === "sync-reply" && message.to !== this.instanceId) return;
    this.docs.get(message.doc)?.(message);
  }

  async join(doc: string, onMessage: (message: DocMessage) => void): Promise<void> {
    this.docs.set(doc, onMessage);
    const subscribed = this.sub.subscribe(this.docChannel(doc));
    // While Redis is down the subscription waits in ioredis's queue and is replayed on reconnect; do not wait for it.
    if (this.sub.status === "ready") await subscribed.catch((error: Error) => log.warn("redis subscribe failed", { doc, error: error.message }));
    else subscribed.catch(() => undefined);
  }

  async leave(doc: string): Promise<void> {
    this.docs.delete(doc);
    await this.sub.unsubscribe(this.docChannel(doc)).catch(() => undefined);
  }

  onControl(handler: (message: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  publish(message: BusMessage): void {
    if (this.pub.status !== "ready") return;
    const channel = message.type === "refresh" || message.type === "logout" ? this.controlChannel() : this.docChannel(message.doc);
    this.pub.publish(channel, Buffer.from(encodeBusMessage(message))).catch((error: Error) => log.warn("redis publish failed", { channel, error: error.message }));
  }

  async ping(): Promise<boolean> {
    if (this.pub.status !== "ready") return false;
    try {
      return (await Promise.race([this.pub.ping(), new Promise<string>((resolve) => setTimeout(() => resolve("timeout"), 1_000).unref())])) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
