// Property tests of the engine on random scenarios (fast-check, fixed seed: a failure prints the seed and the
// shrunk counterexample, and replays identically).
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { computeFlux } from "./compute";
import { calculateFlux } from "./engine";
import { type FluxScenario, FluxScenarioSchema, RESERVATAIRE_KINDS } from "./schema";

const SEED = 20_260_101;
const RUNS = 300;
const options = { seed: SEED, numRuns: RUNS };

// Kinds drawn with the préfet over-represented so that caps are often in play.
const kind = fc.constantFrom(
  "prefet_prioritaires",
  "prefet_prioritaires",
  "prefet_fonctionnaires",
  "prefet_fonctionnaires",
  ...RESERVATAIRE_KINDS,
);

const scenarioArbitrary = fc
  .record({
    assiette: fc.integer({ min: 0, max: 60_000 }),
    rateThousandths: fc.integer({ min: 0, max: 250 }),
    deductionPercent: fc.integer({ min: 0, max: 100 }),
    lines: fc.array(
      fc.record({
        kind,
        permille: fc.integer({ min: 0, max: 180 }),
        negotiated: fc.boolean(),
      }),
      { maxLength: 7 },
    ),
  })
  .map(({ assiette, rateThousandths, deductionPercent, lines }) => {
    const liberations = Math.floor((assiette * rateThousandths) / 1000);
    const deductions = Math.floor((liberations * deductionPercent) / 100);
    return {
      assiette,
      rotationRate: `0.${String(rateThousandths).padStart(3, "0")}`,
      deductions: { mutations: Math.floor(deductions / 2), relogements: deductions - Math.floor(deductions / 2) },
      reservataires: lines.map((line, index) =>
        line.negotiated
          ? { id: `r${index}`, kind: line.kind, share: `0.${String(line.permille).padStart(3, "0")}` }
          : { id: `r${index}`, kind: line.kind, reserved: Math.floor((assiette * line.permille) / 1000) },
      ),
    };
  });

// ---- An independent exact reference: plain bigint fractions, written without the engine's modules. ----
type Fraction = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Fraction): Fraction => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? [-n / g, -d / g] : [n / g, d / g];
};
const plus = (a: Fraction, b: Fraction) => norm([a[0] * b[1] + b[0] * a[1], a[1] * b[1]]);
const minus = (a: Fraction, b: Fraction) => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const times = (a: Fraction, b: Fraction) => norm([a[0] * b[0], a[1] * b[1]]);
const less = (a: Fraction, b: Fraction) => a[0] * b[1] < b[0] * a[1];
const floorOf = ([n, d]: Fraction) => (n >= 0n ? n / d : -((-n + d - 1n) / d));
const decimal = (text: string): Fraction => {
  const [whole, fraction = ""] = text.split(".");
  return norm([BigInt(whole + fraction), 10n ** BigInt(fraction.length)]);
};

interface Reference {
  error?: string;
  flux?: Fraction;
  fluxRounded?: bigint;
  shares?: Fraction[];
  rounded?: bigint[];
}

function reference(scenario: FluxScenario): Reference {
  const rate = decimal(scenario.rotationRate as string);
  const flux = minus(times([BigInt(scenario.assiette), 1n], rate), [
    BigInt(scenario.deductions.mutations + scenario.deductions.relogements),
    1n,
  ]);
  if (flux[0] < 0n) return { error: "FLUX_NEGATIF" };
  const lines = scenario.reservataires;
  const shares: Fraction[] = [];
  for (const line of lines) {
    if (line.share !== undefined) shares.push(decimal(line.share));
    else if ((line.reserved ?? 0) === 0) shares.push([0n, 1n]);
    else if (scenario.assiette === 0) return { error: "DEPASSEMENT_FLUX" };
    else shares.push(norm([BigInt(line.reserved ?? 0), BigInt(scenario.assiette)]));
  }
  const capped = lines.map(() => false);
  const scale = (kindName: string, cap: Fraction) => {
    let total: Fraction = [0n, 1n];
    lines.forEach((line, i) => {
      if (line.kind === kindName) total = plus(total, shares[i]);
    });
    if (!less(cap, total)) return total;
    lines.forEach((line, i) => {
      if (line.kind === kindName && shares[i][0] !== 0n) {
        shares[i] = norm([shares[i][0] * cap[0] * total[1], shares[i][1] * cap[1] * total[0]]);
        capped[i] = true;
      }
    });
    return cap;
  };
  const fonctionnaires = scale("prefet_fonctionnaires", [1n, 20n]);
  scale("prefet_prioritaires", minus([3n, 10n], fonctionnaires));
  const reserved = shares.reduce(plus, [0n, 1n] as Fraction);
  if (less([1n, 1n], reserved)) return { error: "DEPASSEMENT_FLUX" };
  shares.push(minus([1n, 1n], reserved));
  capped.push(false);
  const kinds = [...lines.map((line) => line.kind as string), "bailleur"];

  const fluxRounded = floorOf(plus(flux, [1n, 2n]));
  const exact = shares.map((share) => times([fluxRounded, 1n], share));
  const rounded = exact.map(floorOf);
  const remainders = exact.map((value, i) => minus(value, [rounded[i], 1n]));
  const limitF = floorOf(times([1n, 20n], [fluxRounded, 1n]));
  const limitP = floorOf(times([3n, 10n], [fluxRounded, 1n]));
  const sumKinds = (...names: string[]) => rounded.reduce((total, value, i) => (names.includes(kinds[i]) ? total + value : total), 0n);
  let missing = fluxRounded - rounded.reduce((a, b) => a + b, 0n);
  const order = shares
    .map((_, i) => i)
    .filter((i) => remainders[i][0] > 0n)
    .sort((a, b) => {
      if (less(remainders[a], remainders[b])) return 1;
      if (less(remainders[b], remainders[a])) return -1;
      if (less(shares[a], shares[b])) return 1;
      if (less(shares[b], shares[a])) return -1;
      return a - b;
    });
  for (const i of order) {
    if (missing === 0n) break;
    if (capped[i]) continue;
    if (kinds[i] === "prefet_fonctionnaires" && (sumKinds("prefet_fonctionnaires") + 1n > limitF || sumKinds("prefet_fonctionnaires", "prefet_prioritaires") + 1n > limitP)) continue;
    if (kinds[i] === "prefet_prioritaires" && sumKinds("prefet_fonctionnaires", "prefet_prioritaires") + 1n > limitP) continue;
    rounded[i] += 1n;
    missing -= 1n;
  }
  rounded[rounded.length - 1] += missing;
  return { flux, fluxRounded, shares, rounded };
}

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffleKeys(item, random)]));
}

