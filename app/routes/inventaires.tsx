import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { requireBailleur } from "~/lib/auth.server";
import { MESSAGES } from "~/lib/messages";
import { formatInteger } from "~/domain/format";
import { MAX_INVENTORY_BYTES } from "~/domain/inventory/limits";
import type { InventoryIssue } from "~/domain/inventory/messages";
import { STAGE_LABELS, type InventoryProgress } from "~/domain/inventory/progress";
import { columnGuide } from "~/domain/inventory/template";
import { IMPORT_STATUS_LABELS, labelOf } from "~/domain/vocabulary";
import { currentImportIds, importInventory, listInventoryImports } from "~/models/inventory.server";
import { readInventoryUpload } from "~/models/inventory-upload.server";
import type { UploadEvent } from "./inventaires_.televersement";

export const meta: MetaFunction = () => [{ title: "État des lieux des réservations — Conflux" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireBailleur(request, context);
  const imports = await listInventoryImports(context.db, user.organisationId);
  const current = await currentImportIds(context.db, user.organisationId);
  return {
    organisation: user.organisationName,
    maxMegabytes: MAX_INVENTORY_BYTES / (1024 * 1024),
    columns: columnGuide(),
    imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), current: current.get(i.year) === i.id })),
  };
}

type ActionResult = { ok: false; formError?: string; issues: InventoryIssue[]; errorCount: number };

/** Upload without scripts: the file is checked whole, stored as waiting for confirmation, and the bailleur goes to its preview. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireBailleur(request, context);
  const upload = await readInventoryUpload(request);
  if (!upload.ok) return data<ActionResult>({ ok: false, formError: upload.formError, issues: [], errorCount: 1 }, { status: upload.status });
  const result = await importInventory(context.db, { organisationId: user.organisationId, userId: user.id, year: upload.year, fileName: upload.fileName, bytes: upload.bytes });
  if (!result.ok) return data<ActionResult>({ ok: false, formError: MESSAGES.FORM_INVALID, issues: result.issues, errorCount: result.errorCount }, { status: 422 });
  return redirect(`/inventaires/${result.stored.id}`, 303);
}

type Refusal = { formError?: string; issues: InventoryIssue[]; errorCount: number };

/**
 * With scripts, the upload goes to /inventaires/televersement, which answers with the parse worker's progress line
 * by line: the bar shows the rows read and checked, then the rows stored, then the preview opens.
 */
function useStreamedUpload() {
  const navigate = useNavigate();
  const [progress, setProgress] = useState<InventoryProgress | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    if (typeof ReadableStream === "undefined") return; // the plain form posts instead
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    setProgress({ stage: "lecture", rows: 0, total: null });
    try {
      const response = await fetch("/inventaires/televersement", { method: "POST", body: new FormData(event.currentTarget), headers: { accept: "application/x-ndjson" } });
      if (!response.body) throw new Error("no body");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (!line.trim()) continue;
          const message = JSON.parse(line) as UploadEvent;
          if (message.type === "progress") setProgress(message);
          else if (message.type === "done") return navigate(message.location);
          else setRefusal(message);
        }
      }
    } catch {
      setRefusal({ formError: "Le serveur est injoignable ou la connexion a été coupée : rien n'a été enregistré. Réessayez.", issues: [], errorCount: 1 });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return { submit, progress, refusal, busy };
}

function ProgressBar({ progress }: { progress: InventoryProgress }) {
  const label = STAGE_LABELS[progress.stage];
  const text =
    progress.total !== null
      ? `${label} : ${formatInteger(progress.rows)} ligne${progress.rows > 1 ? "s" : ""} sur ${formatInteger(progress.total)}`
      : `${label}…`;
  return (
    <div className="progress">
      <label htmlFor="import-progress">{text}</label>
      <progress id="import-progress" max={progress.total ?? undefined} value={progress.total !== null ? progress.rows : undefined}>
        {text}
      </progress>
    </div>
  );
}

