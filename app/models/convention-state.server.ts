import { asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, DbTransaction } from "../../db/client";
import { conventionSignatures, conventions, users } from "../../db/schema";
import { bodyAsJSON } from "../collab/document.server";
import type { CollabService } from "../collab/service";
import { readClientData, readServerMirror, type DataIssue } from "../collab/state";
import type { ConventionState, PartyInfo } from "../domain/convention/state";
import { loadServerData } from "./convention-data.server";
import type { FluxInputsOptions } from "./flux-inputs.server";
import { listParties } from "./convention.server";

/** The parties as the convention's state describes them: role, pilot flag, and a signatory (the first member). */
export async function conventionParties(db: Db | DbTransaction, conventionId: string): Promise<PartyInfo[]> {
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
      ...(p.status === "invitee" ? { status: "invitee" as const } : {}),
      ...(convention?.pilot === p.id ? { pilot: true } : {}),
      ...(signatory ? { signatory: { name: signatory.name, ...(signatory.title ? { title: signatory.title } : {}) } } : {}),
    };
  });
}

/**
 * Assembles a convention's whole state: the data clients write from its Yjs document (or from a given one, e.g. a
 * version), the server-owned data from the database — or, for a signed convention, both from its signature, so that
 * nothing done afterwards moves what was signed. A given document (a version) brings the server data it mirrored then.
 */
export async function loadConventionState(
  db: Db,
  collab: CollabService,
  conventionId: string,
  doc?: Y.Doc,
  options: FluxInputsOptions = {},
): Promise<{ state: ConventionState | null; issues: DataIssue[] }> {
  const server = await loadServerData(db, conventionId, options);
  if (!server) return { state: null, issues: [{ path: "convention", message: "introuvable" }] };
  let source = doc;
  let owned = false;
  if (!source && server.signed) {
    const [signature] = await db.select({ snapshot: conventionSignatures.snapshot }).from(conventionSignatures).where(eq(conventionSignatures.conventionId, conventionId));
    source = new Y.Doc();
    owned = true;
    Y.applyUpdate(source, signature.snapshot);
  }
  if (!source) {
    source = await collab.readDocument(conventionId);
    owned = true;
  }
  try {
    const { data, issues } = readClientData(source);
    if (!data) return { state: null, issues };
    const mirror = doc ? readServerMirror(doc) : {};
    const state: ConventionState = {
      id: conventionId,
      ...data,
      meta: mirror.meta ?? server.meta,
      parties: mirror.parties ?? server.parties,
      flux: mirror.flux !== undefined && mirror.meta ? mirror.flux : server.flux,
      body: bodyAsJSON(source),
    };
    return { state, issues };
  } finally {
    if (owned) source.destroy();
  }
}
