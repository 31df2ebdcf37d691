import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { envoiDeadline, envoiStatus, ENVOI_LABELS } from "~/domain/campaign";
import { formatDateLong } from "~/domain/format";
import { requireUser } from "~/lib/auth.server";
import { loadGeography } from "~/lib/geography.server";
import { communeLabel } from "~/domain/territory";
import { parisDate, receivedEtatsDesLieux } from "~/models/campaign.server";

export const meta: MetaFunction = () => [{ title: "États des lieux reçus — Conflux" }];

/** The états des lieux the user's organisation received, each restricted to the dwellings it holds. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const received = await receivedEtatsDesLieux(context.db, user.organisationId);
  const geography = await loadGeography();
  const today = parisDate();
  return {
    organisation: user.organisationName,
    received: received.map((r) => ({
      ...r,
      status: envoiStatus(r.sentOn, r.year, today),
      deadline: envoiDeadline(r.year),
      perCommune: r.perCommune.map((c) => ({ ...c, label: communeLabel(c.commune, geography) })),
    })),
  };
}

export default function ReceivedEtatsDesLieux() {
  const { organisation, received } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>États des lieux reçus — {organisation}</h1>
      <p className="muted">
        Chaque bailleur envoie son état des lieux de l'année à ses réservataires avant le 28 février. Vous y lisez les logements que vous
        détenez ; le fichier détaillé se télécharge au format CSV.
      </p>
      {received.length === 0 ? (
        <p>Aucun état des lieux reçu pour le moment.</p>
      ) : (
        received.map((r) => (
          <article key={r.id} className="card" aria-labelledby={`envoi-${r.id}`}>
            <h2 id={`envoi-${r.id}`}>
              {r.bailleur} — état des lieux {r.year}
            </h2>
            <p>
              Reçu le {formatDateLong(r.sentOn)} ({ENVOI_LABELS[r.status].toLowerCase()}, échéance le {formatDateLong(r.deadline)}) :{" "}
              <strong>{r.dwellings.toLocaleString("fr-FR")}</strong> {r.dwellings < 2 ? "logement" : "logements"} à votre nom.
            </p>
            {r.perCommune.length > 0 ? (
              <table className="table">
                <caption className="visually-hidden">Logements réservés par commune</caption>
                <thead>
                  <tr>
                    <th scope="col">Commune</th>
                    <th scope="col" className="num">
                      Logements
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.perCommune.map((c) => (
                    <tr key={c.commune}>
                      <th scope="row">{c.label}</th>
                      <td className="num">{c.dwellings.toLocaleString("fr-FR")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <p>
              <a href={`/etats-des-lieux-recus/${r.id}.csv`} download>
                Télécharger vos logements (CSV)
              </a>
            </p>
          </article>
        ))
      )}
    </section>
  );
}
