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
import { DECOMPTE_COLUMN_LIST } from "~/domain/decompte/columns";
import { DECOMPTE_EVENTS } from "~/domain/decompte/events";
import { MAX_DECOMPTE_BYTES } from "~/domain/decompte/limits";
import type { DecompteIssue } from "~/domain/decompte/messages";
import { requireBailleur } from "~/lib/auth.server";
import { listDecompteImports } from "~/models/decompte/events.server";
import { importDecompteEvents, type DecompteImportSummary } from "~/models/decompte/import-events.server";

export const meta: MetaFunction = () => [{ title: "Événements de l'année (décompte) — Conflux" }];

const YearSchema = z.coerce
  .number({ message: "Indiquez l'année des événements (par exemple 2026)." })
  .int("L'année doit être un nombre entier (par exemple 2026).")
  .min(2000, "L'année doit être comprise entre 2000 et 2100.")
  .max(2100, "L'année doit être comprise entre 2000 et 2100.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireBailleur(request, context);
  const imports = await listDecompteImports(context.db, user.organisationId);
  return {
    organisation: user.organisationName,
    maxMegabytes: MAX_DECOMPTE_BYTES / (1024 * 1024),
    columns: DECOMPTE_COLUMN_LIST.map((c) => ({ label: c.label, expected: c.expected, required: c.requiredColumn })),
    imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
  };
}

type ActionResult =
  | { ok: true; summary: DecompteImportSummary }
  | { ok: false; formError?: string; issues: DecompteIssue[]; errorCount: number; unknownCodes?: { code: string; message: string }[] };

/** Upload: the file is checked whole against the état des lieux of its year, and stored whole or not at all. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireBailleur(request, context);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DECOMPTE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<ActionResult>({ ok: false, formError: `Le fichier dépasse la taille maximale de ${MAX_DECOMPTE_BYTES / (1024 * 1024)} Mo.`, issues: [], errorCount: 1 }, { status: 413 });
    throw error;
  }
  const year = YearSchema.safeParse(form.get("year"));
  const file = form.get("file");
  if (!year.success) return data<ActionResult>({ ok: false, formError: year.error.issues[0].message, issues: [], errorCount: 1 }, { status: 400 });
  if (!(file instanceof File) || file.name === "")
    return data<ActionResult>({ ok: false, formError: "Choisissez le fichier des événements (CSV ou XLSX).", issues: [], errorCount: 1 }, { status: 400 });
  const outcome = await importDecompteEvents(context.db, {
    organisationId: user.organisationId,
    userId: user.id,
    year: year.data,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    decisions: {},
  });
  if (outcome.ok) return data<ActionResult>({ ok: true, summary: outcome.summary });
  if (outcome.kind === "codes")
    return data<ActionResult>(
      {
        ok: false,
        formError: "Des codes de réservataire ne sont rattachés à aucune organisation : rattachez-les en important l'état des lieux de l'année, puis déposez à nouveau ce fichier.",
        issues: [],
        errorCount: outcome.unknownCodes.length,
        unknownCodes: outcome.unknownCodes,
      },
      { status: 422 },
    );
  return data<ActionResult>({ ok: false, issues: outcome.issues, errorCount: outcome.errorCount }, { status: 422 });
}

export default function DecomptesPage() {
  const { organisation, maxMegabytes, columns, imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <article>
      <h1>Événements de l'année — {organisation}</h1>
      <p>
        Importez les événements de l'année exportés de vos outils (mises à disposition, propositions, décisions de la CALEOL, refus, baux, entrées dans les
        lieux, restitutions) : chaque convention les décompte selon son fait générateur et en tire son bilan. Le fichier est accepté entier ou refusé
        entier, chaque erreur indiquant sa ligne et sa colonne.
      </p>
      <Form method="post" encType="multipart/form-data" className="card" aria-describedby="decompte-help">
        <label htmlFor="decompte-year">Année des événements</label>
        <input id="decompte-year" name="year" type="number" min={2000} max={2100} defaultValue={new Date().getFullYear()} required />
        <label htmlFor="decompte-file">Fichier (CSV ou XLSX, {maxMegabytes} Mo au plus)</label>
        <input id="decompte-file" name="file" type="file" accept=".csv,.xlsx,text/csv" required />
        <p id="decompte-help" className="muted">
          <a href="/decomptes/modele.csv" download>
            Télécharger le modèle CSV
          </a>{" "}
          — la commune, le QPV, la typologie et le financement de chaque logement sont lus dans votre état des lieux de l'année quand le fichier ne les
          donne pas.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Analyse du fichier…" : "Importer les événements"}
        </button>
      </Form>
      {result && result.ok ? (
        <p className="notice" role="status">
          {result.summary.rows.toLocaleString("fr-FR")} événements de {result.summary.year} importés depuis « {result.summary.fileName} ».{" "}
          {result.summary.warnings.join(" ")}
        </p>
      ) : null}
      {result && !result.ok ? (
        <section role="alert" className="card">
          <h2>Fichier refusé : rien n'a été enregistré</h2>
          {result.formError ? <p className="form-error">{result.formError}</p> : null}
          <ul>
            {[...result.issues, ...(result.unknownCodes ?? [])].map((issue, i) => (
              <li key={i}>{issue.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card">
        <h2>Colonnes du fichier</h2>
        <table className="table">
          <caption className="muted">Intitulés reconnus sans tenir compte de la casse, des accents ni des espaces ; séparateur « ; », dates JJ/MM/AAAA.</caption>
          <thead>
            <tr>
              <th scope="col">Colonne</th>
              <th scope="col">Contenu attendu</th>
              <th scope="col">Obligatoire</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.label}>
                <td>{c.label}</td>
                <td>{c.expected}</td>
                <td>{c.required ? "oui" : "non"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Événements : {Object.values(DECOMPTE_EVENTS).map((e) => e.label).join(", ")}.</p>
      </section>
      <section className="card">
        <h2>Imports</h2>
        {imports.length === 0 ? <p className="muted">Aucun import d'événements.</p> : null}
        <ul>
          {imports.map((i, index) => (
            <li key={i.id}>
              {i.year} — « {i.fileName} », {i.rows.toLocaleString("fr-FR")} événements, le {new Date(i.createdAt).toLocaleDateString("fr-FR")}
              {imports.findIndex((x) => x.year === i.year) === index ? " (en vigueur)" : ""}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
