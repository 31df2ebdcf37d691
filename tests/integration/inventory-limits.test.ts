// The inventory import's limits against a real server: a ZIP bomb is refused quickly while other users' edits keep
// flowing, a large valid workbook imports without stalling the server's event loop, a file over the row limit is
// refused whole. Heavy fixtures, generated once by a child program; the server runs in this process so that the
// event-loop figures are the server's own (and include this file's client work: a conservative measure).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { inventoryDwellings, inventoryImports } from "../../db/schema";
import { MAX_INVENTORY_ROWS } from "../../app/domain/inventory/limits";
import { encodeWindows1252, generateInventoryCsv } from "../bench/generate-inventory";
import { GENERATE_LIMITS_SCRIPT, LIMIT_FIXTURES } from "../fixtures/inventory/generate-limits";
import { openTestDb } from "../support/db";
import { runOk } from "../support/run";
import { connectClient, cookieFor, startTestServer, until, type TestClient, type TestServer } from "../support/server";

const BIG_ROWS = 200_000;
const fr = (n: number) => n.toLocaleString("fr-FR");

let database: DbHandle;
let t: TestServer;
let bomb: Uint8Array;
let bigWorkbook: Uint8Array;
let overLimitCsv: Uint8Array;
const clients: TestClient[] = [];

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  // The fixtures take tens of seconds of synchronous work: a child program writes them, so that this process (its
  // server, vitest's calls to the runner) is never held meanwhile.
  const directory = await mkdtemp(join(tmpdir(), "conflux-limits-"));
  try {
    await runOk(process.execPath, ["--import", "tsx", GENERATE_LIMITS_SCRIPT, directory, String(BIG_ROWS)], { timeout: 300_000 });
    const read = async (name: string) => new Uint8Array(await readFile(join(directory, name)));
    [bomb, bigWorkbook, overLimitCsv] = await Promise.all([read(LIMIT_FIXTURES.bomb), read(LIMIT_FIXTURES.bigWorkbook), read(LIMIT_FIXTURES.overLimitCsv)]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  // The first parse starts the worker (≈ 0.5 s, once per server): not what these tests measure.
  const warm = await createMember(database.db, "bailleur");
  expect((await upload(await cookieFor(database, warm.user.id), "petit.csv", encodeWindows1252(generateInventoryCsv(10)))).status).toBe(303);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.close();
  await database?.close();
});

/** The multipart body of an upload, encoded ahead so that a measure covers the server's work, not the client's. */
async function uploadBody(fileName: string, bytes: Uint8Array, year = "2026") {
  const form = new FormData();
  form.set("year", year);
  form.set("file", new Blob([new Uint8Array(bytes)]), fileName);
  const encoded = new Response(form);
  return { body: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get("content-type")! };
}

async function upload(cookie: string, fileName: string, bytes: Uint8Array | Awaited<ReturnType<typeof uploadBody>>) {
  const { body, type } = bytes instanceof Uint8Array ? await uploadBody(fileName, bytes) : bytes;
  return fetch(`${t.base}/inventaires`, { method: "POST", headers: { cookie, origin: t.base, "content-type": type }, body, redirect: "manual" });
}

async function stored(organisationId: string) {
  const [imports] = await database.db.select({ n: count() }).from(inventoryImports).where(eq(inventoryImports.organisationId, organisationId));
  const [dwellings] = await database.db
    .select({ n: count() })
    .from(inventoryDwellings)
    .innerJoin(inventoryImports, eq(inventoryImports.id, inventoryDwellings.importId))
    .where(eq(inventoryImports.organisationId, organisationId));
  return { imports: Number(imports.n), dwellings: Number(dwellings.n) };
}

