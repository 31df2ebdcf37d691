import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import type * as Y from "yjs";
import type { DiffPart } from "~/domain/negotiation/diff";
import { CONSENSUS_LABELS, POSITION_LABELS, POSITIONS, type PositionValue } from "~/domain/negotiation/positions";
import type { CommentHighlight } from "~/editor/comment-highlights";
import type { SelectionAnchor } from "~/editor/selection-anchor";
import { DeadlineSchema, PositionSchema } from "~/domain/negotiation/schemas";
import { TRANSITIONS } from "~/domain/negotiation/status";
import type { Role } from "~/lib/roles";
import { STATUS_LABELS, type ConventionStatus } from "~/lib/status";
import { useNegotiation, type NegotiationData, type Send } from "./use-negotiation";

interface Party {
  id: string;
  name: string;
  role: Role;
  pilot?: boolean;
}

interface Props {
  doc: Y.Doc;
  conventionId: string;
  role: Role;
  isPilot: boolean;
  myOrganisationId: string;
  parties: Party[];
  /** The text currently selected in the editor, to anchor a new comment to it. */
  selection?: SelectionAnchor | null;
  /** Receives the open threads' anchored passages, for the editor to underline them. */
  onHighlights?: (highlights: CommentHighlight[]) => void;
}

const dateTime = (iso: string) => new Date(iso).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" });

