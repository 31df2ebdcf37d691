// The catalogue of the annual annex's refusals and notices, with stable codes that the API returns alongside the
// French message (the panel, the server and the tests match on codes; messages may be reworded freely).

/** Codes of a refused request on an annual annex. */
export type AnnexRefusalCode =
  | "ANNEXE_ANNEE_INVALIDE"
  | "ANNEXE_ANNEE_HORS_PERIODE"
  | "ANNEXE_PILOTE_SEULEMENT"
  | "ANNEXE_DEJA_GENEREE"
  | "ANNEXE_DONNEES_MANQUANTES"
  | "ANNEXE_NON_GENEREE"
  | "ANNEXE_NON_CALCULEE"
  | "ANNEXE_ADOPTEE"
  | "ANNEXE_A_CHANGE";

const quote = (text: string) => `« ${text} »`;

/** Where the panel of the annexes is, as every message that sends someone there names it. */
export const ANNEX_PANEL = "panneau « Annexes annuelles du flux » de la convention";

export const annexMessages = {
  ANNEXE_ANNEE_INVALIDE: () => "Indiquez l'année de l'annexe en chiffres (par exemple 2027).",
  ANNEXE_ANNEE_HORS_PERIODE: (year: number, years: readonly number[]) =>
    years.length === 0
      ? `Cette convention ne dure qu'une année : elle n'a pas d'annexe annuelle (année demandée : ${year}).`
      : `L'annexe annuelle porte sur une année de la convention postérieure à la sienne : choisissez une année de ${years[0]} à ${years.at(-1)} (année demandée : ${year}).`,
  ANNEXE_PILOTE_SEULEMENT: () => "Seul le pilote de la convention, avec le rôle « Édition », génère une annexe annuelle.",
  ANNEXE_DEJA_GENEREE: (year: number) => `L'annexe annuelle ${year} existe déjà : elle suit les données de ${year} jusqu'à son adoption.`,
  ANNEXE_DONNEES_MANQUANTES: (year: number) => `L'annexe annuelle ${year} ne peut pas encore être générée : des données de ${year} manquent.`,
  ANNEXE_NON_GENEREE: (year: number) => `Cette convention n'a pas encore d'annexe annuelle ${year} : son pilote la génère depuis le ${ANNEX_PANEL}.`,
  ANNEXE_NON_CALCULEE: (year: number) => `L'annexe annuelle ${year} n'est pas calculable en l'état : des données de ${year} manquent, complétez-les d'abord.`,
  ANNEXE_ADOPTEE: (year: number) => `L'annexe annuelle ${year} est adoptée par toutes les parties : elle ne change plus.`,
  ANNEXE_A_CHANGE: (year: number) =>
    `Les chiffres de l'annexe annuelle ${year} ont changé depuis que vous l'avez lue (nouvel état des lieux, nouveaux termes ou nouvelle annexe adoptée) : relisez-la avant de l'approuver.`,

  DEDUCTIONS_NON_SAISIES: (bailleur: string, year: number, territory: string) =>
    `${bailleur} n'a pas encore saisi ses déductions prévisionnelles ${year} (mutations internes, relogements ANRU, ORCOD, LHI et liés aux ventes) pour ${territory} : ses membres les saisissent dans le ${ANNEX_PANEL}, formulaire ${quote(`Déductions prévisionnelles ${year}`)}.`,
} as const;

/** A refusal as the API returns it: `{ code, message }`, with the details a form shows next to it. */
export function annexRefusal<C extends AnnexRefusalCode>(code: C, ...args: Parameters<(typeof annexMessages)[C]>) {
  const render = annexMessages[code] as (...values: unknown[]) => string;
  return { code, message: render(...args) };
}