/** Entities as the route's HTML carries them. */
const html = (text: string) => text.replace(/'/g, "&#x27;");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe("inventory import limits", () => {
  it("refuses a 300 Mo-of-spaces workbook within 2 s while another party's edits keep flowing", async () => {
    const bailleur = await createMember(database.db, "bailleur");
    const prefet = await createMember(database.db, "prefet");
    const convention = await createConvention(database.db, {
      pilotOrganisationId: bailleur.organisation.id,
      parties: [
        { organisationId: bailleur.organisation.id, role: "edition" },
        { organisationId: prefet.organisation.id, role: "edition" },
      ],
    });
    const a = connectClient(t.base, convention.id, await cookieFor(database, bailleur.user.id));
    const b = connectClient(t.base, convention.id, await cookieFor(database, prefet.user.id));
    clients.push(a, b);
    expect(await until(() => a.provider.synced && b.provider.synced)).toBe(true);

    // Client A types one keystroke every 5 ms; client B notes when each one reaches it.
    const sentAt: number[] = [];
    const latencies: number[] = [];
    b.doc.getArray<number>("keystrokes").observe((event) => {
      const now = performance.now();
      for (const item of event.changes.added) for (const n of item.content.getContent() as number[]) latencies.push(now - sentAt[n]);
    });
    const typing = setInterval(() => {
      sentAt.push(performance.now());
      a.doc.getArray<number>("keystrokes").push([sentAt.length - 1]);
    }, 5);

    const cookie = await cookieFor(database, bailleur.user.id);
    await until(() => latencies.length >= 40);
    const request = await uploadBody("inventaire.xlsx", bomb);
    const start = performance.now();
    const response = await upload(cookie, "inventaire.xlsx", request);
    const elapsed = performance.now() - start;
    const body = await response.text();
    await until(() => latencies.length >= 300);
    clearInterval(typing);
    expect(await until(() => latencies.length === sentAt.length)).toBe(true);

    const p99 = percentile(latencies, 99);
    console.log(
      `bomb (${fr(bomb.byteLength)} octets) refused in ${Math.round(elapsed)} ms; ` +
        `edit latency during the upload over ${latencies.length} keystrokes: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    expect(response.status).toBe(422);
    expect(body).toContain(html("Le classeur, une fois décompressé, dépasse 200 Mo"));
    expect(elapsed).toBeLessThan(2_000);
    expect(p99).toBeLessThan(100);
    expect(await stored(bailleur.organisation.id)).toEqual({ imports: 0, dwellings: 0 });
  });

  it(`imports a valid ${fr(BIG_ROWS)}-row workbook without any event-loop stall above 100 ms`, async () => {
    const { organisation, user } = await createMember(database.db, "bailleur");
    const cookie = await cookieFor(database, user.id);
    const request = await uploadBody("inventaire.xlsx", bigWorkbook);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const start = performance.now();
    const response = await upload(cookie, "inventaire.xlsx", request);
    // Stored pending, then the preview the bailleur confirms from (its counts and the codes to answer).
    const preview = response.headers.get("location") ?? "";
    const body = preview ? await (await fetch(t.base + preview, { headers: { cookie } })).text() : await response.text();
    const elapsed = performance.now() - start;
    loop.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `${fr(BIG_ROWS)}-row workbook (${fr(bigWorkbook.byteLength)} octets) imported in ${Math.round(elapsed)} ms; ` +
        `event-loop delay p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`,
    );
    expect(response.status, body.slice(0, 500)).toBe(303);
    expect(preview).toMatch(/^\/inventaires\/[0-9a-f-]{36}$/);
    expect(body).toContain(html("Vérifier l'état des lieux avant de le confirmer"));
    expect(await stored(organisation.id)).toEqual({ imports: 1, dwellings: BIG_ROWS });
    expect(loop.max / 1e6).toBeLessThan(100);
  });

  it(`refuses a file of ${fr(MAX_INVENTORY_ROWS + 1)} dwellings with the row-limit message, and stores nothing`, async () => {
    const { organisation, user } = await createMember(database.db, "bailleur");
    const response = await upload(await cookieFor(database, user.id), "inventaire.csv", overLimitCsv);
    const body = await response.text();
    expect(response.status).toBe(422);
    expect(body).toContain(html(`Ligne ${MAX_INVENTORY_ROWS + 2} : l'inventaire dépasse ${fr(MAX_INVENTORY_ROWS)} logements`));
    expect(await stored(organisation.id)).toEqual({ imports: 0, dwellings: 0 });
  });
});
