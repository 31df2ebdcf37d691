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

// Browsers drop tab and newline inside URLs and read "\" as "/": "/\t/evil.example" and "/\\evil.example" both
// leave the site. A target is kept only when it is a path of this site in its raw form and in its decoded form. Raw,
// it is printable ASCII (a URL percent-encodes the rest; anything else could not go into a Location header).
const UNSAFE_ANYWHERE = /[^\x21-\x7E]|\\/;
// eslint-disable-next-line no-control-regex -- idem, once percent-decoded (a decoded space is a legitimate %20)
const UNSAFE_DECODED = /[\u0000-\u001F\u007F\\]/;
const ANY_ORIGIN = "http://conflux.invalid";

/**
 * Only same-site absolute paths (`/conventions/12?tab=x`): an attacker-supplied redirectTo must not send users
 * elsewhere after login, nor put a newline in the Location header. Anything else gives `fallback`.
 */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || UNSAFE_ANYWHERE.test(to)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || UNSAFE_DECODED.test(decoded)) return fallback;
  // The last word goes to the URL parser browsers use: the target must resolve on this site.
  return new URL(to, ANY_ORIGIN).origin === ANY_ORIGIN ? to : fallback;
}
