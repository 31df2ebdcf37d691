import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { getTemplate } from "../../templates";
import { AnnualAnnexPanel } from "~/components/AnnualAnnexPanel";
import { CollabEditor, CollabStatusBar, useCollabDocument } from "~/components/CollabEditor";
import { FluxDataPanel, OptionsPanel, RefusalsNotice } from "~/components/ConventionPanels";
import { PartiesPanel } from "~/components/PartiesPanel";
import { SignatureBlockPanel } from "~/components/SignatureBlockPanel";
import { TableView } from "~/components/TableView";
import { AwaitingSummary } from "~/components/convention/AwaitingSummary";
import { ConventionSection, SectionNav } from "~/components/convention/ConventionSection";
import { LiveAnnouncer } from "~/components/convention/LiveAnnouncer";
import { useHashTarget } from "~/components/convention/use-hash-target";
import {
  COMMENT_FORM_ID,
  CommentsPanel,
  JournalPanel,
  NegotiationParts,
  VersionsPanel,
  useCommentHighlights,
} from "~/components/negotiation/NegotiationPanel";
import { useNegotiation } from "~/components/negotiation/use-negotiation";
import { renderBlock } from "~/domain/convention/blocks";
import { awaitingFor } from "~/domain/negotiation/awaiting";
import { ROLE_LABELS, STATUS_LABELS, labelOf } from "~/domain/vocabulary";
import { LiveConventionContext, useLiveConvention } from "~/editor/live-state";
import type { CommentHighlight } from "~/editor/comment-highlights";
import type { SelectionAnchor } from "~/editor/selection-anchor";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { userColor } from "~/lib/colors";
import type { ConventionStatus } from "~/lib/status";
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

/**
 * The convention page, organised for work (docs/ARCHITECTURE.md, "The convention page"): what awaits the reader at the
 * top, a table of contents that stays in view, then one section per kind of work — Texte, Flux, Négociation,
 * Commentaires, Versions, Journal — each a landmark reachable at its anchor. Panels are components placed in a section,
 * so that a new panel slots into the section it belongs to.
 */
