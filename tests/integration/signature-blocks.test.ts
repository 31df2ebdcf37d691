// Parties as legal persons (docs/decisions/0602-legal-persons-and-signature-blocks.md), over HTTP and sockets on a
// real server: each party fills in its own signature block, only its members with the edition role may, the blocks
// reach every browser through the server's mirror, « prête pour signature » waits for complete blocks with a French
// message naming the party and the missing field, and a signed convention's blocks never change.
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { setLegalIdentity } from "../../db/factories";
import { auditEvents, conventionSignatureBlocks, conventions, organisationLegalIdentities } from "../../db/schema";
import { readServerMirror } from "../../app/collab/state";
import { openTestDb } from "../support/db";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { agreeOnEverything, api, negotiationFixture, type Json, type PartyKey } from "./negotiation-support";

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

type Fixture = Awaited<ReturnType<typeof negotiationFixture>>;

/** What each party of the fixture enters, complete; the DDETS signs for the préfet by delegation. */
function blockOf(fx: Fixture, who: PartyKey): Json {
  const name = fx.members[who].organisation.name;
  switch (who) {
    case "bailleur":
      return {
        legal: { name, form: "esh", siren: "399123454", address: "12 allée des Tilleuls, 31000 Toulouse" },
        signatory: { civility: "M.", name: "Olivier Mercier", title: "directeur général" },
      };
    case "ddets":
      return {
        signatory: {
          civility: "Mme",
          name: "Nadia Ferrand",
          title: "directrice départementale de l'emploi, du travail et des solidarités",
          delegation: true,
          act: { number: "31-2025-09-01-00004", date: "2025-09-01" },
        },
      };
    case "al":
      return {
        legal: { name: "Action Logement Services", form: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" },
        signatory: { civility: "Mme", name: "Sonia Benali", title: "directrice régionale Occitanie" },
      };
    case "commune":
      return {
        legal: { name: "Commune de Blagnac", form: "commune", siren: "500123450", address: "Hôtel de ville, 31700 Blagnac" },
        signatory: { civility: "M.", name: "Bernard Lacoste", title: "maire", act: { number: "2025-112", date: "2025-11-18" } },
      };
    default:
      return {
        legal: { name: "Département de la Haute-Garonne", form: "departement", siren: "888123452", address: "Hôtel du Département, 31090 Toulouse" },
        signatory: { civility: "M.", name: "Étienne Marty", title: "président du conseil départemental", act: { number: "2025-CP-0412", date: "2025-10-21" } },
      };
  }
}

const blockPath = (fx: Fixture, who: PartyKey) => `/api/conventions/${fx.conventionId}/parties/${fx.members[who].organisation.id}/signature-block`;
const put = (fx: Fixture, as: PartyKey, of: PartyKey, body: unknown) => api(t.base, fx.cookies[as], "PUT", blockPath(fx, of), body);

async function blockRows(conventionId: string) {
  const [{ rows }] = await database.db.select({ rows: count() }).from(conventionSignatureBlocks).where(eq(conventionSignatureBlocks.conventionId, conventionId));
  return rows;
}

async function statusOf(conventionId: string) {
  const [row] = await database.db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  return row.status;
}

describe("signature blocks", () => {
  it("are written by the party's own members with the edition role only, with precise French refusals and nothing half-written", async () => {
    const fx = await negotiationFixture(database, { signatureBlocks: false });

    // A user whose organisation is not a party: the convention does not exist for them.
    const outsider = await put(fx, "outsider", "bailleur", blockOf(fx, "bailleur"));
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe("CONVENTION_NOT_FOUND");
    // A member of another party: forbidden, with the party named.
    const other = await put(fx, "al", "ddets", blockOf(fx, "ddets"));
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: "SIGNATURE_BLOCK_OTHER_PARTY", message: expect.stringContaining(fx.members.ddets.organisation.name) });
    // The party's own members, but in lecture or commentaire.
    for (const who of ["departement", "commune"] as const) {
      const refused = await put(fx, who, who, blockOf(fx, who));
      expect(refused.status, who).toBe(403);
      expect(refused.body.code).toBe("SIGNATURE_BLOCK_ROLE");
      expect(refused.body.message).toMatch(/demandez au pilote le rôle « Édition »/);
    }
    // Anonymous, and the wrong method.
    expect((await api(t.base, null, "PUT", blockPath(fx, "bailleur"), blockOf(fx, "bailleur"))).status).toBe(401);
    expect((await api(t.base, fx.cookies.bailleur, "POST", blockPath(fx, "bailleur"), blockOf(fx, "bailleur"))).status).toBe(405);

    // Bad input: which field, which value, what is expected.
    const badSiren = await put(fx, "bailleur", "bailleur", { ...blockOf(fx, "bailleur"), legal: { ...blockOf(fx, "bailleur").legal, siren: "399 123 455" } });
    expect(badSiren.status).toBe(400);
    expect(badSiren.body).toMatchObject({ code: "FORM_INVALID", field: "legal.siren", message: expect.stringMatching(/^Le numéro SIREN « 399123455 » n'est pas valide : il compte 9 chiffres/) });
    const wrongForm = await put(fx, "bailleur", "bailleur", { ...blockOf(fx, "bailleur"), legal: { ...blockOf(fx, "bailleur").legal, form: "commune" } });
    expect(wrongForm.status).toBe(400);
    expect(wrongForm.body).toMatchObject({ code: "FORME_NON_PERMISE", field: "legal.form" });
    expect(wrongForm.body.message).toContain("« office public de l'habitat », « société anonyme d'habitations à loyer modéré »");
    const stateIdentity = await put(fx, "ddets", "ddets", { ...blockOf(fx, "ddets"), legal: { name: "État", form: "etat" } });
    expect(stateIdentity.body).toMatchObject({ code: "IDENTITE_ETAT", field: "legal" });
    const badDate = await put(fx, "ddets", "ddets", { signatory: { ...blockOf(fx, "ddets").signatory, act: { number: "31-2025-1", date: "2025-02-30" } } });
    expect(badDate.body).toMatchObject({ code: "FORM_INVALID", field: "signatory.act.date", message: expect.stringContaining("« 2025-02-30 »") });
    expect(await blockRows(fx.conventionId)).toBe(0);
    const [{ identities }] = await database.db
      .select({ identities: count() })
      .from(organisationLegalIdentities)
      .where(eq(organisationLegalIdentities.organisationId, fx.members.bailleur.organisation.id));
    expect(identities).toBe(0);

    // The party's own member with the edition role: written, audited, and what is still missing is said.
    const partial = await put(fx, "ddets", "ddets", { signatory: { ...blockOf(fx, "ddets").signatory, act: { date: "2025-09-01" } } });
    expect(partial.status).toBe(200);
    expect(partial.body.missing).toEqual([{ field: "signatory.act.number", label: "numéro de l'arrêté de délégation" }]);
    expect(partial.body.designation).toBe(
      "l'État, représenté par le préfet de la Haute-Garonne, et par délégation, Mme\u00A0Nadia Ferrand, directrice départementale de l'emploi, du travail et des solidarités (arrêté n° ………… du 1er septembre 2025)",
    );
    const written = await put(fx, "bailleur", "bailleur", blockOf(fx, "bailleur"));
    expect(written.status).toBe(200);
    expect(written.body.missing).toEqual([]);
    expect(await blockRows(fx.conventionId)).toBe(2);
    const audit = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.conventionId, fx.conventionId), eq(auditEvents.kind, "signature")))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((event) => (event.details as Json).organisation)).toEqual([fx.members.ddets.organisation.id, fx.members.bailleur.organisation.id]);
  });

  it("reach every open browser through the server's mirror, and the read API names each party as a legal person", async () => {
    const fx = await negotiationFixture(database, { signatureBlocks: false });
    const client = connectClient(t.base, fx.conventionId, fx.cookies.commune);
    try {
      expect(await until(() => client.provider.synced)).toBe(true);
      const mirrored = () => readServerMirror(client.doc).parties?.find((party) => party.id === fx.members.al.organisation.id);
      expect(mirrored()?.signatory).toBeUndefined();
      expect((await put(fx, "al", "al", blockOf(fx, "al"))).status).toBe(200);
      expect(await until(() => mirrored()?.signatory?.name === "Sonia Benali")).toBe(true);
      expect(mirrored()?.legal).toEqual({ name: "Action Logement Services", form: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" });
    } finally {
      client.destroy();
    }
    const view = (await api(t.base, fx.cookies.departement, "GET", `/api/conventions/${fx.conventionId}`)).body;
    const al = view.parties.find((party: Json) => party.id === fx.members.al.organisation.id);
    expect(al.designation).toBe(
      "Action Logement Services, société par actions simplifiée, SIREN 777\u202F123\u202F456, dont le siège est 21\u00A0quai d’Austerlitz, 75013 Paris, représentée par Mme\u00A0Sonia Benali, directrice régionale Occitanie",
    );
    expect(al.signatureBlock.missing).toEqual([]);
    const departement = view.parties.find((party: Json) => party.id === fx.members.departement.organisation.id);
    expect(departement.signatureBlock.missing.map((gap: Json) => gap.label)).toContain("numéro de la délibération");
  });

  it("hold « prête pour signature » back until every block is complete, naming the party and the field; then the convention is signed and its blocks are frozen", async () => {
    const fx = await negotiationFixture(database, { signatureBlocks: false });
    const c = `/api/conventions/${fx.conventionId}`;
    // A party in lecture or commentaire fills in its block once the pilot gives it the edition role, then goes back.
    for (const who of ["commune", "departement"] as const) {
      const role = who === "commune" ? "commentaire" : "lecture";
      const organisationId = fx.members[who].organisation.id;
      expect((await api(t.base, fx.cookies.bailleur, "POST", `${c}/parties`, { organisationId, role: "edition" })).status).toBe(200);
      expect((await put(fx, who, who, blockOf(fx, who))).status).toBe(200);
      expect((await api(t.base, fx.cookies.bailleur, "POST", `${c}/parties`, { organisationId, role })).status).toBe(200);
    }
    for (const who of ["bailleur", "al"] as const) expect((await put(fx, who, who, blockOf(fx, who))).status).toBe(200);
    // The DDETS leaves out the number of its arrêté de délégation.
    const { act: _act, ...withoutArrete } = blockOf(fx, "ddets").signatory;
    expect((await put(fx, "ddets", "ddets", { signatory: { ...withoutArrete, act: { date: "2025-09-01" } } })).status).toBe(200);
    await agreeOnEverything(t.base, fx);

    const ddets = fx.members.ddets.organisation;
    const refused = await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "prete_pour_signature" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("STATUS_SIGNATURE_BLOCKS_INCOMPLETE");
    expect(refused.body.message).toBe(
      `La convention ne peut pas être prête pour signature : le bloc de signature de ${ddets.name} est incomplet (manque : numéro de l'arrêté de délégation).`,
    );
    expect(refused.body.readiness).toMatchObject({
      missingApprovals: [],
      optionsWithoutConsensus: [],
      incompleteSignatureBlocks: [{ party: ddets.id, partyName: ddets.name, missing: [{ field: "signatory.act.number", label: "numéro de l'arrêté de délégation" }] }],
    });
    expect(await statusOf(fx.conventionId)).toBe("en_negociation");
    // The negotiation panel shows the same.
    const panel = (await api(t.base, fx.cookies.commune, "GET", `${c}/negotiation`)).body;
    expect(panel.readiness.incompleteSignatureBlocks).toEqual(refused.body.readiness.incompleteSignatureBlocks);

    expect((await put(fx, "ddets", "ddets", blockOf(fx, "ddets"))).status).toBe(200);
    expect((await api(t.base, fx.cookies.bailleur, "GET", `${c}/negotiation`)).body.readiness.incompleteSignatureBlocks).toEqual([]);
    expect((await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "prete_pour_signature" })).status).toBe(200);

    // A block that changes on a ready convention changes the text to sign: back to negotiation, as after an edit.
    const moved = { ...blockOf(fx, "bailleur"), legal: { ...blockOf(fx, "bailleur").legal, address: "14 allée des Tilleuls, 31000 Toulouse" } };
    expect((await put(fx, "bailleur", "bailleur", moved)).status).toBe(200);
    expect(await until(async () => (await statusOf(fx.conventionId)) === "en_negociation")).toBe(true);
    const back = (await api(t.base, fx.cookies.bailleur, "GET", `${c}/negotiation`)).body.audit.filter((event: Json) => event.kind === "status").at(-1);
    expect(back.details).toMatchObject({ from: "prete_pour_signature", to: "en_negociation", reason: "modification d'un bloc de signature" });
    expect((await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "prete_pour_signature" })).status).toBe(200);
    const signed = await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "signee", signatureDate: "2026-03-02" });
    expect(signed.status).toBe(200);

    // Signed: the blocks no longer change, by the route or through the organisation's identity changed elsewhere.
    const before = (await api(t.base, fx.cookies.bailleur, "GET", c)).body.parties;
    const exportBefore = Buffer.from(await (await fetch(`${t.base}/conventions/${fx.conventionId}/export.docx`, { headers: { cookie: fx.cookies.bailleur } })).arrayBuffer());
    const late = await put(fx, "al", "al", { ...blockOf(fx, "al"), signatory: { ...blockOf(fx, "al").signatory, name: "Autre Signataire" } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("STATUS_SIGNED_LOCKED");
    await setLegalIdentity(database.db, fx.members.bailleur.organisation.id, { legalName: "Nouveau nom SA", legalForm: "esh", siren: "399123454", address: "Ailleurs" });
    const after = (await api(t.base, fx.cookies.bailleur, "GET", c)).body.parties;
    expect(after).toEqual(before);
    expect(after.find((party: Json) => party.kind === "prefet").designation).toContain("représenté par le préfet de la Haute-Garonne, et par délégation, Mme\u00A0Nadia Ferrand");
    const exportAfter = Buffer.from(await (await fetch(`${t.base}/conventions/${fx.conventionId}/export.docx`, { headers: { cookie: fx.cookies.bailleur } })).arrayBuffer());
    expect(exportAfter.equals(exportBefore)).toBe(true);
  });
});
