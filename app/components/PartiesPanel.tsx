import { useRevalidator } from "@remix-run/react";
import { useState } from "react";
import type { PartyInfo } from "~/domain/convention/state";
import { ORGANISATION_KIND_LABELS, ROLE_LABELS, ROLES, type OrganisationKind } from "~/lib/roles";

interface DirectoryEntry {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** The parties and their roles; the pilot invites, changes roles and removes parties here (audited server-side). */
export function PartiesPanel(props: { conventionId: string; parties: PartyInfo[]; manage: boolean; directory: DirectoryEntry[] }) {
  const { conventionId, parties, manage, directory } = props;
  const revalidator = useRevalidator();
  const [error, setError] = useState<string | null>(null);
  const call = async (method: string, path: string, body?: unknown) => {
    let r: Response;
    try {
      r = await fetch(`/api/conventions/${conventionId}/parties${path}`, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      return setError("Le serveur est injoignable : rien n'a été modifié. Réessayez une fois la connexion revenue.");
    }
    if (!r.ok) setError(((await r.json().catch(() => null)) as { message?: string } | null)?.message ?? "Action refusée.");
    else {
      setError(null);
      revalidator.revalidate();
    }
  };
  const outside = directory.filter((o) => !parties.some((p) => p.id === o.id));
  return (
    <section className="panel" aria-labelledby="parties-title">
      <h3 id="parties-title" className="panel-title">Parties</h3>
      <ul className="parties">
        {parties.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>
            {p.pilot ? " (pilote)" : ""}
            <br />
            <span className="muted">{ORGANISATION_KIND_LABELS[p.kind as OrganisationKind] ?? p.kind}</span>
            {p.status === "invitee" ? <span className="badge badge-review"> invitation en attente</span> : null}
            {manage && !p.pilot ? (
              <span className="field-row">
                <select aria-label={`Rôle de ${p.name}`} value={p.role} onChange={(e) => void call("POST", "", { organisationId: p.id, role: e.target.value })}>
                  {[...ROLES].reverse().map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
                <button type="button" className="button-link" onClick={() => void call("DELETE", `/${p.id}`)}>
                  Retirer<span className="visually-hidden"> {p.name}</span>
                </button>
              </span>
            ) : (
              <span className="muted"> — {ROLE_LABELS[p.role]}</span>
            )}
          </li>
        ))}
      </ul>
      {manage && outside.length > 0 ? (
        <form
          aria-label="Inviter une partie"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            void call("POST", "", { organisationId: form.get("organisationId"), role: form.get("role") });
          }}
        >
          <label htmlFor="invite-organisation">Inviter une organisation</label>
          <select id="invite-organisation" name="organisationId">
            {outside.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({ORGANISATION_KIND_LABELS[o.kind]})
              </option>
            ))}
          </select>
          <label htmlFor="invite-role">Rôle</label>
          <select id="invite-role" name="role" defaultValue="commentaire">
            {[...ROLES].reverse().map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <button type="submit">Inviter</button>
        </form>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
