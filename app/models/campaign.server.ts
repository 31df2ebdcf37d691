// The état des lieux campaign and the view of a territory (docs/domain.md, "Deadlines of the yearly cycle" and
// "La vue du territoire"): a bailleur sends its current état des lieux of a year to its réservataires; each réservataire
// reads what it was sent, restricted to the dwellings it holds; the State follows every pair of its département, an
// EPCI those of its territory, a bailleur or a réservataire its own pairs.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventionParties, conventions, etatDesLieuxEnvois, inventoryCurrent, inventoryDwellings, inventoryImports, organisations } from "../../db/schema";
import type { CollabService } from "../collab/service";
import {
  filterPairs,
  pairKey,
  territoryPairs,
  type CampaignConvention,
  type CampaignOrganisation,
  type PairBilan,
  type PairFilters,
  type TerritoryPair,
} from "../domain/campaign";
import type { InventoryAggregates } from "../domain/inventory/aggregate";
import { countTerritory } from "../domain/perimeter/counts";
import { mappingKey, parseReservataireKey, type CodeMapping } from "../domain/perimeter/reservataires";
import { isCommuneInTerritory, resolveTerritory, type ResolvedTerritory } from "../domain/territory";
import { loadGeography } from "../lib/geography.server";
import type { OrganisationKind } from "../lib/roles";
import { auditInConventions, conventionsUsingInventory, currentImport, loadImport } from "./inventory.server";
import { negotiationView } from "./negotiation/negotiation-view.server";
import { BilanRefusal, loadBilan } from "./decompte/bilan.server";
import { latestDecompteImport } from "./decompte/events.server";
import { resolveRowTerritory } from "./flux-inputs.server";

/** Today as a calendar date in Paris, where the 28 February deadline is read. */
export function parisDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export class CampaignRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RESERVATAIRE_KINDS: readonly OrganisationKind[] = ["prefet", "action_logement", "commune", "epci", "departement", "region", "autre"];

/** Who receives a bailleur's état des lieux of a year: the holders its file names, and the réservataire parties of its conventions of that year. */
async function recipientsOf(db: Db, bailleurId: string, year: number, mapping: CodeMapping): Promise<CampaignOrganisation[]> {
  const ids = new Set<string>();
  for (const holder of Object.values(mapping)) if (holder) ids.add(holder.organisationId);
  const own = (await conventionsUsingInventory(db, bailleurId, year)).map((c) => c.id);
  if (own.length > 0) {
    const parties = await db
      .select({ id: conventionParties.organisationId })
      .from(conventionParties)
      .where(and(inArray(conventionParties.conventionId, own), eq(conventionParties.status, "acceptee")));
    for (const p of parties) ids.add(p.id);
  }
  if (ids.size === 0) return [];
  const rows = await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, [...ids]));
  return rows.filter((o) => (RESERVATAIRE_KINDS as readonly string[]).includes(o.kind)).sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/**
 * A bailleur sends its current état des lieux of the import's year to every réservataire concerned: one row per
 * recipient, and an audit event in each of its conventions of that year, in one transaction.
 */
export async function sendEtatDesLieux(db: Db, input: { importId: string; bailleurId: string; userId: string }) {
  const stored = await loadImport(db, input.importId);
  if (!stored || stored.organisationId !== input.bailleurId) throw new CampaignRefusal(404, "IMPORT_INTROUVABLE", "Cet état des lieux n'existe pas.");
  const current = await currentImport(db, input.bailleurId, stored.year);
  if (current?.id !== stored.id)
    throw new CampaignRefusal(409, "ETAT_DES_LIEUX_NON_COURANT", `Seul l'état des lieux en vigueur pour ${stored.year} s'envoie aux réservataires : confirmez-le ou remettez-le en vigueur d'abord.`);
  const recipients = await recipientsOf(db, input.bailleurId, stored.year, stored.mapping ?? {});
  if (recipients.length === 0) throw new CampaignRefusal(409, "AUCUN_DESTINATAIRE", "Aucun réservataire ne détient de logement dans cet état des lieux ni n'est partie à vos conventions de l'année.");
  const conventionIds = (await conventionsUsingInventory(db, input.bailleurId, stored.year)).map((c) => c.id);
  const sentAt = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(etatDesLieuxEnvois).values(
      recipients.map((r) => ({ bailleurId: input.bailleurId, reservataireId: r.id, year: stored.year, importId: stored.id, sentBy: input.userId, sentAt })),
    );
    await auditInConventions(tx, conventionIds, { organisationId: input.bailleurId, userId: input.userId }, "inventory", {
      action: "etat_des_lieux_envoye",
      import: stored.id,
      year: stored.year,
      recipients: recipients.map((r) => r.name),
    });
  });
  return { year: stored.year, sentOn: parisDate(sentAt), recipients };
}

