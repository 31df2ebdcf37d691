/**
 * Brakes on password guessing that cannot lock the real owner out (docs/decisions/0004-sessions-and-passwords.md).
 * - Per account × IP: after `maxPairFailures` failures in the window, that pair is refused until the window has
 *   passed, whatever the password. An attacker's address is locked out of the account; the owner's is not.
 * - Per account, whatever the IP: past `slowAfter` failures in the window, every attempt waits before the password is
 *   checked, longer as failures pile up, up to `maxDelayMs`: distributed guessing slows down, nobody is refused.
 * The per-IP limit across accounts sits in the express pipeline (server/app.ts). Failures are kept in a `FailureLog`:
 * in memory for one process, in Redis when several instances serve (docs/decisions/0013-scale-out-on-redis.md).
 */
export interface LoginThrottleOptions {
  maxPairFailures?: number;
  windowMs?: number;
  slowAfter?: number;
  delayStepMs?: number;
  maxDelayMs?: number;
}

/** Timestamped failures per key, forgotten once older than the window they were added with. */
export interface FailureLog {
  /** Failures recorded under `key` at or after `since` (ms since the epoch). */
  count(key: string, since: number): Promise<number>;
  add(key: string, at: number, windowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
}

/** One process's failure log. Expired keys are swept once there are many, so that made-up e-mails cannot grow memory. */
export class MemoryFailureLog implements FailureLog {
  private readonly entries = new Map<string, number[]>();
  private windowMs = 15 * 60 * 1000;

  constructor(private readonly sweepAbove = 10_000) {}

  get size() {
    return this.entries.size;
  }

  private recent(key: string, since: number): number[] {
    const list = (this.entries.get(key) ?? []).filter((t) => t >= since);
    if (list.length) this.entries.set(key, list);
    else this.entries.delete(key);
    return list;
  }

  async count(key: string, since: number) {
    return this.recent(key, since).length;
  }

  async add(key: string, at: number, windowMs: number) {
    this.windowMs = windowMs;
    this.entries.set(key, [...this.recent(key, at - windowMs), at]);
    if (this.entries.size > this.sweepAbove) for (const k of [...this.entries.keys()]) this.recent(k, at - this.windowMs);
  }

  async clear(key: string) {
    this.entries.delete(key);
  }
}

export class LoginThrottle {
  private readonly maxPairFailures: number;
  private readonly windowMs: number;
  private readonly slowAfter: number;
  private readonly delayStepMs: number;
  private readonly maxDelayMs: number;

  constructor(
    options: LoginThrottleOptions = {},
    private readonly failures: FailureLog = new MemoryFailureLog(),
  ) {
    this.maxPairFailures = options.maxPairFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.slowAfter = options.slowAfter ?? 10;
    this.delayStepMs = options.delayStepMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 2_000;
  }

  /** True when this address has failed too often on this account: refuse without checking the password. */
  async isBlocked(email: string, ip: string, now = Date.now()): Promise<boolean> {
    return (await this.failures.count(pairKey(email, ip), now - this.windowMs + 1)) >= this.maxPairFailures;
  }

  /** How long to wait before checking this account's password (0 until the account draws many failures). */
  async delayMs(email: string, now = Date.now()): Promise<number> {
    const failures = await this.failures.count(accountKey(email), now - this.windowMs + 1);
    if (failures < this.slowAfter) return 0;
    return Math.min(this.maxDelayMs, this.delayStepMs * (failures - this.slowAfter + 1));
  }

  async recordFailure(email: string, ip: string, now = Date.now()) {
    await this.failures.add(pairKey(email, ip), now, this.windowMs);
    await this.failures.add(accountKey(email), now, this.windowMs);
  }

  /**
   * A successful login clears its own address's failures. The account's count stays: the owner signing in says
   * nothing about the guesses still coming from elsewhere.
   */
  async reset(email: string, ip: string) {
    await this.failures.clear(pairKey(email, ip));
  }
}

function pairKey(email: string, ip: string): string {
  return `pair:${email.toLowerCase()}\n${ip}`;
}

function accountKey(email: string): string {
  return `account:${email.toLowerCase()}`;
}
