import { describe, expect, it } from "vitest";

import { type CapInput, applyPrefetCaps } from "./caps";
import { formatRational } from "./decimal";
import { ratio } from "./rational";

const line = (id: string, kind: CapInput["kind"], share: string, negotiated = false): CapInput => ({
  id,
  kind,
  share: ratio(BigInt(Math.round(Number(share) * 10000)), 10000n),
  negotiated,
});

const shares = (outcome: ReturnType<typeof applyPrefetCaps>) => outcome.shares.map(formatRational);

describe("préfet caps", () => {
  it("leaves shares within the caps untouched, without warnings", () => {
    const outcome = applyPrefetCaps([line("pp", "prefet_prioritaires", "0.205"), line("pf", "prefet_fonctionnaires", "0.045")]);
    expect(shares(outcome)).toEqual(["0.205", "0.045"]);
    expect(outcome.capped).toEqual([false, false]);
    expect(outcome.warnings).toEqual([]);
  });

  it("caps fonctionnaires at 5 % first, then prioritaires at what remains of 30 %", () => {
    const outcome = applyPrefetCaps([
      line("pp", "prefet_prioritaires", "0.28"),
      line("pf", "prefet_fonctionnaires", "0.08"),
      line("al", "action_logement", "0.3"),
    ]);
    expect(shares(outcome)).toEqual(["0.25", "0.05", "0.3"]);
    expect(outcome.capped).toEqual([true, true, false]);
    expect(outcome.warnings.map((warning) => warning.code)).toEqual([
      "PLAFOND_FONCTIONNAIRES_APPLIQUE",
      "PLAFOND_PREFET_APPLIQUE",
    ]);
    expect(outcome.warnings[0].message).toContain("8 % demandés, ramenés au plafond légal de 5 %");
  });

  it("does not cap prioritaires when fonctionnaires are capped but the total fits", () => {
    const outcome = applyPrefetCaps([line("pp", "prefet_prioritaires", "0.2"), line("pf", "prefet_fonctionnaires", "0.07")]);
    expect(shares(outcome)).toEqual(["0.2", "0.05"]);
    expect(outcome.capped).toEqual([false, true]);
  });

  it("reduces several lines of the same kind proportionally", () => {
    const outcome = applyPrefetCaps([
      line("pf1", "prefet_fonctionnaires", "0.06"),
      line("pf2", "prefet_fonctionnaires", "0.02"),
      line("pp1", "prefet_prioritaires", "0.2"),
      line("pp2", "prefet_prioritaires", "0.1"),
    ]);
    // 5 % split 3:1; prioritaires 30 % → 25 % split 2:1
    expect(shares(outcome)).toEqual(["0.0375", "0.0125", "0.1666666666666666666666667", "0.08333333333333333333333333"]);
  });

  it("warns separately when a negotiated préfet share exceeds the legal cap", () => {
    const outcome = applyPrefetCaps([line("pf", "prefet_fonctionnaires", "0.06", true)]);
    expect(outcome.warnings.map((warning) => warning.code)).toEqual([
      "PLAFOND_FONCTIONNAIRES_APPLIQUE",
      "PLAFOND_PREFET_PART_NEGOCIEE",
    ]);
    expect(outcome.warnings[1].lineIds).toEqual(["pf"]);
  });
});
