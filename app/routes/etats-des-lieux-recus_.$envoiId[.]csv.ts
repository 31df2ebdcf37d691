import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/lib/auth.server";
import { CampaignRefusal, receivedRowsCsv } from "~/models/campaign.server";

const EnvoiIdSchema = z.coerce.number().int().positive();

/** GET /etats-des-lieux-recus/:envoiId.csv — the dwellings the user's organisation holds in a sending it received. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = EnvoiIdSchema.safeParse(params.envoiId);
  if (!id.success) return Response.json({ code: "ENVOI_INTROUVABLE", message: "Cet envoi d'état des lieux n'existe pas." }, { status: 404 });
  try {
    const { year, csv } = await receivedRowsCsv(context.db, { envoiId: id.data, reservataireId: user.organisationId });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="etat-des-lieux-${year}-${id.data}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof CampaignRefusal) return Response.json({ code: error.code, message: error.message }, { status: error.status });
    throw error;
  }
}