/** The sendings of a bailleur's états des lieux (newest first), for its import page. */
export async function sendingsOf(db: Db, bailleurId: string) {
  const rows = await db
    .select({ id: etatDesLieuxEnvois.id, year: etatDesLieuxEnvois.year, importId: etatDesLieuxEnvois.importId, sentAt: etatDesLieuxEnvois.sentAt, reservataire: organisations.name })
    .from(etatDesLieuxEnvois)
    .innerJoin(organisations, eq(organisations.id, etatDesLieuxEnvois.reservataireId))
    .where(eq(etatDesLieuxEnvois.bailleurId, bailleurId))
    .orderBy(asc(etatDesLieuxEnvois.id));
  return rows.reverse().map((r) => ({ ...r, sentOn: parisDate(r.sentAt) }));
}

/** The holder keys of an import's mapping that designate `organisationId`, per département code. */
function codesHeldBy(mapping: CodeMapping, organisationId: string): Set<string> {
  return new Set(Object.entries(mapping).flatMap(([key, holder]) => (holder?.organisationId === organisationId ? [key] : [])));
}

/** The états des lieux a réservataire received (newest first), each with its dwellings on the réservataire's lines. */
export async function receivedEtatsDesLieux(db: Db, reservataireId: string) {
  const rows = await db
    .select({
      id: etatDesLieuxEnvois.id,
      year: etatDesLieuxEnvois.year,
      importId: etatDesLieuxEnvois.importId,
      sentAt: etatDesLieuxEnvois.sentAt,
      bailleurId: etatDesLieuxEnvois.bailleurId,
      bailleur: organisations.name,
    })
    .from(etatDesLieuxEnvois)
    .innerJoin(organisations, eq(organisations.id, etatDesLieuxEnvois.bailleurId))
    .where(eq(etatDesLieuxEnvois.reservataireId, reservataireId))
    .orderBy(asc(etatDesLieuxEnvois.id));
  const imports = new Map<string, { aggregates: InventoryAggregates; mapping: CodeMapping; fileName: string }>();
  for (const id of new Set(rows.map((r) => r.importId))) {
    const stored = await loadImport(db, id);
    if (stored) imports.set(id, { aggregates: stored.aggregates, mapping: stored.mapping ?? {}, fileName: stored.fileName });
  }
  return rows.reverse().map((r) => {
    const stored = imports.get(r.importId);
    const perCommune: { commune: string; dwellings: number }[] = [];
    let dwellings = 0;
    if (stored) {
      const mine = codesHeldBy(stored.mapping, reservataireId);
      for (const [insee, commune] of Object.entries(stored.aggregates.communes)) {
        let n = 0;
        for (const cell of Object.values(commune.classes)) for (const [code, count] of Object.entries(cell?.reserved ?? {})) if (mine.has(mappingKey(commune.departement, code))) n += count;
        if (n > 0) perCommune.push({ commune: insee, dwellings: n });
        dwellings += n;
      }
    }
    return { id: r.id, year: r.year, bailleur: r.bailleur, sentOn: parisDate(r.sentAt), fileName: stored?.fileName ?? "", dwellings, perCommune };
  });
}

