// The register of réservataires per département (docs/domain.md, "Réservataires"): which organisation, with which kind
// of rights, each code of an inventory stands for. An import is read through it before it is confirmed; the codes it
// cannot read are answered by the bailleur, and the answers join the register for the next imports.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbTransaction } from "../../db/client";
import { organisations, reservataireCodes } from "../../db/schema";
import { RESERVATAIRE_KINDS, type ReservataireKind } from "../domain/flux/schema";
import { formatCount } from "../domain/format";
import type { InventoryAggregates } from "../domain/inventory/aggregate";
import { builtInMeaning, normalizeCode } from "../domain/perimeter/register";
import { LINE_KINDS_OF_PARTY, mappingKey, type CodeMapping, type ReservataireRef } from "../domain/perimeter/reservataires";

/** How one code of a file is read. */
export interface CodeReading {
  /** mappingKey(departement, code). */
  key: string;
  departement: string;
  code: string;
  /** Rows of the file carrying it in that département. */
  rows: number;
  /** undefined: nobody knows yet; null: non réservé. */
  holder: ReservataireRef | null | undefined;
  source: "registre" | "rpls" | "inconnu";
  organisationName: string | null;
}

/** The codes of an inventory per département, with their row counts. */
export function codesOf(aggregates: InventoryAggregates): { departement: string; code: string; rows: number }[] {
  const counts = new Map<string, { departement: string; code: string; rows: number }>();
  for (const commune of Object.values(aggregates.communes))
    for (const cell of Object.values(commune.classes))
      for (const [code, n] of Object.entries(cell?.reserved ?? {})) {
        const key = mappingKey(commune.departement, code);
        const entry = counts.get(key) ?? { departement: commune.departement, code, rows: 0 };
        entry.rows += n;
        counts.set(key, entry);
      }
  return [...counts.values()].sort((a, b) => a.departement.localeCompare(b.departement) || a.code.localeCompare(b.code, "fr"));
}

/** Reads every code of an inventory: the register of its département first, then what RPLS's codes say by themselves. */
export async function readCodes(db: Db | DbTransaction, aggregates: InventoryAggregates): Promise<CodeReading[]> {
  return readCodeList(db, codesOf(aggregates));
}

/** Reads a list of codes per département (an inventory's, a décompte file's) the same way. */
export async function readCodeList(db: Db | DbTransaction, codes: readonly { departement: string; code: string; rows: number }[]): Promise<CodeReading[]> {
  if (codes.length === 0) return [];
  const departements = [...new Set(codes.map((c) => c.departement))];
  const registered = await db.select().from(reservataireCodes).where(inArray(reservataireCodes.departement, departements));
  const byKey = new Map(registered.map((r) => [mappingKey(r.departement, r.code), r]));
  const candidates = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, departement: organisations.departement })
    .from(organisations)
    .where(inArray(organisations.kind, ["prefet", "action_logement"]));
  const names = new Map(
    (await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, registered.flatMap((r) => (r.organisationId ? [r.organisationId] : []))))).map((o) => [o.id, o.name]),
  );
  for (const c of candidates) names.set(c.id, c.name);
  return codes.map(({ departement, code, rows }): CodeReading => {
    const key = mappingKey(departement, code);
    const entry = byKey.get(mappingKey(departement, normalizeCode(code)));
    if (entry) {
      const holder = entry.organisationId ? { organisationId: entry.organisationId, kind: entry.lineKind as ReservataireKind } : null;
      return { key, departement, code, rows, holder, source: "registre", organisationName: entry.organisationId ? (names.get(entry.organisationId) ?? null) : null };
    }
    const meaning = builtInMeaning(code);
    if (meaning && "nonReserve" in meaning) return { key, departement, code, rows, holder: null, source: "rpls", organisationName: null };
    if (meaning) {
      // The préfet of the département; Action Logement in the département, or the only one. Only one candidate decides:
      // with two, the bailleur says which (a wrong guess would put dwellings on someone else's line).
      const matches = candidates.filter((o) => o.kind === meaning.organisationKind);
      const local = matches.filter((o) => o.departement === departement);
      const found = local.length === 1 ? local[0] : local.length === 0 && meaning.organisationKind === "action_logement" && matches.length === 1 ? matches[0] : undefined;
      if (found) return { key, departement, code, rows, holder: { organisationId: found.id, kind: meaning.kind }, source: "rpls", organisationName: found.name };
    }
    return { key, departement, code, rows, holder: undefined, source: "inconnu", organisationName: null };
  });
}

