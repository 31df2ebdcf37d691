import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RESERVATAIRE_KINDS, type ReservataireKind } from "~/domain/flux/schema";
import { LINE_KIND_LABELS, departementLabel } from "~/domain/convention/labels";
import { LINE_KINDS_OF_PARTY } from "~/domain/perimeter/reservataires";
import { formatShare } from "~/domain/format";
import { requireBailleur } from "~/lib/auth.server";
import { CampaignRefusal, sendEtatDesLieux, sendingsOf } from "~/models/campaign.server";
import { cancelImport, confirmImport, currentImport, ImportRefusal, loadImport, makeImportCurrent } from "~/models/inventory.server";
import { envoiDeadline } from "~/domain/campaign";
import { formatDateLong } from "~/domain/format";
import { importPreview, reservataireDirectory } from "~/models/inventory-view.server";
import type { CodeDecision } from "~/models/register.server";

export const meta: MetaFunction = () => [{ title: "Vérifier un état des lieux — Conflux" }];

async function ownImport(request: Request, context: LoaderFunctionArgs["context"], importId: string | undefined) {
  const user = await requireBailleur(request, context);
  const stored = await loadImport(context.db, importId ?? "");
  // Another bailleur's import looks the same as none.
  if (!stored || stored.organisationId !== user.organisationId) throw Response.json({ code: "NOT_FOUND", message: "Cet import n'existe pas." }, { status: 404 });
  return { user, stored };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { stored } = await ownImport(request, context, params.importId);
  const preview = await importPreview(context.db, context.collab, stored);
  const directory = stored.status === "en_attente" ? await reservataireDirectory(context.db) : [];
  const current = stored.status === "confirme" && (await currentImport(context.db, stored.organisationId, stored.year))?.id === stored.id;
  const sendings = (await sendingsOf(context.db, stored.organisationId)).filter((s) => s.importId === stored.id);
  return {
    current,
    deadline: envoiDeadline(stored.year),
    sendings: sendings.map((s) => ({ id: s.id, reservataire: s.reservataire, sentOn: s.sentOn })),
    preview,
    directory: directory.map((o) => ({ id: o.id, name: o.name, kinds: (LINE_KINDS_OF_PARTY[o.kind] ?? []).map((kind) => ({ kind, label: LINE_KIND_LABELS[kind] ?? kind })) })),
  };
}

/** The answers of the form: `decision.<code key>` = "non_reserve" or "<organisation id>|<kind>". */
function decisionsOf(form: FormData): Record<string, CodeDecision> {
  const decisions: Record<string, CodeDecision> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("decision.") || typeof value !== "string" || value === "") continue;
    const key = name.slice("decision.".length);
    if (value === "non_reserve") decisions[key] = null;
    else {
      const [organisationId, kind] = value.split("|");
      if (organisationId && (RESERVATAIRE_KINDS as readonly string[]).includes(kind)) decisions[key] = { organisationId, kind: kind as ReservataireKind };
    }
  }
  return decisions;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, stored } = await ownImport(request, context, params.importId);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "confirmer") {
      await confirmImport(context.db, context.collab, { importId: stored.id, organisationId: user.organisationId, userId: user.id, decisions: decisionsOf(form) });
      return redirect("/inventaires", 303);
    }
    if (intent === "annuler") {
      await cancelImport(context.db, { importId: stored.id, organisationId: user.organisationId });
      return redirect("/inventaires", 303);
    }
    if (intent === "envoyer") {
      const sent = await sendEtatDesLieux(context.db, { importId: stored.id, bailleurId: user.organisationId, userId: user.id });
      return data({ message: null, errors: [], sent: sent.recipients.map((r) => r.name) });
    }
    if (intent === "retablir") {
      await makeImportCurrent(context.db, context.collab, { importId: stored.id, organisationId: user.organisationId, userId: user.id });
      return redirect("/inventaires", 303);
    }
  } catch (error) {
    if (error instanceof ImportRefusal) return data({ message: error.message, errors: error.errors }, { status: error.status });
    if (error instanceof CampaignRefusal) return data({ message: error.message, errors: [] }, { status: error.status });
    throw error;
  }
  return data({ message: "Action inconnue.", errors: [] }, { status: 400 });
}

const fmt = (n: number) => n.toLocaleString("fr-FR");

