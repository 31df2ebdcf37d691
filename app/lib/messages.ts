import { JSON_LIMITS } from "./limits";

/** The catalogue of French messages shown to users, with stable codes that APIs return alongside them. */
export const MESSAGES = {
  AUTH_INVALID_CREDENTIALS: "Adresse e-mail ou mot de passe incorrect.",
  AUTH_THROTTLED: "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
  AUTH_REQUIRED: "Votre session a expiré ou vous n'êtes pas connecté. Veuillez vous reconnecter.",
  FORM_INVALID: "Le formulaire contient des erreurs.",
  EMAIL_INVALID: "Saisissez une adresse e-mail valide (par exemple prenom.nom@organisme.fr).",
  PASSWORD_REQUIRED: "Saisissez votre mot de passe.",
  NOT_FOUND: "Cette page n'existe pas, ou vous n'y avez pas accès.",
  CONVENTION_NOT_FOUND: "Convention introuvable, ou votre organisation n'y est pas partie.",
  FORBIDDEN_ROLE: "Votre rôle sur cette convention ne permet pas cette action.",
  ORIGIN_REFUSED: "Requête refusée : elle ne provient pas de Conflux.",
  RATE_LIMITED: "Trop de requêtes. Réessayez dans un instant.",
  JSON_REQUIRED: "Le corps de la requête doit être du JSON (Content-Type: application/json).",
  JSON_INVALID: "Le corps de la requête n'est pas un JSON valide.",
  POSITION_INVALID: "La position doit être l'une de : d_accord, pas_d_accord, sous_conditions, abstention.",
  POSITION_REASON_REQUIRED: "Indiquez la raison de votre position (texte de 1 à 2 000 caractères).",
  POSITION_CONDITION_REQUIRED: "Une position « sous conditions » doit préciser sa condition.",
  POSITION_OPTION_UNKNOWN: "Cette option n'existe pas dans la convention, ou elle n'est pas négociable.",
  POSITION_OTHER_PARTY: "Vous ne pouvez exprimer que la position de votre propre organisation.",
  APPROVAL_ARTICLE_UNKNOWN: "Cet article n'existe pas dans le texte actuel de la convention.",
  COMMENT_BODY_REQUIRED: "Le commentaire est vide ou trop long (1 à 5 000 caractères).",
  COMMENT_NOT_FOUND: "Ce fil de commentaires n'existe pas.",
  COMMENT_ANCHOR_INVALID: "L'ancrage du commentaire est invalide : indiquez un article existant ou une plage de texte.",
  STATUS_INVALID: "Le statut doit être l'un de : brouillon, en_negociation, prete_pour_signature, signee.",
  STATUS_SAME: "La convention a déjà ce statut.",
  STATUS_TRANSITION_REFUSED: "Ce changement de statut n'est pas permis depuis le statut actuel.",
  STATUS_ROLE_REFUSED: "Seuls les membres des parties en édition changent le statut de la convention.",
  MEMBERSHIP_PILOT_ONLY: "Seul le pilote de la convention invite des parties ou change leur rôle.",
  MEMBERSHIP_PILOT_KEEPS_EDITION: "Le pilote reste partie à la convention avec le rôle « Édition ».",
  MEMBERSHIP_UNKNOWN_ORGANISATION: "Cette organisation n'existe pas dans l'annuaire de Conflux.",
  MEMBERSHIP_NOT_A_PARTY: "Cette organisation n'est pas partie à la convention.",
  MEMBERSHIP_SIGNED: "Une convention signée ne change plus de parties : préparez un avenant.",
  DEADLINE_PILOT_ONLY: "Seul le pilote de la convention fixe les échéances des options.",
  DEADLINE_INVALID: "Indiquez l'échéance au format aaaa-mm-jj (par exemple 2026-03-15), ou null pour la retirer.",
  STATUS_PILOT_ONLY: "Seul le pilote de la convention la déclare signée.",
  STATUS_SIGNATURE_DATE_REQUIRED: "Indiquez la date de signature (AAAA-MM-JJ).",
  STATUS_APPROVALS_MISSING: "La convention ne peut pas être prête pour signature : des articles ne sont pas approuvés, dans leur version actuelle, par toutes les parties.",
  STATUS_CONSENSUS_MISSING: "La convention ne peut pas être prête pour signature : des options n'ont pas fait consensus.",
  STATUS_SIGNED_LOCKED: "La convention est signée : elle ne peut plus être modifiée.",
  VERSION_NAME_REQUIRED: "Donnez un nom à la version (1 à 200 caractères).",
  VERSION_NOT_FOUND: "Cette version n'existe pas.",
  VERSION_PILOT_ONLY: "Seul le pilote de la convention crée ou restaure des versions.",
  BODY_TOO_LARGE: "Requête refusée : son contenu dépasse la taille maximale acceptée à cette adresse.",
  BODY_INVALID: "Requête refusée : son contenu est incomplet ou ne correspond pas à sa longueur annoncée.",
  CONTROL_CHARACTER: "Requête refusée : elle contient un caractère de contrôle (octet nul ou autre caractère invisible) non permis.",
  JSON_TOO_DEEP: `Le corps de la requête imbrique trop d'objets ou de tableaux JSON (${JSON_LIMITS.maxDepth} niveaux au plus).`,
  DOCUMENT_EMPTY: "Le document de cette convention n'a pas encore de contenu structuré.",
} as const;

export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode) {
  return { code, message: MESSAGES[code] };
}