function computed(scenario: unknown) {
  const outcome = computeFlux(scenario);
  return outcome.ok ? outcome.result : undefined;
}

describe(`flux engine properties (fast-check seed ${SEED}, ${RUNS} runs each)`, () => {
  it("the rounded column sums exactly to fluxRounded", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = computed(scenario);
        if (!result) return;
        expect(result.lines.reduce((total, line) => total + line.rounded, 0)).toBe(result.fluxRounded);
      }),
      options,
    );
  });

  it("no line is negative, exact or rounded", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = computed(scenario);
        if (!result) return;
        for (const line of result.lines) {
          expect(line.rounded).toBeGreaterThanOrEqual(0);
          expect(line.share.startsWith("-") || line.volume.startsWith("-")).toBe(false);
        }
      }),
      options,
    );
  });

  it("the préfet caps hold after rounding: fonctionnaires ≤ floor(5 %), both lines ≤ floor(30 %) of fluxRounded", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = computed(scenario);
        if (!result) return;
        const total = (...kinds: string[]) =>
          result.lines.filter((line) => kinds.includes(line.kind)).reduce((sum, line) => sum + line.rounded, 0);
        expect(total("prefet_fonctionnaires")).toBeLessThanOrEqual(Math.floor((result.fluxRounded * 5) / 100));
        expect(total("prefet_fonctionnaires", "prefet_prioritaires")).toBeLessThanOrEqual(Math.floor((result.fluxRounded * 30) / 100));
      }),
      options,
    );
  });

  it("lines other than the bailleur's stay within one dwelling of their exact entitlement", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const calculation = calculateFlux(FluxScenarioSchema.parse(scenario));
        if (!calculation.ok) return;
        const { fluxRounded, lines } = calculation.calculation;
        for (const line of lines.slice(0, -1)) {
          // |rounded − fluxRounded × share| < 1, in integers: |rounded × den − fluxRounded × num| < den
          const gap = line.rounded * line.share.den - fluxRounded * line.share.num;
          expect(gap < line.share.den && -gap < line.share.den).toBe(true);
        }
      }),
      options,
    );
  });

  it("the result does not depend on the order of the JSON keys", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer(), (scenario, shuffleSeed) => {
        let state = shuffleSeed >>> 0;
        const random = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
        const shuffled = JSON.parse(JSON.stringify(shuffleKeys(scenario, random)));
        expect(JSON.stringify(computeFlux(shuffled))).toBe(JSON.stringify(computeFlux(scenario)));
      }),
      options,
    );
  });

  it("the engine equals an independent exact rational computation", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const scenario = FluxScenarioSchema.parse(input);
        const expected = reference(scenario);
        const actual = calculateFlux(scenario);
        if (expected.error) {
          expect(actual.ok ? "ok" : actual.issue.code).toBe(expected.error);
          return;
        }
        if (!actual.ok) throw new Error(`unexpected ${actual.issue.code}`);
        const { flux, fluxRounded, lines } = actual.calculation;
        expect([flux.num, flux.den]).toEqual(expected.flux);
        expect(fluxRounded).toBe(expected.fluxRounded);
        expect(lines.map((line) => [line.share.num, line.share.den])).toEqual(expected.shares);
        expect(lines.map((line) => line.rounded)).toEqual(expected.rounded);
      }),
      options,
    );
  });
});
