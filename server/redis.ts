// The Redis connections of one instance when several serve together (docs/decisions/0013-scale-out-on-redis.md): the
// relay's bus (its own two connections) and one client for counters shared across instances (rate limits, login
// failures). Commands never wait long for a Redis that is down: counters fall back, the bus drops and catches up later.
import { Redis } from "ioredis";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { log } from "./log";
import { RedisBus } from "./collab/redis-bus";
import { RedisFailureLog } from "./redis-failure-log";

export interface RedisConnections {
  bus: RedisBus;
  client: Redis;
  failureLog: RedisFailureLog;
  /** A rate-limit store under its own key prefix (each limiter needs its own). */
  rateLimitStore(name: string): RedisStore;
  close(): Promise<void>;
}

export function openRedis(url: string, prefix = "conflux"): RedisConnections {
  const bus = new RedisBus(url, { prefix });
  const client = new Redis(url, {
    // Queued while connecting (the rate limits load their scripts at start-up), but never waited on for long.
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    connectionName: `conflux-counters-${bus.instanceId}`,
  });
  let closing = false;
  client.on("error", (error: Error) => {
    if (!closing) log.warn("redis counters connection error", { error: error.message });
  });
  return {
    bus,
    client,
    failureLog: new RedisFailureLog(client, `${prefix}:login`),
    rateLimitStore(name) {
      return new RedisStore({ sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>, prefix: `${prefix}:rl:${name}:` });
    },
    async close() {
      closing = true;
      await bus.close();
      client.disconnect();
    },
  };
}