const CSV_COLUMNS = [
  ["rpls", "Numéro RPLS"],
  ["commune", "Commune (code INSEE)"],
  ["epci", "EPCI"],
  ["qpv", "QPV"],
  ["typologie", "Typologie"],
  ["financement", "Financement"],
  ["habitat", "Collectif/individuel"],
  ["conventionStart", "Date de début de convention"],
  ["conventionEnd", "Date de fin de convention"],
  ["exclusion", "Motif d'exclusion"],
] as const;

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "oui" : "non") : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The dwellings a réservataire holds in a sending it received, as CSV (`;`, UTF-8 with BOM, as French spreadsheets
 * open it). Another organisation's sending looks like none (404).
 */
export async function receivedRowsCsv(db: Db, input: { envoiId: number; reservataireId: string }) {
  const [envoi] = await db.select().from(etatDesLieuxEnvois).where(eq(etatDesLieuxEnvois.id, input.envoiId));
  if (!envoi || envoi.reservataireId !== input.reservataireId) throw new CampaignRefusal(404, "ENVOI_INTROUVABLE", "Cet envoi d'état des lieux n'existe pas.");
  const stored = await loadImport(db, envoi.importId);
  const mine = codesHeldBy(stored?.mapping ?? {}, input.reservataireId);
  const rows = await db.select().from(inventoryDwellings).where(eq(inventoryDwellings.importId, envoi.importId)).orderBy(asc(inventoryDwellings.line));
  const lines = [CSV_COLUMNS.map(([, label]) => label).join(";")];
  for (const row of rows) {
    if (!row.reservataire || !mine.has(mappingKey(row.departement, row.reservataire))) continue;
    lines.push(CSV_COLUMNS.map(([key]) => csvCell(row[key])).join(";"));
  }
  return { year: envoi.year, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}

// ---- The view of a territory ----

export type TerritoryScope =
  | { kind: "departement"; code: string; label: string }
  | { kind: "epci"; code: string; label: string }
  | { kind: "bailleur"; organisationId: string; label: string }
  | { kind: "reservataire"; organisationId: string; label: string };

/** What a user's organisation may see: the State its département, an EPCI its territory, others their own pairs. */
export async function scopeOf(db: Db, user: { organisationId: string; organisationKind: OrganisationKind; organisationName: string }): Promise<TerritoryScope> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, user.organisationId));
  if (user.organisationKind === "prefet" && org?.departement) return { kind: "departement", code: org.departement, label: `département ${org.departement}` };
  if (user.organisationKind === "epci" && org?.territoryCode) return { kind: "epci", code: org.territoryCode, label: org.name };
  if (user.organisationKind === "bailleur") return { kind: "bailleur", organisationId: user.organisationId, label: user.organisationName };
  return { kind: "reservataire", organisationId: user.organisationId, label: user.organisationName };
}

const CONVENTION_STATUSES = ["brouillon", "en_negociation", "prete_pour_signature", "signee"] as const;

/**
 * Every bailleur × réservataire pair the user may see for a year, with each pair's conventions, their negotiation
 * state and the sending of the état des lieux; `filters` narrow the list (the counts before filtering come along).
 */
