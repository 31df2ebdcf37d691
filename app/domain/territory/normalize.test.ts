import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactName, normalizeName } from "./normalize";

describe("normalizeName", () => {
  it("ignores accents, case, hyphens, apostrophes and ligatures; expands St/Ste", () => {
    expect(normalizeName("Saint-Orens-de-Gameville")).toBe("saint orens de gameville");
    expect(normalizeName("  ST ORENS ")).toBe("saint orens");
    expect(normalizeName("Ste-Foy-lès-Lyon")).toBe("sainte foy les lyon");
    expect(normalizeName("L'Union")).toBe("l union");
    expect(normalizeName("Cœuvres-et-Valsery")).toBe("coeuvres et valsery");
    expect(normalizeName("Île-de-Sein")).toBe("ile de sein");
    expect(normalizeName("CA du Grand Avignon (COGA)")).toBe("ca du grand avignon coga");
    // "st" inside a word is not an abbreviation.
    expect(normalizeName("Stenay")).toBe("stenay");
    expect(compactName(normalizeName("L'Union"))).toBe("lunion");
  });

  it("is idempotent and yields only lower-case letters, digits and single spaces", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        const once = normalizeName(text);
        expect(normalizeName(once)).toBe(once);
        expect(once).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
      { seed: 20_260_101, numRuns: 500 },
    );
  });
});
