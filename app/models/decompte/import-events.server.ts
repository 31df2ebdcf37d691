// A bailleur imports its events of a year (docs/domain.md, « Le décompte des attributions »): the file is read off
// the server's thread, every event's dwelling is found in the bailleur's current état des lieux of that year, codes
// are read as that état des lieux read them (then through the register), and the events are stored in one
// transaction with the audit of every convention they reach — or nothing is stored at all.
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { bulkInsert } from "../../../db/bulk-insert";
import type { Db } from "../../../db/client";
import { decompteEvents, decompteImports, inventoryDwellings } from "../../../db/schema";
import { completeEvents, type CompletedEvent, type DwellingFacts } from "../../domain/decompte/complete";
import { RPLS_LOOKUP_CHUNK } from "../../domain/decompte/limits";
import { decompteMessages, type DecompteIssue } from "../../domain/decompte/messages";
import type { Financement, Typologie } from "../../domain/inventory/cells";
import { mappingKey, type CodeMapping, type ReservataireRef } from "../../domain/perimeter/reservataires";
import { auditInConventions, conventionsUsingInventory, currentImport } from "../inventory.server";
import { parseDecompteOffThread } from "../inventory-parse.server";
import { applyDecisions, learnCodes, mappingOf, readCodeList, type CodeDecision } from "../register.server";

export interface DecompteImportSummary {
  id: string;
  year: number;
  fileName: string;
  rows: number;
  inventoryImportId: string;
  /** Events per kind of event. */
  events: Record<string, number>;
  /** How each code of the file was read. */
  codes: { key: string; departement: string; code: string; rows: number; holder: ReservataireRef | null }[];
  warnings: string[];
}

export type DecompteImportOutcome =
  | { ok: true; summary: DecompteImportSummary }
  | { ok: false; kind: "invalid"; issues: DecompteIssue[]; errorCount: number }
  | { ok: false; kind: "codes"; unknownCodes: { code: string; message: string }[] };

/** The état des lieux' facts of the dwellings named, read in chunks. */
async function dwellingFacts(db: Db, inventoryImportId: string, rpls: readonly string[]): Promise<Map<string, DwellingFacts>> {
  const facts = new Map<string, DwellingFacts>();
  for (let i = 0; i < rpls.length; i += RPLS_LOOKUP_CHUNK) {
    const rows = await db
      .select({
        rpls: inventoryDwellings.rpls,
        departement: inventoryDwellings.departement,
        commune: inventoryDwellings.commune,
        qpv: inventoryDwellings.qpv,
        typologie: inventoryDwellings.typologie,
        financement: inventoryDwellings.financement,
      })
      .from(inventoryDwellings)
      .where(and(eq(inventoryDwellings.importId, inventoryImportId), inArray(inventoryDwellings.rpls, rpls.slice(i, i + RPLS_LOOKUP_CHUNK))));
    for (const row of rows) facts.set(row.rpls, { ...row, typologie: row.typologie as Typologie, financement: row.financement as Financement });
  }
  return facts;
}

function codesOfEvents(events: readonly CompletedEvent[]) {
  const counts = new Map<string, { departement: string; code: string; rows: number }>();
  for (const e of events) {
    if (e.reservataire === null) continue;
    const key = mappingKey(e.departement, e.reservataire);
    const entry = counts.get(key) ?? { departement: e.departement, code: e.reservataire, rows: 0 };
    entry.rows++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.departement.localeCompare(b.departement) || a.code.localeCompare(b.code, "fr"));
}

/** Imports a year's events for a bailleur, all or nothing. */
export async function importDecompteEvents(
  db: Db,
  input: { organisationId: string; userId: string; year: number; fileName: string; bytes: Uint8Array; decisions: Record<string, CodeDecision> },
): Promise<DecompteImportOutcome> {
  const parsed = await parseDecompteOffThread(input.bytes, input.fileName);
  if (!parsed.ok) return { ok: false, kind: "invalid", issues: parsed.issues, errorCount: parsed.errorCount };
  const inventory = await currentImport(db, input.organisationId, input.year);
  if (!inventory) {
    return { ok: false, kind: "invalid", issues: [{ code: "DECOMPTE_SANS_ETAT_DES_LIEUX", message: decompteMessages.DECOMPTE_SANS_ETAT_DES_LIEUX(input.year) }], errorCount: 1 };
  }
  const facts = await dwellingFacts(db, inventory.id, [...new Set(parsed.rows.map((r) => r.rpls))]);
  const completed = completeEvents(parsed.rows, parsed.header, input.year, facts);
  if (!completed.ok) return { ok: false, kind: "invalid", issues: completed.issues, errorCount: completed.errorCount };

  // A code means here what it meant in the état des lieux the objectives were computed from; codes it does not
  // carry are read through the register, and the bailleur answers for those nobody knows.
  const codes = codesOfEvents(completed.events);
  const frozen: CodeMapping = inventory.mapping ?? {};
  const readings = (await readCodeList(db, codes.filter((c) => !(mappingKey(c.departement, c.code) in frozen)))).filter((r) => !(r.key in frozen));
  const decided = await applyDecisions(db, readings, input.decisions);
  if (!decided.ok) return { ok: false, kind: "codes", unknownCodes: decided.errors };
  const mapping: CodeMapping = { ...mappingOf(readings), ...decided.mapping, ...frozen };

  const id = randomUUID();
  const counts: Record<string, number> = {};
  for (const e of completed.events) counts[e.event] = (counts[e.event] ?? 0) + 1;
  await db.transaction(async (tx) => {
    await learnCodes(tx, decided.learned, input.userId);
    await tx.insert(decompteImports).values({
      id,
      organisationId: input.organisationId,
      year: input.year,
      fileName: input.fileName,
      importedBy: input.userId,
      rowCount: completed.events.length,
      inventoryImportId: inventory.id,
    });
    // One array per column, 2 000 events per statement (db/bulk-insert.ts).
    await bulkInsert(
      tx,
      decompteEvents,
      completed.events.map((e) => {
        const holder = e.reservataire === null ? null : (mapping[mappingKey(e.departement, e.reservataire)] ?? null);
        return {
          importId: id,
          line: e.line,
          rpls: e.rpls,
          code: e.reservataire,
          departement: e.departement,
          holderOrganisationId: holder?.organisationId ?? null,
          holderKind: holder?.kind ?? null,
          date: e.date,
          event: e.event,
          motif: e.motif,
          adaptee: e.adaptee,
          prioritaire: e.prioritaire,
          dalo: e.dalo,
          premierQuartile: e.premierQuartile,
          commune: e.commune,
          qpv: e.qpv,
          typologie: e.typologie,
          financement: e.financement,
        };
      }),
    );
    const reached = (await conventionsUsingInventory(tx, input.organisationId, input.year)).map((c) => c.id);
    await auditInConventions(tx, reached, input, "decompte", { action: "evenements_importes", import: id, fileName: input.fileName, year: input.year, rows: completed.events.length });
  });
  return {
    ok: true,
    summary: {
      id,
      year: input.year,
      fileName: input.fileName,
      rows: completed.events.length,
      inventoryImportId: inventory.id,
      events: counts,
      codes: codes.map((c) => {
        const key = mappingKey(c.departement, c.code);
        return { key, ...c, holder: mapping[key] ?? null };
      }),
      warnings: parsed.warnings.map((w) => w.message),
    },
  };
}
