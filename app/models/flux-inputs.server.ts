// The inputs of a convention's flux tables, built from the database: its territory resolved against the official
// geography, and for each bailleur party that accepted to be one, its current état des lieux counted on the territory
// through the register, its rotation data and the terms negotiated for that bailleur × territory × year. Every
// convention of the same bailleur, territory and year gets the same inputs, hence the same apportionment
// (docs/decisions/0011-territory-and-one-apportionment.md).
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbTransaction } from "../../db/client";
import { fluxTerms, organisations, rotationData, type conventions } from "../../db/schema";
import { EMPTY_TERMS, type FluxTerms, type Holder } from "../domain/perimeter/apportionment";
import { countTerritory } from "../domain/perimeter/counts";
import type { BailleurInputs, FluxInputs, TerritoryRef } from "../domain/perimeter/inputs";
import { LINE_KINDS_OF_PARTY, parseReservataireKey, reservataireKey } from "../domain/perimeter/reservataires";
import type { RotationData } from "../domain/perimeter/rotation";
import { communeName, isCommuneInTerritory, resolveTerritory, TerritorySchema, type Geography, type ResolvedTerritory, type Territory } from "../domain/territory";
import { loadGeography } from "../lib/geography.server";
import { currentImport, loadImport, type StoredImport } from "./inventory.server";
import { mappingOf, readCodes } from "./register.server";

type ConventionRow = typeof conventions.$inferSelect;

/** The territory a convention row names; rows created before territories existed read as their département. */
export function territoryOfRow(row: Pick<ConventionRow, "territory" | "departement" | "commune" | "epci">): Territory {
  const parsed = TerritorySchema.safeParse(row.territory);
  if (parsed.success) return parsed.data;
  if (row.commune && /^\d[\dAB]\d{3}$/.test(row.commune)) return { communes: [row.commune] };
  if (row.epci && /^\d{9}$/.test(row.epci)) return { epci: row.epci };
  return { departement: row.departement };
}

/** The territory as the convention's meta and tables carry it. */
export function territoryRef(resolved: ResolvedTerritory): TerritoryRef {
  return {
    key: resolved.key,
    kind: resolved.kind,
    codes: resolved.code ? [resolved.code] : [...resolved.communes],
    label: resolved.label,
    departements: [...resolved.departements],
  };
}

/** Resolves a row's territory; a territory the geography no longer knows falls back to the convention's département. */
export async function resolveRowTerritory(row: Pick<ConventionRow, "territory" | "departement" | "commune" | "epci">): Promise<{ geography: Geography; resolved: ResolvedTerritory }> {
  const geography = await loadGeography();
  const outcome = resolveTerritory(territoryOfRow(row), geography);
  if (outcome.ok) return { geography, resolved: outcome.territory };
  const fallback = resolveTerritory({ departement: row.departement }, geography);
  if (!fallback.ok) throw new Error(`territoire introuvable pour la convention (département ${row.departement})`);
  return { geography, resolved: fallback.territory };
}

interface PartyRow {
  id: string;
  name: string;
  kind: string;
  status?: "invitee";
}

export interface FluxInputsOptions {
  /** Use this import instead of the bailleur's current one (the preview of an import before it is confirmed). */
  importOverride?: { organisationId: string; importId: string };
}

