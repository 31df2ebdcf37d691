import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DOCX_CONTENT_TYPE } from "~/export/docx.server";
import { contentDisposition, exportConventionDocx, exportError } from "~/export/export.server";
import { requireConventionRole, requireUser } from "~/lib/auth.server";

const ExportQuerySchema = z.object({ version: z.string().max(200).optional() });

/**
 * GET /conventions/:id/export.docx[?version=<id>] — the convention as a Word document for signature (docs/api.md):
 * party members only (404 otherwise), anonymous users go to the login page.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  const query = ExportQuerySchema.safeParse({ version: new URL(request.url).searchParams.get("version") ?? undefined });
  if (!query.success) throw exportError("EXPORT_VERSION_NOT_FOUND", 404);
  const exported = await exportConventionDocx(context, access, user, query.data.version);
  return new Response(new Uint8Array(exported.bytes), {
    headers: {
      "Content-Type": DOCX_CONTENT_TYPE,
      "Content-Disposition": contentDisposition(exported.fileName, exported.displayName),
      "Content-Length": String(exported.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Conflux-Fingerprint": exported.fingerprint.sha256,
    },
  });
}