/** The mapping of a set of readings; undefined holders (unknown codes) are left out. */
export function mappingOf(readings: readonly CodeReading[]): CodeMapping {
  const mapping: CodeMapping = {};
  for (const r of readings) if (r.holder !== undefined) mapping[r.key] = r.holder;
  return mapping;
}

/** A bailleur's answer for a code nobody could read: an organisation and its kind of rights, or non réservé. */
export const CodeDecisionSchema = z.union([
  z.null(),
  z.object({
    organisationId: z.string().min(1).max(64),
    kind: z.enum(RESERVATAIRE_KINDS, { message: "Le type de droits doit être l'un de : " + RESERVATAIRE_KINDS.join(", ") + "." }),
  }),
]);
export type CodeDecision = z.infer<typeof CodeDecisionSchema>;

/**
 * Checks the answers for the unknown codes (every one answered, each organisation existing and holding rights of
 * that kind) and returns the completed mapping, or French reasons naming the code.
 */
export async function applyDecisions(
  db: Db | DbTransaction,
  readings: readonly CodeReading[],
  decisions: Record<string, CodeDecision>,
): Promise<{ ok: true; mapping: CodeMapping; learned: { departement: string; code: string; holder: ReservataireRef | null }[] } | { ok: false; errors: { code: string; message: string }[] }> {
  const unknown = readings.filter((r) => r.holder === undefined);
  const ids = Object.values(decisions).flatMap((d) => (d ? [d.organisationId] : []));
  const orgs = new Map(
    (ids.length ? await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, ids)) : []).map((o) => [o.id, o]),
  );
  const errors: { code: string; message: string }[] = [];
  const learned: { departement: string; code: string; holder: ReservataireRef | null }[] = [];
  for (const r of unknown) {
    if (!(r.key in decisions)) {
      errors.push({ code: r.key, message: `Code « ${r.code} » (département ${r.departement}, ${formatCount(r.rows, "logement", "logements")}) : indiquez l'organisation réservataire qu'il désigne, ou « non réservé ».` });
      continue;
    }
    const decision = decisions[r.key];
    if (decision === null) {
      learned.push({ departement: r.departement, code: r.code, holder: null });
      continue;
    }
    const org = orgs.get(decision.organisationId);
    if (!org) errors.push({ code: r.key, message: `Code « ${r.code} » : l'organisation choisie n'existe pas dans l'annuaire.` });
    else if (!(LINE_KINDS_OF_PARTY[org.kind] ?? []).includes(decision.kind))
      errors.push({ code: r.key, message: `Code « ${r.code} » : ${org.name} ne détient pas de droits de ce type.` });
    else learned.push({ departement: r.departement, code: r.code, holder: decision });
  }
  if (errors.length > 0) return { ok: false, errors };
  const mapping = mappingOf(readings);
  for (const l of learned) mapping[mappingKey(l.departement, l.code)] = l.holder;
  return { ok: true, mapping, learned };
}

/** Records answers in the register of their département (a later import reads them from there). */
export async function learnCodes(tx: DbTransaction, learned: readonly { departement: string; code: string; holder: ReservataireRef | null }[], userId: string) {
  for (const l of learned) {
    const code = normalizeCode(l.code);
    await tx.delete(reservataireCodes).where(and(eq(reservataireCodes.departement, l.departement), eq(reservataireCodes.code, code)));
    await tx.insert(reservataireCodes).values({
      departement: l.departement,
      code,
      organisationId: l.holder?.organisationId ?? null,
      lineKind: l.holder?.kind ?? null,
      createdBy: userId,
    });
  }
}

/** Registers codes directly (the demo seed, an administrator): same rows as learned answers. */
export async function registerCodes(db: Db, departement: string, entries: Record<string, ReservataireRef | null>, userId: string | null = null) {
  await db.transaction(async (tx) => {
    for (const [code, holder] of Object.entries(entries)) {
      const normalized = normalizeCode(code);
      await tx.delete(reservataireCodes).where(and(eq(reservataireCodes.departement, departement), eq(reservataireCodes.code, normalized)));
      await tx.insert(reservataireCodes).values({ departement, code: normalized, organisationId: holder?.organisationId ?? null, lineKind: holder?.kind ?? null, createdBy: userId });
    }
  });
}
