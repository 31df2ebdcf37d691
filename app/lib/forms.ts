import { z } from "zod";
import { LIMITS } from "./limits";
import { MESSAGES } from "./messages";

export const LoginSchema = z.object({
  email: z.string().trim().min(1, MESSAGES.EMAIL_INVALID).max(LIMITS.emailMax, MESSAGES.EMAIL_INVALID).email(MESSAGES.EMAIL_INVALID),
  password: z.string().min(1, MESSAGES.PASSWORD_REQUIRED).max(LIMITS.passwordMax, MESSAGES.PASSWORD_REQUIRED),
  redirectTo: z.string().max(2_000).optional(),
});

export type FieldErrors = Partial<Record<string, string>>;

/** The first French message per field of a failed parse, for display next to each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Only same-site paths: an attacker-supplied redirectTo must not send users elsewhere after login. */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
