import type { LoaderFunctionArgs } from "@remix-run/node";
import { CONVENTION_STATE_LABELS, ENVOI_LABELS } from "~/domain/campaign";
import { requireUser } from "~/lib/auth.server";
import { territoryViewFor } from "~/models/territory-view-http.server";

const cell = (value: string | number) => {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** GET /territoire.csv — the territory view as the filters show it, for a spreadsheet (`;`, UTF-8 with BOM). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const view = await territoryViewFor(context, user, new URL(request.url));
  const header = ["Bailleur", "Réservataire", "Logements réservés sur le territoire", "Convention", "Conventions", "Options sans consensus", "Échéances dépassées", "État des lieux", "Envoyé le", "Bilan : décompté", "Bilan : objectif"];
  const lines = [header.join(";")];
  for (const p of view.pairs) {
    lines.push(
      [
        p.bailleur.name,
        p.reservataire.name,
        p.reservedDwellings,
        CONVENTION_STATE_LABELS[p.conventionState],
        p.conventions.map((c) => c.title).join(" | "),
        p.conventions.reduce((n, c) => n + c.optionsWithoutConsensus, 0),
        p.conventions.reduce((n, c) => n + c.overdueDeadlines, 0),
        ENVOI_LABELS[p.envoi.status],
        p.envoi.sentOn ?? "",
        p.bilan?.counted ?? "",
        p.bilan?.objective ?? "",
      ]
        .map(cell)
        .join(";"),
    );
  }
  return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="territoire-${view.year}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