/** The negotiation of a convention: status, positions on options, approvals per article, comments, versions, journal. */
export function NegotiationPanel(props: Props) {
  const { data, error, send, base } = useNegotiation(props.doc, props.conventionId);
  const { onHighlights } = props;
  const comments = data?.comments;
  useEffect(() => {
    onHighlights?.(
      (comments ?? [])
        .filter((c) => !c.resolved && c.anchor?.from && c.anchor?.to)
        .map((c) => ({ id: c.id, from: c.anchor!.from!, to: c.anchor!.to! })),
    );
  }, [comments, onHighlights]);
  if (error) return <p className="field-error" role="alert">{error}</p>;
  if (!data) return <p className="muted">Chargement de la négociation…</p>;
  const canNegotiate = props.role === "edition" || props.role === "commentaire";
  const negotiators = props.parties.filter((p) => data.negotiators.includes(p.id));
  return (
    <section className="negotiation" aria-label="Négociation">
      <StatusBar data={data} send={send} role={props.role} isPilot={props.isPilot} />
      <PositionsMatrix data={data} parties={negotiators} />
      {props.isPilot && props.role === "edition" ? <DeadlineForm data={data} send={send} /> : null}
      {canNegotiate ? <PositionForm data={data} send={send} /> : null}
      <ApprovalsView data={data} parties={negotiators} send={send} canApprove={canNegotiate} me={props.myOrganisationId} />
      <CommentsPanel data={data} send={send} canComment={canNegotiate} selection={props.selection ?? null} />
      <VersionsPanel data={data} send={send} isPilot={props.isPilot} base={base} />
      <details className="panel">
        <summary>Journal de la convention ({data.audit.length})</summary>
        <ol className="audit" aria-label="Journal de la convention">
          {[...data.audit].reverse().map((e) => (
            <li key={e.id}>
              {dateTime(e.at)} — {e.user ?? "Conflux"}
              {e.organisation ? ` (${e.organisation})` : ""} — {e.kind} {describe(e.details)}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function describe(details: Record<string, unknown>) {
  const parts = ["action", "option", "position", "article", "from", "to", "name", "number"]
    .filter((k) => details[k] !== undefined && details[k] !== null)
    .map((k) => String(details[k]));
  return parts.join(" · ");
}

function Message({ text }: { text: string | null }) {
  return text ? <p className="field-error" role="alert">{text}</p> : null;
}

function StatusBar({ data, send, role, isPilot }: { data: NegotiationData; send: Send; role: Role; isPilot: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [signatureDate, setSignatureDate] = useState("");
  const next = TRANSITIONS[data.status];
  const change = async (status: ConventionStatus) => {
    const r = await send("/status", { status, ...(status === "signee" ? { signatureDate } : {}) });
    setError(r.ok ? null : (r.message ?? null));
  };
  const missing = data.readiness.missingApprovals.length;
  const noConsensus = data.readiness.optionsWithoutConsensus.length;
  const blocks = data.readiness.incompleteSignatureBlocks ?? [];
  return (
    <div className="panel status-bar" aria-label="Statut de la convention" role="group">
      <p>
        Statut : <strong data-testid="negotiation-status">{STATUS_LABELS[data.status]}</strong> — {missing === 0 ? "toutes les approbations sont à jour" : `${missing} approbation(s) manquante(s) ou à revoir`} —{" "}
        {noConsensus === 0 ? "toutes les options font consensus" : `${noConsensus} option(s) sans consensus`} —{" "}
        {blocks.length === 0 ? "tous les blocs de signature sont complets" : `${blocks.length} bloc(s) de signature incomplet(s)`}
      </p>
      {blocks.length > 0 ? (
        <ul aria-label="Blocs de signature incomplets" data-testid="incomplete-signature-blocks">
          {blocks.map((block) => (
            <li key={block.party}>
              {block.partyName} : manque {block.missing.map((gap) => gap.label).join(", ")}
            </li>
          ))}
        </ul>
      ) : null}
      {role === "edition" ? (
        <div className="status-actions">
          {next.includes("signee") && isPilot ? (
            <label className="inline-label">
              Date de signature <input type="date" value={signatureDate} onChange={(e) => setSignatureDate(e.target.value)} />
            </label>
          ) : null}
          {next
            .filter((s) => s !== "signee" || isPilot)
            .map((s) => (
              <button key={s} type="button" onClick={() => void change(s)}>
                Passer en « {STATUS_LABELS[s]} »
              </button>
            ))}
        </div>
      ) : null}
      <Message text={error} />
    </div>
  );
}

function PositionsMatrix({ data, parties }: { data: NegotiationData; parties: Party[] }) {
  const [history, setHistory] = useState<string | null>(null);
  return (
    <div className="panel">
      <h2>Positions des parties sur les options</h2>
      <table className="table matrix">
        <caption className="muted">Position actuelle de chaque partie ; « à revoir » quand l'option a changé depuis.</caption>
        <thead>
          <tr>
            <th scope="col">Option (choix actuel)</th>
            {parties.map((p) => (
              <th key={p.id} scope="col">{p.name}</th>
            ))}
            <th scope="col">Consensus</th>
          </tr>
        </thead>
        <tbody>
          {data.options.map((o) => {
            const consensus = data.consensus.find((c) => c.option === o.key)?.state ?? "en_attente";
            return (
              <tr key={o.key} data-option={o.key}>
                <th scope="row">
                  {o.label} <span className="muted">({o.value?.choice ?? "—"})</span>
                  <DeadlineNote deadline={data.deadlines.find((d) => d.option === o.key)} />
                  <br />
                  <button type="button" className="link" onClick={() => setHistory(history === o.key ? null : o.key)}>
                    {history === o.key ? "Masquer l'historique" : "Historique"}
                  </button>
                  {history === o.key ? (
                    <ul className="history" aria-label={`Historique des positions : ${o.label}`}>
                      {data.positions
                        .filter((p) => p.option === o.key)
                        .map((p, i) => (
                          <li key={i}>
                            {dateTime(p.at)} — {p.partyName} ({p.author}) : {POSITION_LABELS[p.position]} — {p.reason}
                            {p.condition ? ` — condition : ${p.condition}` : ""}
                          </li>
                        ))}
                    </ul>
                  ) : null}
                </th>
                {parties.map((party) => {
                  const p = data.positions.find((x) => x.current && x.option === o.key && x.party === party.id);
                  return (
                    <td key={party.id} data-party={party.id} title={p ? `${p.reason}${p.condition ? ` — condition : ${p.condition}` : ""}` : undefined}>
                      {p ? (
                        <>
                          <strong className={`position position-${p.position}`}>{POSITION_LABELS[p.position]}</strong>
                          {p.status === "a_revoir" ? <span className="badge badge-review"> à revoir</span> : null}
                          <br />
                          <span className="muted">
                            {p.author}, {dateTime(p.at)}
                          </span>
                          <br />
                          <span className="reason">{p.reason}</span>
                          {p.condition ? <span className="reason"> — condition : {p.condition}</span> : null}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  );
                })}
                <td className={`consensus consensus-${consensus}`}>{CONSENSUS_LABELS[consensus]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PositionForm({ data, send }: { data: NegotiationData; send: Send }) {
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState<PositionValue>("d_accord");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = PositionSchema.safeParse({
      option: form.get("option"),
      position: form.get("position"),
      reason: form.get("reason"),
      condition: form.get("condition") || null,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? null);
    const r = await send("/positions", parsed.data);
    setError(r.ok ? null : (r.message ?? null));
    if (r.ok) (e.target as HTMLFormElement).reset();
  };
  return (
    <form className="panel position-form" aria-label="Position de mon organisation" onSubmit={(e) => void submit(e)}>
      <h2>Position de mon organisation</h2>
      <label htmlFor="position-option">Option concernée</label>
      <select id="position-option" name="option">
        {data.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
      <label htmlFor="position-value">Position</label>
      <select id="position-value" name="position" value={position} onChange={(e) => setPosition(e.target.value as PositionValue)}>
        {POSITIONS.map((p) => (
          <option key={p} value={p}>
            {POSITION_LABELS[p]}
          </option>
        ))}
      </select>
      <label htmlFor="position-reason">Raison</label>
      <textarea id="position-reason" name="reason" rows={2} />
      {position === "sous_conditions" ? (
        <>
          <label htmlFor="position-condition">Condition</label>
          <textarea id="position-condition" name="condition" rows={2} />
        </>
      ) : null}
      <button type="submit">Enregistrer la position</button>
      <Message text={error} />
    </form>
  );
}

export function DiffView({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="diff">
      {parts.map((p, i) => (p.op === "added" ? <ins key={i}>{p.text}</ins> : p.op === "removed" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>))}
    </p>
  );
}

function ApprovalsView({ data, parties, send, canApprove, me }: { data: NegotiationData; parties: Party[]; send: Send; canApprove: boolean; me: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="panel">
      <h2>Approbation des articles et des tableaux du flux par partie</h2>
      <table className="table matrix">
        <thead>
          <tr>
            <th scope="col">Article</th>
            {parties.map((p) => (
              <th key={p.id} scope="col">{p.name}</th>
            ))}
            {canApprove ? <th scope="col">Mon organisation</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.articles.map((a) => {
            const mine = data.approvals.find((x) => x.article === a.id && x.party === me);
            return (
              <tr key={a.id} data-article={a.id}>
                <th scope="row">
                  Article {a.number} — {a.title}
                </th>
                {parties.map((party) => {
                  const ap = data.approvals.find((x) => x.article === a.id && x.party === party.id);
                  return (
                    <td key={party.id} data-party={party.id}>
                      {!ap ? <span className="muted">—</span> : null}
                      {ap?.status === "approuve" ? <span className="badge badge-ok">Approuvé</span> : null}
                      {ap?.status === "a_revoir" ? (
                        <details>
                          <summary className="badge badge-review">À revoir</summary>
                          {ap.diff ? <DiffView parts={ap.diff} /> : null}
                        </details>
                      ) : null}
                      {ap ? <span className="muted"> {ap.author}, {dateTime(ap.at)}</span> : null}
                    </td>
                  );
                })}
                {canApprove ? (
                  <td>
                    {mine?.status === "approuve" ? (
                      <span className="muted">Approuvé</span>
                    ) : (
                      <button
                        type="button"
                        onClick={() => void send("/approvals", { article: a.id }).then((r) => setError(r.ok ? null : (r.message ?? null)))}
                      >
                        Approuver l'article {a.number}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
          {data.tables.map((t) => {
            const mine = data.approvals.find((x) => x.article === t.id && x.party === me);
            return (
              <tr key={t.id} data-article={t.id}>
                <th scope="row">{t.title}</th>
                {parties.map((party) => {
                  if (party.id !== t.bailleur)
                    return (
                      <td key={party.id} data-party={party.id} className="muted" title="Chaque bailleur approuve son propre tableau.">
                        sans objet
                      </td>
                    );
                  const ap = data.approvals.find((x) => x.article === t.id && x.party === party.id);
                  return (
                    <td key={party.id} data-party={party.id}>
                      {!ap ? <span className="muted">—</span> : null}
                      {ap?.status === "approuve" ? <span className="badge badge-ok">Approuvé</span> : null}
                      {ap?.status === "a_revoir" ? (
                        <details>
                          <summary className="badge badge-review">À revoir</summary>
                          {ap.diff ? <DiffView parts={ap.diff} /> : null}
                        </details>
                      ) : null}
                      {ap ? <span className="muted"> {ap.author}, {dateTime(ap.at)}</span> : null}
                    </td>
                  );
                })}
                {canApprove ? (
                  <td>
                    {me !== t.bailleur ? (
                      <span className="muted">sans objet</span>
                    ) : mine?.status === "approuve" ? (
                      <span className="muted">Approuvé</span>
                    ) : !t.computed ? (
                      <span className="muted">Tableau non encore calculé</span>
                    ) : (
                      <button type="button" onClick={() => void send("/approvals", { article: t.id }).then((r) => setError(r.ok ? null : (r.message ?? null)))}>
                        Approuver mon tableau du flux
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <Message text={error} />
    </div>
  );
}

function CommentsPanel({
  data,
  send,
  canComment,
  selection,
}: {
  data: NegotiationData;
  send: Send;
  canComment: boolean;
  selection: SelectionAnchor | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const [useSelection, setUseSelection] = useState(true);
  const [showResolved, setShowResolved] = useState(false);
  const title = (id: string | null) => {
    const a = data.articles.find((x) => x.id === id);
    return a ? `Article ${a.number} — ${a.title}` : "Texte";
  };
  const act = (path: string, body: unknown = {}) => void send(path, body).then((r) => setError(r.ok ? null : (r.message ?? null)));
  const threads = data.comments.filter((c) => showResolved || !c.resolved);
  return (
    <div className="panel">
      <h2>Commentaires</h2>
      <label className="inline-label">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Afficher les fils résolus
      </label>
      {threads.length === 0 ? <p className="muted">Aucun commentaire.</p> : null}
      <ul className="threads" aria-label="Fils de commentaires">
        {threads.map((c) => (
          <li key={c.id} className={c.resolved ? "thread resolved" : "thread"}>
            <p className="muted">
              {title(c.article)} — {c.author} ({c.partyName}), {dateTime(c.at)}
              {c.resolved ? " — résolu" : ""}
            </p>
            {c.anchor?.quote ? <blockquote>{c.anchor.quote}</blockquote> : null}
            <p>{c.body}</p>
            <ul className="replies">
              {c.replies.map((r) => (
                <li key={r.id}>
                  <span className="muted">
                    {r.author} ({r.partyName}), {dateTime(r.at)} :
                  </span>{" "}
                  {r.body}
                </li>
              ))}
            </ul>
            {canComment ? (
              <InlineForm label={`Répondre à ${c.author}`} button="Répondre" onSubmit={(body) => act(`/comments/${c.id}/replies`, { body })}>
                <button type="button" onClick={() => act(`/comments/${c.id}/${c.resolved ? "reopen" : "resolve"}`)}>
                  {c.resolved ? "Rouvrir" : "Résoudre"}
                </button>
              </InlineForm>
            ) : null}
          </li>
        ))}
      </ul>
      {canComment ? (
        <form
          aria-label="Nouveau commentaire"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const anchored = selection && useSelection;
            act("/comments", {
              article: anchored && selection.article ? selection.article : form.get("article"),
              body: form.get("body"),
              ...(anchored ? { anchor: { from: selection.from, to: selection.to, quote: selection.quote } } : {}),
            });
            e.currentTarget.reset();
          }}
        >
          {selection ? (
            <label className="inline-label">
              <input type="checkbox" checked={useSelection} onChange={(e) => setUseSelection(e.target.checked)} /> Sur le passage
              sélectionné : « {selection.quote.length > 80 ? `${selection.quote.slice(0, 79)}…` : selection.quote} »
            </label>
          ) : (
            <p className="muted">Sélectionnez un passage du texte pour y ancrer votre commentaire, ou choisissez un article.</p>
          )}
          <label htmlFor="comment-article">Article commenté</label>
          <select id="comment-article" name="article">
            {data.articles.map((a) => (
              <option key={a.id} value={a.id}>
                Article {a.number} — {a.title}
              </option>
            ))}
          </select>
          <label htmlFor="comment-body">Commentaire</label>
          <textarea id="comment-body" name="body" rows={2} />
          <button type="submit">Commenter</button>
        </form>
      ) : null}
      <Message text={error} />
    </div>
  );
}

function InlineForm({ label, button, onSubmit, children }: { label: string; button: string; onSubmit: (text: string) => void; children?: ReactNode }) {
  const [text, setText] = useState("");
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onSubmit(text);
        setText("");
      }}
    >
      <input aria-label={label} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit">{button}</button>
      {children}
    </form>
  );
}

function VersionsPanel({ data, send, isPilot, base }: { data: NegotiationData; send: Send; isPilot: boolean; base: string }) {
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const [diff, setDiff] = useState<null | { articles: { id: string; title: string; change: string; text: DiffPart[]; parameters: string[] }[]; parameters: string[]; options: string[] }>(null);
  const showDiff = async () => {
    if (!compare.from || !compare.to) return;
    const response = await fetch(`${base}/versions/${compare.from}/diff/${compare.to}`);
    const body = await response.json();
    if (!response.ok) return setError(body.message);
    setDiff(body);
  };
  return (
    <div className="panel">
      <h2>Versions</h2>
      {isPilot ? (
        <InlineForm label="Nom de la nouvelle version" button="Créer la version" onSubmit={(name) => void send("/versions", { name }).then((r) => setError(r.ok ? null : (r.message ?? null)))} />
      ) : null}
      <ul className="versions" aria-label="Versions">
        {data.versions.map((v) => (
          <li key={v.id}>
            <strong>v{v.number}</strong> {v.name} <span className="muted">— {STATUS_LABELS[v.status as ConventionStatus] ?? v.status}, {v.author ?? "Conflux"}, {dateTime(v.at)}</span>{" "}
            {isPilot && data.status !== "signee" ? (
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(`Restaurer la version ${v.number} ? Le texte actuel reste dans l'historique.`))
                    void send(`/versions/${v.id}/restore`, {}).then((r) => setError(r.ok ? null : (r.message ?? null)));
                }}
              >
                Restaurer la v{v.number}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {data.versions.length > 1 ? (
        <div className="compare">
          <VersionSelect label="De" versions={data.versions} value={compare.from} onChange={(from) => setCompare({ ...compare, from })} />{" "}
          <VersionSelect label="à" versions={data.versions} value={compare.to} onChange={(to) => setCompare({ ...compare, to })} />{" "}
          <button type="button" onClick={() => void showDiff()}>
            Comparer
          </button>
        </div>
      ) : null}
      {diff ? (
        <div className="version-diff" aria-label="Différences entre versions">
          {diff.options.length || diff.parameters.length ? (
            <p className="muted">
              Options modifiées : {diff.options.join(", ") || "aucune"} — paramètres modifiés : {diff.parameters.join(", ") || "aucun"}
            </p>
          ) : null}
          {diff.articles.filter((a) => a.change !== "identique").length === 0 ? <p className="muted">Aucun article modifié.</p> : null}
          {diff.articles
            .filter((a) => a.change !== "identique")
            .map((a) => (
              <div key={a.id}>
                <h3>
                  {a.title} ({a.change === "modifie" ? "modifié" : a.change === "ajoute" ? "ajouté" : "supprimé"})
                </h3>
                <DiffView parts={a.text} />
                {a.parameters.length ? <p className="muted">Paramètres cités modifiés : {a.parameters.join(", ")}</p> : null}
              </div>
            ))}
        </div>
      ) : null}
      <Message text={error} />
    </div>
  );
}

function VersionSelect(props: { label: string; versions: { id: string; number: number }[]; value: string; onChange: (value: string) => void }) {
  return (
    <label className="inline-label">
      {props.label}{" "}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">—</option>
        {props.versions.map((v) => (
          <option key={v.id} value={v.number}>
            v{v.number}
          </option>
        ))}
      </select>
    </label>
  );
}

function DeadlineNote({ deadline }: { deadline?: NegotiationData["deadlines"][number] }) {
  if (!deadline) return null;
  const date = new Date(`${deadline.deadline}T00:00:00Z`).toLocaleDateString("fr-FR", { timeZone: "UTC" });
  return (
    <span className={deadline.overdue ? "badge badge-review" : "muted"} title={`Fixée par ${deadline.author}`}>
      {" "}
      — échéance : {date}
      {deadline.overdue ? " (dépassée)" : ""}
    </span>
  );
}

/** The pilot's form to set or remove the date by which an option should find a consensus. */
function DeadlineForm({ data, send }: { data: NegotiationData; send: Send }) {
  const [error, setError] = useState<string | null>(null);
  const apply = async (form: HTMLFormElement, remove: boolean) => {
    const fields = new FormData(form);
    const parsed = DeadlineSchema.safeParse({ option: fields.get("option"), deadline: remove ? null : fields.get("deadline") || "" });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? null);
    const r = await send("/deadlines", parsed.data);
    setError(r.ok ? null : (r.message ?? null));
  };
  return (
    <form
      className="panel"
      aria-label="Échéance d'une option"
      onSubmit={(e) => {
        e.preventDefault();
        void apply(e.currentTarget, false);
      }}
    >
      <h2>Échéances</h2>
      <label htmlFor="deadline-option">Option</label>
      <select id="deadline-option" name="option">
        {data.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
      <label htmlFor="deadline-date">Date limite pour un accord</label>
      <input id="deadline-date" name="deadline" type="date" />
      <button type="submit">Fixer l'échéance</button>{" "}
      <button type="button" className="button-link" onClick={(e) => void apply(e.currentTarget.form!, true)}>
        Retirer l'échéance
      </button>
      <Message text={error} />
    </form>
  );
}
