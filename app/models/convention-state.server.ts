import { eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, DbTransaction } from "../../db/client";
import { conventionSignatureBlocks, conventionSignatures, conventions, organisationLegalIdentities } from "../../db/schema";
import { bodyAsJSON } from "../collab/document.server";
import type { CollabService } from "../collab/service";
import { readClientData, readServerMirror, type DataIssue } from "../collab/state";
import type { ConventionState, PartyInfo } from "../domain/convention/state";
import { isState, type LegalFormCode } from "../domain/legal/forms";
import type { LegalIdentity } from "../domain/legal/identity";
import { loadServerData } from "./convention-data.server";
import type { FluxInputsOptions } from "./flux-inputs.server";
import { listParties } from "./convention.server";

/**
 * The parties as the convention's state describes them: role, pilot flag, and, as each party entered them in its
 * signature block, its legal identity and its signatory (docs/decisions/0602-legal-persons-and-signature-blocks.md).
 * A party that has not filled in its block has no signatory: the document prints dotted blanks in its place.
 */
export async function conventionParties(db: Db | DbTransaction, conventionId: string): Promise<PartyInfo[]> {
  const [convention] = await db
    .select({ pilot: conventions.pilotOrganisationId })
    .from(conventions)
    .where(eq(conventions.id, conventionId));
  const parties = await listParties(db, conventionId);
  const ids = parties.map((p) => p.id);
  const [identities, blocks] = ids.length
    ? await Promise.all([
        db.select().from(organisationLegalIdentities).where(inArray(organisationLegalIdentities.organisationId, ids)),
        db.select().from(conventionSignatureBlocks).where(eq(conventionSignatureBlocks.conventionId, conventionId)),
      ])
    : [[], []];
  return parties.map((p) => {
    const identity = isState(p.kind) ? undefined : identities.find((row) => row.organisationId === p.id);
    const block = blocks.find((row) => row.organisationId === p.id);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      role: p.role,
      ...(p.status === "invitee" ? { status: "invitee" as const } : {}),
      ...(convention?.pilot === p.id ? { pilot: true } : {}),
      ...(block ? { signatory: signatoryOf(block) } : {}),
      ...(identity ? { legal: legalOf(identity) } : {}),
    };
  });
}

function signatoryOf(block: typeof conventionSignatureBlocks.$inferSelect): NonNullable<PartyInfo["signatory"]> {
  const act = { ...(block.actNumber ? { number: block.actNumber } : {}), ...(block.actDate ? { date: block.actDate } : {}) };
  return {
    name: block.name ?? "",
    ...(block.title ? { title: block.title } : {}),
    ...(block.civility === "M." || block.civility === "Mme" ? { civility: block.civility } : {}),
    ...(block.delegation ? { delegation: true } : {}),
    ...(Object.keys(act).length > 0 ? { act } : {}),
  };
}

function legalOf(row: typeof organisationLegalIdentities.$inferSelect): LegalIdentity {
  return {
    name: row.legalName,
    form: row.legalForm as LegalFormCode,
    ...(row.siren ? { siren: row.siren } : {}),
    ...(row.address ? { address: row.address } : {}),
  };
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
