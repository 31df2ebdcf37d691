// The catalogue of every code the flux engine can return, with its French message. Codes are stable: the editor,
// the DOCX export and the CLI's callers match on them; messages may be reworded freely.

/** Codes of a scenario that does not validate (the CLI exits 1). */
export const FLUX_VALIDATION_CODES = [
  "SCENARIO_JSON_INVALIDE",
  "SCENARIO_CHAMP_MANQUANT",
  "SCENARIO_CHAMP_INCONNU",
  "SCENARIO_VALEUR_INVALIDE",
  "SCENARIO_TAUX_ROTATION_AMBIGU",
  "SCENARIO_ANNEE_REQUISE",
  "SCENARIO_IDENTIFIANT_EN_DOUBLE",
  "SCENARIO_IDENTIFIANT_RESERVE",
  "SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT",
  "SCENARIO_CHAMP_INCOMPATIBLE",
  "SCENARIO_PART_MANQUANTE",
] as const;
export type FluxValidationCode = (typeof FLUX_VALIDATION_CODES)[number];

/** Codes of a valid scenario that cannot be computed (the CLI exits 2). */
export const FLUX_COMPUTATION_CODES = [
  "FLUX_NEGATIF",
  "DEPASSEMENT_FLUX",
  "ROTATION_NEGATIVE",
  "ROTATION_STOCK_NUL",
  "ROTATION_SUPERIEURE_A_UN",
] as const;
export type FluxComputationCode = (typeof FLUX_COMPUTATION_CODES)[number];

/** Codes of a warning attached to a computed result. */
export const FLUX_WARNING_CODES = [
  "PLAFOND_FONCTIONNAIRES_APPLIQUE",
  "PLAFOND_PREFET_APPLIQUE",
  "PLAFOND_PREFET_PART_NEGOCIEE",
  "ARRONDI_REPORTE_SUR_BAILLEUR",
  "FLUX_NUL",
  "DROITS_DE_SUITE_EXPIRES",
  "COLLECTIVITE_AU_DELA_DES_GARANTIES",
] as const;
export type FluxWarningCode = (typeof FLUX_WARNING_CODES)[number];

export type FluxErrorCode = FluxValidationCode | FluxComputationCode;

/** One reason why a scenario was refused: where (`reservataires[2].reserved`), which code, and what to do, in French. */
export interface FluxIssue {
  path: string;
  code: FluxErrorCode;
  message: string;
}

/** A remark on a computed result that does not prevent it (a cap was applied, the flux is zero…). */
export interface FluxWarning {
  code: FluxWarningCode;
  message: string;
  /** Lines the warning is about, when it is about lines. */
  lineIds?: string[];
}

const percent = (value: string) => `${value} %`;
const where = (path: string) => (path === "" ? "Scénario" : path);
const list = (ids: readonly string[]) => ids.map((id) => `« ${id} »`).join(", ");