export async function territoryView(db: Db, collab: CollabService, scope: TerritoryScope, year: number, filters: PairFilters = {}) {
  const geography = await loadGeography();
  let territory: ResolvedTerritory | null = null;
  if (scope.kind === "departement" || scope.kind === "epci") {
    const resolved = resolveTerritory(scope.kind === "departement" ? { departement: scope.code } : { epci: scope.code }, geography);
    if (!resolved.ok) throw new CampaignRefusal(409, "TERRITOIRE_INCONNU", resolved.issues[0].message);
    territory = resolved.territory;
  }
  const inTerritory = (insee: string) => (territory ? isCommuneInTerritory(insee, territory, geography) : true);

  // Conventions of the year that touch the territory (or, for a party's own view, those it is party to).
  const yearConventions = await db.select().from(conventions).where(eq(conventions.year, year));
  const partyRows = yearConventions.length
    ? await db
        .select({ conventionId: conventionParties.conventionId, organisationId: conventionParties.organisationId, status: conventionParties.status })
        .from(conventionParties)
        .where(inArray(conventionParties.conventionId, yearConventions.map((c) => c.id)))
    : [];
  const partiesOf = new Map<string, string[]>();
  for (const p of partyRows) if (p.status === "acceptee") partiesOf.set(p.conventionId, [...(partiesOf.get(p.conventionId) ?? []), p.organisationId]);
  const own = scope.kind === "bailleur" || scope.kind === "reservataire" ? scope.organisationId : null;
  const inScope = [];
  for (const row of yearConventions) {
    const parties = partiesOf.get(row.id) ?? [];
    if (own) {
      if (parties.includes(own)) inScope.push(row);
      continue;
    }
    const { resolved } = await resolveRowTerritory(row);
    if (resolved.communes.some(inTerritory)) inScope.push(row);
  }
  const campaignConventions: CampaignConvention[] = [];
  for (const row of inScope) {
    let optionsWithoutConsensus = 0;
    let overdueDeadlines = 0;
    if (row.status !== "signee") {
      const view = await negotiationView({ db, collab }, row.id);
      optionsWithoutConsensus = view.readiness.optionsWithoutConsensus.length;
      overdueDeadlines = view.deadlines.filter((d) => d.overdue).length;
    }
    campaignConventions.push({
      bilan: await pairBilans(db, collab, row.id, year, partiesOf.get(row.id) ?? []),
      id: row.id,
      title: row.title,
      status: (CONVENTION_STATUSES as readonly string[]).includes(row.status) ? (row.status as CampaignConvention["status"]) : "brouillon",
      partyIds: partiesOf.get(row.id) ?? [],
      optionsWithoutConsensus,
      overdueDeadlines,
    });
  }

  // Bailleurs: those with a current état des lieux of the year on the territory, and the bailleur parties of the conventions.
  const currentRows = await db.select().from(inventoryCurrent).where(eq(inventoryCurrent.year, year)).orderBy(asc(inventoryCurrent.id));
  const currentOf = new Map<string, string>();
  for (const r of currentRows) currentOf.set(r.organisationId, r.importId);
  if (territory && currentOf.size > 0) {
    // Only the départements of each file are read here; whole aggregates are loaded for the files that may count.
    const departements = new Set(territory.departements);
    const spread = await db
      .select({ id: inventoryImports.id, organisationId: inventoryImports.organisationId, departements: sql<Record<string, number>>`${inventoryImports.aggregates} -> 'departements'` })
      .from(inventoryImports)
      .where(inArray(inventoryImports.id, [...currentOf.values()]));
    for (const file of spread) if (!Object.keys(file.departements ?? {}).some((d) => departements.has(d))) currentOf.delete(file.organisationId);
  }
  const allOrgs = await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations);
  const orgById = new Map<string, CampaignOrganisation>(allOrgs.map((o) => [o.id, o]));
  const bailleurIds = new Set<string>();
  for (const c of campaignConventions) for (const id of c.partyIds) if (orgById.get(id)?.kind === "bailleur") bailleurIds.add(id);
  if (scope.kind === "bailleur") bailleurIds.add(scope.organisationId);
  else for (const id of currentOf.keys()) bailleurIds.add(id);
  if (scope.kind === "bailleur") for (const id of [...bailleurIds]) if (id !== scope.organisationId) bailleurIds.delete(id);

  const bailleurs = [];
  for (const id of bailleurIds) {
    const org = orgById.get(id);
    if (!org) continue;
    const importId = currentOf.get(id);
    const stored = importId ? await loadImport(db, importId) : null;
    const inventory = stored ? { importId: stored.id, aggregates: stored.aggregates, mapping: stored.mapping ?? {} } : null;
    if (inventory && territory && !campaignConventions.some((c) => c.partyIds.includes(id))) {
      // A bailleur with no convention here appears only when its état des lieux has dwellings on the territory.
      if (countTerritory(inventory.aggregates, inTerritory, {}).dwellings === 0) continue;
    }
    if (scope.kind === "reservataire" && inventory && !campaignConventions.some((c) => c.partyIds.includes(id))) {
      const holds = Object.values(inventory.mapping).some((h) => h?.organisationId === scope.organisationId);
      if (!holds) continue;
    }
    bailleurs.push({ id, name: org.name, inventory });
  }

  const envois = bailleurs.length
    ? await db
        .select({ bailleurId: etatDesLieuxEnvois.bailleurId, reservataireId: etatDesLieuxEnvois.reservataireId, sentAt: etatDesLieuxEnvois.sentAt })
        .from(etatDesLieuxEnvois)
        .where(and(eq(etatDesLieuxEnvois.year, year), inArray(etatDesLieuxEnvois.bailleurId, bailleurs.map((b) => b.id))))
        .orderBy(asc(etatDesLieuxEnvois.id))
    : [];
  const firstSent = new Map<string, string>();
  for (const e of envois) {
    const key = pairKey(e.bailleurId, e.reservataireId);
    if (!firstSent.has(key)) firstSent.set(key, parisDate(e.sentAt));
  }

  let pairs: TerritoryPair[] = territoryPairs({ year, today: parisDate(), inTerritory, bailleurs, organisations: orgById, conventions: campaignConventions, firstSent });
  if (scope.kind === "reservataire") pairs = pairs.filter((p) => p.reservataire.id === scope.organisationId);
  const years = await campaignYears(db);
  return {
    scope: { kind: scope.kind, label: territory?.label ?? scope.label },
    year,
    years,
    total: pairs.length,
    pairs: filterPairs(pairs, filters),
    bailleurs: [...new Map(pairs.map((p) => [p.bailleur.id, p.bailleur])).values()],
    reservataires: [...new Map(pairs.map((p) => [p.reservataire.id, p.reservataire])).values()],
  };
}

