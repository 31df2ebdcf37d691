import { describe, expect, it } from "vitest";

import { FLUX_COMPUTATION_CODES, FLUX_VALIDATION_CODES, FLUX_WARNING_CODES, fluxMessages } from "./messages";

describe("flux message catalogue", () => {
  const codes = [...FLUX_VALIDATION_CODES, ...FLUX_COMPUTATION_CODES, ...FLUX_WARNING_CODES];

  it("has one French message builder per code, and no builder without a code", () => {
    expect(Object.keys(fluxMessages).sort()).toEqual([...codes].sort());
  });

  it.each(codes)("%s builds a French sentence", (code) => {
    const build = fluxMessages[code] as (...args: unknown[]) => string;
    // Warnings about lines (caps, collectivités) take the line ids first; every other builder takes a path or a figure first.
    const aboutLines = code.startsWith("PLAFOND_") || code === "COLLECTIVITE_AU_DELA_DES_GARANTIES";
    const message = aboutLines ? build(["pf"], "8", "5") : build("reservataires[0].share", "8", 2026);
    expect(message.length).toBeGreaterThan(20);
    expect(message).toMatch(/[a-zàâçéèêëîïôûù]{3,}/);
    expect(message).not.toMatch(/undefined|\[object/);
  });
});
