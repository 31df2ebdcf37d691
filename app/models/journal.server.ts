// The convention's journal as people read it: each audit event with its French sentence and its changes (old → new),
// the ids it holds resolved to names. The API keeps each event's kind and details and adds the words.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations } from "../../db/schema";
import { parseReservataireKey } from "../domain/perimeter/reservataires";
import { describeAuditEvent, LINE_KIND_LABELS } from "../domain/vocabulary";
import { listAudit } from "./audit.server";

const keysOf = (value: unknown): string[] => (value && typeof value === "object" ? Object.keys(value) : []);

/**
 * The journal, oldest first. `titles` names the articles and flux tables of the current text (id → "Article 3 —
 * Titre"); an article removed since is named as such.
 */
export async function conventionJournal(db: Db, conventionId: string, titles: Record<string, string>) {
  const events = await listAudit(db, conventionId);
  const holderKeys = new Set<string>();
  const ids = new Set<string>();
  for (const { details } of events) {
    for (const field of ["organisation", "bailleur"]) if (typeof details[field] === "string") ids.add(details[field] as string);
    for (const side of [details.before, details.after] as Record<string, unknown>[]) {
      if (!side || typeof side !== "object") continue;
      for (const key of [...keysOf(side.shares), ...keysOf(side.droitsDeSuite)]) holderKeys.add(key);
    }
  }
  for (const key of holderKeys) {
    const ref = parseReservataireKey(key);
    if (ref) ids.add(ref.organisationId);
  }
  const names = ids.size > 0 ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...ids])) : [];
  const organisationNames = Object.fromEntries(names.map((o) => [o.id, o.name]));
  const holders: Record<string, string> = {};
  for (const key of holderKeys) {
    const ref = parseReservataireKey(key);
    if (ref) holders[key] = `${organisationNames[ref.organisationId] ?? "un réservataire"} (${LINE_KIND_LABELS[ref.kind] ?? "réservataire"})`;
  }
  const context = { articles: titles, organisations: organisationNames, holders };
  return events.map((event) => ({ ...event, ...describeAuditEvent(event, context) }));
}

export type JournalEntry = Awaited<ReturnType<typeof conventionJournal>>[number];
