/**
 * Brakes on password guessing that cannot lock the real owner out (docs/decisions/0004-sessions-and-passwords.md).
 * - Per account × IP: after `maxPairFailures` failures in the window, that pair is refused until the window has
 *   passed, whatever the password. An attacker's address is locked out of the account; the owner's is not.
 * - Per account, whatever the IP: past `slowAfter` failures in the window, every attempt waits before the password is
 *   checked, longer as failures pile up, up to `maxDelayMs`: distributed guessing slows down, nobody is refused.
 * The per-IP limit across accounts sits in the express pipeline (server/app.ts).
 */
export interface LoginThrottleOptions {
  maxPairFailures?: number;
  windowMs?: number;
  slowAfter?: number;
  delayStepMs?: number;
  maxDelayMs?: number;
  /** Keys remembered before expired ones are swept, so that made-up e-mails cannot grow memory for long. */
  sweepAbove?: number;
}

export class LoginThrottle {
  private readonly pairs = new Map<string, number[]>();
  private readonly accounts = new Map<string, number[]>();
  private readonly maxPairFailures: number;
  private readonly windowMs: number;
  private readonly slowAfter: number;
  private readonly delayStepMs: number;
  private readonly maxDelayMs: number;
  private readonly sweepAbove: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxPairFailures = options.maxPairFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.slowAfter = options.slowAfter ?? 10;
    this.delayStepMs = options.delayStepMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 2_000;
    this.sweepAbove = options.sweepAbove ?? 10_000;
  }

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const list = (map.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) map.set(key, list);
    else map.delete(key);
    return list;
  }

  private sweep(map: Map<string, number[]>, now: number) {
    if (map.size <= this.sweepAbove) return;
    for (const key of [...map.keys()]) this.recent(map, key, now);
  }

  /** True when this address has failed too often on this account: refuse without checking the password. */
  isBlocked(email: string, ip: string, now = Date.now()): boolean {
    return this.recent(this.pairs, pairKey(email, ip), now).length >= this.maxPairFailures;
  }

  /** How long to wait before checking this account's password (0 until the account draws many failures). */
  delayMs(email: string, now = Date.now()): number {
    const failures = this.recent(this.accounts, email.toLowerCase(), now).length;
    if (failures < this.slowAfter) return 0;
    return Math.min(this.maxDelayMs, this.delayStepMs * (failures - this.slowAfter + 1));
  }

  recordFailure(email: string, ip: string, now = Date.now()) {
    const pair = pairKey(email, ip);
    this.pairs.set(pair, [...this.recent(this.pairs, pair, now), now]);
    const account = email.toLowerCase();
    this.accounts.set(account, [...this.recent(this.accounts, account, now), now]);
    this.sweep(this.pairs, now);
    this.sweep(this.accounts, now);
  }

  /**
   * A successful login clears its own address's failures. The account's count stays: the owner signing in says
   * nothing about the guesses still coming from elsewhere.
   */
  reset(email: string, ip: string) {
    this.pairs.delete(pairKey(email, ip));
  }
}

function pairKey(email: string, ip: string): string {
  return `${email.toLowerCase()}\n${ip}`;
}
