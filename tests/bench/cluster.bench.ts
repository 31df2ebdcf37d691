// bench:cluster — edit propagation between clients of one convention on different instances (through Redis) against
// clients on the same instance, in one run, ABBA order: 3 instances (child processes) on PostgreSQL and Redis, 20
// editors of one convention spread over them, 50 other conventions edited every 100 ms. Then how many typing sockets
// one instance holds before the cross-instance p99 passes 25 ms. The three measured clients live on this thread; the
// typing load (the other editors, one client per other convention, the capacity ramp) lives in a worker thread, each
// client typing from its own random phase. Everything shares the machine's cores with the instances, PostgreSQL and
// Redis: figures include that. Prints, asserts nothing.
//
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/conflux_bench, created when missing) and CONFLUX_REDIS_URL
// (default redis://127.0.0.1:6379). BENCH_EDITS (300) measured edits per run, BENCH_SETTLE_MS (10 000) of load before
// measuring, BENCH_CAPACITY_MAX (600) sockets at most in the capacity ramp, BENCH_DUMP_STALLS=1 prints every stall an
// instance logged during the measurements, with its time (stalls of all instances at once point at the machine).
import postgres from "postgres";
import type * as Y from "yjs";
import { openDb } from "../../db/client";
import { createConvention, createMember, createUser } from "../../db/factories";
import { createSession } from "../../app/lib/session.server";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { freePort, startChildServer, stopChild, type ChildServer } from "../support/child-server";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { benchClient, percentile, until, type BenchClient } from "./clients";
import type { LoadReply, LoadRequest, LoadSpec } from "./typing-load.worker";

// Every y-websocket provider adds a process "exit" listener; this process holds hundreds of them on purpose.
process.setMaxListeners(0);

const EDITORS = 20;
const OTHER_CONVENTIONS = 50;
const SAMPLES = Number(process.env.BENCH_EDITS ?? 300);
const WARMUP = 30;
/** Load running before the first measurement, and after each capacity step: connections, room loads and JIT settle. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);
const STEP_SETTLE_MS = 3_000;
/** Instances log event-loop delays at least this long; the bench counts them per instance (server/event-loop.ts). */
const STALL_MS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BACKGROUND_EVERY_MS = 100;
const TARGET_P99_MS = 25;
const CAPACITY_STEP = 50;
const CAPACITY_MAX = Number(process.env.BENCH_CAPACITY_MAX ?? 600);
const PUBLIC_ORIGIN = "http://conflux.bench";

const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/conflux_bench";
const redisUrl = process.env.CONFLUX_REDIS_URL || "redis://127.0.0.1:6379";

type Client = BenchClient;

function connect(instance: ChildServer, room: string, cookie: string): Client {
  return benchClient(`ws://127.0.0.1:${instance.port}/collab`, room, { origin: PUBLIC_ORIGIN, cookie });
}

const pct = percentile;
const summary = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.at(-1)! };
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

/** The stalls each instance logged since `since` (its output length then): count and longest. */
function stallsSince(instances: ChildServer[], since: number[]): string {
  return instances
    .map((instance, i) => {
      const stalls = instance
        .output()
        .slice(since[i])
        .split("\n")
        .filter((line) => line.includes('"event loop stalled"'))
        .map((line) => (JSON.parse(line) as { maxMs: number }).maxMs);
      return `instance ${i} : ${stalls.length}${stalls.length > 0 ? ` (max ${Math.max(...stalls)} ms)` : ""}`;
    })
    .join(", ");
}

/** The load clients, in a worker thread (tests/bench/typing-load.worker.ts). */
class TypingLoad {
  private failure: Error | null = null;
  // `--import tsx` does not reach a worker's entry file: the entry registers tsx itself, then imports the TypeScript.
  private readonly worker = new Worker(
    `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(new URL("./typing-load.worker.ts", import.meta.url).href)}); })`,
    { eval: true },
  );

  constructor() {
    // A failing worker must not take the bench down before `finally` stops the instances.
    this.worker.on("error", (error) => (this.failure = error));
  }

