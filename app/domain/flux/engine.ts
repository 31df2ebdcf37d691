// The raw arithmetic of a validated scenario: rate → liberations → flux → shares → caps → bailleur → rounding.
import { applyPrefetCaps } from "./caps";
import { formatPercent, formatRational, parseDecimal } from "./decimal";
import { allExpiredBefore, type ScheduleEntry } from "./droits-de-suite";
import { BAILLEUR_LINE_ID, COLLECTIVITE_GUARANTEE_SHARE, COLLECTIVITE_KINDS, PREFET_FONCTIONNAIRES_CAP, PREFET_TOTAL_CAP } from "./limits";
import { type FluxIssue, type FluxWarning, fluxMessages } from "./messages";
import {
  ONE,
  type Rational,
  compare,
  floor,
  fromInteger,
  isZero,
  mul,
  ratio,
  roundHalfUp,
  sign,
  sub,
  sum,
} from "./rational";
import { type ApportionItem, apportionLargestRemainder } from "./rounding";
import { rotationRate } from "./rotation";
import type { FluxLineKind, FluxScenario } from "./schema";
import { type LineShare, lineShare } from "./shares";

/** One line of an exact calculation, réservataires in input order then the bailleur. */
export interface CalculatedLine {
  id: string;
  kind: FluxLineKind;
  share: Rational;
  volume: Rational;
  rounded: bigint;
  /** True when a préfet cap reduced this line. */
  capped: boolean;
  schedule?: ScheduleEntry[];
}

/** The exact figures of a scenario, before they are rendered as strings. */
export interface FluxCalculation {
  rotationRate: Rational;
  liberations: Rational;
  flux: Rational;
  fluxRounded: bigint;
  lines: CalculatedLine[];
  warnings: FluxWarning[];
}

export type FluxCalculationOutcome = { ok: true; calculation: FluxCalculation } | { ok: false; issue: FluxIssue };

const FONCTIONNAIRES_GROUP = "prefet_fonctionnaires";
const PREFET_GROUP = "prefet";

function groupsOf(kind: FluxLineKind): string[] {
  if (kind === "prefet_fonctionnaires") return [FONCTIONNAIRES_GROUP, PREFET_GROUP];
  if (kind === "prefet_prioritaires") return [PREFET_GROUP];
  return [];
}

