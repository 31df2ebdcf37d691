import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { CollabEditor } from "~/components/CollabEditor";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { userColor } from "~/lib/colors";
import { ORGANISATION_KIND_LABELS, ROLE_LABELS } from "~/lib/roles";
import { STATUS_LABELS, type ConventionStatus } from "~/lib/status";
import { listParties } from "~/models/convention.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.convention.title} — Conflux` : "Convention — Conflux" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  const c = access.convention;
  return {
    convention: {
      id: c.id,
      title: c.title,
      departement: c.departement,
      epci: c.epci,
      commune: c.commune,
      year: c.year,
      status: c.status as ConventionStatus,
    },
    role: access.role,
    isPilot: access.isPilot,
    parties: await listParties(context.db, c.id),
    me: { id: user.id, name: user.name, organisation: user.organisationName },
  };
}

export default function ConventionPage() {
  const { convention, role, parties, me } = useLoaderData<typeof loader>();
  const user = useMemo(() => ({ name: me.name, organisation: me.organisation, color: userColor(me.id) }), [me]);
  return (
    <article className="convention">
      <nav aria-label="Fil d'Ariane" className="muted">
        <Link to="/">Mes conventions</Link> › {convention.title}
      </nav>
      <header className="convention-header">
        <h1>{convention.title}</h1>
        <p className="muted">
          Département {convention.departement}
          {convention.year ? ` — année ${convention.year}` : ""} — {STATUS_LABELS[convention.status] ?? convention.status} —
          votre rôle : <strong>{ROLE_LABELS[role]}</strong>
        </p>
      </header>
      <div className="convention-layout">
        <section className="convention-main" aria-label="Texte de la convention">
          {role !== "edition" ? (
            <p className="notice">Votre rôle ({ROLE_LABELS[role].toLowerCase()}) ne permet pas de modifier le texte.</p>
          ) : null}
          <CollabEditor conventionId={convention.id} user={user} editable={role === "edition"} />
        </section>
        <aside className="convention-side">
          <h2>Parties</h2>
          <ul className="parties">
            {parties.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>
                <br />
                <span className="muted">
                  {ORGANISATION_KIND_LABELS[p.kind]} — {ROLE_LABELS[p.role]}
                </span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </article>
  );
}
