// The territory view behind its three doors (page, CSV export, API): the signed-in user's scope, the query checked,
// the view computed. Routes only answer.
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/lib/session.server";
import { parseTerritoryQuery } from "~/lib/territory-query";
import { CampaignRefusal, defaultCampaignYear, scopeOf, territoryView } from "./campaign.server";

export async function territoryViewFor(context: AppLoadContext, user: SessionUser, url: URL) {
  const parsed = parseTerritoryQuery(url);
  if (!parsed.ok) throw Response.json({ code: "REQUETE_INVALIDE", message: parsed.message, field: parsed.field }, { status: 400 });
  const { annee, ...filters } = parsed.query;
  const scope = await scopeOf(context.db, user);
  try {
    return await territoryView(context.db, context.collab, scope, annee ?? (await defaultCampaignYear(context.db)), filters);
  } catch (error) {
    if (error instanceof CampaignRefusal) throw Response.json({ code: error.code, message: error.message }, { status: error.status });
    throw error;
  }
}