/** Computes every figure of an already validated scenario exactly; fails with FLUX_NEGATIF, DEPASSEMENT_FLUX… */
export function calculateFlux(scenario: FluxScenario): FluxCalculationOutcome {
  let rate: Rational;
  if (scenario.rotationRate !== undefined) {
    rate = parseDecimal(scenario.rotationRate);
  } else if (scenario.rotation) {
    const outcome = rotationRate(scenario.rotation);
    if (!outcome.ok) return { ok: false, issue: { path: "rotation", code: outcome.code, message: outcome.message } };
    rate = outcome.rate;
  } else {
    throw new Error("Scenario without a rotation rate: the schema should refuse it");
  }

  const liberations = mul(fromInteger(scenario.assiette), rate);
  const deductions = fromInteger(scenario.deductions.mutations + scenario.deductions.relogements);
  const flux = sub(liberations, deductions);
  if (sign(flux) < 0) {
    return {
      ok: false,
      issue: {
        path: "deductions",
        code: "FLUX_NEGATIF",
        message: fluxMessages.FLUX_NEGATIF(formatRational(liberations).replace(".", ","), formatRational(deductions)),
      },
    };
  }

  const warnings: FluxWarning[] = [];
  const basis = { assiette: scenario.assiette, flux, rotationRate: rate, year: scenario.year };
  const baseShares: Extract<LineShare, { ok: true }>[] = [];
  for (const [index, line] of scenario.reservataires.entries()) {
    const share = lineShare(line, basis);
    if (!share.ok) {
      return {
        ok: false,
        issue: {
          path: `reservataires[${index}]`,
          code: "DEPASSEMENT_FLUX",
          message: fluxMessages.DEPASSEMENT_FLUX("plus de 100"),
        },
      };
    }
    baseShares.push(share);
    if (line.method === "droits_de_suite" && scenario.year !== undefined && allExpiredBefore(line, scenario.year)) {
      warnings.push({
        code: "DROITS_DE_SUITE_EXPIRES",
        message: fluxMessages.DROITS_DE_SUITE_EXPIRES(line.id, scenario.year),
        lineIds: [line.id],
      });
    }
  }

  const caps = applyPrefetCaps(
    scenario.reservataires.map((line, index) => ({
      id: line.id,
      kind: line.kind,
      share: baseShares[index].share,
      negotiated: baseShares[index].negotiated,
    })),
  );
  warnings.push(...caps.warnings);
  // Collectivités' rights stem from loan guarantees, 20 % at most (docs/domain.md, "Le calcul du flux"): a warning.
  const overGuarantee = scenario.reservataires.filter(
    (line, index) => COLLECTIVITE_KINDS.has(line.kind) && compare(caps.shares[index], COLLECTIVITE_GUARANTEE_SHARE) > 0,
  );
  if (overGuarantee.length > 0) {
    warnings.push({
      code: "COLLECTIVITE_AU_DELA_DES_GARANTIES",
      message: fluxMessages.COLLECTIVITE_AU_DELA_DES_GARANTIES(overGuarantee.map((line) => line.id)),
      lineIds: overGuarantee.map((line) => line.id),
    });
  }

  const reservedTotal = sum(caps.shares);
  if (compare(reservedTotal, ONE) > 0) {
    return {
      ok: false,
      issue: {
        path: "reservataires",
        code: "DEPASSEMENT_FLUX",
        message: fluxMessages.DEPASSEMENT_FLUX(formatPercent(reservedTotal)),
      },
    };
  }

  const shares = [...caps.shares, sub(ONE, reservedTotal)];
  const kinds: FluxLineKind[] = [...scenario.reservataires.map((line) => line.kind), "bailleur"];
  const capped = [...caps.capped, false];
  const fluxRounded = roundHalfUp(flux);
  const roundedFlux = ratio(fluxRounded);
  const items: ApportionItem[] = shares.map((share, index) => {
    const exact = mul(roundedFlux, share);
    return { exact, share, groups: groupsOf(kinds[index]), ...(capped[index] ? { maxUnits: floor(exact) } : {}) };
  });
  const groupLimits = new Map([
    [FONCTIONNAIRES_GROUP, floor(mul(PREFET_FONCTIONNAIRES_CAP, roundedFlux))],
    [PREFET_GROUP, floor(mul(PREFET_TOTAL_CAP, roundedFlux))],
  ]);
  const residualIndex = shares.length - 1;
  const { units, redirected } = apportionLargestRemainder(fluxRounded, items, groupLimits, residualIndex);
  if (redirected > 0n) {
    warnings.push({
      code: "ARRONDI_REPORTE_SUR_BAILLEUR",
      message: fluxMessages.ARRONDI_REPORTE_SUR_BAILLEUR(redirected.toString()),
      lineIds: [BAILLEUR_LINE_ID],
    });
  }
  if (isZero(flux)) warnings.push({ code: "FLUX_NUL", message: fluxMessages.FLUX_NUL() });

  const lines: CalculatedLine[] = shares.map((share, index) => {
    const source = scenario.reservataires[index];
    const schedule = baseShares[index]?.schedule;
    return {
      id: source ? source.id : BAILLEUR_LINE_ID,
      kind: kinds[index],
      share,
      // A droits-de-suite volume is the year's droits uniques, already exact; flux × share would give it back.
      volume: schedule ? schedule[0].volume : mul(flux, share),
      rounded: units[index],
      capped: capped[index],
      ...(schedule ? { schedule } : {}),
    };
  });
  return { ok: true, calculation: { rotationRate: rate, liberations, flux, fluxRounded, lines, warnings } };
}
