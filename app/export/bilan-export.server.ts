// Exporting a bilan (DOCX for the file, XLSX for the figures): the bilan as the screen computes it, the bilan's
// comment threads for the DOCX, and an `export` event in the convention's audit trail.
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "../lib/session.server";
import { recordAudit } from "../models/audit.server";
import { listBilanComments } from "../models/decompte/bilan-comments.server";
import { loadBilan, type BilanRequest } from "../models/decompte/bilan.server";
import { buildBilanDocx, bilanTitle } from "./bilan-docx.server";
import { buildBilanXlsx, XLSX_CONTENT_TYPE } from "./bilan-xlsx.server";
import { DOCX_CONTENT_TYPE } from "./docx.server";
import { contentDisposition } from "./export.server";

const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

export async function exportBilan(context: AppLoadContext, user: SessionUser, conventionId: string, request: BilanRequest, format: "docx" | "xlsx") {
  const { state, bilan } = await loadBilan(context.db, context.collab, conventionId, request);
  let bytes: Buffer;
  if (format === "docx") {
    const comments = await listBilanComments({ db: context.db, collab: context.collab }, conventionId, request.year);
    const imported = bilan.tables.flatMap((t) => (t.source ? [t.source.importedAt] : [])).sort();
    const timestamp = new Date(imported[imported.length - 1] ?? `${bilan.year}-01-01T00:00:00Z`);
    bytes = await buildBilanDocx({ state, bilan, comments, timestamp });
  } else {
    bytes = await buildBilanXlsx(state, bilan);
  }
  await recordAudit(context.db, {
    conventionId,
    organisationId: user.organisationId,
    userId: user.id,
    kind: "export",
    details: { format: `bilan-${format}`, year: bilan.year, au: request.until, reservataire: request.line },
  });
  const displayName = `${bilanTitle(bilan)} - ${state.meta.title}${bilan.line ? ` - ${bilan.line.label}` : ""}.${format}`;
  return { bytes, displayName, fileName: `${ascii(displayName.slice(0, -format.length - 1))}.${format}` };
}

/** The export as a download. */
export async function bilanFileResponse(context: AppLoadContext, user: SessionUser, conventionId: string, request: BilanRequest, format: "docx" | "xlsx"): Promise<Response> {
  const exported = await exportBilan(context, user, conventionId, request, format);
  return new Response(new Uint8Array(exported.bytes), {
    headers: {
      "Content-Type": format === "docx" ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      "Content-Disposition": contentDisposition(exported.fileName, exported.displayName),
      "Content-Length": String(exported.bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
