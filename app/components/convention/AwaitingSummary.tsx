import { useState } from "react";
import type { Awaiting } from "~/domain/negotiation/awaiting";
import { formatCount } from "~/domain/format";
import { approvalAnchor, optionAnchor } from "~/components/negotiation/NegotiationPanel";

const MAX_LISTED = 6;

function Items(props: { items: { id: string; label: string; review: boolean }[]; href: (id: string) => string; more: string }) {
  const { items, href } = props;
  return (
    <ul className="awaiting-items">
      {items.slice(0, MAX_LISTED).map((item) => (
        <li key={item.id}>
          <a href={href(item.id)}>{item.label}</a>
          {item.review ? <span className="badge badge-review"> à revoir</span> : null}
        </li>
      ))}
      {items.length > MAX_LISTED ? (
        <li>
          <a href="#negociation">{props.more}</a>
        </li>
      ) : null}
    </ul>
  );
}

/** « Ce qui m'attend »: at the top of the convention, what the reader's organisation has to do, each item a link to it. */
export function AwaitingSummary(props: { awaiting: Awaiting | null; organisation: string; answerInvitation: (decision: "accepter" | "refuser") => Promise<string | null> }) {
  const { awaiting } = props;
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel awaiting" aria-labelledby="attente-titre">
      <h2 id="attente-titre" className="panel-title">
        Ce qui m'attend
      </h2>
      {!awaiting ? <p className="muted">Chargement…</p> : null}
      {awaiting?.empty ? <p>Rien n'attend {props.organisation} sur cette convention pour le moment.</p> : null}
      {awaiting && !awaiting.empty ? (
        <div className="awaiting-grid">
          {awaiting.invitation ? (
            <div>
              <h3 className="awaiting-head">Invitation</h3>
              <p>{props.organisation} est invitée à être partie à cette convention.</p>
              <button type="button" onClick={() => void props.answerInvitation("accepter").then(setError)}>
                Accepter l'invitation
              </button>{" "}
              <button type="button" className="button-secondary" onClick={() => void props.answerInvitation("refuser").then(setError)}>
                Refuser
              </button>
              {error ? (
                <p className="field-error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          ) : null}
          {awaiting.positions.length > 0 ? (
            <div>
              <h3 className="awaiting-head">{formatCount(awaiting.positions.length, "position à donner", "positions à donner")}</h3>
              <Items items={awaiting.positions} href={(id) => `#${optionAnchor(id)}`} more={`et ${awaiting.positions.length - MAX_LISTED} autres dans la négociation`} />
            </div>
          ) : null}
          {awaiting.approvals.length > 0 ? (
            <div>
              <h3 className="awaiting-head">{formatCount(awaiting.approvals.length, "approbation à donner", "approbations à donner")}</h3>
              <Items items={awaiting.approvals} href={(id) => `#${approvalAnchor(id)}`} more={`et ${awaiting.approvals.length - MAX_LISTED} autres dans la négociation`} />
            </div>
          ) : null}
          {awaiting.overdue.length > 0 ? (
            <div>
              <h3 className="awaiting-head">{formatCount(awaiting.overdue.length, "échéance dépassée", "échéances dépassées")}</h3>
              <Items
                items={awaiting.overdue.map((o) => ({ ...o, label: `${o.label} (échéance du ${new Date(`${o.deadline}T00:00:00Z`).toLocaleDateString("fr-FR", { timeZone: "UTC" })})` }))}
                href={(id) => `#${optionAnchor(id)}`}
                more={`et ${awaiting.overdue.length - MAX_LISTED} autres`}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
