// Shared set-up of the negotiation tests: a multipartite convention with one party per role, and HTTP helpers.
import * as Y from "yjs";
import type { DbHandle } from "../../db/client";
import { completeSignatureBlocks, createMember } from "../../db/factories";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { BODY_FRAGMENT } from "../../app/collab/document";
import { bailleurWithInventory, demoHolders } from "../support/conventions";
import { cookieFor } from "../support/server";

export type PartyKey = "bailleur" | "ddets" | "al" | "commune" | "departement" | "outsider";

/**
 * Bailleur (pilot, édition), DDETS and Action Logement (édition), commune (commentaire), département (lecture), each
 * with a complete signature block unless `signatureBlocks: false`. The
 * bailleur has a confirmed état des lieux for 2026 whose codes designate these parties, so that the convention opens
 * computed; `inventory: false` leaves it without one (its table then says what is missing).
 */
export async function negotiationFixture(database: DbHandle, options: { inventory?: boolean; signatureBlocks?: boolean } = {}) {
  const ddets = await createMember(database.db, "prefet");
  const al = await createMember(database.db, "action_logement");
  const commune = await createMember(database.db, "commune");
  const departement = await createMember(database.db, "departement");
  const holders = demoHolders({ prefet: ddets.organisation, action_logement: al.organisation, commune: commune.organisation, departement: departement.organisation });
  const m = {
    bailleur: (options.inventory ?? true) ? await bailleurWithInventory(database, { holders }) : await createMember(database.db, "bailleur"),
    ddets,
    al,
    commune,
    departement,
    outsider: await createMember(database.db, "bailleur"),
  };
  const conventionId = await createConventionFromTemplate(database.db, { organisationId: m.bailleur.organisation.id }, {
    templateId: "epci-multipartite",
    title: "Convention de test — négociation",
    year: 2026,
    territory: { epci: "243100518" },
    startDate: "2026-01-01",
    parties: [
      { organisationId: m.ddets.organisation.id, role: "edition" },
      { organisationId: m.al.organisation.id, role: "edition" },
      { organisationId: m.commune.organisation.id, role: "commentaire" },
      { organisationId: m.departement.organisation.id, role: "lecture" },
    ],
  });
  // Every party's signature block, complete unless the test is about them: « prête pour signature » waits for them.
  if (options.signatureBlocks ?? true) await completeSignatureBlocks(database.db, conventionId);
  const cookies = {} as Record<PartyKey, string>;
  for (const key of Object.keys(m) as PartyKey[]) cookies[key] = await cookieFor(database, m[key].user.id);
  return { members: m, conventionId, cookies };
}

/**
 * Takes a fixture's convention to "prête pour signature" through the API, as its parties would: every negotiating
 * party agrees on every option (the commune abstains) and approves every article, and the bailleur approves its flux
 * table (the fixture needs `inventory: true` for the table to compute).
 */
export async function makeReadyForSignature(base: string, fx: Awaited<ReturnType<typeof negotiationFixture>>) {
  await agreeOnEverything(base, fx);
  const res = await api(base, fx.cookies.bailleur, "POST", `/api/conventions/${fx.conventionId}/status`, { status: "prete_pour_signature" });
  if (res.status !== 200) throw new Error(`bailleur POST /status: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Everything « prête pour signature » asks of the negotiation, through the API: the convention in negotiation, every
 * negotiating party agreeing on every option (the commune abstains) and approving every article, the bailleur
 * approving its flux table. The signature blocks are the fixture's business.
 */
export async function agreeOnEverything(base: string, fx: Awaited<ReturnType<typeof negotiationFixture>>) {
  const c = `/api/conventions/${fx.conventionId}`;
  const expectStatus = async (who: PartyKey, path: string, body: unknown, expected: number) => {
    const res = await api(base, fx.cookies[who], "POST", c + path, body);
    if (res.status !== expected) throw new Error(`${who} POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const status = (await api(base, fx.cookies.bailleur, "GET", `${c}/negotiation`)).body.status;
  if (status === "brouillon") await expectStatus("bailleur", "/status", { status: "en_negociation" }, 200);
  const view = (await api(base, fx.cookies.bailleur, "GET", `${c}/negotiation`)).body as { options: { key: string }[]; articles: { id: string }[]; tables: { id: string }[] };
  for (const who of NEGOTIATORS) {
    for (const option of view.options)
      await expectStatus(who, "/positions", { option: option.key, position: who === "commune" ? "abstention" : "d_accord", reason: "Accord" }, 201);
    for (const article of view.articles) await expectStatus(who, "/approvals", { article: article.id }, 201);
  }
  for (const table of view.tables) await expectStatus("bailleur", "/approvals", { article: table.id }, 201);
}

/** The parties that negotiate in the fixture (édition and commentaire). */
export const NEGOTIATORS = ["bailleur", "ddets", "al", "commune"] as const satisfies readonly PartyKey[];

/** Response bodies in these tests are read loosely; their shapes are what the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResult<T = Json> {
  status: number;
  body: T;
}

/** A same-origin JSON request with a session cookie, as the browser makes it. */
export async function api<T = Json>(base: string, cookie: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  const response = await fetch(base + path, {
    method,
    headers: {
      origin: base,
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: parsed as T };
}

/** Inserts text at the start of the first text run of an article's section (after its heading), as a client would. */
export function insertInArticle(doc: Y.Doc, articleId: string, text: string) {
  const top = doc.getXmlFragment(BODY_FRAGMENT).toArray();
  const start = top.findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "heading" && n.getAttribute("articleId") === articleId);
  if (start < 0) throw new Error(`article ${articleId} not in the body`);
  const firstText = (node: Y.XmlElement | Y.XmlText): Y.XmlText | null => {
    if (node instanceof Y.XmlText) return node;
    for (const child of node.toArray()) {
      const found = child instanceof Y.XmlElement || child instanceof Y.XmlText ? firstText(child) : null;
      if (found) return found;
    }
    return null;
  };
  for (const node of top.slice(start + 1)) {
    if (node instanceof Y.XmlElement && node.nodeName === "heading") break;
    const run = node instanceof Y.XmlElement || node instanceof Y.XmlText ? firstText(node) : null;
    if (run) {
      run.insert(0, text);
      return;
    }
  }
  throw new Error(`article ${articleId} has no text`);
}

/** Takes a fixture's convention through the real status machine to "signée" (makeReadyForSignature, then the pilot signs). */
export async function signThroughApi(base: string, fixture: Awaited<ReturnType<typeof negotiationFixture>>, signatureDate = "2026-03-01") {
  await makeReadyForSignature(base, fixture);
  const signed = await api(base, fixture.cookies.bailleur, "POST", `/api/conventions/${fixture.conventionId}/status`, { status: "signee", signatureDate });
  if (signed.status !== 200) throw new Error(`signature refused: ${signed.status} ${JSON.stringify(signed.body)}`);
}
