// bench:collab — edit propagation (client → server → other client) with 20 clients on one convention while 50 other
// conventions are open and edited, for Conflux (auth, read-only checks, persistence) and, in the same run, for a bare
// relay of the same protocol. Servers run in child processes; clients share this process. Prints figures, asserts nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type DbHandle } from "../../db/client";
import { createConvention, createMember, createUser } from "../../db/factories";
import { createSession } from "../../app/lib/session.server";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { freePort, startChildServer, stopChild } from "../support/child-server";
import { benchClient, percentile, until } from "./clients";

// Every y-websocket provider adds a process "exit" listener; this process holds hundreds of them on purpose.
process.setMaxListeners(0);

const EDITORS = 20;
const OTHER_CONVENTIONS = 50;
const EDITS = Number(process.env.BENCH_EDITS ?? 400);
const WARMUP = 40;
const BACKGROUND_EVERY_MS = 100;

interface Target {
  label: string;
  base: string;
  /** y-websocket serverUrl and room name for a convention. */
  endpoint: (room: string) => { url: string; room: string };
  cookie: (i: number) => string | null;
}

function connect(target: Target, roomName: string, cookie: string | null) {
  const { url, room } = target.endpoint(roomName);
  return benchClient(url, room, { origin: target.base, cookie });
}

const pct = percentile;

async function measure(target: Target, mainRoom: string, otherRooms: string[]) {
  const editors = Array.from({ length: EDITORS }, (_, i) => connect(target, mainRoom, target.cookie(i)));
  const background = otherRooms.map((room, i) => connect(target, room, target.cookie(i % EDITORS)));
  const all = [...editors, ...background];
  await until(() => all.every((c) => c.provider.synced), 30_000);

  const sentAt = new Map<number, number>();
  const samples: number[] = [];
  for (const [index, e] of editors.entries()) {
    e.doc.getMap("bench").observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const seq = Number(key);
        const t0 = sentAt.get(seq);
        if (t0 !== undefined && seq >= WARMUP) samples.push(now - t0);
      }
      void index;
    });
  }
  const timer = setInterval(() => {
    for (const b of background) b.doc.getText("body").insert(0, "x");
  }, BACKGROUND_EVERY_MS);

  for (let seq = 0; seq < EDITS + WARMUP; seq++) {
    const sender = editors[seq % EDITORS];
    sentAt.set(seq, performance.now());
    sender.doc.getMap("bench").set(String(seq), seq);
    await new Promise((r) => setTimeout(r, 8));
  }
  await until(() => samples.length >= EDITS * (EDITORS - 1), 30_000).catch(() => undefined);
  clearInterval(timer);
  for (const c of all) c.provider.destroy();
  samples.sort((a, b) => a - b);
  return {
    label: target.label,
    samples: samples.length,
    expected: EDITS * (EDITORS - 1),
    p50: pct(samples, 50),
    p95: pct(samples, 95),
    p99: pct(samples, 99),
    max: samples.at(-1)!,
    raw: samples,
  };
}

async function main() {
  buildIfStale(); // the instances serve the production build
  const url = process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-bench-"));
  const open = (): Promise<DbHandle> =>
    url ? openDb({ kind: "postgres", url }) : openDb({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });

  // Fixtures first, then close: the server process is the only one to hold the PGlite folder.
  const setup = await open();
  const pilot = await createMember(setup.db, "bailleur");
  const members = [pilot.user];
  for (let i = 1; i < EDITORS; i++) members.push(await createUser(setup.db, { organisationId: pilot.organisation.id }));
  const parties = [{ organisationId: pilot.organisation.id, role: "edition" as const }];
  const main = await createConvention(setup.db, { pilotOrganisationId: pilot.organisation.id, parties });
  const others: string[] = [];
  for (let i = 0; i < OTHER_CONVENTIONS; i++)
    others.push((await createConvention(setup.db, { pilotOrganisationId: pilot.organisation.id, parties })).id);
  const cookies = await Promise.all(members.map(async (m) => `conflux_session=${await createSession(setup.db, m.id)}`));
  await setup.close();

  const conflux = await startChildServer(url ? { DATABASE_URL: url } : { CONFLUX_DATA_DIR: dataDir, CONFLUX_DEMO_SEED: "false" }, await freePort());
  const relay = await startChildServer({}, await freePort(), 30_000, "tests/bench/bare-relay.ts");
  const confluxTarget: Target = {
    label: "Conflux",
    base: `http://127.0.0.1:${conflux.port}`,
    endpoint: (room) => ({ url: `ws://127.0.0.1:${conflux.port}/collab`, room }),
    cookie: (i) => cookies[i % cookies.length],
  };
  const relayTarget: Target = {
    label: "bare relay",
    base: `http://127.0.0.1:${relay.port}`,
    endpoint: (room) => ({ url: `ws://127.0.0.1:${relay.port}`, room }),
    cookie: () => null,
  };
  try {
    console.log(`bench:collab — ${EDITORS} clients on one convention, ${OTHER_CONVENTIONS} other conventions open and edited every ${BACKGROUND_EVERY_MS} ms, ${EDITS} measured edits (${WARMUP} warm-up), database ${url ? "PostgreSQL" : "PGlite"}`);
    // Two rounds in ABBA order, so that neither side always runs on a warmer process.
    const runs: Awaited<ReturnType<typeof measure>>[] = [];
    for (const target of [relayTarget, confluxTarget, confluxTarget, relayTarget]) runs.push(await measure(target, main.id, others));
    const merge = (label: string) => {
      const mine = runs.filter((r) => r.label === label);
      const all = mine.flatMap((r) => r.raw).sort((a, b) => a - b);
      return { label, samples: all.length, expected: mine.reduce((n, r) => n + r.expected, 0), p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), max: all.at(-1)! };
    };
    const results = [merge("bare relay"), merge("Conflux")];
    for (const r of runs) console.log(`  run ${r.label.padEnd(10)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
    for (const r of results)
      console.log(
        `${r.label.padEnd(10)}  samples ${r.samples}/${r.expected}  p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`,
      );
    const [bare, ours] = results;
    console.log(
      `ratio Conflux / bare relay: p50 ${(ours.p50 / bare.p50).toFixed(2)}  p95 ${(ours.p95 / bare.p95).toFixed(2)}  p99 ${(ours.p99 / bare.p99).toFixed(2)}  (target p99 ≤ 25 ms, ratio ≤ 1.5)`,
    );
  } finally {
    await stopChild(conflux.process, "SIGTERM");
    await stopChild(relay.process, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
