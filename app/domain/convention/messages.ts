// The catalogue of every code the convention model can return, with its French message. Codes are stable (the
// editor, the server and the tests match on them); messages may be reworded freely.
import { formatCount, formatPercent } from "../format";

/** Codes of a convention state or option value that is refused. */
export type ConventionIssueCode =
  | "META_INVALIDE"
  | "PARAMETRES_INVALIDES"
  | "LIGNE_INVALIDE"
  | "LIGNE_IDENTIFIANT_EN_DOUBLE"
  | "MODELE_DIFFERENT"
  | "PARTIE_NON_PREVUE"
  | "OPTION_INCONNUE"
  | "OPTION_NON_APPLICABLE"
  | "OPTION_CHOIX_INCONNU"
  | "OPTION_PARAMETRE_MANQUANT"
  | "OPTION_PARAMETRE_INVALIDE"
  | "OPTION_PARAMETRE_HORS_BORNES"
  | "REQUALIFICATION_INSUFFISANTE"
  | "PART_FONCTIONNAIRES_DEPASSEE"
  | "PART_PREFET_DEPASSEE"
  | "PARTS_NEGOCIEES_SUPERIEURES_AU_FLUX"
  | "ROTATION_DEFINITION_DIFFERENTE"
  | "DROITS_DE_SUITE_INCOHERENTS";

/** One reason why a convention state is refused: where (`options.gestion_action_logement.params.requalification`), which code, what to do. */
export interface ConventionIssue {
  path: string;
  code: ConventionIssueCode;
  message: string;
}

/** Codes of a variable or a computed block that cannot be rendered. */
export type RenderErrorCode =
  | "VARIABLE_INCONNUE"
  | "VARIABLE_DONNEE_MANQUANTE"
  | "FLUX_INCALCULABLE"
  | "LIGNE_INCONNUE"
  | "BLOC_INCONNU"
  | "INVENTAIRE_ABSENT"
  | "OPTION_NON_RETENUE";

const quote = (text: string) => `« ${text} »`;

