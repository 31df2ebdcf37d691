import { describe, expect, it } from "vitest";
import { LoginThrottle, MemoryFailureLog } from "./login-throttle.server";

const ATTACKER = "203.0.113.7";
const OWNER = "198.51.100.2";
const minutes = (n: number) => n * 60 * 1000;

describe("LoginThrottle", () => {
  it("locks an address out of an account after 10 failures, not the account itself", async () => {
    const throttle = new LoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 9; i++) await throttle.recordFailure("Claire@Exemple.fr", ATTACKER, t0 + i);
    expect(await throttle.isBlocked("claire@exemple.fr", ATTACKER, t0 + 10)).toBe(false);
    await throttle.recordFailure("claire@exemple.fr", ATTACKER, t0 + 10);
    expect(await throttle.isBlocked("claire@exemple.fr", ATTACKER, t0 + 11)).toBe(true);
    expect(await throttle.isBlocked("claire@exemple.fr", OWNER, t0 + 11)).toBe(false);
    // The window passes: the address may try again.
    expect(await throttle.isBlocked("claire@exemple.fr", ATTACKER, t0 + minutes(15) + 11)).toBe(false);
  });

  it("slows every attempt on an account guessed from many addresses, up to a bound, and never refuses", async () => {
    const throttle = new LoginThrottle({ slowAfter: 10, delayStepMs: 200, maxDelayMs: 2_000 });
    const t0 = 5_000_000;
    expect(await throttle.delayMs("claire@exemple.fr", t0)).toBe(0);
    // 100 addresses, 3 guesses each: no pair reaches its lockout.
    for (let ip = 0; ip < 100; ip++) for (let i = 0; i < 3; i++) await throttle.recordFailure("claire@exemple.fr", `10.0.${ip}.1`, t0 + ip);
    expect(await throttle.isBlocked("claire@exemple.fr", "10.0.5.1", t0 + 200)).toBe(false);
    expect(await throttle.delayMs("claire@exemple.fr", t0 + 200)).toBe(2_000);
    expect(await throttle.isBlocked("claire@exemple.fr", OWNER, t0 + 200)).toBe(false);
    expect(await throttle.delayMs("autre@exemple.fr", t0 + 200)).toBe(0);
    expect(await throttle.delayMs("claire@exemple.fr", t0 + minutes(16))).toBe(0);
  });

  it("grows the delay step by step past the threshold", async () => {
    const throttle = new LoginThrottle({ slowAfter: 2, delayStepMs: 100, maxDelayMs: 250 });
    const delays = [];
    for (let i = 0; i < 5; i++) {
      delays.push(await throttle.delayMs("a@b.fr", i));
      await throttle.recordFailure("a@b.fr", `ip${i}`, i);
    }
    expect(delays).toEqual([0, 0, 100, 200, 250]);
  });

  it("a success clears its own address's failures only", async () => {
    const throttle = new LoginThrottle({ maxPairFailures: 2, slowAfter: 3 });
    for (const ip of [ATTACKER, ATTACKER, OWNER, OWNER]) await throttle.recordFailure("a@b.fr", ip, 10);
    await throttle.reset("a@b.fr", OWNER);
    expect(await throttle.isBlocked("a@b.fr", OWNER, 11)).toBe(false);
    expect(await throttle.isBlocked("a@b.fr", ATTACKER, 11)).toBe(true);
    expect(await throttle.delayMs("a@b.fr", 11)).toBeGreaterThan(0);
  });

  it("sweeps expired keys so that made-up accounts do not pile up", async () => {
    const failures = new MemoryFailureLog(100);
    const throttle = new LoginThrottle({}, failures);
    for (let i = 0; i < 500; i++) await throttle.recordFailure(`x${i}@b.fr`, ATTACKER, i);
    const later = minutes(20);
    await throttle.recordFailure("last@b.fr", ATTACKER, later);
    // The pair and the account of the last failure remain; everything older than the window is gone.
    expect(failures.size).toBe(2);
  });
});
