// The fingerprint of an annual flux annex: SHA-256 of a canonical JSON of everything its DOCX prints — the year's flux
// inputs and the base it is compared with, the parties as printed, the convention's options and place of signature —
// and of the fingerprint of the convention it belongs to, so that the annex is tied to that convention's exact
// content (docs/decisions/0014-annual-flux-annex.md). Like the convention's, it leaves out the status and the roles.
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/convention/articles";
import type { ConventionState } from "../domain/convention/state";

/** Bumped when what the fingerprint covers changes, so that two formats never give equal hashes by accident. */
export const ANNEX_FINGERPRINT_FORMAT = "conflux-annexe-v1";

type Core = Pick<ConventionState, "meta" | "parties" | "parameters" | "options" | "flux">;

export interface AnnexFingerprintInput {
  conventionId: string;
  year: number;
  conventionFingerprint: string;
  core: Core;
  base: { source: "convention" | "annexe"; year: number; core: Core };
}

const printedParties = (parties: Core["parties"]) =>
  parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind, pilot: party.pilot ?? false, signatory: party.signatory ?? null }));

const printed = (core: Core) => ({ meta: core.meta, parties: printedParties(core.parties), parameters: core.parameters, options: core.options, flux: core.flux });

/** SHA-256 (64 hex digits) of the annex's printed content. */
export function annexFingerprint(input: AnnexFingerprintInput): string {
  const content = {
    format: ANNEX_FINGERPRINT_FORMAT,
    conventionId: input.conventionId,
    year: input.year,
    conventionFingerprint: input.conventionFingerprint,
    annexe: printed(input.core),
    base: { source: input.base.source, year: input.base.year, ...printed(input.base.core) },
  };
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}
