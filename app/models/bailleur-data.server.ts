// A bailleur's data that every convention of a year quotes alike (docs/decisions/0011-territory-and-one-apportionment.md):
// its rotation data of year n-1 per département, and the terms negotiated for a territory (forecast deductions,
// negotiated shares, Action Logement's droits de suite). Each change is checked, written with its audit events in one
// transaction, then every open document it reaches is refreshed; a signed convention keeps what it was signed with.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbTransaction } from "../../db/client";
import { conventions, fluxTerms, rotationData } from "../../db/schema";
import type { CollabService } from "../collab/service";
import { EMPTY_TERMS, type FluxTerms } from "../domain/perimeter/apportionment";
import type { BailleurInputs, FluxInputs } from "../domain/perimeter/inputs";
import { applyTermsChanges, DeductionsSchema, DroitsDeSuiteSchema, RotationDataSchema, termsIssues } from "../domain/perimeter/terms";
import { RateStringSchema } from "../domain/flux/schema";
import { auditInConventions, conventionsUsingInventory } from "./inventory.server";
import { loadServerData } from "./convention-data.server";

export class BailleurDataRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export const RotationDataInputSchema = z.strictObject({
  departement: z.string().regex(/^(\d{2}|2A|2B|97\d)$/, "Indiquez un code de département (par exemple 31)."),
  year: z.number().int().min(2000).max(2200),
  data: RotationDataSchema,
});

/** Changes to a bailleur's terms on a convention's territory: only what is given changes; a share set to null goes. */
export const FluxTermsInputSchema = z.strictObject({
  bailleurId: z.string().min(1).max(64),
  deductions: DeductionsSchema.optional(),
  shares: z.record(z.string().max(120), RateStringSchema.nullable()).optional(),
  droitsDeSuite: z.record(z.string().max(120), DroitsDeSuiteSchema.nullable()).optional(),
});

/** The conventions of a bailleur and year whose documents must follow a change (signed ones never move). */
async function reached(db: Db | DbTransaction, bailleurId: string, year: number, filter: (row: typeof conventions.$inferSelect) => boolean) {
  const ids = (await conventionsUsingInventory(db, bailleurId, year)).filter((c) => c.status !== "signee").map((c) => c.id);
  if (ids.length === 0) return [];
  const rows = await db.select().from(conventions).where(inArray(conventions.id, ids));
  return rows.filter(filter).map((row) => row.id);
}

/** A bailleur enters its rotation data of year n-1 for a département (its own, and only its own). */
export async function setRotationData(
  db: Db,
  collab: CollabService,
  actor: { userId: string; organisationId: string; organisationKind: string },
  input: z.infer<typeof RotationDataInputSchema>,
) {
  if (actor.organisationKind !== "bailleur") throw new BailleurDataRefusal(403, "FORBIDDEN_ROLE", "Seul un bailleur saisit ses données de rotation.");
  const ids = await db.transaction(async (tx) => {
    const where = and(eq(rotationData.organisationId, actor.organisationId), eq(rotationData.departement, input.departement), eq(rotationData.year, input.year));
    const [previous] = await tx.select().from(rotationData).where(where);
    if (previous) await tx.update(rotationData).set({ data: input.data, updatedBy: actor.userId, updatedAt: new Date() }).where(where);
    else await tx.insert(rotationData).values({ organisationId: actor.organisationId, departement: input.departement, year: input.year, data: input.data, updatedBy: actor.userId });
    const conventionIds = await reached(tx, actor.organisationId, input.year, (row) => row.departement === input.departement);
    await auditInConventions(tx, conventionIds, actor, "flux", { action: "donnees_rotation", departement: input.departement, year: input.year, before: previous?.data ?? null, after: input.data });
    return conventionIds;
  });
  for (const id of ids) await collab.refreshAccess(id);
  return { departement: input.departement, year: input.year, data: input.data };
}

/**
 * Changes the terms negotiated for a bailleur on a convention's territory and year, from that convention: deductions
 * by the bailleur's members only; shares and droits de suite by the bailleur or by the réservataire they concern
 * (edition role). Checked against the holders of the territory and the préfet's caps; refused on a signed convention.
 */
