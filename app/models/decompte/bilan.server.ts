// The bilan of a convention for a year, from the database: the convention's state (frozen at signature), its flux
// tables (the objectives of its year), and each bailleur party's latest events of that year on the convention's
// territory, counted by the convention's décompte option (docs/domain.md, « Le bilan annuel »).
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { conventions } from "../../../db/schema";
import type { CollabService } from "../../collab/service";
import { OPTION_CATALOGUE } from "../../domain/convention/options";
import { computeConventionFlux, partyHolders } from "../../domain/convention/scenario";
import type { ConventionState } from "../../domain/convention/state";
import { computeBilan, type Bilan, type BilanTableInput } from "../../domain/decompte/bilan";
import { decompteRuleOf } from "../../domain/decompte/events";
import { bilanMessages, type BilanErrorCode } from "../../domain/decompte/messages";
import { holderLabel } from "../../domain/perimeter/view";
import { communeName, isCommuneInTerritory } from "../../domain/territory";
import { message } from "../../lib/messages";
import { loadConventionState } from "../convention-state.server";
import { resolveRowTerritory } from "../flux-inputs.server";
import { eventsOnTerritory, latestDecompteImport } from "./events.server";

export interface BilanRequest {
  year: number;
  /** Last day of an intermediate bilan, or null for the whole year. */
  until: string | null;
  /** One line of the convention (a réservataire's own bilan), or null. */
  line: string | null;
}

/** A refusal of a bilan request, as the API answers it. */
export class BilanRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: BilanErrorCode | "DOCUMENT_EMPTY",
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The years a convention has a bilan for: from its first year for its duration. */
export function bilanYears(state: Pick<ConventionState, "meta">): number[] {
  return Array.from({ length: state.meta.durationYears }, (_, i) => state.meta.year + i);
}

/** The bilan of a convention; refuses a year outside its life, a date outside the year, a line it does not show. */
export async function loadBilan(db: Db, collab: CollabService, conventionId: string, request: BilanRequest): Promise<{ state: ConventionState; bilan: Bilan }> {
  const { state } = await loadConventionState(db, collab, conventionId);
  if (!state) throw new BilanRefusal(409, "DOCUMENT_EMPTY", message("DOCUMENT_EMPTY").message);
  const years = bilanYears(state);
  if (!years.includes(request.year)) {
    throw new BilanRefusal(404, "BILAN_ANNEE_INVALIDE", bilanMessages.BILAN_ANNEE_INVALIDE(years[0], years[years.length - 1], request.year), "year");
  }
  if (request.until !== null && !request.until.startsWith(`${request.year}-`)) {
    throw new BilanRefusal(400, "BILAN_DATE_INVALIDE", bilanMessages.BILAN_DATE_INVALIDE(request.year), "au");
  }
  const [row] = await db.select().from(conventions).where(eq(conventions.id, conventionId));
  const { geography, resolved } = await resolveRowTerritory(row);
  const inTerritory = (insee: string) => isCommuneInTerritory(insee, resolved, geography);
  const flux = computeConventionFlux(state);
  // The objectives are the table of the convention's own year; a later year's come with its annual annex.
  const objectivesOfYear = request.year === state.meta.year;
  const tables: BilanTableInput[] = [];
  for (const table of flux.tables) {
    if (table.status === "invite") continue;
    const stored = await latestDecompteImport(db, table.bailleur.id, request.year);
    tables.push({
      bailleur: table.bailleur,
      view: objectivesOfYear ? table.view : null,
      events: stored ? await eventsOnTerritory(db, stored.id, { key: resolved.key, inTerritory }) : [],
      source: stored ? { importId: stored.id, fileName: stored.fileName, importedAt: stored.createdAt.toISOString(), rows: stored.rowCount } : null,
    });
  }
  const parties = partyHolders(state).map((holder) => ({ key: holder.key, kind: holder.kind, label: holderLabel(holder) }));
  const holderKinds: Record<string, string> = {};
  for (const holder of Object.values(state.flux?.holders ?? {})) holderKinds[holder.key] = holder.kind;
  const communeNames: Record<string, string> = {};
  for (const table of tables)
    for (const e of table.events) if (!(e.commune in communeNames)) communeNames[e.commune] = geography.communes.has(e.commune) ? communeName(e.commune, geography) : e.commune;
  // Events name holders the état des lieux of the year may not list (a réservataire without dwellings there).
  for (const table of tables) for (const e of table.events) if (e.holder && !(e.holder in holderKinds)) holderKinds[e.holder] = e.holder.slice(0, e.holder.indexOf(":"));
  const lineKeys = new Set(["autres", "bailleur", ...parties.map((p) => p.key)]);
  if (request.line !== null && !lineKeys.has(request.line)) {
    throw new BilanRefusal(400, "BILAN_LIGNE_INCONNUE", bilanMessages.BILAN_LIGNE_INCONNUE(request.line), "reservataire");
  }
  const rule = decompteRuleOf(state.options.decompte?.choice ?? OPTION_CATALOGUE.decompte.default);
  const bilan = computeBilan({ year: request.year, rule, until: request.until, tables, parties, holderKinds, communeNames, line: request.line });
  return { state, bilan };
}