  private request(message: LoadRequest): Promise<LoadReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.worker.off("message", onMessage);
        reject(error);
      };
      const onMessage = (reply: LoadReply) => {
        this.worker.off("error", onError);
        if (reply.type === "error") reject(new Error(reply.message));
        else resolve(reply);
      };
      this.worker.once("message", onMessage);
      this.worker.once("error", onError);
      this.worker.postMessage(message);
    });
  }

  async add(specs: LoadSpec[]) {
    await this.request({ type: "add", specs });
  }

  async stop() {
    await this.request({ type: "stop" }).catch(() => undefined);
    await this.worker.terminate();
  }
}

/**
 * Latencies from `writer` to `reader` (same clock: this process), `count` edits after a warm-up; with the delays of
 * this thread's own event loop meanwhile (a stall here inflates the figures without being the servers').
 */
async function propagation(writer: Client, reader: Client, count: number): Promise<number[]> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const key = `probe-${Math.random().toString(36).slice(2)}`;
  const map = reader.doc.getMap<number>(key);
  const observer = (event: Y.YMapEvent<number>) => {
    const now = performance.now();
    for (const k of event.keysChanged) {
      const t0 = sentAt.get(k);
      if (t0 !== undefined && Number(k) >= WARMUP) samples.push(now - t0);
    }
  };
  map.observe(observer);
  for (let seq = 0; seq < count + WARMUP; seq++) {
    sentAt.set(String(seq), performance.now());
    writer.doc.getMap<number>(key).set(String(seq), seq);
    await new Promise((r) => setTimeout(r, 10));
  }
  await until(() => samples.length >= count, 20_000).catch(() => undefined);
  map.unobserve(observer);
  loop.disable();
  lastLoopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  return samples;
}
let lastLoopDelay = { p99: 0, max: 0 };

