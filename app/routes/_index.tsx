import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { departementLabel } from "~/domain/convention/labels";
import { getUser } from "~/lib/auth.server";
import { ROLE_LABELS } from "~/lib/roles";
import { STATUS_LABELS, type ConventionStatus } from "~/lib/status";
import { listConventionsForUser } from "~/models/convention.server";

export const meta: MetaFunction = () => [{ title: "Conflux — conventions de réservation en flux" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (!user) return { user: null, conventions: [] };
  return {
    user: { name: user.name, organisationName: user.organisationName },
    conventions: await listConventionsForUser(context.db, user.organisationId),
  };
}

export default function Index() {
  const { user, conventions } = useLoaderData<typeof loader>();
  if (!user) {
    return (
      <section className="card narrow">
        <h1>Conflux</h1>
        <p>
          Bailleurs sociaux, préfecture, Action Logement et collectivités rédigent ensemble leurs conventions de
          réservation en flux, en temps réel : tableaux de flux recalculés à chaque changement, positions de chaque
          partie sur les options négociables, validation article par article et export pour signature.
        </p>
        <p>
          <Link className="button" to="/login">
            Se connecter
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <div className="title-row">
        <h1>Mes conventions</h1>
        <Link className="button" to="/conventions/nouvelle">
          Nouvelle convention
        </Link>
      </div>
      <p className="muted">
        Conventions auxquelles {user.organisationName} est partie.
      </p>
      {conventions.length === 0 ? (
        <p>Votre organisation n'est partie à aucune convention pour le moment.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Convention</th>
              <th scope="col">Pilote</th>
              <th scope="col">Territoire</th>
              <th scope="col" className="num">
                Parties
              </th>
              <th scope="col">Statut</th>
              <th scope="col">Votre rôle</th>
            </tr>
          </thead>
          <tbody>
            {conventions.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/conventions/${c.id}`}>{c.title}</Link>
                </td>
                <td>{c.pilot.name}</td>
                <td>
                  {c.territoryLabel ? `${c.territoryLabel.replace(/^./, (ch) => ch.toUpperCase())} — ` : ""}
                  {departementLabel(c.departement)}
                </td>
                <td className="num">{c.parties}</td>
                <td>{STATUS_LABELS[c.status as ConventionStatus] ?? c.status}</td>
                <td>{ROLE_LABELS[c.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
