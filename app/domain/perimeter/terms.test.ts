import { describe, expect, it } from "vitest";
import { applyTermsChanges } from "./terms";

describe("applyTermsChanges", () => {
  const current = {
    deductions: { mutations: 3, anru: 1, orcod: 0, lhi: 0, ventes: 0 },
    shares: { "action_logement:al": "0.3", "prefet_prioritaires:p": "0.25" },
    droitsDeSuite: { "action_logement:al": { programmes: [{ id: "P1", droitsDeSuite: 40, end: "2030-12-31" }] } },
  };

  it("replaces what is given, removes what is set to null, keeps the rest", () => {
    expect(applyTermsChanges(current, { shares: { "action_logement:al": null, "commune:c": "0.05" } })).toEqual({
      deductions: current.deductions,
      shares: { "prefet_prioritaires:p": "0.25", "commune:c": "0.05" },
      droitsDeSuite: current.droitsDeSuite,
    });
    const deductions = { mutations: 9, anru: 0, orcod: 0, lhi: 0, ventes: 2 };
    expect(applyTermsChanges(current, { deductions, droitsDeSuite: { "action_logement:al": null } })).toEqual({ deductions, shares: current.shares, droitsDeSuite: {} });
  });

  it("never changes the terms it is given", () => {
    const copy = structuredClone(current);
    applyTermsChanges(current, { shares: { "action_logement:al": null } });
    expect(current).toEqual(copy);
  });
});
