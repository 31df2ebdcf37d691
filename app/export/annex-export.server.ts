// Exporting an annual annex to Word: its snapshot (frozen once adopted), its approvals, the DOCX, and the export in the
// convention's audit trail with both fingerprints. The route only guards and answers.
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "../lib/session.server";
import { annexApprovalRows, annexSnapshot, annexSubject, deriveApprovals, refuseAnnex, requireAnnexYear } from "../models/annex/annex-snapshot.server";
import { recordAudit } from "../models/audit.server";
import type { ConventionAccess } from "../models/convention.server";
import { buildAnnexDocx } from "./annex-docx.server";
import { asciiFileName } from "./export.server";

export interface AnnexExport {
  bytes: Buffer;
  fingerprint: string;
  conventionFingerprint: string;
  fileName: string;
  displayName: string;
}

/** The DOCX of a generated annex; 404 before it is generated, 409 while its figures cannot be computed. */
export async function exportAnnexDocx(context: AppLoadContext, access: ConventionAccess, user: SessionUser, year: number): Promise<AnnexExport> {
  const deps = { db: context.db, collab: context.collab };
  const subject = await annexSubject(deps, access.convention.id);
  requireAnnexYear(subject, year);
  const snapshot = await annexSnapshot(context.db, subject, year);
  const row = snapshot.row;
  if (!row) refuseAnnex(404, "ANNEXE_NON_GENEREE", [year]);
  if (snapshot.missing.length > 0) refuseAnnex(409, "ANNEXE_NON_CALCULEE", [year], { missing: snapshot.missing });
  const { approvals } = deriveApprovals(snapshot, await annexApprovalRows(context.db, row.id));
  // An adopted annex carries its adoption's date, so that its bytes never change; before, its generation's.
  const bytes = await buildAnnexDocx({ snapshot, approvals, timestamp: row.adoptedAt ?? row.createdAt });
  const fingerprint = snapshot.fingerprint.sha256;
  const conventionFingerprint = snapshot.fingerprint.conventionFingerprint;
  await recordAudit(context.db, {
    conventionId: subject.row.id,
    organisationId: user.organisationId,
    userId: user.id,
    kind: "annexe",
    details: { action: "annexe_exportee", annee: year, format: "docx", fingerprint, conventionFingerprint },
  });
  const base = `Annexe annuelle ${year} - ${subject.state.meta.title}`;
  return {
    bytes,
    fingerprint,
    conventionFingerprint,
    fileName: `${asciiFileName(base)}-${fingerprint.slice(0, 12)}.docx`,
    displayName: `${base.replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ").trim()} - ${fingerprint.slice(0, 12)}.docx`,
  };
}
