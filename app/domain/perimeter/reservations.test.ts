// The reservations and their expiry, from the état des lieux's start and end dates to the annexe the collectivités'
// and Action Logement's articles promise: counted per code and reservation in the aggregates, per holder and commune
// on the territory, listed per commune with the date each right ends.
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../templates";
import { renderBlock } from "../convention/blocks";
import { HOLDER, exampleState } from "../convention/test-fixtures";
import { InventoryAggregator } from "../inventory/aggregate";
import type { InventoryRow } from "../inventory/row";
import { frenchText } from "../typography";
import { countTerritory } from "./counts";
import { mappingKey } from "./reservataires";

function row(index: number, overrides: Partial<InventoryRow>): InventoryRow {
  return {
    line: index + 2,
    rpls: String(index).padStart(10, "0"),
    reservataire: null,
    departement: "31",
    epci: "200068864",
    commune: "31395",
    qpv: false,
    typologie: "T3",
    financement: "PLUS",
    habitat: "collectif",
    rotationBailleur: "0.08",
    rotationExReservataire: null,
    conventionStart: null,
    conventionEnd: null,
    exclusion: null,
    ...overrides,
  };
}

const ROWS: InventoryRow[] = [
  row(1, { reservataire: "muret", conventionStart: "2012-01-01", conventionEnd: "2027-12-31" }),
  row(2, { reservataire: "muret", conventionStart: "2012-01-01", conventionEnd: "2027-12-31" }),
  row(3, { reservataire: "muret", conventionStart: "2015-06-01", conventionEnd: "2026-06-30", commune: "31555", epci: "243100518" }),
  // In a sale plan: out of the assiette, so out of the list.
  row(4, { reservataire: "muret", conventionStart: "2015-06-01", conventionEnd: "2026-06-30", exclusion: "vente" }),
  row(5, { reservataire: "al", conventionStart: "2018-01-01", conventionEnd: null }),
  row(6, {}),
];

function aggregates() {
  const aggregator = new InventoryAggregator();
  for (const r of ROWS) aggregator.add(r);
  return aggregator.result();
}

describe("reservations in the aggregates and on a territory", () => {
  it("counts reserved dwellings per code and reservation (start|end), per class, and per holder and commune on the territory", () => {
    const result = aggregates();
    expect(result.communes["31395"].reservations).toEqual({
      al: { "2018-01-01|": { flux: 1 } },
      muret: { "2012-01-01|2027-12-31": { flux: 2 }, "2015-06-01|2026-06-30": { vente: 1 } },
    });
    expect(result.communes["31555"].reservations).toEqual({ muret: { "2015-06-01|2026-06-30": { flux: 1 } } });
    const mapping = {
      [mappingKey("31", "muret")]: { organisationId: "org-muret", kind: "commune" as const },
      [mappingKey("31", "al")]: { organisationId: "org-al", kind: "action_logement" as const },
    };
    const onMuret = countTerritory(result, (insee) => insee === "31395", mapping);
    expect(onMuret.reservations).toEqual({
      [HOLDER.al]: { "31395": { "2018-01-01|": { flux: 1 } } },
      [HOLDER.muret]: { "31395": { "2012-01-01|2027-12-31": { flux: 2 }, "2015-06-01|2026-06-30": { vente: 1 } } },
    });
    // Aggregates stored before reservations were counted give none: the annexe then says to import again.
    const { reservations: _dropped, ...older } = result.communes["31395"];
    expect(countTerritory({ ...result, communes: { "31395": older } }, () => true, mapping).reservations).toBeUndefined();
  });
});

describe("reservations block", () => {
  const template = getTemplate("collectivites")!;
  const withReservations = () => {
    const state = exampleState(template);
    const mapping = {
      [mappingKey("31", "muret")]: { organisationId: "org-muret", kind: "commune" as const },
      [mappingKey("31", "al")]: { organisationId: "org-al", kind: "action_logement" as const },
    };
    state.flux!.bailleurs[0].counts!.reservations = countTerritory(aggregates(), () => true, mapping).reservations;
    state.flux!.communeNames = { "31395": "Muret", "31555": "Toulouse" };
    return state;
  };

  it("lists each réservataire party's reservations of the assiette by commune, soonest expiry first, with totals", () => {
    const model = renderBlock("reservations", withReservations());
    expect(model.error).toBeUndefined();
    expect(model.columns.map((c) => c.label)).toEqual(["Commune", "Réservation", "Logements", "Droit éteint le"]);
    const rows = model.rows.map((r) => r.cells);
    expect(rows).toEqual(
      [
        ["Action Logement Services", "", "", ""],
        ["Muret (31395)", "depuis le 01/01/2018", "1", "sans date de fin"],
        ["Total — Action Logement Services", "", "1", ""],
        ["Ville de Muret", "", "", ""],
        ["Toulouse (31555)", "depuis le 01/06/2015", "1", "30/06/2026"],
        ["Muret (31395)", "depuis le 01/01/2012", "2", "31/12/2027"],
        ["Total — Ville de Muret", "", "3", ""],
        ["Conseil départemental de la Haute-Garonne", "", "", ""],
        ["Aucune réservation en cours sur le territoire", "", "0", "—"],
      ].map((cells) => cells.map(frenchText)),
    );
    // The préfet's contingent does not expire: it is not listed.
    expect(JSON.stringify(model.rows)).not.toContain("Préfecture");
    expect(model.notes.at(-1)).toContain("rejoint la part non réservée du bailleur");
  });

  it("asks to import the état des lieux again when its aggregates predate the reservations", () => {
    const model = renderBlock("reservations", exampleState(template));
    expect(model.error).toBe(frenchText("L’état des lieux d’Habitat Garonne a été importé avant que Conflux ne détaille les réservations par date : importez-le à nouveau pour établir la liste des réservations et de leurs dates d’extinction."));
  });
});
