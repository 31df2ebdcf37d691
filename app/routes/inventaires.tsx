import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/lib/auth.server";
import { MESSAGES } from "~/lib/messages";
import { MAX_INVENTORY_BYTES } from "~/domain/inventory/limits";
import type { InventoryIssue } from "~/domain/inventory/messages";
import { importInventory, listInventoryImports } from "~/models/inventory.server";

export const meta: MetaFunction = () => [{ title: "État des lieux des réservations — Conflux" }];

const YearSchema = z.coerce
  .number({ message: "Indiquez l'année de l'état des lieux (par exemple 2026)." })
  .int("L'année doit être un nombre entier (par exemple 2026).")
  .min(2000, "L'année doit être comprise entre 2000 et 2100.")
  .max(2100, "L'année doit être comprise entre 2000 et 2100.");

async function requireBailleur(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  if (user.organisationKind !== "bailleur")
    throw Response.json({ code: "FORBIDDEN_ROLE", message: "Seul un bailleur importe l'état des lieux de son patrimoine." }, { status: 403 });
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireBailleur(request, context);
  const imports = await listInventoryImports(context.db, user.organisationId);
  return {
    organisation: user.organisationName,
    maxMegabytes: MAX_INVENTORY_BYTES / (1024 * 1024),
    imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
  };
}

type ActionResult =
  | { ok: false; formError?: string; issues: InventoryIssue[]; errorCount: number }
  | { ok: true; rowCount: number; assiette: number; year: number; fileName: string; reserved: Record<string, number>; exclusions: Record<string, number>; warnings: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireBailleur(request, context);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_INVENTORY_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<ActionResult>(
        { ok: false, formError: `Le fichier dépasse la taille maximale de ${MAX_INVENTORY_BYTES / (1024 * 1024)} Mo.`, issues: [], errorCount: 1 },
        { status: 413 },
      );
    throw error;
  }
  const year = YearSchema.safeParse(form.get("year"));
  const file = form.get("file");
  if (!year.success) return data<ActionResult>({ ok: false, formError: year.error.issues[0].message, issues: [], errorCount: 1 }, { status: 400 });
  if (!(file instanceof File) || file.name === "")
    return data<ActionResult>({ ok: false, formError: "Choisissez le fichier de l'état des lieux (CSV ou XLSX).", issues: [], errorCount: 1 }, { status: 400 });
  const result = await importInventory(context.db, context.collab, {
    organisationId: user.organisationId,
    userId: user.id,
    year: year.data,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok)
    return data<ActionResult>({ ok: false, formError: MESSAGES.FORM_INVALID, issues: result.issues, errorCount: result.errorCount }, { status: 422 });
  const a = result.stored.aggregates;
  return data<ActionResult>({
    ok: true,
    rowCount: result.stored.rowCount,
    assiette: a.assiette,
    year: result.stored.year,
    fileName: result.stored.fileName,
    reserved: a.reservedByReservataire,
    exclusions: a.exclusions,
    warnings: result.warnings.map((w) => w.message),
  });
}

const fmt = (n: number) => n.toLocaleString("fr-FR");

export default function Inventaires() {
  const { organisation, imports, maxMegabytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section>
      <h1>État des lieux des réservations</h1>
      <p className="muted">
        Importez l'inventaire de {organisation} (une ligne par logement, 13 indicateurs et le motif d'exclusion) en CSV
        — séparateur « ; » ou « , », UTF-8 ou Windows-1252 — ou en XLSX, jusqu'à {maxMegabytes} Mo. L'import est
        entier ou n'a pas lieu : une seule ligne en erreur et rien n'est enregistré.
      </p>
      <Form method="post" encType="multipart/form-data" className="card">
        <label htmlFor="year">Année de l'état des lieux</label>
        <input id="year" name="year" type="number" min={2000} max={2100} defaultValue={new Date().getFullYear()} required />
        <label htmlFor="file">Fichier</label>
        <input id="file" name="file" type="file" accept=".csv,.txt,.xlsx" required />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Import en cours…" : "Importer"}
        </button>
      </Form>
      {result && !result.ok ? (
        <div role="alert" className="card import-errors">
          <h2>Import refusé : rien n'a été enregistré</h2>
          {result.formError ? <p className="form-error">{result.formError}</p> : null}
          {result.issues.length > 0 ? (
            <>
              <p>
                {result.errorCount} erreur{result.errorCount > 1 ? "s" : ""}
                {result.errorCount > result.issues.length ? ` (les ${result.issues.length} premières ci-dessous)` : ""} :
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Colonne</th>
                    <th scope="col">Erreur</th>
                  </tr>
                </thead>
                <tbody>
                  {result.issues.map((issue, i) => (
                    <tr key={i}>
                      <td>{issue.line ?? "—"}</td>
                      <td>{issue.column ? `${issue.column}${issue.columnName ? ` (${issue.columnName})` : ""}` : "—"}</td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </div>
      ) : null}
      {result && result.ok ? (
        <div role="status" className="card">
          <h2>Import réussi</h2>
          <p>
            {fmt(result.rowCount)} logements importés depuis « {result.fileName} » pour {result.year} ; assiette du flux :{" "}
            <strong>{fmt(result.assiette)}</strong> logements.
          </p>
          <h3>Logements réservés dans l'assiette</h3>
          <ul>
            {Object.entries(result.reserved).map(([id, n]) => (
              <li key={id}>
                {id} : {fmt(n)}
              </li>
            ))}
          </ul>
          <h3>Exclusions</h3>
          <ul>
            {Object.entries(result.exclusions)
              .filter(([, n]) => n > 0)
              .map(([reason, n]) => (
                <li key={reason}>
                  {reason} : {fmt(n)}
                </li>
              ))}
          </ul>
          {result.warnings.length ? (
            <ul>
              {result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <h2>Imports précédents</h2>
      {imports.length === 0 ? (
        <p>Aucun import pour le moment.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col">Fichier</th>
              <th scope="col">Logements</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>{i.year}</td>
                <td>{i.fileName}</td>
                <td>{fmt(i.rowCount)}</td>
                <td>{new Date(i.createdAt).toLocaleString("fr-FR")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
