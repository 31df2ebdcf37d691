// Watches this process's event loop: every socket of an instance waits while it is blocked, so a stall is logged (with
// its length) and the last window's delays are reported by `GET /health`. Operators see which instance stalls and when;
// `npm run bench:cluster` counts these lines per instance.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { log } from "./log";

export interface EventLoopDelays {
  /** Over the last completed window, in milliseconds. */
  p99Ms: number;
  maxMs: number;
}

export class EventLoopWatch {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly timer: NodeJS.Timeout;
  private last: EventLoopDelays = { p99Ms: 0, maxMs: 0 };

  constructor(
    /** A window whose longest delay passes this is logged as a stall. */
    private readonly stallMs = 100,
    windowMs = 1_000,
  ) {
    this.histogram.enable();
    this.timer = setInterval(() => this.rotate(), windowMs);
    this.timer.unref();
  }

  private rotate() {
    const round = (ns: number) => Math.round(ns / 1e5) / 10;
    this.last = { p99Ms: round(this.histogram.percentile(99)), maxMs: round(this.histogram.max) };
    this.histogram.reset();
    if (this.last.maxMs >= this.stallMs) log.warn("event loop stalled", { maxMs: this.last.maxMs });
  }

  get delays(): EventLoopDelays {
    return this.last;
  }

  stop() {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
