// The bilan's arithmetic on a small hand-written year (expected figures reasoned in the comments).
import { describe, expect, it } from "vitest";
import { ratio } from "../flux/rational";
import type { ViewLine } from "../perimeter/view";
import { computeBilan, type BilanInput } from "./bilan";
import type { LedgerEvent } from "./count";
import { bilanTables } from "./tables";

let line = 1;
const ev = (rpls: string, holder: string | null, date: string, event: LedgerEvent["event"], extra: Partial<LedgerEvent> = {}): LedgerEvent => ({
  line: ++line,
  rpls,
  holder,
  date,
  event,
  motif: null,
  adaptee: null,
  prioritaire: null,
  dalo: null,
  premierQuartile: null,
  commune: "31555",
  qpv: false,
  typologie: "T3",
  financement: "PLUS",
  ...extra,
});
const view = (key: string, kind: ViewLine["kind"], rounded: number): ViewLine => ({ key, kind, label: key, share: ratio(0n), volume: ratio(0n), rounded: BigInt(rounded) });

const EVENTS: LedgerEvent[] = [
  // Action Logement: two dwellings offered, one attributed outside QPV with a lease to a priority, first-quartile household.
  ev("A", "action_logement:al", "2026-02-01", "mise_a_disposition"),
  ev("A", "action_logement:al", "2026-02-20", "attribution", { prioritaire: true, premierQuartile: true }),
  ev("A", "action_logement:al", "2026-03-01", "bail_signe"),
  ev("B", "action_logement:al", "2026-08-01", "mise_a_disposition", { qpv: true, commune: "31069" }),
  ev("B", "action_logement:al", "2026-08-15", "refus_candidat", { motif: "loyer", qpv: true, commune: "31069" }),
  // A réservataire that is not a party: its case goes to « autres ».
  ev("C", "region:r", "2026-05-05", "mise_a_disposition"),
  ev("C", "region:r", "2026-05-30", "retour_bailleur"),
  // The bailleur's own attribution, not priority.
  ev("D", null, "2026-09-01", "attribution", { premierQuartile: false }),
  ev("D", null, "2026-09-10", "bail_signe"),
];

const input = (overrides: Partial<BilanInput> = {}): BilanInput => ({
  year: 2026,
  rule: "mise_a_disposition",
  until: null,
  tables: [{ bailleur: { id: "b", name: "Bailleur" }, view: [view("action_logement:al", "action_logement", 4), view("bailleur", "bailleur", 10)], events: EVENTS, source: null }],
  parties: [{ key: "action_logement:al", kind: "action_logement", label: "Action Logement" }],
  holderKinds: { "action_logement:al": "action_logement", "region:r": "region" },
  communeNames: { "31555": "Toulouse", "31069": "Blagnac" },
  line: null,
  ...overrides,
});

describe("the bilan", () => {
  const bilan = computeBilan(input());
  const byKey = Object.fromEntries(bilan.lines.map((l) => [l.key, l]));

  it("sets each line's count against its objective; a non-party réservataire goes to « autres »", () => {
    expect(byKey["action_logement:al"]).toMatchObject({ objective: 4, counted: 2, rate: "0.5", proposes: 2, attribues: 1, refus: 1, retours: 0 });
    expect(byKey.autres).toMatchObject({ objective: 0, counted: 0, proposes: 1, retours: 1, rate: null });
    expect(byKey.bailleur).toMatchObject({ objective: 10, counted: 1, rate: "0.1", proposes: 0, attribues: 1 });
    expect(bilan.returned).toBe(1);
  });

  it("breaks dwellings down by QPV, commune and quarter, and refusals by reason", () => {
    const rows = (key: string) => bilan.breakdowns.find((b) => b.key === key)!.rows.map((r) => [r.label, r.proposes, r.attribues]);
    expect(rows("qpv")).toEqual([["En QPV", 1, 0], ["Hors QPV", 2, 2]]);
    expect(rows("commune")).toEqual([["Blagnac (31069)", 1, 0], ["Toulouse (31555)", 2, 2]]);
    expect(rows("trimestre")).toEqual([["1er trimestre", 1, 1], ["2e trimestre", 1, 0], ["3e trimestre", 1, 1], ["4e trimestre", 0, 0]]);
    expect(bilan.refusals).toEqual([{ event: "refus_candidat", motif: "loyer", label: "Refus du candidat — Loyer ou charges", count: 1 }]);
  });

  it("computes the two L. 441-1 indicators on attributions", () => {
    // Outside QPV with a lease: A (first quartile) and D (not): 1 / 2. Action Logement's attributions: A, priority: 1 / 1.
    expect(bilan.indicators.map((i) => [i.key, i.numerator, i.denominator, i.share, i.met])).toEqual([
      ["premier_quartile_hors_qpv", 1, 2, "0.5", true],
      ["prioritaires_collectivites_al", 1, 1, "1", true],
    ]);
  });

  it("stops an intermediate bilan at its date and prorates the objective", () => {
    const june = computeBilan(input({ until: "2026-06-30" }));
    const al = june.lines.find((l) => l.key === "action_logement:al")!;
    expect(june.kind).toBe("intermediaire");
    // 181 days of 365: 4 × 181 / 365 = 1.98… → 2,0.
    expect([al.counted, al.prorata]).toEqual([1, "2"]);
    expect(june.lines.find((l) => l.key === "bailleur")!.counted).toBe(0);
  });

  it("restricts a réservataire's own bilan to its line, and every table shows a total", () => {
    const own = computeBilan(input({ line: "action_logement:al" }));
    expect(own.lines.map((l) => l.key)).toEqual(["action_logement:al"]);
    expect(own.totals).toMatchObject({ cases: 2, attribues: 1 });
    const [synthesis] = bilanTables(bilan);
    expect(synthesis.rows.at(-1)!.cells.slice(0, 3)).toEqual(["Total", "14", "3"]);
  });

  it("sums the bailleurs' tables line by line for a convention with several", () => {
    const second = { bailleur: { id: "c", name: "Autre bailleur" }, view: [view("action_logement:al", "action_logement", 6), view("bailleur", "bailleur", 5)], events: EVENTS.slice(0, 3), source: null };
    const both = computeBilan(input({ tables: [input().tables[0], second] }));
    expect(both.consolidated!.find((l) => l.key === "action_logement:al")).toMatchObject({ objective: 10, counted: 3, rate: "0.3" });
    expect(both.lines).toBe(both.consolidated);
  });
});