export default function ImportPreview() {
  const { preview, directory, current, deadline, sendings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { summary, impact } = preview;
  const waiting = summary.status === "en_attente";
  const unknown = summary.codes.filter((c) => c.holder === null);
  const errorFor = (key: string) => result?.errors.find((e) => e.code === key)?.message;
  return (
    <section>
      <nav aria-label="Fil d'Ariane" className="muted">
        <Link to="/inventaires">État des lieux</Link> › {summary.fileName}
      </nav>
      <h1>{waiting ? "Vérifier l'état des lieux avant de le confirmer" : `État des lieux « ${summary.fileName} »`}</h1>
      <p>
        {fmt(summary.rows)} logements pour {summary.year}, dans {Object.keys(summary.departements).length > 1 ? "les départements" : "le département"}{" "}
        {Object.keys(summary.departements).map(departementLabel).join(", ")} ; assiette du flux sur l'ensemble du fichier : <strong>{fmt(summary.assiette)}</strong> logements.
        {waiting ? " Rien ne change dans vos conventions tant que vous n'avez pas confirmé." : null}
      </p>
      {result?.message ? (
        <div role="alert" className="card import-errors">
          <p className="form-error">{result.message}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e.code}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post">
        <h2>Réservataires du fichier</h2>
        <p className="muted">
          Chaque code de la colonne « Réservataire » doit désigner une organisation (ou « non réservé ») : c'est elle qui
          reçoit sa ligne dans les tableaux de flux.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Département</th>
              <th scope="col" className="num">
                Logements
              </th>
              <th scope="col">Devient</th>
            </tr>
          </thead>
          <tbody>
            {summary.codes.map((c) => (
              <tr key={c.key}>
                <td>
                  {c.code}
                  {c.rpls ? <span className="muted"> — {c.rpls}</span> : null}
                </td>
                <td>{departementLabel(c.departement)}</td>
                <td className="num">{fmt(c.rows)}</td>
                <td>
                  {c.holder && "nonReserve" in c.holder ? (
                    "Non réservé"
                  ) : c.holder ? (
                    <>
                      <strong>{c.holder.name}</strong> — {c.holder.kindLabel}
                      <span className="muted">{c.source === "registre" ? " (registre du département)" : " (code RPLS)"}</span>
                    </>
                  ) : waiting ? (
                    <>
                      <label htmlFor={`decision-${c.key}`} className="visually-hidden">
                        Organisation désignée par le code {c.code}
                      </label>
                      <select id={`decision-${c.key}`} name={`decision.${c.key}`} defaultValue="" aria-invalid={errorFor(c.key) ? true : undefined}>
                        <option value="">— à préciser —</option>
                        <option value="non_reserve">Non réservé</option>
                        {directory.flatMap((o) =>
                          o.kinds.map((k) => (
                            <option key={`${o.id}|${k.kind}`} value={`${o.id}|${k.kind}`}>
                              {o.name} — {k.label}
                            </option>
                          )),
                        )}
                      </select>
                      {errorFor(c.key) ? <p className="field-error">{errorFor(c.key)}</p> : null}
                    </>
                  ) : (
                    "Inconnu"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Exclusions</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Motif</th>
              <th scope="col">Régime</th>
              <th scope="col" className="num">
                Logements
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.exclusions.map((e) => (
              <tr key={e.reason}>
                <td>{e.label}</td>
                <td>{e.rule === "droit" ? "Toujours exclu" : "Exclu sauf choix contraire de la convention"}</td>
                <td className="num">{fmt(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {waiting ? (
          <>
            <h2>Conventions que cet import modifierait</h2>
            {impact.length === 0 ? (
              <p>Aucune convention non signée de {summary.year} ne suit encore votre état des lieux.</p>
            ) : (
              impact.map((c) => (
                <div key={c.conventionId} className="card">
                  <h3>
                    {c.title} <span className="muted">— {c.territory}</span>
                  </h3>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Ligne</th>
                        <th scope="col" className="num">
                          Avant
                        </th>
                        <th scope="col" className="num">
                          Après
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <td>Assiette</td>
                        <td className="num">{c.before?.assiette !== null && c.before?.assiette !== undefined ? fmt(c.before.assiette) : "—"}</td>
                        <td className="num">{c.after?.assiette !== null && c.after?.assiette !== undefined ? fmt(c.after.assiette) : "—"}</td>
                      </tr>
                      <tr>
                        <td>Flux (logements)</td>
                        <td className="num">{c.before?.fluxRounded ?? "—"}</td>
                        <td className="num">{c.after?.fluxRounded ?? "—"}</td>
                      </tr>
                      {(c.after?.lines ?? []).map((line) => {
                        const before = c.before?.lines.find((l) => l.key === line.key);
                        return (
                          <tr key={line.key}>
                            <td>{line.label}</td>
                            <td className="num">{before ? `${before.rounded} (${formatShare(before.share)})` : "—"}</td>
                            <td className="num">
                              {line.rounded} ({formatShare(line.share)})
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                  {c.after?.missing.length ? <p className="notice">{c.after.missing.join(" ")}</p> : null}
                </div>
              ))
            )}
            <div className="actions">
              <button type="submit" name="intent" value="confirmer" disabled={navigation.state === "submitting"}>
                {unknown.length > 0 ? "Enregistrer les rattachements et confirmer l'import" : "Confirmer l'import"}
              </button>
              <button type="submit" name="intent" value="annuler" className="button-secondary" formNoValidate>
                Annuler l'import
              </button>
            </div>
          </>
        ) : null}
      </Form>
      {current ? (
        <Form method="post" className="card" aria-labelledby="envoi-title">
          <h2 id="envoi-title">Envoi aux réservataires</h2>
          <p>
            L'état des lieux {summary.year} s'envoie à chaque réservataire avant le {formatDateLong(deadline)} : chacun y lit les logements
            qu'il détient. Les réservataires sont ceux que le fichier désigne et ceux qui sont parties à vos conventions de {summary.year}.
          </p>
          {result && "sent" in result && result.sent ? (
            <p role="status" className="notice">
              Envoyé à : {result.sent.join(", ")}.
            </p>
          ) : null}
          {sendings.length > 0 ? (
            <ul>
              {sendings.map((s) => (
                <li key={s.id}>
                  {s.reservataire} — envoyé le {formatDateLong(s.sentOn)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Pas encore envoyé.</p>
          )}
          <button type="submit" name="intent" value="envoyer" disabled={navigation.state === "submitting"}>
            {sendings.length > 0 ? "Envoyer à nouveau aux réservataires" : "Envoyer aux réservataires"}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
