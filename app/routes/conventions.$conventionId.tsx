import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { getTemplate } from "../../templates";
import { AnnualAnnexPanel } from "~/components/AnnualAnnexPanel";
import { CollabEditor, CollabStatusBar, useCollabDocument } from "~/components/CollabEditor";
import { FluxDataPanel, OptionsPanel, RefusalsNotice } from "~/components/ConventionPanels";
import { PartiesPanel } from "~/components/PartiesPanel";
import { SignatureBlockPanel } from "~/components/SignatureBlockPanel";
import { TableView } from "~/components/TableView";
import { NegotiationPanel } from "~/components/negotiation/NegotiationPanel";
import { renderBlock } from "~/domain/convention/blocks";
import { LiveConventionContext, useLiveConvention } from "~/editor/live-state";
import type { CommentHighlight } from "~/editor/comment-highlights";
import type { SelectionAnchor } from "~/editor/selection-anchor";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { userColor } from "~/lib/colors";
import { ROLE_LABELS } from "~/lib/roles";
import { STATUS_LABELS, type ConventionStatus } from "~/lib/status";
import { conventionParties } from "~/models/convention-state.server";
import { listOrganisations } from "~/models/organisation.server";

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
      year: c.year,
      status: c.status as ConventionStatus,
      templateId: c.templateId,
    },
    role: access.role,
    isPilot: access.isPilot,
    parties: await conventionParties(context.db, c.id),
    // Only the pilot manages parties: only the pilot receives the directory.
    directory: access.isPilot && access.role === "edition" ? (await listOrganisations(context.db)).map(({ id, name, kind }) => ({ id, name, kind })) : [],
    me: { id: user.id, name: user.name, organisation: user.organisationName, organisationId: user.organisationId },
  };
}

export default function ConventionPage() {
  const { convention, role, isPilot, parties, directory, me } = useLoaderData<typeof loader>();
  const user = useMemo(() => ({ id: me.id, name: me.name, organisation: me.organisation, color: userColor(me.id) }), [me]);
  const editable = role === "edition" && convention.status !== "signee";
  const { doc, provider, status, presence } = useCollabDocument(convention.id, user, { keepLocalCopy: editable });
  const live = useLiveConvention(doc, convention.id, parties);
  const [selection, setSelection] = useState<SelectionAnchor | null>(null);
  const [highlights, setHighlights] = useState<CommentHighlight[]>([]);
  const template = convention.templateId ? getTemplate(convention.templateId) : undefined;
  return (
    <article className="convention">
      <nav aria-label="Fil d'Ariane" className="muted">
        <Link to="/">Mes conventions</Link> › {convention.title}
      </nav>
      <header className="convention-header">
        <div className="title-row">
          <h1>{convention.title}</h1>
          {/* A plain link: the browser downloads the file; the server checks the party like for the page. */}
          {convention.year ? <Link className="button" to={`/conventions/${convention.id}/bilans/${convention.year}`}>Bilan {convention.year}</Link> : null}
          <a className="button" href={`/conventions/${convention.id}/export.docx`} download>
            Exporter en DOCX
          </a>
        </div>
        <p className="muted">
          {live.state ? `${live.state.meta.territory.label.replace(/^./, (c) => c.toUpperCase())} — ` : ""}Département {convention.departement}
          {convention.year ? ` — année ${convention.year}` : ""} — {STATUS_LABELS[convention.status] ?? convention.status}
          {template ? ` — modèle : ${template.title} (v${template.version})` : ""} — votre rôle : <strong>{ROLE_LABELS[role]}</strong>
        </p>
      </header>
      <LiveConventionContext.Provider value={live}>
        <div className="convention-layout">
          <section className="convention-main" aria-label="Texte de la convention">
            {!editable ? <p className="notice">Votre rôle ({ROLE_LABELS[role].toLowerCase()}) ne permet pas de modifier le texte.</p> : null}
            <RefusalsNotice live={live} />
            <CollabStatusBar status={status} presence={presence} />
            {provider ? (
              <CollabEditor doc={doc} provider={provider} user={user} editable={editable} onSelection={setSelection} highlights={highlights} />
            ) : (
              <div className="editor-placeholder">Chargement du document…</div>
            )}
          </section>
          <aside className="convention-side">
            {live.state ? (
              <section className="panel" aria-labelledby="flux-title">
                <h2 id="flux-title">Flux {live.state.meta.year}</h2>
                <div data-testid="side-flux-table">
                  <TableView model={renderBlock("flux_table", live.state, live.flux ?? undefined)} caption={false} />
                </div>
              </section>
            ) : null}
            <FluxDataPanel conventionId={convention.id} live={live} me={{ organisationId: me.organisationId }} editable={editable} />
            <OptionsPanel doc={doc} live={live} template={template} editable={editable} />
            <PartiesPanel
              conventionId={convention.id}
              parties={parties}
              manage={isPilot && role === "edition" && convention.status !== "signee"}
              directory={directory}
            />
            <SignatureBlockPanel conventionId={convention.id} role={role} signed={convention.status === "signee"} me={{ organisationId: me.organisationId }} />
          </aside>
        </div>
        <AnnualAnnexPanel doc={doc} conventionId={convention.id} role={role} isPilot={isPilot} me={me} />
        <NegotiationPanel doc={doc} conventionId={convention.id} role={role} isPilot={isPilot} myOrganisationId={me.organisationId} parties={parties} selection={selection} onHighlights={setHighlights} />
      </LiveConventionContext.Provider>
    </article>
  );
}
