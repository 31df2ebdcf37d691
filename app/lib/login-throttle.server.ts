/**
 * Per-account brake on password guessing (the per-IP limit sits in the express pipeline): after too many failures
 * in the window, the account refuses attempts until the window has passed, whatever the password.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  isBlocked(email: string, now = Date.now()): boolean {
    return this.recent(email.toLowerCase(), now).length >= this.maxFailures;
  }

  recordFailure(email: string, now = Date.now()) {
    const key = email.toLowerCase();
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(email: string) {
    this.failures.delete(email.toLowerCase());
  }
}
