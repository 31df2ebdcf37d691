// French names of the negotiable options, their choices and their figures, read from the option catalogue that every
// template draws from (app/domain/convention/options.ts): an option key or a choice value never reaches a screen.
import { OPTION_CATALOGUE } from "../convention/options";
import { formatPercent } from "../format";
import { PARAMETER_LABELS } from "./labels";

interface CatalogueOption {
  label: string;
  choices: readonly { value: string; label: string; params?: readonly { key: string; label: string; kind: string }[] }[];
}

const CATALOGUE = OPTION_CATALOGUE as unknown as Record<string, CatalogueOption>;

/** "gestion_prefet" → "Mode de gestion du contingent préfectoral"; an unknown key is returned as is. */
export function optionLabel(key: string): string {
  return CATALOGUE[key]?.label ?? key;
}

/** ("gestion_prefet", "deleguee") → "Gestion déléguée au bailleur". */
export function choiceLabel(optionKey: string, choice: string | null | undefined): string {
  if (!choice) return "—";
  return CATALOGUE[optionKey]?.choices.find((c) => c.value === choice)?.label ?? choice;
}

/** An option's value in words, its figures included: "Gestion mixte avec requalification (part requalifiée : 30 %)". */
export function optionValueText(optionKey: string, value: unknown): string {
  if (!value || typeof value !== "object" || !("choice" in value)) return "—";
  const { choice, params } = value as { choice: string; params?: Record<string, string> };
  const label = choiceLabel(optionKey, choice);
  const definitions = CATALOGUE[optionKey]?.choices.find((c) => c.value === choice)?.params ?? [];
  const figures = Object.entries(params ?? {}).map(([key, raw]) => {
    const param = definitions.find((p) => p.key === key);
    const shown = param?.kind === "rate" && /^\d+(\.\d+)?$/.test(raw) ? formatPercent(raw) : raw;
    return `${param?.label ?? key} : ${shown}`;
  });
  return figures.length > 0 ? `${label} (${figures.join(", ")})` : label;
}

/** A convention setting's name: "signaturePlace" → "Lieu de signature". */
export function parameterLabel(key: string): string {
  return PARAMETER_LABELS[key] ?? key;
}

/**
 * A key of a version comparison or of an article's quoted values, in words: "options.decompte.choice" and
 * "computation.decompte" → the option's name, "parameters.signaturePlace" → the setting's name, "flux…" → the flux data.
 */
export function valuePathLabel(path: string): string {
  const [head, second] = path.split(".");
  if ((head === "options" || head === "computation") && second) return optionLabel(second);
  if (head === "parameters" && second) return parameterLabel(second);
  if (head === "flux") return "Données du flux";
  if (CATALOGUE[head]) return optionLabel(head);
  if (PARAMETER_LABELS[head]) return parameterLabel(head);
  return path;
}

/** Several paths in words, each name once: ["options.a.choice", "options.a.params"] → ["Option A"]. */
export function valuePathLabels(paths: readonly string[]): string[] {
  return [...new Set(paths.map(valuePathLabel))];
}

/** Every option key and choice value of the catalogue, for the scan of codes shown as text. */
export function optionCodes(): { options: string[]; choices: string[] } {
  return {
    options: Object.keys(CATALOGUE),
    choices: [...new Set(Object.values(CATALOGUE).flatMap((o) => o.choices.map((c) => c.value)))],
  };
}
