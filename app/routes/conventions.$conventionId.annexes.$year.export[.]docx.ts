import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAnnexDocx } from "~/export/annex-export.server";
import { DOCX_CONTENT_TYPE } from "~/export/docx.server";
import { contentDisposition } from "~/export/export.server";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { annexYearParam } from "~/models/annex-http.server";

/**
 * GET /conventions/:id/annexes/:year/export.docx — the annual annex as its own Word document (docs/api.md): party
 * members only (404 otherwise), anonymous users go to the login page.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  const exported = await exportAnnexDocx(context, access, user, annexYearParam(params.year));
  return new Response(new Uint8Array(exported.bytes), {
    headers: {
      "Content-Type": DOCX_CONTENT_TYPE,
      "Content-Disposition": contentDisposition(exported.fileName, exported.displayName),
      "Content-Length": String(exported.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Conflux-Fingerprint": exported.fingerprint,
      "X-Conflux-Convention-Fingerprint": exported.conventionFingerprint,
    },
  });
}
