// The fingerprint that ties a printed convention to its content: SHA-256 of a canonical JSON of everything the
// document prints, and nothing the portal keeps for itself. Docs: ADR 0301 and docs/api.md ("Export DOCX").
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/convention/articles";
import type { ConventionState } from "../domain/convention/state";

/** Bumped when what the fingerprint covers changes, so that two formats can never give equal hashes by accident. */
export const FINGERPRINT_FORMAT = "conflux-convention-v3";

/**
 * What the fingerprint covers: the convention id, meta (template and its version, title, territory, dates, place),
 * the parties as printed (id, name, kind, pilot flag, signatory with what empowers them, legal identity, contact — not
 * their portal role), the negotiated
 * parameters and options, the flux inputs (each bailleur's import, its counts on the territory, rotation data and
 * negotiated terms, which the tables and annexes print) and the body as ProseMirror JSON. The status is left out: a version keeps its fingerprint when it becomes
 * "signée", and only the PROJET mention changes.
 */
export function fingerprintContent(state: ConventionState): unknown {
  return {
    format: FINGERPRINT_FORMAT,
    id: state.id,
    meta: state.meta,
    parties: state.parties.map((party) => ({
      id: party.id,
      name: party.name,
      kind: party.kind,
      pilot: party.pilot ?? false,
      signatory: party.signatory ?? null,
      legal: party.legal ?? null,
      contact: party.contact ?? null,
    })),
    parameters: state.parameters,
    options: state.options,
    flux: state.flux,
    body: state.body,
  };
}

export interface ConventionFingerprint {
  /** 64 lowercase hex digits. */
  sha256: string;
  /** The first 12 hex digits, printed in the footer. */
  short: string;
}

/** SHA-256 of canonicalJson(fingerprintContent(state)). */
export function conventionFingerprint(state: ConventionState): ConventionFingerprint {
  const sha256 = createHash("sha256").update(canonicalJson(fingerprintContent(state)), "utf8").digest("hex");
  return { sha256, short: sha256.slice(0, 12) };
}
