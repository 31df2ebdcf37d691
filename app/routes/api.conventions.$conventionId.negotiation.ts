import type { LoaderFunctionArgs } from "@remix-run/node";
import { negotiationActor } from "~/models/negotiation-http.server";
import { negotiationView } from "~/models/negotiation.server";
import { conventionJournal } from "~/models/journal.server";

/** GET /api/conventions/:id/negotiation — status, positions, consensus, approvals, comments, versions and the journal (codes and French words). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const view = await negotiationView(deps, conventionId);
  const titles = Object.fromEntries([...view.articles.map((a) => [a.id, `Article ${a.number} — ${a.title}`]), ...view.tables.map((t) => [t.id, t.title])]);
  const audit = await conventionJournal(deps.db, conventionId, titles);
  return Response.json({ ...view, audit });
}
