// bench:cluster — edit propagation between clients of one convention on different instances (through Redis) against
// clients on the same instance, in one run, ABBA order: 3 instances (child processes) on PostgreSQL and Redis, 20
// editors of one convention spread over them, 50 other conventions edited every 100 ms. Then how many typing sockets
// one instance holds before the cross-instance p99 passes 25 ms. Clients share this process (and the machine's cores
// with the instances): figures include that. Prints, asserts nothing.
//
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/conflux_bench, created when missing) and CONFLUX_REDIS_URL
// (default redis://127.0.0.1:6379).
import postgres from "postgres";
import type * as Y from "yjs";
import { openDb } from "../../db/client";
import { createConvention, createMember, createUser } from "../../db/factories";
import { createSession } from "../../app/lib/session.server";
import { freePort, startChildServer, stopChild, type ChildServer } from "../support/child-server";
import { benchClient, percentile, until, type BenchClient } from "./clients";

// Every y-websocket provider adds a process "exit" listener; this process holds hundreds of them on purpose.
process.setMaxListeners(0);

const EDITORS = 20;
const OTHER_CONVENTIONS = 50;
const SAMPLES = Number(process.env.BENCH_EDITS ?? 300);
const WARMUP = 30;
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

/** Latencies from `writer` to `reader` (same clock: this process), `count` edits after a warm-up. */
async function propagation(writer: Client, reader: Client, count: number): Promise<number[]> {
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
  return samples;
}

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
    instances.push(await startChildServer({ DATABASE_URL: databaseUrl, CONFLUX_REDIS_URL: redisUrl, CONFLUX_ALLOWED_ORIGINS: PUBLIC_ORIGIN }, await freePort()));
  const all: Client[] = [];
  try {
    const editors = Array.from({ length: EDITORS }, (_, i) => connect(instances[i % 3], main.id, cookies[i]));
    const background = others.map((room, i) => connect(instances[i % 3], room, cookies[EDITORS + Math.floor(i / 10)]));
    all.push(...editors, ...background);
    await until(() => all.every((c) => c.provider.synced), 60_000);
    const typing = setInterval(() => {
      for (const b of background) b.doc.getText("body").insert(0, "x");
      for (const e of editors.slice(2)) e.doc.getText("body").insert(0, "y");
    }, BACKGROUND_EVERY_MS);

    // editors[0] is on instance 0, editors[3] on instance 0 too, editors[1] on instance 1.
    const writer = editors[0];
    const sameInstance = editors[3];
    const otherInstance = editors[1];
    console.log(
      `bench:cluster — 3 instances (PostgreSQL, Redis), ${EDITORS} editors on one convention spread over them, ${OTHER_CONVENTIONS} other conventions edited every ${BACKGROUND_EVERY_MS} ms, ${SAMPLES} measured edits per run (${WARMUP} warm-up)`,
    );
    const runs: { label: string; samples: number[] }[] = [];
    for (const label of ["même instance", "autre instance", "autre instance", "même instance"]) {
      const samples = await propagation(writer, label === "même instance" ? sameInstance : otherInstance, SAMPLES);
      runs.push({ label, samples });
      const s = summary(samples);
      console.log(`  run ${label.padEnd(15)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  (${s.n} échantillons)`);
    }
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
    const load: Client[] = [];
    const loadTyping = setInterval(() => {
      for (const c of load) c.doc.getText("body").insert(0, "z");
    }, 1_000);
    let held = 0;
    let lastP99 = cross.p99;
    while (held < CAPACITY_MAX) {
      for (let i = 0; i < CAPACITY_STEP; i++) {
        const index = load.length;
        load.push(connect(instances[0], others[index % OTHER_CONVENTIONS], cookies[EDITORS + 6 + Math.floor(index / 10)]));
      }
      await until(() => load.every((c) => c.provider.synced), 60_000);
      held = load.length;
      const s = summary(await propagation(otherInstance, writer, 100));
      lastP99 = s.p99;
      console.log(`  ${String(held).padStart(4)} sockets de plus qui tapent sur l'instance 0 : p99 autre instance → instance 0 ${ms(s.p99)}`);
      if (s.p99 > TARGET_P99_MS) break;
    }
    clearInterval(loadTyping);
    all.push(...load);
    console.log(
      lastP99 > TARGET_P99_MS
        ? `capacité : p99 dépasse ${TARGET_P99_MS} ms à ${held} sockets actifs ajoutés sur une instance (plus ${EDITORS + OTHER_CONVENTIONS} répartis)`
        : `capacité : p99 reste sous ${TARGET_P99_MS} ms jusqu'à ${held} sockets actifs ajoutés sur une instance (limite du banc : ${CAPACITY_MAX})`,
    );
    clearInterval(typing);
  } finally {
    for (const c of all) c.provider.destroy();
    for (const instance of instances) await stopChild(instance.process, "SIGTERM");
  }
}

await main();
process.exit(0);
