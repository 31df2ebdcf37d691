// Login failures counted across instances (docs/decisions/0013-scale-out-on-redis.md): one sorted set per key, scored by
// time, expiring with its window. When Redis cannot answer, this instance counts on its own until it can: a login must
// never fail because the throttle's store is down.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { MemoryFailureLog, type FailureLog } from "../app/lib/login-throttle.server";
import { log } from "./log";

export class RedisFailureLog implements FailureLog {
  private readonly local = new MemoryFailureLog();
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = "conflux:login",
  ) {}

  private key(key: string) {
    return `${this.prefix}:${key}`;
  }

  private async attempt<T>(remote: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.redis.status !== "ready") return fallback();
    try {
      const result = await remote();
      this.degraded = false;
      return result;
    } catch (error) {
      if (!this.degraded) log.warn("login throttle counts locally: redis unavailable", { error: error instanceof Error ? error.message : String(error) });
      this.degraded = true;
      return fallback();
    }
  }

  count(key: string, since: number): Promise<number> {
    return this.attempt(
      async () => {
        const k = this.key(key);
        const [, [, n]] = (await this.redis.multi().zremrangebyscore(k, "-inf", `(${since}`).zcard(k).exec()) as [unknown, [unknown, number]];
        return n;
      },
      () => this.local.count(key, since),
    );
  }

  add(key: string, at: number, windowMs: number): Promise<void> {
    return this.attempt(
      async () => {
        const k = this.key(key);
        await this.redis.multi().zadd(k, at, `${at}:${randomUUID()}`).pexpire(k, windowMs).exec();
      },
      () => this.local.add(key, at, windowMs),
    );
  }

  clear(key: string): Promise<void> {
    return this.attempt(
      async () => {
        await this.redis.del(this.key(key));
      },
      () => this.local.clear(key),
    );
  }
}
