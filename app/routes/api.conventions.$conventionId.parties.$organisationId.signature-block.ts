import type { ActionFunctionArgs } from "@remix-run/node";
import { SignatureBlockInputSchema } from "~/domain/legal/identity";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { setSignatureBlock } from "~/models/signature-block.server";

/** PUT /api/conventions/:id/parties/:organisationId/signature-block — a party fills in its own signature block (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const input = await readJsonBody(request, SignatureBlockInputSchema);
  return Response.json(await setSignatureBlock(deps, conventionId, actor, params.organisationId ?? "", input));
}
