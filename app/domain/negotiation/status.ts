// The convention's status machine and its guards. Pure: the route asks, the server function enforces.
import type { ConventionStatus } from "../../lib/status";
import type { Role } from "../../lib/roles";

/** Allowed moves: forward through the negotiation, and back from "prête pour signature" when something must change. */
export const TRANSITIONS: Record<ConventionStatus, ConventionStatus[]> = {
  brouillon: ["en_negociation"],
  en_negociation: ["brouillon", "prete_pour_signature"],
  prete_pour_signature: ["en_negociation", "signee"],
  signee: [],
};

export interface Readiness {
  /** Articles × parties without a current approval. */
  missingApprovals: { article: string; party: string }[];
  /** Negotiable options not in consensus. */
  optionsWithoutConsensus: string[];
  /**
   * Parties whose signature block misses a field (docs/decisions/0602-legal-persons-and-signature-blocks.md), with
   * what is missing. Optional so that a readiness built without parties (a test, a convention without a document)
   * reads as "nothing missing".
   */
  incompleteSignatureBlocks?: { party: string; partyName: string; missing: { field: string; label: string }[] }[];
}

export type TransitionRefusal =
  | "STATUS_SAME"
  | "STATUS_TRANSITION_REFUSED"
  | "STATUS_ROLE_REFUSED"
  | "STATUS_PILOT_ONLY"
  | "STATUS_SIGNATURE_DATE_REQUIRED"
  | "STATUS_APPROVALS_MISSING"
  | "STATUS_CONSENSUS_MISSING"
  | "STATUS_SIGNATURE_BLOCKS_INCOMPLETE";

/** Why the move from `from` to `to` is refused, or null when it is allowed. */
export function transitionRefusal(input: {
  from: ConventionStatus;
  to: ConventionStatus;
  role: Role;
  isPilot: boolean;
  signatureDate?: string | null;
  readiness: Readiness;
}): TransitionRefusal | null {
  const { from, to, role, isPilot, signatureDate, readiness } = input;
  if (from === to) return "STATUS_SAME";
  if (!TRANSITIONS[from].includes(to)) return "STATUS_TRANSITION_REFUSED";
  if (role !== "edition") return "STATUS_ROLE_REFUSED";
  if (to === "signee") {
    if (!isPilot) return "STATUS_PILOT_ONLY";
    if (!signatureDate) return "STATUS_SIGNATURE_DATE_REQUIRED";
  }
  if (to === "prete_pour_signature") {
    if (readiness.missingApprovals.length > 0) return "STATUS_APPROVALS_MISSING";
    if (readiness.optionsWithoutConsensus.length > 0) return "STATUS_CONSENSUS_MISSING";
    if ((readiness.incompleteSignatureBlocks ?? []).length > 0) return "STATUS_SIGNATURE_BLOCKS_INCOMPLETE";
  }
  return null;
}
