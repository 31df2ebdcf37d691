import { describe, expect, it } from "vitest";
import { currentPositions, optionConsensus, positionNeedsReview, type PositionRecord } from "./positions";

const at = (option: string, party: string, position: PositionRecord["position"], choice = "mixte"): PositionRecord => ({
  option,
  party,
  position,
  reason: "r",
  condition: null,
  optionValue: { choice },
  author: "x",
  at: "2026-01-01T00:00:00Z",
});

describe("positions", () => {
  it("keeps the latest position per option and party", () => {
    const current = currentPositions([at("o", "a", "d_accord"), at("o", "a", "pas_d_accord"), at("o", "b", "abstention")]);
    expect([...current.values()].map((p) => [p.party, p.position])).toEqual([
      ["a", "pas_d_accord"],
      ["b", "abstention"],
    ]);
  });

  it("is à revoir when the option's value changed, whatever the key order", () => {
    expect(positionNeedsReview({ optionValue: { choice: "mixte", params: { r: "0.3" } } }, { params: { r: "0.3" }, choice: "mixte" })).toBe(false);
    expect(positionNeedsReview({ optionValue: { choice: "mixte" } }, { choice: "directe" })).toBe(true);
  });

  it.each([
    [["d_accord", "sous_conditions", "abstention"], "mixte", "consensus"],
    [["d_accord", "pas_d_accord", "d_accord"], "mixte", "desaccord"],
    [["d_accord", "d_accord"], "mixte", "en_attente"],
    [["d_accord", "d_accord", "d_accord"], "directe", "en_attente"],
  ] as const)("%j on %s → %s", (positions, value, expected) => {
    const parties = ["a", "b", "c"];
    const current = currentPositions(positions.map((p, i) => at("o", parties[i], p)));
    expect(optionConsensus("o", parties, current, { choice: value })).toBe(expected);
  });
});
