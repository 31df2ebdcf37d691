import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGeography } from "./geography";
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from "./limits";
import { normalizeName } from "./normalize";
import { searchIssue, searchTerritories, TerritorySearchSchema } from "./search";
import { testGeography as geo } from "./test-geography";

const codes = (query: string, options = {}) => searchTerritories(query, geo, options).map((s) => s.code);

describe("searchTerritories by name", () => {
  it("returns the API's suggestion shape, with details that tell homonyms apart", () => {
    expect(searchTerritories("toulouse metropole", geo)).toEqual([
      { kind: "epci", code: "243100518", label: "Toulouse Métropole", detail: "EPCI · 6 communes · Haute-Garonne" },
    ]);
    expect(searchTerritories("Blagnac", geo)).toEqual([
      { kind: "commune", code: "31069", label: "Blagnac (31069)", detail: "Commune · Haute-Garonne · Toulouse Métropole" },
    ]);
    expect(searchTerritories("haute-garonne", geo)).toEqual([
      { kind: "departement", code: "31", label: "Haute-Garonne (31)", detail: "Département · 6 communes" },
    ]);
    expect(searchTerritories("avignon", geo).map((s) => s.detail)).toEqual(["Commune · Vaucluse · CA du Grand Avignon (COGA)", "EPCI · 2 communes · Gard, Vaucluse"]);
    expect(searchTerritories("sein", geo).map((s) => s.detail)).toEqual(["Département · 1 commune", "EPCI · 1 commune · Seine-Maritime", "Commune · Finistère"]);
  });

  it("ignores accents, case, hyphens, apostrophes and St/Saint", () => {
    for (const query of ["saint orens de gameville", "ST-ORENS-DE-GAMEVILLE", "St Orens de Gam", "saint-orens-de-gameville"]) {
      expect(codes(query)[0], query).toBe("31506");
    }
    expect(codes("l'union")).toEqual(["31561"]);
    expect(codes("lunion")).toEqual(["31561"]);
    expect(codes("L UNION")).toEqual(["31561"]);
    expect(codes("ile de sein")).toEqual(["29083"]);
    expect(codes("bouches du rhone")).toEqual(["13"]);
  });

  it("puts exact names first, then prefixes, then word prefixes, then inner matches", () => {
    // "Saint-Orens" (exact) before "Saint-Orens-de-Gameville" (prefix), though 180 times smaller.
    expect(codes("saint orens")).toEqual(["32399", "31506"]);
    // Toulouse (exact) before Toulouse Métropole (prefix).
    expect(codes("toulouse")).toEqual(["31555", "243100518"]);
    // "garonne" starts a word of Haute-Garonne; "aronne" is only inside it.
    expect(codes("garonne")).toEqual(["31"]);
    expect(codes("aronne")).toEqual(["31"]);
    // Among equal matches, the most populous first: the Métropole (842 175) before Marseille (886 040 is the commune).
    expect(codes("marseille")).toEqual(["13055", "200054807"]);
    expect(codes("saint denis")).toEqual(["97411"]);
  });

  it("finds a merged commune under its former name, after any current commune of that name", () => {
    expect(searchTerritories("saint-bois", geo)).toEqual([
      { kind: "commune", code: "01015", label: "Arboys en Bugey (01015)", detail: "Commune · Ain · CC Bugey Sud · ancienne commune Saint-Bois" },
    ]);
  });

  it("needs two characters and bounds the number of suggestions", () => {
    expect(searchTerritories("t", geo)).toEqual([]);
    expect(searchTerritories("   ", geo)).toEqual([]);
    expect(searchTerritories("a", geo)).toEqual([]);
    expect(searchTerritories("saint", geo)).toHaveLength(4);
    expect(searchTerritories("saint", geo, { limit: 2 })).toHaveLength(2);
    expect(searchTerritories("saint", geo, { limit: 0 })).toHaveLength(1);
    const many = buildGeography({
      millesime: 2026,
      departements: [{ code: "31", nom: "Haute-Garonne", typeLiaison: 3 }],
      epcis: [],
      communes: Array.from({ length: 80 }, (_, i) => ({ code: String(31_100 + i), nom: `Saint-Martin ${i}`, type: "commune-actuelle", departement: "31" })),
    });
    expect(searchTerritories("saint martin", many)).toHaveLength(DEFAULT_SEARCH_LIMIT);
    expect(searchTerritories("saint martin", many, { limit: 1_000 })).toHaveLength(MAX_SEARCH_LIMIT);
  });
});

