import type { ActionFunctionArgs } from "@remix-run/node";
import { requireBailleur } from "~/lib/auth.server";
import { MESSAGES } from "~/lib/messages";
import type { InventoryIssue } from "~/domain/inventory/messages";
import type { InventoryProgress } from "~/domain/inventory/progress";
import { importInventory } from "~/models/inventory.server";
import { readInventoryUpload } from "~/models/inventory-upload.server";

/** One line of the answer: progress while the file is read, checked and stored, then the outcome. */
export type UploadEvent =
  | ({ type: "progress" } & InventoryProgress)
  | { type: "done"; location: string }
  | { type: "refused"; formError: string; issues: InventoryIssue[]; errorCount: number };

/**
 * POST /inventaires/televersement — the same upload as the form of /inventaires, answered as a stream of JSON lines
 * (application/x-ndjson): the parse worker's progress as it goes, then where to go or why the file is refused. The
 * page uses it when scripts run; the plain form stays for when they do not.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireBailleur(request, context);
  const upload = await readInventoryUpload(request);
  const encoder = new TextEncoder();
  const line = (event: UploadEvent) => encoder.encode(`${JSON.stringify(event)}\n`);
  const headers = { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" };
  if (!upload.ok) return new Response(line({ type: "refused", formError: upload.formError, issues: [], errorCount: 1 }), { status: upload.status, headers });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (event: UploadEvent) => {
        if (open) controller.enqueue(line(event));
      };
      try {
        const result = await importInventory(context.db, {
          organisationId: user.organisationId,
          userId: user.id,
          year: upload.year,
          fileName: upload.fileName,
          bytes: upload.bytes,
          onProgress: (progress) => send({ type: "progress", ...progress }),
        });
        if (result.ok) send({ type: "done", location: `/inventaires/${result.stored.id}` });
        else send({ type: "refused", formError: MESSAGES.FORM_INVALID, issues: result.issues, errorCount: result.errorCount });
      } catch (error) {
        send({ type: "refused", formError: "L'import n'a pas pu aboutir à cause d'une erreur du serveur : rien n'a été enregistré. Réessayez dans un instant.", issues: [], errorCount: 1 });
        console.error(error);
      } finally {
        open = false;
        controller.close();
      }
    },
  });
  return new Response(body, { status: 200, headers });
}
