import { describe, expect, it } from "vitest";
import { transitionRefusal, type Readiness } from "./status";

const ready: Readiness = { missingApprovals: [], optionsWithoutConsensus: [] };
const base = { role: "edition" as const, isPilot: false, readiness: ready };

describe("transitionRefusal", () => {
  it.each([
    [{ from: "brouillon", to: "en_negociation" }, null],
    [{ from: "brouillon", to: "prete_pour_signature" }, "STATUS_TRANSITION_REFUSED"],
    [{ from: "en_negociation", to: "en_negociation" }, "STATUS_SAME"],
    [{ from: "en_negociation", to: "prete_pour_signature", readiness: { ...ready, missingApprovals: [{ article: "a", party: "p" }] } }, "STATUS_APPROVALS_MISSING"],
    [{ from: "en_negociation", to: "prete_pour_signature", readiness: { ...ready, optionsWithoutConsensus: ["o"] } }, "STATUS_CONSENSUS_MISSING"],
    [
      {
        from: "en_negociation",
        to: "prete_pour_signature",
        readiness: { ...ready, incompleteSignatureBlocks: [{ party: "p", partyName: "DDETS", missing: [{ field: "signatory.name", label: "nom du signataire" }] }] },
      },
      "STATUS_SIGNATURE_BLOCKS_INCOMPLETE",
    ],
    [{ from: "en_negociation", to: "prete_pour_signature", readiness: { ...ready, incompleteSignatureBlocks: [] } }, null],
    [{ from: "en_negociation", to: "prete_pour_signature" }, null],
    [{ from: "en_negociation", to: "prete_pour_signature", role: "commentaire" }, "STATUS_ROLE_REFUSED"],
    [{ from: "prete_pour_signature", to: "signee", signatureDate: "2026-03-01" }, "STATUS_PILOT_ONLY"],
    [{ from: "prete_pour_signature", to: "signee", isPilot: true }, "STATUS_SIGNATURE_DATE_REQUIRED"],
    [{ from: "prete_pour_signature", to: "signee", isPilot: true, signatureDate: "2026-03-01" }, null],
    [{ from: "en_negociation", to: "signee", isPilot: true, signatureDate: "2026-03-01" }, "STATUS_TRANSITION_REFUSED"],
    [{ from: "signee", to: "en_negociation", isPilot: true }, "STATUS_TRANSITION_REFUSED"],
  ] as const)("%j → %s", (input, expected) => {
    expect(transitionRefusal({ ...base, ...input } as Parameters<typeof transitionRefusal>[0])).toBe(expected);
  });
});
