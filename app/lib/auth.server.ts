import { redirect, type AppLoadContext } from "@remix-run/node";
import { getConventionAccess, type ConventionAccess } from "../models/convention.server";
import { message } from "./messages";
import { roleAtLeast, type Role } from "./roles";
import { getSessionUser, readSessionToken, type SessionUser } from "./session.server";

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return getSessionUser(context.db, readSessionToken(request.headers.get("cookie")));
}

/** For pages: the signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** For JSON routes: the signed-in user, or a 401 with a French message. */
export async function requireApiUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (user) return user;
  throw Response.json(message("AUTH_REQUIRED"), { status: 401 });
}

/**
 * The user's access to a convention: 404 when its organisation is not a party (the convention's existence is not
 * revealed), 403 when the party's role is below what the action needs.
 */
export async function requireConventionRole(
  context: AppLoadContext,
  user: SessionUser,
  conventionId: string,
  needed: Role = "lecture",
): Promise<ConventionAccess> {
  const access = await getConventionAccess(context.db, user.organisationId, conventionId);
  if (!access) throw Response.json(message("CONVENTION_NOT_FOUND"), { status: 404 });
  if (!roleAtLeast(access.role, needed)) throw Response.json(message("FORBIDDEN_ROLE"), { status: 403 });
  return access;
}

export function useSecureCookies(request: Request, context: AppLoadContext): boolean {
  if (context.secureCookies === "true") return true;
  if (context.secureCookies === "false") return false;
  return new URL(request.url).protocol === "https:";
}

/** For a bailleur's own pages (its états des lieux, its data): the signed-in user of a bailleur, or a 403. */
export async function requireBailleur(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (user.organisationKind !== "bailleur")
    throw Response.json({ code: "FORBIDDEN_ROLE", message: "Seul un bailleur importe l'état des lieux de son patrimoine." }, { status: 403 });
  return user;
}
