import { asc, eq } from "drizzle-orm";
import type { Db, DbTransaction } from "../../db/client";
import { auditEvents, organisations, users } from "../../db/schema";
import type { AuditKindCode } from "../domain/vocabulary/labels";

/** Kinds of journal events; their French words are in app/domain/vocabulary (AUDIT_KIND_LABELS). */
export type AuditKind = AuditKindCode;

export interface AuditInput {
  conventionId: string;
  organisationId: string | null;
  userId: string | null;
  kind: AuditKind;
  details: Record<string, unknown>;
}

/**
 * Appends one event to a convention's audit trail (there is no update nor delete counterpart, on purpose). Pass the
 * transaction of the write it records, so that the write and its audit row commit or roll back together.
 */
export async function recordAudit(db: Db | DbTransaction, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Appends several events in one statement (the relay's journal of edits writes a window at a time). */
export async function recordAuditEvents(db: Db | DbTransaction, events: AuditInput[]): Promise<void> {
  if (events.length > 0) await db.insert(auditEvents).values(events);
}

/** The convention's audit trail, oldest first, with the names of who acted. */
export async function listAudit(db: Db, conventionId: string) {
  const rows = await db
    .select({
      id: auditEvents.id,
      kind: auditEvents.kind,
      details: auditEvents.details,
      at: auditEvents.createdAt,
      user: users.name,
      organisation: organisations.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.organisationId))
    .where(eq(auditEvents.conventionId, conventionId))
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details as Record<string, unknown> }));
}
