// GET /api/territoires over HTTP on a real production server: session required, search by name and by code,
// restriction to a département, French refusals of bad parameters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { openTestDb } from "../support/db";
import { cookieFor, startTestServer, type TestServer } from "../support/server";

let database: DbHandle;
let t: TestServer;
let cookie: string;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  const member = await createMember(database.db, "commune");
  cookie = await cookieFor(database, member.user.id);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

type Suggestion = { kind: string; code: string; label: string; detail: string };

async function search(query: string, withCookie: string | null = cookie) {
  const r = await fetch(`${t.base}/api/territoires?${query}`, { headers: withCookie ? { cookie: withCookie } : {} });
  return { status: r.status, headers: r.headers, body: (await r.json()) as { suggestions: Suggestion[] } & { code?: string; message?: string; field?: string } };
}

describe("GET /api/territoires", () => {
  it("answers 401 in French without a session, whatever the parameters", async () => {
    for (const query of ["q=blagnac", "q=", "q=a&departement=99"]) {
      const r = await search(query, null);
      expect(r.status, query).toBe(401);
      expect(r.body).toEqual({ code: "AUTH_REQUIRED", message: expect.stringContaining("reconnecter") });
    }
    expect((await search("q=blagnac", "conflux_session=forged")).status).toBe(401);
  });

  it("finds a commune, an EPCI and a département by name, accents and case aside", async () => {
    const commune = await search("q=BLAGNAC");
    expect(commune.status).toBe(200);
    expect(commune.headers.get("cache-control")).toBe("private, max-age=300");
    expect(commune.body.suggestions[0]).toEqual({ kind: "commune", code: "31069", label: "Blagnac (31069)", detail: "Commune · Haute-Garonne · Toulouse Métropole" });
    const epci = await search(`q=${encodeURIComponent("toulouse métropole")}`);
    expect(epci.body.suggestions[0]).toEqual({ kind: "epci", code: "243100518", label: "Toulouse Métropole", detail: "EPCI · 37 communes · Haute-Garonne" });
    const departement = await search("q=haute-garonne");
    expect(departement.body.suggestions[0]).toEqual({ kind: "departement", code: "31", label: "Haute-Garonne (31)", detail: "Département · 586 communes" });
  });

  it("finds by code: INSEE, SIREN, département, and a former INSEE code under today's commune", async () => {
    expect((await search("q=31069")).body.suggestions.map((s) => s.code)).toEqual(["31069"]);
    expect((await search("q=243100518")).body.suggestions.map((s) => s.code)).toEqual(["243100518"]);
    expect((await search("q=31")).body.suggestions[0]).toMatchObject({ kind: "departement", code: "31" });
    expect((await search("q=01340")).body.suggestions).toEqual([
      { kind: "commune", code: "01015", label: "Arboys en Bugey (01015)", detail: "Commune · Ain · CC Bugey Sud · ancien code 01340 (Saint-Bois)" },
    ]);
  });

  it("restricts to a département and bounds the count", async () => {
    const everywhere = (await search("q=saint%20orens")).body.suggestions.map((s) => s.code);
    expect(everywhere).toEqual(expect.arrayContaining(["32399", "31506"]));
    const inHauteGaronne = (await search("q=saint%20orens&departement=31")).body.suggestions;
    expect(inHauteGaronne.map((s) => s.code)).toEqual(["31506"]);
    const saints = (await search("q=saint&departement=31&limit=5")).body.suggestions;
    expect(saints).toHaveLength(5);
    expect(saints.every((s) => s.detail.includes("Haute-Garonne"))).toBe(true);
    expect((await search("q=saint")).body.suggestions).toHaveLength(10);
  });

  it("refuses bad parameters with the parameter, its value and what is expected", async () => {
    expect(await search("q=")).toMatchObject({ status: 400, body: { code: "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE", field: "q" } });
    expect(await search(`q=${"a".repeat(101)}`)).toMatchObject({ status: 400, body: { code: "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE" } });
    expect(await search("q=saint&departement=20")).toMatchObject({
      status: 400,
      body: { code: "RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE", field: "departement", message: "Le paramètre departement « 20 » n'est pas un code de département : attendu 01 à 95, 2A, 2B ou 971 à 976." },
    });
    expect(await search("q=saint&limit=51")).toMatchObject({ status: 400, body: { code: "RECHERCHE_TERRITOIRE_LIMITE_INVALIDE", field: "limit" } });
  });
});
