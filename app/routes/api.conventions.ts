import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/lib/auth.server";
import { NewConventionSchema } from "~/lib/convention-forms";
import { ConventionCreationError, createConventionFromTemplate, listConventionsForUser } from "~/models/convention.server";
import { methodNotAllowed, readJsonBody } from "~/models/negotiation-http.server";

/** GET /api/conventions: the signed-in user's conventions with their role on each. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, context);
  return Response.json(await listConventionsForUser(context.db, user.organisationId));
}

/**
 * POST /api/conventions: creates a convention from a template on a territory, the caller's organisation piloting it
 * (docs/api.md). 201 with its id; 400 with `errors`, a French message per wrong field (and the first as `message`).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const user = await requireApiUser(request, context);
  const input = await readJsonBody(request, NewConventionSchema);
  try {
    const id = await createConventionFromTemplate(context.db, { organisationId: user.organisationId, userId: user.id }, input);
    return Response.json({ id }, { status: 201 });
  } catch (error) {
    if (error instanceof ConventionCreationError)
      return Response.json({ code: "FORM_INVALID", message: error.message, field: error.field, errors: [{ field: error.field, message: error.message }] }, { status: 400 });
    throw error;
  }
}
