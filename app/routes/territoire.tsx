import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CONVENTION_STATE_LABELS, CONVENTION_STATES, ENVOI_LABELS, ENVOI_STATUSES, type EnvoiStatus } from "~/domain/campaign";
import { formatDateLong } from "~/domain/format";
import { requireUser } from "~/lib/auth.server";
import { territoryViewFor } from "~/models/territory-view-http.server";

export const meta: MetaFunction = () => [{ title: "Vue du territoire — Conflux" }];

/**
 * The view of a territory (docs/domain.md, "La vue du territoire"): the State sees every bailleur × réservataire pair
 * of its département, an EPCI those of its territory, a bailleur or a réservataire its own pairs.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return territoryViewFor(context, user, new URL(request.url));
}

const ENVOI_BADGE: Record<EnvoiStatus, string> = {
  envoye_a_temps: "badge badge-ok",
  envoye_en_retard: "badge badge-review",
  a_envoyer: "badge",
  en_retard: "badge badge-late",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")}\u00A0${n < 2 ? one : many}`;

export default function TerritoryView() {
  const view = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const late = view.pairs.filter((p) => p.envoi.status === "en_retard" || p.envoi.status === "envoye_en_retard").length;
  const withoutConvention = view.pairs.filter((p) => p.conventionState === "aucune").length;
  const exportQuery = new URLSearchParams(params);
  exportQuery.set("annee", String(view.year));
  return (
    <section>
      <h1>
        Vue du territoire — {view.scope.label} — {view.year}
      </h1>
      <p className="muted">
        {view.scope.kind === "departement" || view.scope.kind === "epci"
          ? "Chaque couple bailleur × réservataire du territoire : sa convention, sa négociation et l'envoi de l'état des lieux (avant le 28 février)."
          : "Vos couples bailleur × réservataire : leur convention, leur négociation et l'envoi de l'état des lieux (avant le 28 février)."}
      </p>
      <Form method="get" className="card filters" aria-label="Filtres">
        <div className="filter">
          <label htmlFor="annee">Année</label>
          <select id="annee" name="annee" defaultValue={String(view.year)}>
            {[...new Set([...view.years, view.year])].sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="bailleur">Bailleur</label>
          <select id="bailleur" name="bailleur" defaultValue={params.get("bailleur") ?? ""}>
            <option value="">Tous</option>
            {view.bailleurs.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="reservataire">Réservataire</label>
          <select id="reservataire" name="reservataire" defaultValue={params.get("reservataire") ?? ""}>
            <option value="">Tous</option>
            {view.reservataires.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="convention">Convention</label>
          <select id="convention" name="convention" defaultValue={params.get("convention") ?? ""}>
            <option value="">Toutes</option>
            {CONVENTION_STATES.map((s) => (
              <option key={s} value={s}>
                {CONVENTION_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="envoi">État des lieux</label>
          <select id="envoi" name="envoi" defaultValue={params.get("envoi") ?? ""}>
            <option value="">Tous</option>
            {ENVOI_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ENVOI_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit">Filtrer</button>
          <a href={`/territoire.csv?${exportQuery.toString()}`} className="button button-secondary" download>
            Exporter (CSV)
          </a>
        </div>
      </Form>
      <p role="status">
        {plural(view.pairs.length, "couple affiché", "couples affichés")} sur {view.total} ; {plural(withoutConvention, "sans convention", "sans convention")} ;{" "}
        {plural(late, "envoi d'état des lieux en retard", "envois d'état des lieux en retard")}.
      </p>
      {view.pairs.length === 0 ? (
        <p className="muted">Aucun couple bailleur × réservataire pour ces critères.</p>
      ) : (
        <table className="table" aria-label={`Couples bailleur × réservataire, ${view.year}`}>
          <thead>
            <tr>
              <th scope="col">Bailleur</th>
              <th scope="col">Réservataire</th>
              <th scope="col" className="num">
                Logements réservés
              </th>
              <th scope="col">Convention</th>
              <th scope="col">Négociation</th>
              <th scope="col">État des lieux {view.year}</th>
              <th scope="col" className="num">
                Bilan {view.year} : décompté / objectif
              </th>
            </tr>
          </thead>
          <tbody>
            {view.pairs.map((p) => {
              const options = p.conventions.reduce((n, c) => n + c.optionsWithoutConsensus, 0);
              const overdue = p.conventions.reduce((n, c) => n + c.overdueDeadlines, 0);
              return (
                <tr key={`${p.bailleur.id}|${p.reservataire.id}`} data-pair={`${p.bailleur.id}|${p.reservataire.id}`}>
                  <th scope="row">{p.bailleur.name}</th>
                  <td>{p.reservataire.name}</td>
                  <td className="num">{p.reservedDwellings.toLocaleString("fr-FR")}</td>
                  <td>
                    {p.conventions.length === 0 ? (
                      <span className="muted">{CONVENTION_STATE_LABELS.aucune}</span>
                    ) : (
                      <ul className="plain">
                        {p.conventions.map((c) => (
                          <li key={c.id}>
                            <Link to={`/conventions/${c.id}`}>{c.title}</Link> — {CONVENTION_STATE_LABELS[c.status]}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.conventions.length === 0 || p.conventionState === "signee" ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {options === 0 ? "Options en consensus" : plural(options, "option sans consensus", "options sans consensus")}
                        {overdue > 0 ? <strong> ; {plural(overdue, "échéance dépassée", "échéances dépassées")}</strong> : null}
                      </>
                    )}
                  </td>
                  <td>
                    <span className={ENVOI_BADGE[p.envoi.status]}>{ENVOI_LABELS[p.envoi.status]}</span>
                    {p.envoi.sentOn ? <span className="muted"> le {formatDateLong(p.envoi.sentOn)}</span> : null}
                  </td>
                  <td className="num">
                    {p.bilan ? (
                      `${p.bilan.counted.toLocaleString("fr-FR")} / ${p.bilan.objective === null ? "—" : p.bilan.objective.toLocaleString("fr-FR")}`
                    ) : (
                      <span className="muted" title="Le bailleur n'a pas encore importé les événements de l'année.">
                        —
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
