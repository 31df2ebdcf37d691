import { describe, expect, it } from "vitest";
import { prefectoral } from "../../templates/prefectoral";
import { TemplateSchema } from "../domain/convention/template-schema";
import { exampleState } from "../domain/convention/test-fixtures";
import { annexFingerprint, type AnnexFingerprintInput } from "./annex-fingerprint.server";

const state = exampleState(TemplateSchema.parse(prefectoral));
const core = { meta: { ...state.meta, year: 2027 }, parties: state.parties, parameters: state.parameters, options: state.options, flux: state.flux };
const input: AnnexFingerprintInput = {
  conventionId: state.id,
  year: 2027,
  conventionFingerprint: "a".repeat(64),
  core,
  base: { source: "convention", year: 2026, core: { ...core, meta: state.meta } },
};

describe("annexFingerprint", () => {
  it("is a SHA-256 that ties the annex to its convention and its figures", () => {
    const print = annexFingerprint(input);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(annexFingerprint(structuredClone(input))).toBe(print);
    expect(annexFingerprint({ ...input, conventionFingerprint: "b".repeat(64) })).not.toBe(print);
    const moved = structuredClone(input);
    moved.core.flux!.bailleurs[0].terms.deductions = { mutations: 21, anru: 12, orcod: 0, lhi: 0, ventes: 0 };
    expect(annexFingerprint(moved)).not.toBe(print);
    expect(annexFingerprint({ ...input, base: { ...input.base, source: "annexe" } })).not.toBe(print);
  });

  it("leaves out the parties' portal roles, as the convention's fingerprint does", () => {
    const lowered = structuredClone(input);
    lowered.core.parties = lowered.core.parties.map((party) => ({ ...party, role: "lecture" as const }));
    expect(annexFingerprint(lowered)).toBe(annexFingerprint(input));
  });
});