function RefusalView({ result }: { result: Refusal }) {
  return (
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
                <th scope="col" className="num">
                  Ligne
                </th>
                <th scope="col">Colonne</th>
                <th scope="col">Erreur</th>
              </tr>
            </thead>
            <tbody>
              {result.issues.map((issue, i) => (
                <tr key={i}>
                  <td className="num">{issue.line ?? "—"}</td>
                  <td>{issue.column ? `${issue.column}${issue.columnName ? ` (${issue.columnName})` : ""}` : (issue.columnName ?? "—")}</td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

export default function Inventaires() {
  const { organisation, imports, maxMegabytes, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const streamed = useStreamedUpload();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = streamed.busy || navigation.state === "submitting";
  const refusal = streamed.refusal ?? (result && !result.ok ? result : null);
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
      <div className="card">
        <h2>Partir d'un modèle</h2>
        <p>Le modèle contient les colonnes attendues, dans l'ordre, et trois logements d'exemple à remplacer par les vôtres.</p>
        <p className="download-links">
          <a className="button" href="/inventaires/modele.xlsx" download>
            Télécharger le modèle XLSX
          </a>
          <a className="button button-secondary" href="/inventaires/modele.csv" download>
            Télécharger le modèle CSV
          </a>
        </p>
        <details>
          <summary>Colonnes attendues ({columns.length})</summary>
          <div className="table-scroll">
            <table className="table import-columns">
              <caption className="visually-hidden">Colonnes attendues dans le fichier de l'état des lieux</caption>
              <thead>
                <tr>
                  <th scope="col">Colonne</th>
                  <th scope="col">Obligatoire</th>
                  <th scope="col">Contenu attendu</th>
                  <th scope="col">Exemple</th>
                  <th scope="col">Autres intitulés reconnus</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => (
                  <tr key={c.field}>
                    <td>{c.label}</td>
                    <td>{c.required}</td>
                    <td>{c.expected}</td>
                    <td>{c.example ? <code>{c.example}</code> : <span className="muted">vide</span>}</td>
                    <td>{c.synonyms.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
      <Form method="post" encType="multipart/form-data" className="card" ref={formRef} onSubmit={(e) => void streamed.submit(e)} aria-labelledby="import-titre">
        <h2 id="import-titre">Importer un fichier</h2>
        <label htmlFor="year">Année du flux</label>
        <input id="year" name="year" type="number" min={2000} max={2100} defaultValue={new Date().getFullYear()} required />
        <label htmlFor="file">Fichier (CSV ou XLSX)</label>
        <input id="file" name="file" type="file" accept=".csv,.txt,.xlsx" required />
        <button type="submit" disabled={busy}>
          {busy ? "Lecture du fichier…" : "Lire le fichier"}
        </button>
        <div aria-live="polite">{streamed.progress ? <ProgressBar progress={streamed.progress} /> : null}</div>
      </Form>
      {refusal ? <RefusalView result={refusal} /> : null}
      <h2>Imports</h2>
      {imports.length === 0 ? (
        <p>Aucun import pour le moment.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Année
              </th>
              <th scope="col">Fichier</th>
              <th scope="col" className="num">
                Logements
              </th>
              <th scope="col">Date</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td className="num">{i.year}</td>
                <td>{i.fileName}</td>
                <td className="num">{formatInteger(i.rowCount)}</td>
                <td>{new Date(i.createdAt).toLocaleString("fr-FR")}</td>
                <td>{i.current ? <strong>En vigueur pour {i.year}</strong> : labelOf(IMPORT_STATUS_LABELS, i.status)}</td>
                <td>
                  {i.status === "en_attente" ? (
                    <Link to={`/inventaires/${i.id}`}>Vérifier et confirmer</Link>
                  ) : i.status === "confirme" && !i.current ? (
                    <Form method="post" action={`/inventaires/${i.id}`}>
                      <input type="hidden" name="intent" value="retablir" />
                      <button type="submit" className="button-secondary">
                        Remettre en vigueur<span className="visually-hidden"> l'import {i.fileName}</span>
                      </button>
                    </Form>
                  ) : (
                    <Link to={`/inventaires/${i.id}`}>
                      Détail<span className="visually-hidden"> de l'import {i.fileName}</span>
                    </Link>
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
