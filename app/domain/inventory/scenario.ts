// From an imported inventory to a flux scenario: the inventory gives the assiette and each réservataire's reserved
// dwellings, the parameters give everything else (rate, deductions, lines and their options).
import { type FluxIssue, type FluxScenario, FluxParamsSchema, validateWith } from "../flux";
import type { InventoryAggregates } from "./aggregate";
import { type InventoryWarning, inventoryMessages } from "./messages";

export type InventoryScenarioOutcome =
  | { ok: true; scenario: FluxScenario; warnings: InventoryWarning[] }
  | { ok: false; issues: FluxIssue[] };

/**
 * Builds the scenario of an inventory: `assiette` from the aggregates, and for each assiette-method line of the
 * parameters, `reserved` = the dwellings of the assiette whose réservataire column equals the line's id.
 */
export function scenarioFromInventory(aggregates: InventoryAggregates, params: unknown): InventoryScenarioOutcome {
  const validated = validateWith(FluxParamsSchema, params);
  if (!validated.ok) return { ok: false, issues: validated.issues };
  const { reservataires, ...rest } = validated.data;
  const warnings: InventoryWarning[] = [];

  const lines = reservataires.map((line) => {
    if (line.method === "droits_de_suite") return line;
    const reserved = aggregates.reservedByReservataire[line.id] ?? 0;
    if (reserved === 0 && line.share === undefined) {
      warnings.push({ code: "INVENTAIRE_LIGNE_SANS_LOGEMENT", message: inventoryMessages.INVENTAIRE_LIGNE_SANS_LOGEMENT(line.id) });
    }
    return { ...line, reserved };
  });

  const ids = new Set(reservataires.map((line) => line.id));
  for (const [id, dwellings] of Object.entries(aggregates.reservedByReservataire)) {
    if (!ids.has(id)) {
      warnings.push({
        code: "INVENTAIRE_RESERVATAIRE_SANS_LIGNE",
        message: inventoryMessages.INVENTAIRE_RESERVATAIRE_SANS_LIGNE(id, dwellings),
      });
    }
  }
  const departements = Object.keys(aggregates.byDepartement);
  if (departements.length > 1) {
    warnings.push({
      code: "INVENTAIRE_PLUSIEURS_DEPARTEMENTS",
      message: inventoryMessages.INVENTAIRE_PLUSIEURS_DEPARTEMENTS(departements),
    });
  }
  return { ok: true, scenario: { ...rest, assiette: aggregates.assiette, reservataires: lines }, warnings };
}
