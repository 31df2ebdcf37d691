import { asc, eq, inArray } from "drizzle-orm";
import type * as Y from "yjs";
import type { Db } from "../../db/client";
import { conventions, users } from "../../db/schema";
import { bodyAsJSON } from "../collab/document.server";
import type { CollabService } from "../collab/service";
import { readConventionData, type DataIssue } from "../collab/state";
import type { ConventionState, PartyInfo } from "../domain/convention/state";
import { listParties } from "./convention.server";

/** The parties as the convention's state describes them: role, pilot flag, and a signatory (the first member). */
export async function conventionParties(db: Db, conventionId: string): Promise<PartyInfo[]> {
  const [convention] = await db
    .select({ pilot: conventions.pilotOrganisationId })
    .from(conventions)
    .where(eq(conventions.id, conventionId));
  const parties = await listParties(db, conventionId);
  const members = parties.length
    ? await db
        .select({ organisationId: users.organisationId, name: users.name, title: users.title })
        .from(users)
        .where(inArray(users.organisationId, parties.map((p) => p.id)))
        .orderBy(asc(users.createdAt))
    : [];
  return parties.map((p) => {
    const signatory = members.find((m) => m.organisationId === p.id);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      role: p.role,
      ...(convention?.pilot === p.id ? { pilot: true } : {}),
      ...(signatory ? { signatory: { name: signatory.name, ...(signatory.title ? { title: signatory.title } : {}) } } : {}),
    };
  });
}

/** Assembles a convention's whole state from its Yjs document (or a given one, e.g. a version) and its parties. */
export async function loadConventionState(
  db: Db,
  collab: CollabService,
  conventionId: string,
  doc?: Y.Doc,
): Promise<{ state: ConventionState | null; issues: DataIssue[] }> {
  const source = doc ?? (await collab.readDocument(conventionId));
  try {
    const { data, issues } = readConventionData(source);
    if (!data) return { state: null, issues };
    const parties = await conventionParties(db, conventionId);
    return { state: { id: conventionId, parties, ...data, body: bodyAsJSON(source) }, issues };
  } finally {
    if (!doc) source.destroy();
  }
}