/** Builders of the French messages, one per code. */
export const fluxMessages = {
  SCENARIO_JSON_INVALIDE: (detail: string) => `Le fichier de scénario n'est pas un JSON valide : ${detail}.`,
  SCENARIO_CHAMP_MANQUANT: (path: string, expected: string) =>
    `${where(path)} : champ obligatoire manquant ; attendu : ${expected}.`,
  SCENARIO_CHAMP_INCONNU: (path: string) =>
    `${where(path)} : champ inconnu, il ne fait pas partie du format de scénario (vérifiez l'orthographe).`,
  SCENARIO_VALEUR_INVALIDE: (path: string, received: string, expected: string) =>
    `${where(path)} : valeur ${received} invalide ; attendu : ${expected}.`,
  SCENARIO_TAUX_ROTATION_AMBIGU: (both: boolean) =>
    both
      ? "rotationRate : donnez soit le taux de rotation (rotationRate), soit les données de rotation (rotation), pas les deux."
      : "rotationRate : taux de rotation manquant ; donnez soit rotationRate (p. ex. \"0.08\"), soit rotation (données de l'année n-1).",
  SCENARIO_ANNEE_REQUISE: () =>
    "year : l'année du flux est obligatoire dès qu'une ligne utilise la méthode droits_de_suite (p. ex. 2026).",
  SCENARIO_IDENTIFIANT_EN_DOUBLE: (path: string, id: string, firstPath: string) =>
    `${path} : l'identifiant « ${id} » est déjà utilisé par ${firstPath} ; chaque identifiant doit être unique.`,
  SCENARIO_IDENTIFIANT_RESERVE: (path: string, id: string) =>
    `${path} : l'identifiant « ${id} » est réservé à la ligne résiduelle du bailleur ; choisissez-en un autre.`,
  SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT: (path: string, kind: string) =>
    `${path} : la transformation des droits de suite est réservée à Action Logement (kind "action_logement"), pas à "${kind}".`,
  SCENARIO_CHAMP_INCOMPATIBLE: (path: string, method: string) =>
    `${path} : ce champ ne s'utilise pas avec la méthode "${method}".`,
  SCENARIO_PART_MANQUANTE: (path: string) =>
    `${path} : indiquez le nombre de logements réservés dans l'assiette (reserved) ou la part négociée (share).`,

  FLUX_NEGATIF: (liberations: string, deductions: string) =>
    `Les déductions prévues (${deductions} mutations et relogements) dépassent les libérations attendues (${liberations}) : le flux annuel serait négatif.`,
  DEPASSEMENT_FLUX: (total: string) =>
    `Les parts des réservataires, après plafonnement, totalisent ${percent(total)} du flux : elles dépassent 100 % et la ligne du bailleur serait négative.`,
  ROTATION_NEGATIVE: (method: string) =>
    `Taux de rotation (${method}) : les sorties retranchées dépassent les libérations, le numérateur serait négatif.`,
  ROTATION_STOCK_NUL: () =>
    "Taux de rotation : le parc retenu (stock moins étudiants, spécifiques, ventes et démolitions) est nul ou négatif.",
  ROTATION_SUPERIEURE_A_UN: (rate: string) =>
    `Taux de rotation calculé de ${percent(rate)} : les libérations retenues dépassent le parc retenu, vérifiez les données de rotation.`,

  PLAFOND_FONCTIONNAIRES_APPLIQUE: (ids: readonly string[], requested: string, capped: string) =>
    `Contingent préfectoral des agents de l'État (${list(ids)}) : ${percent(requested)} demandés, ramenés au plafond légal de ${percent(capped)} du flux ; l'écart revient au bailleur.`,
  PLAFOND_PREFET_APPLIQUE: (ids: readonly string[], requested: string, capped: string) =>
    `Contingent préfectoral des publics prioritaires (${list(ids)}) : ${percent(requested)} demandés, ramenés à ${percent(capped)} pour respecter le plafond de 30 % du flux pour l'ensemble du préfet ; l'écart revient au bailleur.`,
  PLAFOND_PREFET_PART_NEGOCIEE: (ids: readonly string[]) =>
    `La convention demande pour le préfet (${list(ids)}) une part négociée supérieure au plafond légal : la part a été plafonnée, corrigez la convention avant signature.`,
  COLLECTIVITE_AU_DELA_DES_GARANTIES: (ids: readonly string[]) =>
    `La part de ${list(ids)} dépasse 20 % du flux, le maximum que donnent des garanties d'emprunt : vérifiez le fondement de ces droits avant signature.`,
  ARRONDI_REPORTE_SUR_BAILLEUR: (units: string) =>
    Number(units) >= 2
      ? `Arrondi : ${units} logements que les lignes plafonnées ne pouvaient pas recevoir ont été attribués à la ligne du bailleur.`
      : `Arrondi : ${units} logement que les lignes plafonnées ne pouvaient pas recevoir a été attribué à la ligne du bailleur.`,
  FLUX_NUL: () => "Le flux annuel est nul : aucune attribution n'est à répartir cette année.",
  DROITS_DE_SUITE_EXPIRES: (id: string, year: number) =>
    `Ligne « ${id} » : tous les droits de suite ont expiré avant ${year} ; seuls les droits uniques comptent.`,
} as const;