async function ensureDatabase() {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = postgres({ host: target.hostname, port: Number(target.port || 5432), username: decodeURIComponent(target.username), password: decodeURIComponent(target.password), database: "postgres", max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`SELECT 1 AS ok FROM pg_database WHERE datname = ${name}`;
    if (!found) await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function main() {
  buildIfStale(); // the instances serve the production build
  await ensureDatabase();
  const setup = await openDb({ kind: "postgres", url: databaseUrl });
  const pilot = await createMember(setup.db, "bailleur");
  const members = [pilot.user];
  for (let i = 1; i < EDITORS; i++) members.push(await createUser(setup.db, { organisationId: pilot.organisation.id }));
  const parties = [{ organisationId: pilot.organisation.id, role: "edition" as const }];
  const main = await createConvention(setup.db, { pilotOrganisationId: pilot.organisation.id, parties });
  const others: string[] = [];
  for (let i = 0; i < OTHER_CONVENTIONS; i++) others.push((await createConvention(setup.db, { pilotOrganisationId: pilot.organisation.id, parties })).id);
  // Sockets per session are bounded (20): one session per 10 sockets of the capacity ramp.
  const sessions = await Promise.all(Array.from({ length: Math.ceil((CAPACITY_MAX + EDITORS + OTHER_CONVENTIONS) / 10) + EDITORS }, (_, i) => createSession(setup.db, members[i % EDITORS].id)));
  const cookies = sessions.map((token) => `conflux_session=${token}`);
  await setup.close();

  const instances: ChildServer[] = [];
  for (let i = 0; i < 3; i++)
    instances.push(
      await startChildServer(
        { DATABASE_URL: databaseUrl, CONFLUX_REDIS_URL: redisUrl, CONFLUX_ALLOWED_ORIGINS: PUBLIC_ORIGIN, CONFLUX_STALL_LOG_MS: String(STALL_MS) },
        await freePort(),
      ),
    );
  const load = new TypingLoad();
  const measured: Client[] = [];
  try {
    // Measured, on this thread: editors[0] and editors[3] on instance 0, editors[1] on instance 1. The other editors of
    // the convention and one client per other convention type in the load worker.
    const spec = (instance: ChildServer, room: string, cookie: string, everyMs: number): LoadSpec => ({
      url: `ws://127.0.0.1:${instance.port}/collab`,
      room,
      cookie,
      origin: PUBLIC_ORIGIN,
      everyMs,
    });
    const writer = connect(instances[0], main.id, cookies[0]);
    const otherInstance = connect(instances[1], main.id, cookies[1]);
    const sameInstance = connect(instances[0], main.id, cookies[3]);
    measured.push(writer, otherInstance, sameInstance);
    await until(() => measured.every((c) => c.provider.synced), 60_000);
    await load.add([
      ...Array.from({ length: EDITORS }, (_, i) => i)
        .filter((i) => ![0, 1, 3].includes(i))
        .map((i) => spec(instances[i % 3], main.id, cookies[i], BACKGROUND_EVERY_MS)),
      ...others.map((room, i) => spec(instances[i % 3], room, cookies[EDITORS + Math.floor(i / 10)], BACKGROUND_EVERY_MS)),
    ]);
    await sleep(SETTLE_MS);
    console.log(
      `bench:cluster — 3 instances (PostgreSQL, Redis), ${EDITORS} editors on one convention spread over them, ${OTHER_CONVENTIONS} other conventions edited every ${BACKGROUND_EVERY_MS} ms, ${SAMPLES} measured edits per run (${WARMUP} warm-up) after ${SETTLE_MS / 1000} s of load`,
    );
    const runs: { label: string; samples: number[] }[] = [];
    const measuring = instances.map((instance) => instance.output().length);
    for (const label of ["même instance", "autre instance", "autre instance", "même instance"]) {
      const samples = await propagation(writer, label === "même instance" ? sameInstance : otherInstance, SAMPLES);
      runs.push({ label, samples });
      const s = summary(samples);
      console.log(
        `  run ${label.padEnd(15)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  (${s.n} échantillons ; boucle du banc : p99 ${ms(lastLoopDelay.p99)}, max ${ms(lastLoopDelay.max)})`,
      );
    }
    if (process.env.BENCH_DUMP_STALLS)
      instances.forEach((instance, i) =>
        console.log(instance.output().slice(measuring[i]).split("\n").filter((l) => l.includes('"event loop stalled"')).map((l) => `    ${i} ${l}`).join("\n")),
      );
    console.log(`  secondes où la boucle d'une instance a attendu ≥ ${STALL_MS} ms pendant les mesures : ${stallsSince(instances, measuring)}`);
    const same = summary(runs.filter((r) => r.label === "même instance").flatMap((r) => r.samples));
    const cross = summary(runs.filter((r) => r.label === "autre instance").flatMap((r) => r.samples));
    for (const [label, s] of [["même instance", same], ["autre instance", cross]] as const)
      console.log(`${label.padEnd(15)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.n} échantillons)`);
    const ratio = cross.p99 / same.p99;
    console.log(
      `rapport autre / même instance : p50 ${(cross.p50 / same.p50).toFixed(2)}  p95 ${(cross.p95 / same.p95).toFixed(2)}  p99 ${ratio.toFixed(2)}  ` +
        `(objectif : p99 ≤ 1,5 × et ≤ ${TARGET_P99_MS} ms : ${ratio <= 1.5 && cross.p99 <= TARGET_P99_MS ? "atteint" : "non atteint"})`,
    );

    // Capacity: typing sockets added on instance 0 (each types every second on one of the other conventions) until the
    // cross-instance p99 passes the target.
    let held = 0;
    let lastP99 = cross.p99;
    while (held < CAPACITY_MAX) {
      await load.add(
        Array.from({ length: CAPACITY_STEP }, (_, i) => {
          const index = held + i;
          return spec(instances[0], others[index % OTHER_CONVENTIONS], cookies[EDITORS + 6 + Math.floor(index / 10)], 1_000);
        }),
      );
      held += CAPACITY_STEP;
      await sleep(STEP_SETTLE_MS);
      const s = summary(await propagation(otherInstance, writer, 100));
      lastP99 = s.p99;
      console.log(`  ${String(held).padStart(4)} sockets de plus qui tapent sur l'instance 0 : p99 autre instance → instance 0 ${ms(s.p99)}`);
      if (s.p99 > TARGET_P99_MS) break;
    }
    console.log(
      lastP99 > TARGET_P99_MS
        ? `capacité : p99 dépasse ${TARGET_P99_MS} ms à ${held} sockets actifs ajoutés sur une instance (plus ${EDITORS + OTHER_CONVENTIONS} répartis)`
        : `capacité : p99 reste sous ${TARGET_P99_MS} ms jusqu'à ${held} sockets actifs ajoutés sur une instance (limite du banc : ${CAPACITY_MAX})`,
    );
  } finally {
    await load.stop();
    for (const c of measured) c.provider.destroy();
    for (const instance of instances) await stopChild(instance.process, "SIGTERM");
  }
}

await main();
process.exit(0);
