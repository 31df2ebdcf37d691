// What the API and the convention page show of an annual annex (docs/api.md, "Annexes annuelles du flux"): its status,
// the year's tables in the read API's shape, the year-over-year change, what is missing, the approvals per party and
// both fingerprints.
import { fluxView } from "../convention-api.server";
import { annexApprovalRows, deriveApprovals, type AnnexSnapshot } from "./annex-snapshot.server";

export async function annexView(db: Parameters<typeof annexApprovalRows>[0], snapshot: AnnexSnapshot) {
  const { row } = snapshot;
  const { approvals, missing } = row ? deriveApprovals(snapshot, await annexApprovalRows(db, row.id)) : { approvals: [], missing: snapshot.negotiators.map((p) => p.id) };
  const flux = fluxView(snapshot.state, snapshot.flux);
  return {
    conventionId: snapshot.subject.row.id,
    year: snapshot.year,
    status: snapshot.status,
    generatedAt: row?.createdAt.toISOString() ?? null,
    adoptedAt: row?.adoptedAt?.toISOString() ?? null,
    territory: snapshot.state.meta.territory,
    base: { source: snapshot.base.source, year: snapshot.base.year },
    fingerprint: snapshot.fingerprint.sha256,
    conventionFingerprint: snapshot.fingerprint.conventionFingerprint,
    hash: snapshot.hash,
    missing: snapshot.missing,
    tables: flux.tables,
    consolidated: flux.consolidated,
    comparison: snapshot.comparison,
    negotiators: snapshot.negotiators.map((party) => ({ id: party.id, name: party.name })),
    approvals,
    missingApprovals: row ? missing : [],
  };
}

export type AnnexView = Awaited<ReturnType<typeof annexView>>;
