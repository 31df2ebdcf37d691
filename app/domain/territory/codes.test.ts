import { describe, expect, it } from "vitest";
import { departementOfInseeCode, isDepartementCode, isInseeCode, isSiren } from "./codes";

describe("official code formats", () => {
  it("accepts the départements 01–95 (no 20), 2A, 2B and 971–976, nothing else", () => {
    const valid = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, "0")).filter((c) => c !== "20"), "2A", "2B", "971", "972", "973", "974", "975", "976"];
    for (const code of valid) expect(isDepartementCode(code), code).toBe(true);
    for (const code of ["00", "20", "96", "99", "970", "977", "984", "2C", "2a", "1", "031", ""]) expect(isDepartementCode(code), code).toBe(false);
  });

  it("INSEE codes have 5 characters, 2A/2B in Corsica; SIREN 9 digits", () => {
    for (const code of ["31069", "2A004", "2B033", "97411"]) expect(isInseeCode(code), code).toBe(true);
    for (const code of ["3106", "310690", "2C004", "2A04", "ABCDE"]) expect(isInseeCode(code), code).toBe(false);
    expect(isSiren("243100518")).toBe(true);
    expect(isSiren("24310051")).toBe(false);
    expect(isSiren("24310051X")).toBe(false);
  });

  it("reads the département from an INSEE code, three digits overseas", () => {
    expect(departementOfInseeCode("31069")).toBe("31");
    expect(departementOfInseeCode("97411")).toBe("974");
    expect(departementOfInseeCode("2A004")).toBe("2A");
  });
});