export default function ConventionPage() {
  const { convention, role, isPilot, parties, directory, me } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const user = useMemo(() => ({ id: me.id, name: me.name, organisation: me.organisation, color: userColor(me.id) }), [me]);
  const editable = role === "edition" && convention.status !== "signee";
  const { doc, provider, status, presence } = useCollabDocument(convention.id, user, { keepLocalCopy: editable });
  const live = useLiveConvention(doc, convention.id, parties);
  const negotiation = useNegotiation(doc, convention.id);
  const data = negotiation.data;
  const [selection, setSelection] = useState<SelectionAnchor | null>(null);
  const [highlights, setHighlights] = useState<CommentHighlight[]>([]);
  useCommentHighlights(data, setHighlights);
  useHashTarget();
  const template = convention.templateId ? getTemplate(convention.templateId) : undefined;
  const canNegotiate = role === "edition" || role === "commentaire";
  const myParty = parties.find((p) => p.id === me.organisationId);
  const awaiting = data
    ? awaitingFor({
        me: me.organisationId,
        role,
        invitation: myParty?.status === "invitee" ? "invitee" : null,
        status: data.status,
        negotiators: data.negotiators,
        options: data.options,
        positions: data.positions,
        articles: data.articles,
        tables: data.tables,
        approvals: data.approvals,
        deadlines: data.deadlines,
      })
    : null;
  const answerInvitation = useCallback(
    async (decision: "accepter" | "refuser") => {
      try {
        const response = await fetch(`/api/conventions/${convention.id}/invitation`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ decision }),
        });
        if (!response.ok) return ((await response.json().catch(() => null)) as { message?: string } | null)?.message ?? "La réponse n'a pas été enregistrée.";
        revalidator.revalidate();
        return null;
      } catch {
        return "Le serveur est injoignable : réessayez une fois la connexion revenue.";
      }
    },
    [convention.id, revalidator],
  );
  const openComments = data?.comments.filter((c) => !c.resolved).length ?? 0;
  const sections = [
      { id: "texte", label: "Texte" },
      { id: "flux", label: "Flux" },
      { id: "negociation", label: "Négociation", badge: awaiting ? { count: awaiting.positions.length + awaiting.approvals.length, meaning: "en attente de votre organisation" } : undefined },
      { id: "commentaires", label: "Commentaires", badge: { count: openComments, meaning: "fils ouverts" } },
      { id: "versions", label: "Versions" },
      { id: "journal", label: "Journal" },
  ];
  return (
    <article className="convention">
      <nav aria-label="Fil d'Ariane" className="breadcrumb">
        <Link to="/">Mes conventions</Link> › <span aria-current="page">{convention.title}</span>
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
          {convention.year ? ` — année ${convention.year}` : ""} — {labelOf(STATUS_LABELS, convention.status)}
          {template ? ` — modèle : ${template.title} (v${template.version})` : ""} — votre rôle : <strong>{ROLE_LABELS[role]}</strong>
        </p>
      </header>
      <AwaitingSummary awaiting={awaiting} organisation={me.organisation} answerInvitation={answerInvitation} />
      <SectionNav sections={sections} />
      <LiveConventionContext.Provider value={live}>
        <ConventionSection id="texte" title="Texte">
          <div className="convention-layout">
            <div className="convention-main">
              {!editable ? (
                <p className="notice">
                  {convention.status === "signee"
                    ? "La convention est signée : son texte ne peut plus être modifié."
                    : `Votre rôle, « ${ROLE_LABELS[role]} », ne permet pas de modifier le texte.`}
                </p>
              ) : null}
              <RefusalsNotice live={live} />
              <CollabStatusBar status={status} presence={presence} />
              {provider ? (
                <CollabEditor doc={doc} provider={provider} user={user} editable={editable} onSelection={setSelection} highlights={highlights} />
              ) : (
                <div className="editor-placeholder">Chargement du document…</div>
              )}
              {canNegotiate && selection ? (
                <p className="selection-actions">
                  <a href={`#${COMMENT_FORM_ID}`} className="button" onClick={() => setTimeout(() => document.getElementById("comment-body")?.focus(), 0)}>
                    Commenter le passage sélectionné
                  </a>
                </p>
              ) : null}
            </div>
            <aside className="convention-side" aria-label="Options et parties">
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
        </ConventionSection>
        <ConventionSection id="flux" title={live.state ? `Flux ${live.state.meta.year}` : "Flux"}>
          <div className="flux-layout">
            {live.state ? (
              <div className="panel" data-testid="side-flux-table">
                <TableView model={renderBlock("flux_table", live.state, live.flux ?? undefined)} caption={false} />
              </div>
            ) : (
              <p className="muted">Calcul du flux…</p>
            )}
            <FluxDataPanel conventionId={convention.id} live={live} me={{ organisationId: me.organisationId }} editable={editable} />
            <AnnualAnnexPanel doc={doc} conventionId={convention.id} role={role} isPilot={isPilot} me={me} />
          </div>
        </ConventionSection>
        <ConventionSection id="negociation" title="Négociation" className="negotiation">
          {negotiation.error ? <p className="field-error" role="alert">{negotiation.error}</p> : null}
          {data ? (
            <NegotiationParts data={data} send={negotiation.send} role={role} isPilot={isPilot} myOrganisationId={me.organisationId} parties={parties} />
          ) : (
            <p className="muted">Chargement de la négociation…</p>
          )}
        </ConventionSection>
        <ConventionSection id="commentaires" title="Commentaires">
          {data ? <CommentsPanel data={data} send={negotiation.send} canComment={canNegotiate} selection={selection} /> : <p className="muted">Chargement…</p>}
        </ConventionSection>
        <ConventionSection id="versions" title="Versions">
          {data ? <VersionsPanel data={data} send={negotiation.send} isPilot={isPilot} base={negotiation.base} /> : <p className="muted">Chargement…</p>}
        </ConventionSection>
        <ConventionSection id="journal" title="Journal">
          {data ? <JournalPanel audit={data.audit} /> : <p className="muted">Chargement…</p>}
        </ConventionSection>
      </LiveConventionContext.Provider>
      <LiveAnnouncer audit={data?.audit} me={me.name} />
    </article>
  );
}
