// What a convention shows of an apportionment (docs/domain.md, "Une répartition par bailleur"): its réservataire
// parties' lines, the other réservataires of the territory together as « autres réservataires », and the bailleur's
// « non réservé » line — each labelled as what it is. Sums are exact: they are taken on the engine's fractions.
import { formatRational } from "../flux/decimal";
import type { FluxCalculation } from "../flux/engine";
import { add, ZERO, type Rational } from "../flux/rational";
import type { FluxLineKind } from "../flux/schema";
import type { Holder } from "./apportionment";

export interface ViewLine {
  /** The holder's key, "autres" or "bailleur". */
  key: string;
  kind: FluxLineKind | "autres";
  label: string;
  share: Rational;
  volume: Rational;
  rounded: bigint;
  /** For « autres réservataires »: who is in it. */
  members?: string[];
}

/** The displayed lines of one bailleur's apportionment, for a convention whose réservataire parties are `parties`. */
export function conventionView(calculation: FluxCalculation, lines: readonly Holder[], parties: readonly Holder[], bailleurName: string): ViewLine[] {
  const byId = new Map(calculation.lines.map((line) => [line.id, line]));
  const view: ViewLine[] = parties.map((holder) => {
    const line = byId.get(holder.key);
    return { key: holder.key, kind: holder.kind, label: holderLabel(holder), share: line?.share ?? ZERO, volume: line?.volume ?? ZERO, rounded: line?.rounded ?? 0n };
  });
  const partyKeys = new Set(parties.map((holder) => holder.key));
  const others = lines.filter((holder) => !partyKeys.has(holder.key));
  if (others.length > 0) {
    let share: Rational = ZERO;
    let volume: Rational = ZERO;
    let rounded = 0n;
    for (const holder of others) {
      const line = byId.get(holder.key);
      if (!line) continue;
      share = add(share, line.share);
      volume = add(volume, line.volume);
      rounded += line.rounded;
    }
    view.push({ key: "autres", kind: "autres", label: `Autres réservataires (${others.length})`, share, volume, rounded, members: others.map(holderLabel) });
  }
  const bailleur = byId.get("bailleur");
  view.push({
    key: "bailleur",
    kind: "bailleur",
    label: `Non réservé — ${bailleurName}`,
    share: bailleur?.share ?? ZERO,
    volume: bailleur?.volume ?? ZERO,
    rounded: bailleur?.rounded ?? 0n,
  });
  return view;
}

const KIND_SUFFIX: Partial<Record<FluxLineKind, string>> = {
  prefet_prioritaires: " — publics prioritaires",
  prefet_fonctionnaires: " — agents de l'État",
};

/** "Préfet de la Haute-Garonne — agents de l'État", "Action Logement Services"… */
export function holderLabel(holder: Pick<Holder, "name" | "kind">): string {
  return `${holder.name}${KIND_SUFFIX[holder.kind] ?? ""}`;
}

/** A view line as the JSON-ready strings the API and the tables print. */
export function renderViewLine(line: ViewLine) {
  return {
    key: line.key,
    kind: line.kind,
    label: line.label,
    share: formatRational(line.share),
    volume: formatRational(line.volume),
    rounded: Number(line.rounded),
    ...(line.members ? { members: line.members } : {}),
  };
}
