import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireBailleur } from "~/lib/auth.server";
import { MESSAGES } from "~/lib/messages";
import { MAX_INVENTORY_BYTES } from "~/domain/inventory/limits";
import type { InventoryIssue } from "~/domain/inventory/messages";
import { currentImportIds, importInventory, listInventoryImports } from "~/models/inventory.server";

export const meta: MetaFunction = () => [{ title: "État des lieux des réservations — Conflux" }];

const YearSchema = z.coerce
  .number({ message: "Indiquez l'année de l'état des lieux (par exemple 2026)." })
  .int("L'année doit être un nombre entier (par exemple 2026).")
  .min(2000, "L'année doit être comprise entre 2000 et 2100.")
  .max(2100, "L'année doit être comprise entre 2000 et 2100.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireBailleur(request, context);
  const imports = await listInventoryImports(context.db, user.organisationId);
  const current = await currentImportIds(context.db, user.organisationId);
  return {
    organisation: user.organisationName,
    maxMegabytes: MAX_INVENTORY_BYTES / (1024 * 1024),
    imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), current: current.get(i.year) === i.id })),
  };
}

type ActionResult = { ok: false; formError?: string; issues: InventoryIssue[]; errorCount: number };

/** Upload: the file is checked whole, stored as waiting for confirmation, and the bailleur goes to its preview. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireBailleur(request, context);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_INVENTORY_BYTES }));
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
  const result = await importInventory(context.db, {
    organisationId: user.organisationId,
    userId: user.id,
    year: year.data,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok) return data<ActionResult>({ ok: false, formError: MESSAGES.FORM_INVALID, issues: result.issues, errorCount: result.errorCount }, { status: 422 });
  return redirect(`/inventaires/${result.stored.id}`, 303);
}

const fmt = (n: number) => n.toLocaleString("fr-FR");

const STATUS_LABELS: Record<string, string> = { en_attente: "À confirmer", confirme: "Confirmé", annule: "Annulé" };

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
        entier ou n'a pas lieu : une seule ligne en erreur et rien n'est enregistré. Avant qu'il ne change le moindre
        chiffre, vous verrez ce qu'il contient, ce que devient chaque code de réservataire et les conventions qu'il
        modifierait, puis vous confirmerez ou annulerez.
      </p>
      <Form method="post" encType="multipart/form-data" className="card">
        <label htmlFor="year">Année du flux</label>
        <input id="year" name="year" type="number" min={2000} max={2100} defaultValue={new Date().getFullYear()} required />
        <label htmlFor="file">Fichier</label>
        <input id="file" name="file" type="file" accept=".csv,.txt,.xlsx" required />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Lecture du fichier…" : "Lire le fichier"}
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
                      <td className="num">{issue.line ?? "—"}</td>
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
      <h2>Imports</h2>
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
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>{i.year}</td>
                <td>{i.fileName}</td>
                <td className="num">{fmt(i.rowCount)}</td>
                <td>{new Date(i.createdAt).toLocaleString("fr-FR")}</td>
                <td>{i.current ? <strong>En vigueur pour {i.year}</strong> : STATUS_LABELS[i.status] ?? i.status}</td>
                <td>
                  {i.status === "en_attente" ? (
                    <Link to={`/inventaires/${i.id}`}>Vérifier et confirmer</Link>
                  ) : i.status === "confirme" && !i.current ? (
                    <Form method="post" action={`/inventaires/${i.id}`}>
                      <input type="hidden" name="intent" value="retablir" />
                      <button type="submit" className="button-secondary">
                        Remettre en vigueur
                      </button>
                    </Form>
                  ) : (
                    <Link to={`/inventaires/${i.id}`}>Détail</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
