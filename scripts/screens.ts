// `npm run screens`: screenshots of every page at 1440×900 and 1024×768 into docs/screens/, from a fresh demo. The
// server runs in this process on port 0 over an in-memory database seeded with the demo, a few days of negotiation
// are played through the API as the demo accounts would, then Debian Chromium visits each page as each reader would.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { chromium, type Page } from "playwright-core";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WS from "ws";
import { openDb } from "../db/client";
import { conventions, users } from "../db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "../db/seed";
import { demoInventoryCsv } from "../db/demo-inventory";
import { dwellingsOfInventory, eventsCsv, generateEvents } from "../tests/support/decompte-events";
import { createSession } from "../app/lib/session.server";
import { importInventoryFile } from "../app/domain/inventory/import-file";
import { storeInventoryImport } from "../app/models/inventory.server";
import { createConfluxServer } from "../server/app";

const OUT = path.resolve("docs/screens");
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!fs.existsSync("build/server/index.js") || process.argv.includes("--build")) {
  const r = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const database = await openDb({ kind: "pglite", dataDir: "memory" });
await seedDemo(database.db);
const server = await createConfluxServer({ database, mode: "production", journalWindowMs: 500 });
const port = await server.listen(0, "127.0.0.1");
const base = `http://127.0.0.1:${port}`;

const cookies: Record<string, string> = {};
const ids: Record<string, { id: string; organisationId: string }> = {};
for (const account of DEMO_ACCOUNTS) {
  const [user] = await database.db.select().from(users).where(eq(users.email, account.email));
  ids[account.key] = { id: user.id, organisationId: user.organisationId };
  cookies[account.key] = `conflux_session=${await createSession(database.db, user.id)}`;
}
const [convention] = await database.db.select().from(conventions);
const c = `/api/conventions/${convention.id}`;

async function as(who: string, method: string, url: string, body?: unknown) {
  const response = await fetch(base + url, {
    method,
    headers: { origin: base, cookie: cookies[who], ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${who} ${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

// A few days of negotiation, as the demo accounts would have them.
await as("bailleur", "POST", `${c}/status`, { status: "en_negociation" });
const view = await as("bailleur", "GET", `${c}/negotiation`);
await as("ddets", "POST", `${c}/positions`, { option: "gestion_prefet", position: "pas_d_accord", reason: "La DDETS garde la désignation des publics prioritaires en gestion directe." });
await as("action_logement", "POST", `${c}/positions`, { option: "gestion_action_logement", position: "d_accord", reason: "Conforme à la pratique d'AL'in." });
await as("bailleur", "POST", `${c}/positions`, { option: "gestion_prefet", position: "sous_conditions", reason: "Possible en 2026.", condition: "Un bilan trimestriel des désignations." });
await as("commune", "POST", `${c}/positions`, { option: "decompte", position: "abstention", reason: "Sans avis de la commune." });
for (const who of ["bailleur", "ddets"]) for (const article of view.articles.slice(0, 3)) await as(who, "POST", `${c}/approvals`, { article: article.id });
const thread = await as("commune", "POST", `${c}/comments`, { article: view.articles[8].id, body: "La commune souhaite être informée de chaque désignation sur son territoire." });
await as("bailleur", "POST", `${c}/comments/${thread.id}/replies`, { body: "C'est prévu dans le bilan annuel : nous pouvons l'ajouter au suivi trimestriel." });
await as("bailleur", "POST", `${c}/deadlines`, { option: "gestion_prefet", deadline: "2026-01-31" });
await as("bailleur", "POST", `${c}/versions`, { name: "Proposition du bailleur aux réservataires" });
// A live edit through the relay, for the journal.
class CookieWS extends WS {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { headers: { origin: base, cookie: cookies.ddets } });
  }
}
const doc = new Y.Doc();
const provider = new WebsocketProvider(`${base.replace("http", "ws")}/collab`, convention.id, doc, { WebSocketPolyfill: CookieWS as unknown as typeof WebSocket, disableBc: true });
await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
doc.getMap("parameters").set("signaturePlace", "Toulouse");
await new Promise((r) => setTimeout(r, 1_500));
provider.destroy();
// A pending import with a code to answer, for the preview page.
const csv = demoInventoryCsv(2_000).replace(/\n(031\d{7});al;/, "\n$1;partenaire-local;");
const parsed = await importInventoryFile(new TextEncoder().encode(csv), "etat-des-lieux-2027.csv");
if (!parsed.ok) throw new Error(parsed.issues[0].message);
const pending = await storeInventoryImport(database.db, { organisationId: ids.bailleur.organisationId, userId: ids.bailleur.id, year: 2027, fileName: "etat-des-lieux-2027.csv", rows: parsed.rows, aggregates: parsed.aggregates });

// The bailleur's events of 2026 (the décompte), for the bilan page.
const events = new FormData();
events.set("year", "2026");
events.set("file", new Blob([eventsCsv(generateEvents(dwellingsOfInventory(demoInventoryCsv()), 600, 2026, 2026))]), "evenements-2026.csv");
const decompte = await fetch(`${base}/api/decomptes`, { method: "POST", headers: { origin: base, cookie: cookies.bailleur }, body: events });
if (decompte.status !== 201) throw new Error(`décompte: ${decompte.status} ${await decompte.text()}`);

const pages: { name: string; who: string | null; url: string; ready: (page: Page) => Promise<void> }[] = [
  { name: "connexion", who: null, url: "/login", ready: (p) => p.getByRole("heading", { name: "Connexion" }).waitFor() },
  { name: "conventions", who: "ddets", url: "/", ready: (p) => p.getByRole("heading", { name: "Mes conventions" }).waitFor() },
  ...["", "#flux", "#negociation", "#commentaires", "#versions", "#journal"].map((hash) => ({
    name: `convention${hash ? `-${hash.slice(1)}` : ""}`,
    who: "ddets",
    url: `/conventions/${convention.id}${hash}`,
    ready: async (p: Page) => {
      await p.getByRole("status").getByText("Connecté").waitFor({ timeout: 20_000 });
      await p.getByRole("list", { name: "Journal de la convention" }).waitFor({ timeout: 20_000 });
      await p.locator('[data-computed-block="flux_table"] table').first().waitFor({ timeout: 20_000 });
      if (hash) await p.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: "start" }), hash.slice(1));
    },
  })),
  { name: "nouvelle-convention", who: "bailleur", url: "/conventions/nouvelle", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  { name: "etat-des-lieux", who: "bailleur", url: "/inventaires", ready: (p) => p.getByRole("heading", { name: "État des lieux des réservations" }).waitFor() },
  { name: "etat-des-lieux-verification", who: "bailleur", url: `/inventaires/${pending.id}`, ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  { name: "vue-du-territoire", who: "ddets", url: "/territoire", ready: (p) => p.getByRole("table", { name: /Couples bailleur × réservataire/ }).waitFor() },
  { name: "etats-des-lieux-recus", who: "action_logement", url: "/etats-des-lieux-recus", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  { name: "bilan", who: "commune", url: `/conventions/${convention.id}/bilans/2026`, ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  { name: "decompte", who: "bailleur", url: "/decomptes", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  { name: "page-introuvable", who: "ddets", url: "/une-adresse-inconnue", ready: (p) => p.getByRole("heading", { name: "Page introuvable" }).waitFor() },
];

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  for (const viewport of VIEWPORTS) {
    for (const entry of pages) {
      const context = await browser.newContext({ locale: "fr-FR", viewport });
      if (entry.who) {
        const [name, value] = cookies[entry.who].split("=");
        await context.addCookies([{ name, value, url: base }]);
      }
      const page = await context.newPage();
      await page.goto(base + entry.url);
      await entry.ready(page);
      await page.waitForTimeout(300); // fonts and the last layout pass; the picture is not an assertion
      const file = path.join(OUT, `${entry.name}-${viewport.width}.png`);
      await page.screenshot({ path: file });
      console.log(`${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await database.close();
}
// The parse worker and the embedded database's timers are not this script's to wait for.
process.exit(0);