/** Years that have conventions or états des lieux, ascending. */
export async function campaignYears(db: Db): Promise<number[]> {
  const years = [
    ...(await db.selectDistinct({ year: conventions.year }).from(conventions)).map((r) => r.year),
    ...(await db.selectDistinct({ year: inventoryImports.year }).from(inventoryImports)).map((r) => r.year),
  ];
  return [...new Set(years.filter((y): y is number => y !== null))].sort((a, b) => a - b);
}

/** The year a territory view opens on: the current campaign's (this year's), or the latest with data before it. */
export async function defaultCampaignYear(db: Db): Promise<number> {
  const thisYear = Number(parisDate().slice(0, 4));
  const years = await campaignYears(db);
  return years.includes(thisYear) ? thisYear : (years.filter((y) => y < thisYear).at(-1) ?? years.at(-1) ?? thisYear);
}

/**
 * The bilan of a convention for its year, per bailleur × réservataire organisation (the préfet's two lines together), when
 * one of its bailleurs imported that year's events; undefined otherwise (a bilan is then not worth computing).
 */
async function pairBilans(db: Db, collab: CollabService, conventionId: string, year: number, partyIds: readonly string[]): Promise<Record<string, PairBilan> | undefined> {
  const withEvents = [];
  for (const id of partyIds) if (await latestDecompteImport(db, id, year)) withEvents.push(id);
  if (withEvents.length === 0) return undefined;
  let bilan;
  try {
    ({ bilan } = await loadBilan(db, collab, conventionId, { year, until: null, line: null }));
  } catch (error) {
    if (error instanceof BilanRefusal) return undefined;
    throw error;
  }
  const pairs: Record<string, PairBilan> = {};
  for (const table of bilan.tables) {
    for (const line of table.lines) {
      const holder = parseReservataireKey(line.key);
      if (!holder) continue;
      const key = pairKey(table.bailleur.id, holder.organisationId);
      const current = pairs[key] ?? { objective: table.objectives ? 0 : null, counted: 0 };
      pairs[key] = {
        objective: current.objective === null || line.objective === null ? null : current.objective + line.objective,
        counted: current.counted + line.counted,
      };
    }
  }
  return pairs;
}
