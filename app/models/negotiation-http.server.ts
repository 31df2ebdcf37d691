// The shared front of the negotiation write routes: JSON-only bodies, zod-validated, refusals in French.
import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { requireApiUser, requireConventionRole } from "../lib/auth.server";
import { parseJsonBody } from "../lib/json-body";
import { message } from "../lib/messages";
import type { Role } from "../lib/roles";
import { actorOf, type Actor, type NegotiationDeps } from "./negotiation.server";

/**
 * The body as the schema's output: 415 when it is not JSON, 400 with a French message when it is malformed, nested
 * too deeply, holds a control character (app/lib/json-body.ts) or does not validate.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw Response.json(message("JSON_REQUIRED"), { status: 415 });
  const body = parseJsonBody(await request.text());
  if (!body.ok) throw Response.json({ ...message(body.code), field: body.field ?? null }, { status: 400 });
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The first problem as before, and every field's problem for forms that show them next to each field.
    const errors = parsed.error.issues.map((i) => ({ field: i.path.join(".") || null, message: i.message }));
    throw Response.json({ code: "FORM_INVALID", message: issue?.message ?? message("FORM_INVALID").message, field: issue?.path.join(".") ?? null, errors }, { status: 400 });
  }
  return parsed.data;
}

/** The guard of every negotiation route: signed in (401), party (404), role at least `needed` (403). */
export async function negotiationActor(
  request: Request,
  context: AppLoadContext,
  conventionId: string | undefined,
  needed: Role,
): Promise<{ actor: Actor; deps: NegotiationDeps; conventionId: string }> {
  const user = await requireApiUser(request, context);
  const access = await requireConventionRole(context, user, conventionId ?? "", needed);
  return { actor: actorOf(user, access), deps: { db: context.db, collab: context.collab }, conventionId: access.convention.id };
}

export function methodNotAllowed(): never {
  throw Response.json({ code: "METHOD_NOT_ALLOWED", message: "Méthode non permise sur cette adresse." }, { status: 405 });
}
