// What the server hands every participant so that each browser computes a convention's flux tables itself, with the
// same pure functions as the read API and the DOCX (docs/decisions/0011-territory-and-one-apportionment.md). The
// server builds it from the database (territory, parties, register, imports, rotation data, negotiated terms) and
// mirrors it into the document; clients never write it.
import type { TerritoryCounts } from "./counts";
import type { FluxTerms, Holder } from "./apportionment";
import type { RotationInputs } from "./rotation";

/** The territory of a convention, resolved against the official geography. */
export interface TerritoryRef {
  /** Stable key: "departement:31", "epci:243100518", "communes:31069,31157". */
  key: string;
  kind: "departement" | "epci" | "communes";
  /** The département code, the EPCI's SIREN, or the INSEE codes. */
  codes: string[];
  /** In French, with its article: "le département de la Haute-Garonne", "Toulouse Métropole", "la commune de Blagnac". */
  label: string;
  /** The département(s) it lies in. */
  departements: string[];
}

/** Where a bailleur party stands with respect to the convention's figures. */
export type BailleurStatus = "pret" | "invite" | "sans_etat_des_lieux";

export interface BailleurInputs {
  id: string;
  name: string;
  status: BailleurStatus;
  inventory: { importId: string; fileName: string; importedAt: string; year: number; rows: number } | null;
  /** The bailleur's current inventory counted on the territory (null until it has one and consents). */
  counts: TerritoryCounts | null;
  rotation: RotationInputs;
  terms: FluxTerms;
}

export interface FluxInputs {
  year: number;
  /** Every holder of rights on the territory and every réservataire party, by key (`party` relative to this convention). */
  holders: Record<string, Holder>;
  /** Names of the communes the counts mention (INSEE code → name), for the annexes. */
  communeNames: Record<string, string>;
  bailleurs: BailleurInputs[];
}