/** The flux inputs of a convention: null for a convention without any bailleur party. */
export async function buildFluxInputs(
  db: Db | DbTransaction,
  row: ConventionRow,
  parties: readonly PartyRow[],
  options: FluxInputsOptions = {},
): Promise<FluxInputs | null> {
  const year = row.year ?? new Date().getFullYear();
  const { geography, resolved } = await resolveRowTerritory(row);
  const territory = territoryRef(resolved);
  const infra = resolved.kind !== "departement";
  const inTerritory = (insee: string) => isCommuneInTerritory(insee, resolved, geography);
  const bailleurParties = parties.filter((p) => p.kind === "bailleur");
  if (bailleurParties.length === 0) return null;

  const bailleurs: BailleurInputs[] = [];
  const holderKeys = new Set<string>();
  for (const party of bailleurParties) {
    const base = { id: party.id, name: party.name, inventory: null, counts: null };
    const terms = await termsOf(db, party.id, year, territory.key);
    const data = await rotationDataOf(db, party.id, row.departement, year);
    if (party.status === "invitee") {
      bailleurs.push({ ...base, status: "invite", rotation: { departemental: {}, local: null, data }, terms });
      continue;
    }
    const stored: StoredImport | null =
      options.importOverride?.organisationId === party.id ? await loadImport(db, options.importOverride.importId) : await currentImport(db, party.id, year);
    if (!stored) {
      bailleurs.push({ ...base, status: "sans_etat_des_lieux", rotation: { departemental: {}, local: null, data }, terms });
      continue;
    }
    const mapping = stored.mapping ?? mappingOf(await readCodes(db, stored.aggregates));
    const counts = countTerritory(stored.aggregates, inTerritory, mapping);
    const departemental = countTerritory(stored.aggregates, (_insee, departement) => departement === row.departement, mapping).rotationBailleur;
    for (const cell of Object.values(counts.classes)) for (const key of Object.keys(cell?.reserved ?? {})) holderKeys.add(key);
    for (const key of [...Object.keys(terms.shares), ...Object.keys(terms.droitsDeSuite)]) holderKeys.add(key);
    bailleurs.push({
      id: party.id,
      name: party.name,
      status: "pret",
      inventory: { importId: stored.id, fileName: stored.fileName, importedAt: (stored.confirmedAt ?? stored.createdAt).toISOString(), year: stored.year, rows: stored.rowCount },
      counts,
      // A commune or an EPCI has a rate of its own only when the file gives one for each of its communes.
      rotation: { departemental, local: infra && counts.rotationLocalComplete ? counts.rotationLocal : null, data },
      terms,
    });
  }

  // Every réservataire party holds rights of its kinds here, even without any dwelling yet (its lines show zero).
  const partyIds = new Set(parties.map((p) => p.id));
  for (const party of parties) for (const kind of LINE_KINDS_OF_PARTY[party.kind] ?? []) holderKeys.add(reservataireKey({ organisationId: party.id, kind }));
  const refs = [...holderKeys].flatMap((key) => {
    const ref = parseReservataireKey(key);
    return ref ? [{ key, ...ref }] : [];
  });
  const names = new Map(
    refs.length
      ? (await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...new Set(refs.map((r) => r.organisationId))]))).map((o) => [o.id, o.name])
      : [],
  );
  const holders: Record<string, Holder> = {};
  for (const ref of refs.sort((a, b) => (a.key < b.key ? -1 : 1)))
    holders[ref.key] = { key: ref.key, organisationId: ref.organisationId, kind: ref.kind, name: names.get(ref.organisationId) ?? ref.organisationId, party: partyIds.has(ref.organisationId) };

  const communeNames: Record<string, string> = {};
  for (const b of bailleurs) for (const insee of Object.keys(b.counts?.communes ?? {})) communeNames[insee] = geography.communes.has(insee) ? communeName(insee, geography) : insee;
  return { year, holders, communeNames, bailleurs };
}

async function termsOf(db: Db | DbTransaction, organisationId: string, year: number, territoryKey: string): Promise<FluxTerms> {
  const [row] = await db
    .select({ terms: fluxTerms.terms })
    .from(fluxTerms)
    .where(and(eq(fluxTerms.organisationId, organisationId), eq(fluxTerms.year, year), eq(fluxTerms.territoryKey, territoryKey)));
  return row ? { ...EMPTY_TERMS, ...(row.terms as FluxTerms) } : EMPTY_TERMS;
}

async function rotationDataOf(db: Db | DbTransaction, organisationId: string, departement: string, year: number): Promise<RotationData | null> {
  const [row] = await db
    .select({ data: rotationData.data })
    .from(rotationData)
    .where(and(eq(rotationData.organisationId, organisationId), eq(rotationData.departement, departement), eq(rotationData.year, year)));
  return (row?.data as RotationData | undefined) ?? null;
}
