import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ReplySchema } from "~/domain/negotiation/schemas";
import { addBilanComment, listBilanComments } from "~/models/decompte/bilan-comments.server";
import { answeringBilanRefusals, BilanQuerySchema } from "~/models/decompte/bilan-http.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

const yearOf = (param: string | undefined) => {
  const year = BilanQuerySchema.shape.year.safeParse(param);
  if (!year.success) throw Response.json({ code: "BILAN_PARAMETRE_INVALIDE", message: year.error.issues[0].message, field: "year" }, { status: 400 });
  return year.data;
};

/** GET /api/conventions/:id/bilans/:year/comments — the bilan's threads (every party). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await listBilanComments(deps, conventionId, yearOf(params.year)));
}

/** POST /api/conventions/:id/bilans/:year/comments `{ body }` — opens a thread on the bilan (édition, commentaire). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const year = yearOf(params.year);
  const input = await readJsonBody(request, ReplySchema);
  return Response.json(await answeringBilanRefusals(() => addBilanComment(deps, conventionId, actor, year, input.body)), { status: 201 });
}
