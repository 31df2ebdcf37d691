import { afterEach, describe, expect, it, vi } from "vitest";
import { EventLoopWatch } from "./event-loop";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function block(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("the event loop watch", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs a blocked loop as a stall with its length", async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const watch = new EventLoopWatch(100, 300);
    try {
      await sleep(50);
      block(250);
      await sleep(700);
      const stalls = written.filter((l) => l.includes("event loop stalled")).map((l) => JSON.parse(l) as { maxMs: number });
      expect(stalls.length).toBeGreaterThan(0);
      expect(Math.max(...stalls.map((s) => s.maxMs))).toBeGreaterThanOrEqual(200);
    } finally {
      watch.stop();
    }
  });
});
