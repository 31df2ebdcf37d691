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
} as const;

export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode) {
  return { code, message: MESSAGES[code] };
}