describe("searchTerritories by code", () => {
  it("finds a département, an EPCI's SIREN, a commune's INSEE code or SIREN", () => {
    expect(codes("31")).toEqual(["31"]);
    expect(codes("2a")).toEqual(["2A", "2A004"]);
    expect(codes("1")).toEqual(["01"]);
    expect(codes("243100518")).toEqual(["243100518"]);
    expect(codes("243 100 518")).toEqual(["243100518"]);
    expect(codes("31069")).toEqual(["31069"]);
    expect(codes("213100696")).toEqual(["31069"]);
  });

  it("suggests today's commune for a former or arrondissement code, saying so", () => {
    expect(searchTerritories("01340", geo)).toEqual([
      { kind: "commune", code: "01015", label: "Arboys en Bugey (01015)", detail: "Commune · Ain · CC Bugey Sud · ancien code 01340 (Saint-Bois)" },
    ]);
    expect(searchTerritories("76102", geo)[0].detail).toBe("Commune · Seine-Maritime · CU Le Havre Seine Métropole · ancien code 76102");
    expect(searchTerritories("13201", geo)[0]).toMatchObject({ code: "13055", detail: expect.stringContaining("arrondissement 13201 (Marseille 1er Arrondissement)") });
  });

  it("completes partial codes, exact codes first", () => {
    expect(codes("3106")).toEqual(["31069"]);
    expect(codes("974")).toEqual(["974", "97411"]);
    expect(codes("2431")).toEqual(["243100518"]);
  });
});

describe("searchTerritories restricted", () => {
  it("keeps only what lies in the département, straddling EPCIs included", () => {
    expect(codes("saint orens", { departement: "31" })).toEqual(["31506"]);
    expect(codes("saint orens", { departement: "32" })).toEqual(["32399"]);
    expect(codes("avignon", { departement: "30" })).toEqual(["248400251"]);
    expect(codes("31069", { departement: "32" })).toEqual([]);
  });

  it("keeps only the kinds asked for", () => {
    expect(codes("toulouse", { kinds: ["commune"] })).toEqual(["31555"]);
    expect(codes("toulouse", { kinds: ["epci"] })).toEqual(["243100518"]);
  });

  it("returns, for any query, a bounded, duplicate-free list whose names or codes match the query (property)", () => {
    const alphabet = fc.constantFrom(..."aeiloubnrstgcdm -'ÉéèSt0123".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join("")), fc.integer({ min: 1, max: 8 }), (query, limit) => {
        const found = searchTerritories(query, geo, { limit });
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found.map((s) => `${s.kind}:${s.code}`)).size).toBe(found.length);
        expect(searchTerritories(query, geo, { limit })).toEqual(found);
        const q = normalizeName(query).replace(/ /g, "");
        const compactQuery = query.replace(/\s/g, "").toUpperCase();
        for (const s of found) {
          const haystack = normalizeName(`${s.label} ${s.detail}`).replace(/ /g, "");
          const byName = q.length > 0 && normalizeName(query).split(" ").every((t) => haystack.includes(t));
          const byCode = compactQuery.length > 0 && (s.code.startsWith(compactQuery) || s.detail.includes(compactQuery) || s.code === `0${compactQuery}`);
          expect(byName || byCode || q.length === 0, `${query} → ${s.label}`).toBe(true);
        }
      }),
      { seed: 20_260_101, numRuns: 400 },
    );
  });
});

describe("TerritorySearchSchema", () => {
  it("reads the query string, empty parameters meaning absent", () => {
    expect(TerritorySearchSchema.parse({ q: " blagnac ", departement: "2a", limit: "5" })).toEqual({ q: "blagnac", departement: "2A", limit: 5 });
    expect(TerritorySearchSchema.parse({ q: "blagnac", departement: "", limit: "" })).toEqual({ q: "blagnac" });
  });

  it("refuses with the parameter's name, its value and what is expected", () => {
    const refuse = (input: Record<string, string>) => {
      const parsed = TerritorySearchSchema.safeParse(input);
      if (parsed.success) throw new Error("accepted");
      return searchIssue(parsed.error);
    };
    expect(refuse({})).toMatchObject({ code: "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE", field: "q" });
    expect(refuse({ q: "x".repeat(101) })).toMatchObject({ code: "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE", message: expect.stringContaining("1 à 100 caractères") });
    expect(refuse({ q: "a", departement: "99" })).toEqual({
      code: "RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE",
      field: "departement",
      message: "Le paramètre departement « 99 » n'est pas un code de département : attendu 01 à 95, 2A, 2B ou 971 à 976.",
    });
    expect(refuse({ q: "a", limit: "500" })).toMatchObject({ code: "RECHERCHE_TERRITOIRE_LIMITE_INVALIDE", message: expect.stringContaining("« 500 »") });
    expect(refuse({ q: "a", limit: "deux" }).field).toBe("limit");
  });
});
