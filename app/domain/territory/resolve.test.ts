import { describe, expect, it } from "vitest";
import { resolveTerritory, resolveTerritoryInput } from "./resolve";
import { testGeography as geo } from "./test-geography";

describe("resolveTerritory", () => {
  it("resolves a département to its communes, with a French label", () => {
    expect(resolveTerritory({ departement: "31" }, geo)).toEqual({
      ok: true,
      territory: {
        kind: "departement",
        key: "departement:31",
        code: "31",
        label: "le département de la Haute-Garonne",
        communes: ["31069", "31149", "31157", "31506", "31555", "31561"],
        departements: ["31"],
      },
    });
    const outcome = resolveTerritory({ departement: "59" }, geo);
    expect(outcome.ok && outcome.territory.label).toBe("le département du Nord");
  });

  it("resolves an EPCI by SIREN, straddling EPCIs over both départements", () => {
    expect(resolveTerritory({ epci: "243100518" }, geo)).toMatchObject({
      ok: true,
      territory: { kind: "epci", key: "epci:243100518", code: "243100518", label: "Toulouse Métropole", departements: ["31"] },
    });
    expect(resolveTerritory({ epci: "248400251" }, geo)).toMatchObject({ ok: true, territory: { communes: ["30011", "84007"], departements: ["30", "84"] } });
  });

  it("labels commune lists by name up to three, then by count and département", () => {
    const label = (communes: string[]) => {
      const outcome = resolveTerritory({ communes }, geo);
      return outcome.ok ? outcome.territory.label : outcome.issues[0].message;
    };
    expect(label(["31069"])).toBe("la commune de Blagnac");
    expect(label(["76351"])).toBe("la commune du Havre");
    expect(label(["31069", "31157"])).toBe("les communes de Blagnac et de Cugnaux");
    expect(label(["31069", "31561", "32013"])).toBe("les communes de Blagnac, de L'Union et d'Auch");
    expect(label(["31069", "31149", "31157", "31506"])).toBe("4 communes de la Haute-Garonne");
    expect(label(["31069", "31149", "31157", "32013", "59350"])).toBe("5 communes de la Haute-Garonne, du Gers et du Nord");
  });

  it("lets a commune list span départements, listing them all", () => {
    expect(resolveTerritory({ communes: ["31069", "32399"] }, geo)).toMatchObject({
      ok: true,
      territory: { kind: "communes", key: "communes:31069,32399", code: null, communes: ["31069", "32399"], departements: ["31", "32"] },
    });
  });

  it("reports every unknown, former or arrondissement code of a list, naming it and what to write instead", () => {
    const outcome = resolveTerritory({ communes: ["01340", "13201", "31069", "31999", "97701"] }, geo);
    expect(outcome).toEqual({
      ok: false,
      issues: [
        { code: "TERRITOIRE_COMMUNE_ANCIENNE", field: "communes", index: 0, message: "Le code INSEE 01340 (Saint-Bois) n'est plus en vigueur : cette commune a fusionné dans Arboys en Bugey (01015). Indiquez 01015." },
        { code: "TERRITOIRE_COMMUNE_ARRONDISSEMENT", field: "communes", index: 1, message: "Le code INSEE 13201 désigne un arrondissement municipal (Marseille 1er Arrondissement) : un territoire se compose de communes entières, indiquez Marseille (13055)." },
        { code: "TERRITOIRE_COMMUNE_INCONNUE", field: "communes", index: 3, message: "Le code INSEE 31999 ne correspond à aucune commune, actuelle ou ancienne, de la géographie officielle au 1er janvier 2026 : vérifiez le code." },
        { code: "TERRITOIRE_COMMUNE_INCONNUE", field: "communes", index: 4, message: expect.stringContaining("97701") },
      ],
    });
  });

  it("refuses an unknown EPCI or département", () => {
    expect(resolveTerritory({ epci: "200000000" }, geo)).toEqual({
      ok: false,
      issues: [{ code: "TERRITOIRE_EPCI_INCONNU", field: "epci", message: "Aucun EPCI à fiscalité propre n'a le SIREN 200000000 au 1er janvier 2026 : vérifiez le numéro, ou cherchez l'EPCI par son nom." }],
    });
    expect(resolveTerritory({ departement: "976" }, geo)).toMatchObject({ ok: false, issues: [{ code: "TERRITOIRE_DEPARTEMENT_INCONNU" }] });
  });

  it("holds a territory to an expected département when asked", () => {
    const inGers = { departement: "32" };
    expect(resolveTerritory({ communes: ["31069", "32399"] }, geo, inGers)).toEqual({
      ok: false,
      issues: [{
        code: "TERRITOIRE_HORS_DEPARTEMENT", field: "communes", index: 0,
        message: "La commune Blagnac (31069) est dans le département de la Haute-Garonne (31), non dans le département attendu : celui du Gers (32).",
      }],
    });
    expect(resolveTerritory({ epci: "243100518" }, geo, inGers)).toMatchObject({
      ok: false,
      issues: [{ message: "L'EPCI Toulouse Métropole (243100518) n'a aucune commune dans le département attendu : celui du Gers (32)." }],
    });
    expect(resolveTerritory({ departement: "31" }, geo, inGers)).toMatchObject({
      ok: false,
      issues: [{ message: "Le département de la Haute-Garonne (31) n'est pas le département attendu : celui du Gers (32)." }],
    });
    expect(resolveTerritory({ epci: "248400251" }, geo, { departement: "30" }).ok).toBe(true);
    expect(resolveTerritory({ communes: ["32399"] }, geo, inGers).ok).toBe(true);
  });

  it("parses raw input and resolves it in one call (the CLI's parameters)", () => {
    expect(resolveTerritoryInput({ communes: ["31157", "31069"] }, geo)).toMatchObject({ ok: true, territory: { key: "communes:31069,31157" } });
    expect(resolveTerritoryInput({ departement: "XX" }, geo)).toMatchObject({ ok: false, issues: [{ code: "TERRITOIRE_DEPARTEMENT_INVALIDE" }] });
  });
});
