// The import page's streamed upload: the parse worker's progress reaches the browser while the file is read, checked and
// stored (JSON lines, several reads before the end), then the address of the preview; a refused file comes back with
// its row/column errors and stores nothing. The templates download for any signed-in user.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { inventoryImports } from "../../db/schema";
import { createMember } from "../../db/factories";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { openTestDb } from "../support/db";
import { cookieFor, startTestServer, type TestServer } from "../support/server";
import type { Json } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

/** Posts a file to the streamed upload and reads its answer line by line, noting which read brought each line. */
async function upload(cookie: string, csv: string, year = 2026) {
  const form = new FormData();
  form.set("year", String(year));
  form.set("file", new File([csv], "etat-des-lieux.csv", { type: "text/csv" }));
  const response = await fetch(`${t.base}/inventaires/televersement`, { method: "POST", body: form, headers: { origin: t.base, cookie, accept: "application/x-ndjson" } });
  const lines: { read: number; event: Json }[] = [];
  if (!response.body) return { status: response.status, type: response.headers.get("content-type"), lines };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (let read = 0; ; read++) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const part of parts) if (part.trim()) lines.push({ read, event: JSON.parse(part) });
  }
  return { status: response.status, type: response.headers.get("content-type"), lines };
}

describe("streamed inventory upload", () => {
  it("reports the rows checked then stored, out of the file's total, over several reads, then where the preview is", async () => {
    const bailleur = await createMember(database.db, "bailleur");
    const answer = await upload(await cookieFor(database, bailleur.user.id), demoInventoryCsv(20_000));
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/x-ndjson/);
    const events = answer.lines.map((l) => l.event);
    const checks = events.filter((e) => e.type === "progress" && e.stage === "verification");
    expect(checks[0]).toEqual({ type: "progress", stage: "verification", rows: 0, total: 20_000 });
    expect(checks.map((e) => e.rows)).toEqual([0, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 2_000)]);
    expect(events.some((e) => e.type === "progress" && e.stage === "enregistrement" && e.total === 20_000)).toBe(true);
    const done = events.at(-1);
    expect(done.type).toBe("done");
    // Streamed, not sent at the end: the progress lines came over several reads of the body before the outcome.
    const reads = new Set(answer.lines.filter((l) => l.event.type === "progress").map((l) => l.read));
    expect(reads.size).toBeGreaterThan(1);
    const id = done.location.replace("/inventaires/", "");
    const [stored] = await database.db.select().from(inventoryImports).where(eq(inventoryImports.id, id));
    expect(stored).toMatchObject({ organisationId: bailleur.organisation.id, status: "en_attente", rowCount: 20_000 });
  });

  it("refuses a file with its errors by row and column, and stores nothing; refuses a non-bailleur", async () => {
    const bailleur = await createMember(database.db, "bailleur");
    const csv = demoInventoryCsv(50).replace(/\n(031\d{7});([^;]*);31;/, "\n$1;$2;999;");
    const answer = await upload(await cookieFor(database, bailleur.user.id), csv);
    const refused = answer.lines.at(-1)!.event;
    expect(refused).toMatchObject({ type: "refused", errorCount: 1 });
    expect(refused.issues[0]).toMatchObject({ code: "INVENTAIRE_DEPARTEMENT_INVALIDE", line: 2 });
    expect(refused.issues[0].message).toMatch(/Département/);
    expect(await database.db.select().from(inventoryImports).where(eq(inventoryImports.organisationId, bailleur.organisation.id))).toEqual([]);

    const ddets = await createMember(database.db, "prefet");
    const other = await upload(await cookieFor(database, ddets.user.id), demoInventoryCsv(10));
    expect(other.status).toBe(403);
  });

  it("serves the CSV and XLSX templates to a signed-in user", async () => {
    const member = await createMember(database.db, "prefet");
    const cookie = await cookieFor(database, member.user.id);
    const csv = await fetch(`${t.base}/inventaires/modele.csv`, { headers: { cookie } });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = new Uint8Array(await csv.arrayBuffer());
    // A BOM first, so that a spreadsheet reads the accents as UTF-8.
    expect([...text.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(text)).toMatch(/^Numéro RPLS;Réservataire;Département;/);
    const xlsx = await fetch(`${t.base}/inventaires/modele.xlsx`, { headers: { cookie } });
    expect(xlsx.headers.get("content-disposition")).toContain("modele-etat-des-lieux.xlsx");
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const anonymous = await fetch(`${t.base}/inventaires/modele.csv`, { redirect: "manual" });
    expect(anonymous.status).not.toBe(200);
  });
});
