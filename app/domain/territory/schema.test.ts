import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TERRITORY_COMMUNES } from "./limits";
import { TerritorySchema, territoryIssues, territoryKey } from "./schema";

function issues(input: unknown) {
  const parsed = TerritorySchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : territoryIssues(parsed.error);
}

describe("TerritorySchema", () => {
  it("accepts the three forms and normalizes them", () => {
    expect(TerritorySchema.parse({ departement: "31" })).toEqual({ departement: "31" });
    expect(TerritorySchema.parse({ departement: " 2a " })).toEqual({ departement: "2A" });
    expect(TerritorySchema.parse({ epci: "243 100 518" })).toEqual({ epci: "243100518" });
    expect(TerritorySchema.parse({ communes: ["31157", "31069", "31157", "2a004"] })).toEqual({ communes: ["2A004", "31069", "31157"] });
  });

  it("gives the stable key of each form", () => {
    expect(territoryKey({ departement: "31" })).toBe("departement:31");
    expect(territoryKey({ epci: "243100518" })).toBe("epci:243100518");
    expect(territoryKey(TerritorySchema.parse({ communes: ["31157", "31069"] }))).toBe("communes:31069,31157");
    expect(territoryKey({ communes: ["31157", "31069", "31157"] })).toBe("communes:31069,31157");
  });

  it("refuses a missing, doubled or unexpected form with one French message", () => {
    expect(issues({})).toEqual([{ code: "TERRITOIRE_FORME_INVALIDE", field: "territoire", message: expect.stringContaining("choisissez un département, un EPCI ou une liste de communes") }]);
    expect(issues({ departement: "31", epci: "243100518" })[0].message).toContain("« departement » et « epci » sont donnés ensemble");
    expect(issues({ region: "76" })[0].message).toContain("champ(s) non attendu(s) « region »");
    expect(issues("31")[0].message).toContain("un objet est attendu");
    expect(issues({ communes: "31069" })[0].message).toContain("« communes » doit être une liste de codes INSEE");
  });

  it("names the wrong value and what is expected", () => {
    expect(issues({ departement: "20" })).toEqual([
      { code: "TERRITOIRE_DEPARTEMENT_INVALIDE", field: "departement", message: "Le code de département « 20 » n'est pas valide : attendu 01 à 95, 2A, 2B ou 971 à 976 (par exemple 31)." },
    ]);
    expect(issues({ departement: 31 })[0].message).toContain("« 31 »");
    expect(issues({ epci: "24310051" })[0]).toMatchObject({ code: "TERRITOIRE_EPCI_INVALIDE", message: expect.stringContaining("« 24310051 »") });
    expect(issues({ communes: ["31069", "3106", 31157] })).toEqual([
      { code: "TERRITOIRE_COMMUNE_INVALIDE", field: "communes", index: 1, message: expect.stringMatching(/^Commune n° 2 de la liste : le code INSEE « 3106 » n'est pas valide/) },
      { code: "TERRITOIRE_COMMUNE_INVALIDE", field: "communes", index: 2, message: expect.stringContaining("Commune n° 3 de la liste : le code INSEE « 31157 »") },
    ]);
    expect(issues({ communes: [] })[0]).toMatchObject({ code: "TERRITOIRE_COMMUNES_VIDE", message: "La liste de communes est vide : ajoutez au moins une commune." });
  });

  it("bounds the list of communes", () => {
    const codes = Array.from({ length: MAX_TERRITORY_COMMUNES + 1 }, (_, i) => String(10_000 + i));
    expect(issues({ communes: codes })[0]).toMatchObject({ code: "TERRITOIRE_COMMUNES_TROP_NOMBREUSES", message: expect.stringContaining("1\u202F001 communes") });
    expect(TerritorySchema.safeParse({ communes: codes.slice(1) }).success).toBe(true);
  });

  it("keeps its issues' field when nested in a form schema", async () => {
    const { z } = await import("zod");
    const parsed = z.object({ territory: TerritorySchema }).safeParse({ territory: { communes: ["x"] } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.error.issues[0].path).toEqual(["territory", "communes", 0]);
      expect(territoryIssues(parsed.error)[0]).toMatchObject({ field: "communes", index: 0 });
    }
  });

  it("normalizes commune lists into sorted, duplicate-free lists whatever the order given (property)", () => {
    const code = fc.integer({ min: 1_000, max: 95_999 }).map((n) => String(n).padStart(5, "0"));
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 30 }), (codes) => {
        const parsed = TerritorySchema.parse({ communes: codes }) as { communes: string[] };
        expect(parsed.communes).toEqual([...new Set(codes)].sort());
        expect(TerritorySchema.parse({ communes: [...codes].reverse() })).toEqual(parsed);
        expect(TerritorySchema.parse(parsed)).toEqual(parsed);
      }),
      { seed: 20_260_101, numRuns: 200 },
    );
  });
});