export async function setFluxTerms(
  db: Db,
  collab: CollabService,
  conventionId: string,
  actor: { userId: string; organisationId: string; role: string },
  input: z.infer<typeof FluxTermsInputSchema>,
) {
  if (actor.role !== "edition") throw new BailleurDataRefusal(403, "FORBIDDEN_ROLE", "Votre rôle sur cette convention ne permet pas de modifier les termes du flux.");
  const server = await loadServerData(db, conventionId);
  if (!server || !server.flux) throw new BailleurDataRefusal(404, "CONVENTION_NOT_FOUND", "Convention introuvable.");
  if (server.signed || server.status === "signee")
    throw new BailleurDataRefusal(409, "STATUS_SIGNED_LOCKED", "La convention est signée : ses termes ne changent plus. Toute évolution passe par un avenant ou l'annexe annuelle.");
  const { bailleur, next } = changedTerms(actor, server.flux, input);
  const territoryKey = server.meta.territory.key;
  const year = server.meta.year;
  const ids = await writeFluxTerms(db, actor, { bailleur, year, territoryKey, terms: next, conventionId });
  for (const id of ids) await collab.refreshAccess(id);
  return { bailleurId: bailleur.id, territory: territoryKey, year, terms: next };
}

/**
 * A bailleur's terms once `input` applies, if the actor may make that change: deductions by the bailleur's members
 * only; shares and droits de suite by the bailleur or by the réservataire they concern. Checked against the holders
 * of the territory and the préfet's caps. Throws a BailleurDataRefusal.
 */
export function changedTerms(actor: { organisationId: string }, inputs: FluxInputs, input: z.infer<typeof FluxTermsInputSchema>): { bailleur: BailleurInputs; next: FluxTerms } {
  const bailleur = inputs.bailleurs.find((b) => b.id === input.bailleurId);
  if (!bailleur) throw new BailleurDataRefusal(400, "BAILLEUR_INCONNU", "Ce bailleur n'est pas partie à la convention.", "bailleurId");
  if (bailleur.status === "invite") throw new BailleurDataRefusal(409, "BAILLEUR_INVITE", `${bailleur.name} n'a pas encore accepté d'être partie à la convention.`, "bailleurId");
  const isBailleur = actor.organisationId === bailleur.id;
  if (input.deductions && !isBailleur)
    throw new BailleurDataRefusal(403, "FORBIDDEN_ROLE", "Seul le bailleur saisit ses déductions prévisionnelles.", "deductions");
  for (const key of [...Object.keys(input.shares ?? {}), ...Object.keys(input.droitsDeSuite ?? {})]) {
    const holder = inputs.holders[key];
    if (!isBailleur && holder?.organisationId !== actor.organisationId)
      throw new BailleurDataRefusal(403, "FORBIDDEN_ROLE", "Une part négociée se modifie par le bailleur ou par le réservataire qu'elle concerne.", `shares.${key}`);
  }
  const next = applyTermsChanges(bailleur.terms, input);
  const issues = termsIssues(next, inputs.holders);
  if (issues.length > 0) throw new BailleurDataRefusal(400, "TERMES_INVALIDES", issues[0].message, issues[0].path);
  return { bailleur, next };
}

/**
 * Writes a bailleur's terms for a territory and year with an audit event in every unsigned convention they change
 * and in `conventionId` (where the change was made), in one transaction; returns the conventions to refresh.
 */
export async function writeFluxTerms(
  db: Db,
  actor: { userId: string; organisationId: string },
  change: { bailleur: { id: string }; year: number; territoryKey: string; terms: FluxTerms; conventionId: string },
): Promise<string[]> {
  const { bailleur, year, territoryKey, terms: next, conventionId } = change;
  return db.transaction(async (tx) => {
    const where = and(eq(fluxTerms.organisationId, bailleur.id), eq(fluxTerms.year, year), eq(fluxTerms.territoryKey, territoryKey));
    const [previous] = await tx.select().from(fluxTerms).where(where);
    if (previous) await tx.update(fluxTerms).set({ terms: next, updatedBy: actor.userId, updatedAt: new Date() }).where(where);
    else await tx.insert(fluxTerms).values({ organisationId: bailleur.id, year, territoryKey, terms: next, updatedBy: actor.userId });
    const conventionIds = await reached(tx, bailleur.id, year, (row) => (row.territoryKey ?? "") === territoryKey || row.id === conventionId);
    const audited = conventionIds.includes(conventionId) ? conventionIds : [...conventionIds, conventionId];
    await auditInConventions(tx, audited, actor, "flux", { action: "termes_flux", bailleur: bailleur.id, territoire: territoryKey, year, before: previous?.terms ?? EMPTY_TERMS, after: next });
    return conventionIds;
  });
}