export const conventionMessages = {
  META_INVALIDE: (path: string, detail: string) => `${path} : ${detail}.`,
  PARAMETRES_INVALIDES: (path: string, detail: string) => `Paramètre ${path} : ${detail}.`,
  LIGNE_INVALIDE: (path: string, detail: string) => `Ligne du flux ${path} : ${detail}.`,
  LIGNE_IDENTIFIANT_EN_DOUBLE: (id: string) =>
    `Deux lignes du flux portent l'identifiant ${quote(id)} ; chaque ligne doit avoir le sien.`,
  MODELE_DIFFERENT: (expected: string, actual: string) =>
    `La convention a été créée à partir du modèle ${quote(actual)}, pas ${quote(expected)}.`,
  PARTIE_NON_PREVUE: (party: string, kind: string, template: string) =>
    `${party} (${kind}) n'est pas un réservataire prévu par le modèle ${quote(template)}.`,
  OPTION_INCONNUE: (key: string) => `L'option ${quote(key)} n'existe pas dans ce modèle de convention.`,
  OPTION_NON_APPLICABLE: (label: string) =>
    `L'option ${quote(label)} concerne un réservataire qui n'est pas partie à cette convention.`,
  OPTION_CHOIX_INCONNU: (label: string, choice: string, allowed: readonly string[]) =>
    `Option ${quote(label)} : le choix ${quote(choice)} n'existe pas ; choix possibles : ${allowed.map(quote).join(", ")}.`,
  OPTION_PARAMETRE_MANQUANT: (label: string, param: string) =>
    `Option ${quote(label)} : indiquez ${param.toLowerCase()}.`,
  OPTION_PARAMETRE_INVALIDE: (label: string, param: string, value: string, expected: string) =>
    `Option ${quote(label)} : ${param.toLowerCase()} ${quote(value)} n'est pas valide ; attendu : ${expected}.`,
  OPTION_PARAMETRE_HORS_BORNES: (label: string, param: string, value: string, bounds: string) =>
    `Option ${quote(label)} : ${param.toLowerCase()} vaut ${value}, il doit être ${bounds}.`,
  REQUALIFICATION_INSUFFISANTE: (value: string, minimum: string) =>
    `Gestion mixte d'Action Logement : la part du flux annuel requalifiée hors AL'in doit être d'au moins ${formatPercent(minimum)} (valeur proposée : ${formatPercent(value)}). En deçà, le référentiel interbailleurs ne reconnaît pas la gestion mixte.`,
  PART_FONCTIONNAIRES_DEPASSEE: (requested: string, cap: string) =>
    `La part négociée du préfet pour les agents de l'État (${formatPercent(requested)}) dépasse le plafond légal de ${formatPercent(cap)} du flux annuel (art. R. 441-5 du CCH).`,
  PART_PREFET_DEPASSEE: (requested: string, cap: string) =>
    `Les parts négociées du préfet totalisent ${formatPercent(requested)} du flux annuel : le plafond légal est de ${formatPercent(cap)} (art. R. 441-5 du CCH).`,
  PARTS_NEGOCIEES_SUPERIEURES_AU_FLUX: (total: string) =>
    `Les parts négociées totalisent ${formatPercent(total)} du flux : elles ne peuvent dépasser 100 %, la ligne du bailleur deviendrait négative.`,
  ROTATION_DEFINITION_DIFFERENTE: (option: string, parameter: string) =>
    `La convention retient la définition de rotation ${quote(option)} mais le calcul du flux utilise ${quote(parameter)} : alignez l'option et le paramètre.`,
  DROITS_DE_SUITE_INCOHERENTS: (choice: string) =>
    choice === "transformation"
      ? "La transformation des droits de suite est retenue : la ligne d'Action Logement doit utiliser la méthode des droits de suite et lister ses programmes."
      : "La méthode de l'assiette est retenue pour Action Logement : sa ligne ne doit pas utiliser la méthode des droits de suite.",

  DONNEE_TENUE_PAR_LE_SERVEUR: (what: string) =>
    `${what} ne se modifie pas dans le document : c'est le serveur qui en tient la valeur. Votre modification a été annulée.`,

  VARIABLE_INCONNUE: (name: string) => `Variable inconnue : ${quote(name)}.`,
  VARIABLE_DONNEE_MANQUANTE: (label: string) => `Donnée manquante : ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
  FLUX_INCALCULABLE: (detail: string) => `Flux non calculable : ${detail}`,
  LIGNE_INCONNUE: (id: string) => `Aucune ligne du flux ne porte l'identifiant ${quote(id)}.`,
  BLOC_INCONNU: (name: string) => `Bloc calculé inconnu : ${quote(name)}.`,
  INVENTAIRE_ABSENT: () =>
    "Aucun état des lieux des réservations n'a encore été importé pour cette convention : importez l'inventaire du bailleur.",
  AUCUN_BAILLEUR: () => "Aucun bailleur partie à la convention n'apporte encore de logements : invitez un bailleur, qui accepte et importe son état des lieux.",
  BAILLEUR_INVITE: (name: string) =>
    `${name} n'a pas encore accepté d'être partie à la convention : ses logements n'entrent dans les calculs qu'après son accord (bouton « Accepter l'invitation », pour ses membres).`,
  BAILLEUR_SANS_ETAT_DES_LIEUX: (name: string, year: number) =>
    `${name} n'a pas encore d'état des lieux confirmé pour ${year} : ses membres l'importent depuis le menu « État des lieux ».`,
  ROTATION_INCONNUE: (name: string, previousYear: number) =>
    `Taux de rotation inconnu pour ${name} : saisissez ses données de rotation ${previousYear} (libérations et parc, panneau « Données du bailleur ») ou importez un état des lieux qui indique le taux de rotation du bailleur.`,
  CODE_NON_RATTACHE: (name: string, code: string, dwellings: number) =>
    `${formatCount(dwellings, "logement", "logements")} de ${name} ${dwellings >= 2 ? "portent" : "porte"} le code de réservataire « ${code} », rattaché à aucune organisation : complétez le registre des réservataires à l'import de l'état des lieux.`,
  PARAMETRE_NON_MODIFIABLE: (key: string, where: string) =>
    `« ${key} » ne se règle pas dans le document de la convention : ${where}. Votre modification a été annulée.`,
  OPTION_NON_RETENUE: (what: string) => `${what} : option non retenue par la convention.`,
  RESERVATIONS_NON_DETAILLEES: (name: string) =>
    `L'état des lieux de ${name} a été importé avant que Conflux ne détaille les réservations par date : importez-le à nouveau pour établir la liste des réservations et de leurs dates d'extinction.`,
} as const;
