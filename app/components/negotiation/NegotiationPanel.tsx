import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import type * as Y from "yjs";
import { diffBlocks, type DiffPart } from "~/domain/negotiation/diff";
import { POSITIONS, type PositionValue } from "~/domain/negotiation/positions";
import { DeadlineSchema, PositionSchema } from "~/domain/negotiation/schemas";
import { TRANSITIONS } from "~/domain/negotiation/status";
import { formatCount } from "~/domain/format";
import { CONSENSUS_LABELS, POSITION_LABELS, STATUS_LABELS, VERSION_CHANGE_LABELS, labelOf, valuePathLabels } from "~/domain/vocabulary";
import { articleAnchor } from "~/editor/extensions";
import type { CommentHighlight } from "~/editor/comment-highlights";
import type { SelectionAnchor } from "~/editor/selection-anchor";
import type { Role } from "~/lib/roles";
import type { ConventionStatus } from "~/lib/status";
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

export const dateTime = (iso: string) => new Date(iso).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" });

/** Anchors of the negotiation's parts, for deep links (/conventions/…#option-decompte). */
export const optionAnchor = (key: string) => `option-${key}`;
export const approvalAnchor = (id: string) => `approbation-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
export const commentAnchor = (id: string) => `commentaire-${id}`;
export const COMMENT_FORM_ID = "nouveau-commentaire";

/** The open threads' anchored passages, for the editor to underline them. */
export function useCommentHighlights(data: NegotiationData | null, onHighlights?: (highlights: CommentHighlight[]) => void) {
  const comments = data?.comments;
  useEffect(() => {
    onHighlights?.(
      (comments ?? [])
        .filter((c) => !c.resolved && c.anchor?.from && c.anchor?.to)
        .map((c) => ({ id: c.id, from: c.anchor!.from!, to: c.anchor!.to! })),
    );
  }, [comments, onHighlights]);
}

/**
 * The whole negotiation in one block (status, positions, approvals, comments, versions, journal). The convention page
 * shows these parts in their own sections; this composition stays for pages that want them together.
 */
export function NegotiationPanel(props: Props) {
  const { data, error, send, base } = useNegotiation(props.doc, props.conventionId);
  useCommentHighlights(data, props.onHighlights);
  if (error) return <p className="field-error" role="alert">{error}</p>;
  if (!data) return <p className="muted">Chargement de la négociation…</p>;
  const canNegotiate = props.role === "edition" || props.role === "commentaire";
  return (
    <section className="negotiation" aria-label="Négociation">
      <NegotiationParts data={data} send={send} role={props.role} isPilot={props.isPilot} myOrganisationId={props.myOrganisationId} parties={props.parties} />
      <CommentsPanel data={data} send={send} canComment={canNegotiate} selection={props.selection ?? null} />
      <VersionsPanel data={data} send={send} isPilot={props.isPilot} base={base} />
      <JournalPanel audit={data.audit} />
    </section>
  );
}

/** Status, positions on the options, deadlines and approvals: the negotiation section of the convention page. */
export function NegotiationParts(props: { data: NegotiationData; send: Send; role: Role; isPilot: boolean; myOrganisationId: string; parties: Party[] }) {
  const { data, send, role, isPilot, myOrganisationId } = props;
  const canNegotiate = role === "edition" || role === "commentaire";
  const negotiators = props.parties.filter((p) => data.negotiators.includes(p.id));
  const [option, setOption] = useState<string>(data.options[0]?.key ?? "");
  const formRef = useRef<HTMLSelectElement>(null);
  const pick = (key: string) => {
    setOption(key);
    formRef.current?.focus();
  };
  return (
    <>
      <StatusBar data={data} send={send} role={role} isPilot={isPilot} />
      <PositionsMatrix data={data} parties={negotiators} onPick={canNegotiate ? pick : undefined} />
      {canNegotiate ? <PositionForm data={data} send={send} option={option} setOption={setOption} selectRef={formRef} /> : null}
      {isPilot && role === "edition" ? <DeadlineForm data={data} send={send} /> : null}
      <ApprovalsView data={data} parties={negotiators} send={send} canApprove={canNegotiate} me={myOrganisationId} />
    </>
  );
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
        Statut : <strong data-testid="negotiation-status">{STATUS_LABELS[data.status]}</strong> —{" "}
        {missing === 0 ? "toutes les approbations sont à jour" : `${formatCount(missing, "approbation manquante", "approbations manquantes")} ou à revoir`} —{" "}
        {noConsensus === 0 ? "toutes les options font consensus" : formatCount(noConsensus, "option sans consensus", "options sans consensus")} —{" "}
        {blocks.length === 0 ? "tous les blocs de signature sont complets" : formatCount(blocks.length, "bloc de signature incomplet", "blocs de signature incomplets")}
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

function PositionsMatrix({ data, parties, onPick }: { data: NegotiationData; parties: Party[]; onPick?: (option: string) => void }) {
  const [history, setHistory] = useState<string | null>(null);
  return (
    <div className="panel">
      <h3 className="panel-title">Positions des parties sur les options</h3>
      <div className="table-scroll">
        <table className="table matrix">
          <caption className="muted">Position actuelle de chaque partie ; « à revoir » quand l'option a changé depuis.</caption>
          <thead>
            <tr>
              <th scope="col">Option (choix actuel)</th>
              {parties.map((p) => (
                <th key={p.id} scope="col">
                  {p.name}
                </th>
              ))}
              <th scope="col">Consensus</th>
            </tr>
          </thead>
          <tbody>
            {data.options.map((o) => {
              const consensus = data.consensus.find((c) => c.option === o.key)?.state ?? "en_attente";
              const historyId = `historique-${o.key}`;
              return (
                <tr key={o.key} data-option={o.key} id={optionAnchor(o.key)} tabIndex={-1}>
                  <th scope="row">
                    {o.label} <span className="muted">({o.valueLabel})</span>
                    <DeadlineNote deadline={data.deadlines.find((d) => d.option === o.key)} />
                    <span className="row-actions">
                      <button type="button" className="link" aria-expanded={history === o.key} aria-controls={historyId} onClick={() => setHistory(history === o.key ? null : o.key)}>
                        {history === o.key ? "Masquer l'historique" : "Historique"}
                        <span className="visually-hidden"> : {o.label}</span>
                      </button>
                      {onPick ? (
                        <button type="button" className="link" onClick={() => onPick(o.key)}>
                          Donner ma position<span className="visually-hidden"> : {o.label}</span>
                        </button>
                      ) : null}
                    </span>
                    {history === o.key ? (
                      <ul className="history" id={historyId} aria-label={`Historique des positions : ${o.label}`}>
                        {data.positions.filter((p) => p.option === o.key).length === 0 ? <li>Aucune position pour le moment.</li> : null}
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
                      <td key={party.id} data-party={party.id}>
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
                          <span className="muted" aria-label="Pas encore de position">
                            —
                          </span>
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
    </div>
  );
}

function PositionForm(props: { data: NegotiationData; send: Send; option: string; setOption: (key: string) => void; selectRef: RefObject<HTMLSelectElement> }) {
  const { data, send, option, setOption, selectRef } = props;
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [position, setPosition] = useState<PositionValue>("d_accord");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const parsed = PositionSchema.safeParse({
      option: form.get("option"),
      position: form.get("position"),
      reason: form.get("reason"),
      condition: form.get("condition") || null,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? null);
    const r = await send("/positions", parsed.data);
    setError(r.ok ? null : (r.message ?? null));
    if (r.ok) {
      const label = data.options.find((o) => o.key === parsed.data.option)?.label ?? "";
      setSaved(`Position enregistrée sur « ${label} » : ${POSITION_LABELS[parsed.data.position]}.`);
      formElement.reset();
      setPosition("d_accord");
    }
  };
  return (
    <form className="panel position-form" aria-label="Position de mon organisation" onSubmit={(e) => void submit(e)}>
      <h3 className="panel-title">Position de mon organisation</h3>
      <label htmlFor="position-option">Option concernée</label>
      <select id="position-option" name="option" ref={selectRef} value={option} onChange={(e) => setOption(e.target.value)}>
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
      {saved && !error ? <p className="notice-ok">{saved}</p> : null}
    </form>
  );
}

function DiffText({ parts }: { parts: readonly DiffPart[] }) {
  return parts.map((p, i) => (p.op === "added" ? <ins key={i}>{p.text}</ins> : p.op === "removed" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>));
}

/** What changed, laid out like the text: paragraphs, and a computed table's rows as a table (its first row as headers). */
export function DiffView({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="diff">
      {diffBlocks(parts).map((block, b) =>
        block.kind === "paragraph" ? (
          <p key={b}>
            <DiffText parts={block.parts} />
          </p>
        ) : (
          <table key={b} className="diff-table">
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    r === 0 && block.rows.length > 1 ? (
                      <th key={c} scope="col">
                        <DiffText parts={cell} />
                      </th>
                    ) : (
                      <td key={c}>
                        <DiffText parts={cell} />
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </div>
  );
}

function ApprovalCell({ ap }: { ap: NegotiationData["approvals"][number] | undefined }) {
  return (
    <>
      {!ap ? (
        <span className="muted" aria-label="Pas encore approuvé">
          —
        </span>
      ) : null}
      {ap?.status === "approuve" ? <span className="badge badge-ok">Approuvé</span> : null}
      {ap?.status === "a_revoir" ? (
        <details>
          <summary className="badge badge-review">À revoir</summary>
          {ap.diff ? <DiffView parts={ap.diff} /> : null}
        </details>
      ) : null}
      {ap ? (
        <span className="muted">
          {" "}
          {ap.author}, {dateTime(ap.at)}
        </span>
      ) : null}
    </>
  );
}

function ApprovalsView({ data, parties, send, canApprove, me }: { data: NegotiationData; parties: Party[]; send: Send; canApprove: boolean; me: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  // After an approval its button disappears: focus goes to the next button to approve (or the row), not to the page.
  useEffect(() => {
    if (!focusNext || !tableRef.current) return;
    const rows = [...tableRef.current.querySelectorAll<HTMLTableRowElement>("tbody tr")];
    const index = rows.findIndex((r) => r.dataset.article === focusNext);
    const next = rows.slice(index + 1).map((r) => r.querySelector<HTMLButtonElement>("button[data-approve]")).find(Boolean);
    (next ?? rows[index])?.focus();
    setFocusNext(null);
  }, [data, focusNext]);
  const approve = (id: string, label: string) =>
    void send("/approvals", { article: id }).then((r) => {
      setError(r.ok ? null : (r.message ?? null));
      if (r.ok) {
        setDone(`${label} : approuvé.`);
        setFocusNext(id);
      }
    });
  return (
    <div className="panel">
      <h3 className="panel-title">Approbation des articles et des tableaux du flux par partie</h3>
      <div className="table-scroll">
        <table className="table matrix" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col">Article</th>
              {parties.map((p) => (
                <th key={p.id} scope="col">
                  {p.name}
                </th>
              ))}
              {canApprove ? <th scope="col">Mon organisation</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.articles.map((a) => {
              const mine = data.approvals.find((x) => x.article === a.id && x.party === me);
              const label = `Article ${a.number} — ${a.title}`;
              return (
                <tr key={a.id} data-article={a.id} id={approvalAnchor(a.id)} tabIndex={-1}>
                  <th scope="row">
                    <a href={`#${articleAnchor(a.id)}`}>{label}</a>
                  </th>
                  {parties.map((party) => (
                    <td key={party.id} data-party={party.id}>
                      <ApprovalCell ap={data.approvals.find((x) => x.article === a.id && x.party === party.id)} />
                    </td>
                  ))}
                  {canApprove ? (
                    <td>
                      {mine?.status === "approuve" ? (
                        <span className="muted">Approuvé</span>
                      ) : (
                        <button type="button" data-approve onClick={() => approve(a.id, label)}>
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
                <tr key={t.id} data-article={t.id} id={approvalAnchor(t.id)} tabIndex={-1}>
                  <th scope="row">{t.title}</th>
                  {parties.map((party) =>
                    party.id !== t.bailleur ? (
                      <td key={party.id} data-party={party.id} className="muted" title="Chaque bailleur approuve son propre tableau.">
                        sans objet
                      </td>
                    ) : (
                      <td key={party.id} data-party={party.id}>
                        <ApprovalCell ap={data.approvals.find((x) => x.article === t.id && x.party === party.id)} />
                      </td>
                    ),
                  )}
                  {canApprove ? (
                    <td>
                      {me !== t.bailleur ? (
                        <span className="muted">sans objet</span>
                      ) : mine?.status === "approuve" ? (
                        <span className="muted">Approuvé</span>
                      ) : !t.computed ? (
                        <span className="muted">Tableau non encore calculé</span>
                      ) : (
                        <button type="button" data-approve onClick={() => approve(t.id, t.title)}>
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
      </div>
      <Message text={error} />
      {done && !error ? <p className="notice-ok">{done}</p> : null}
    </div>
  );
}

export function CommentsPanel({
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
  const [article, setArticle] = useState<string>(data.articles[0]?.id ?? "");
  // The article commented defaults to where the selection is.
  useEffect(() => {
    if (selection?.article) setArticle(selection.article);
    if (selection) setUseSelection(true);
  }, [selection]);
  const title = (id: string | null) => {
    const a = data.articles.find((x) => x.id === id);
    return a ? `Article ${a.number} — ${a.title}` : "Texte";
  };
  const act = (path: string, body: unknown = {}) => void send(path, body).then((r) => setError(r.ok ? null : (r.message ?? null)));
  const threads = data.comments.filter((c) => showResolved || !c.resolved);
  const resolvedCount = data.comments.filter((c) => c.resolved).length;
  return (
    <div className="panel">
      <label className="inline-label checkbox-label">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Afficher les fils résolus ({resolvedCount})
      </label>
      {threads.length === 0 ? <p className="muted">Aucun commentaire.</p> : null}
      <ul className="threads" aria-label="Fils de commentaires">
        {threads.map((c) => (
          <li key={c.id} className={c.resolved ? "thread resolved" : "thread"} id={commentAnchor(c.id)} tabIndex={-1}>
            <p className="muted">
              {c.article ? <a href={`#${articleAnchor(c.article)}`}>{title(c.article)}</a> : title(c.article)} — {c.author} ({c.partyName}), {dateTime(c.at)}
              {c.resolved ? " — résolu" : ""} — <a href={`#${commentAnchor(c.id)}`}>lien vers ce fil</a>
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
              <InlineForm id={`reponse-${c.id}`} label={`Répondre à ${c.author}`} button="Répondre" onSubmit={(body) => act(`/comments/${c.id}/replies`, { body })}>
                <button type="button" className="button-secondary" onClick={() => act(`/comments/${c.id}/${c.resolved ? "reopen" : "resolve"}`)}>
                  {c.resolved ? "Rouvrir" : "Résoudre"}
                </button>
              </InlineForm>
            ) : null}
          </li>
        ))}
      </ul>
      {canComment ? (
        <form
          id={COMMENT_FORM_ID}
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
          <h3 className="panel-title">Nouveau commentaire</h3>
          {selection ? (
            <label className="inline-label checkbox-label">
              <input type="checkbox" checked={useSelection} onChange={(e) => setUseSelection(e.target.checked)} /> Sur le passage sélectionné : «{" "}
              {selection.quote.length > 80 ? `${selection.quote.slice(0, 79)}…` : selection.quote} »
            </label>
          ) : (
            <p className="muted">Sélectionnez un passage du texte pour y ancrer votre commentaire, ou choisissez un article.</p>
          )}
          <label htmlFor="comment-article">Article commenté</label>
          <select id="comment-article" name="article" value={article} onChange={(e) => setArticle(e.target.value)}>
            {data.articles.map((a) => (
              <option key={a.id} value={a.id}>
                Article {a.number} — {a.title}
              </option>
            ))}
          </select>
          <label htmlFor="comment-body">Commentaire</label>
          <textarea id="comment-body" name="body" rows={3} />
          <button type="submit">Commenter</button>
        </form>
      ) : null}
      <Message text={error} />
    </div>
  );
}

function InlineForm({ id, label, button, onSubmit, children }: { id: string; label: string; button: string; onSubmit: (text: string) => void; children?: ReactNode }) {
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
      <label htmlFor={id} className="inline-form-label">
        {label}
      </label>
      <span className="inline-form-row">
        <input id={id} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">{button}</button>
        {children}
      </span>
    </form>
  );
}

export function VersionsPanel({ data, send, isPilot, base }: { data: NegotiationData; send: Send; isPilot: boolean; base: string }) {
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const [diff, setDiff] = useState<null | { articles: { id: string; title: string; change: string; text: DiffPart[]; parameters: string[] }[]; parameters: string[]; options: string[] }>(null);
  const showDiff = async () => {
    if (!compare.from || !compare.to) return setError("Choisissez les deux versions à comparer.");
    try {
      const response = await fetch(`${base}/versions/${compare.from}/diff/${compare.to}`);
      const body = await response.json();
      if (!response.ok) return setError(body.message);
      setError(null);
      setDiff(body);
    } catch {
      setError("Le serveur est injoignable : réessayez à la reconnexion.");
    }
  };
  return (
    <div className="panel">
      {isPilot ? (
        <InlineForm id="version-name" label="Nom de la nouvelle version" button="Créer la version" onSubmit={(name) => void send("/versions", { name }).then((r) => setError(r.ok ? null : (r.message ?? null)))} />
      ) : null}
      <ul className="versions" aria-label="Versions">
        {data.versions.map((v) => (
          <li key={v.id}>
            <strong>v{v.number}</strong> {v.name}{" "}
            <span className="muted">
              — {labelOf(STATUS_LABELS, v.status)}, {v.author ?? "Conflux"}, {dateTime(v.at)}
            </span>{" "}
            {isPilot && data.status !== "signee" ? (
              <button
                type="button"
                className="button-secondary"
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
        <div className="compare" role="group" aria-label="Comparer deux versions">
          <VersionSelect label="Comparer la version" versions={data.versions} value={compare.from} onChange={(from) => setCompare({ ...compare, from })} />{" "}
          <VersionSelect label="à la version" versions={data.versions} value={compare.to} onChange={(to) => setCompare({ ...compare, to })} />{" "}
          <button type="button" onClick={() => void showDiff()}>
            Comparer
          </button>
        </div>
      ) : null}
      {diff ? (
        <div className="version-diff" aria-label="Différences entre versions" role="region">
          {diff.options.length || diff.parameters.length ? (
            <p className="muted">
              Options modifiées : {valuePathLabels(diff.options).join(", ") || "aucune"} — paramètres modifiés : {valuePathLabels(diff.parameters).join(", ") || "aucun"}
            </p>
          ) : null}
          {diff.articles.filter((a) => a.change !== "identique").length === 0 ? <p className="muted">Aucun article modifié.</p> : null}
          {diff.articles
            .filter((a) => a.change !== "identique")
            .map((a) => (
              <div key={a.id}>
                <h4>
                  {a.title} ({labelOf(VERSION_CHANGE_LABELS, a.change)})
                </h4>
                <DiffView parts={a.text} />
                {a.parameters.length ? <p className="muted">Valeurs citées modifiées : {valuePathLabels(a.parameters).join(", ")}</p> : null}
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

const JOURNAL_PAGE = 50;

/** The convention's journal, newest first, in French: who, when, what, old → new. */
export function JournalPanel({ audit }: { audit: NegotiationData["audit"] }) {
  const [all, setAll] = useState(false);
  const entries = [...audit].reverse();
  const shown = all ? entries : entries.slice(0, JOURNAL_PAGE);
  return (
    <div className="panel">
      {entries.length === 0 ? <p className="muted">Le journal est vide.</p> : null}
      <ol className="journal" aria-label="Journal de la convention">
        {shown.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <p className="journal-head">
              <time dateTime={e.at}>{dateTime(e.at)}</time> — <strong>{e.user ?? "Conflux"}</strong>
              {e.organisation ? ` (${e.organisation})` : ""} <span className="badge badge-kind">{e.label}</span>
            </p>
            <p className="journal-summary">{e.summary}</p>
            {e.changes.length > 0 && !(e.changes.length === 1 && e.changes[0].from === null) ? (
              <ul className="journal-changes">
                {e.changes.map((c, i) => (
                  <li key={i}>
                    {c.what} : {c.from ?? "—"} → {c.to ?? "—"}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {entries.length > JOURNAL_PAGE ? (
        <button type="button" className="button-secondary" onClick={() => setAll(!all)}>
          {all ? `Afficher les ${JOURNAL_PAGE} dernières entrées` : `Afficher les ${entries.length} entrées`}
        </button>
      ) : null}
    </div>
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
      <h3 className="panel-title">Échéances</h3>
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
      <button type="button" className="button-secondary" onClick={(e) => void apply(e.currentTarget.form!, true)}>
        Retirer l'échéance
      </button>
      <Message text={error} />
    </form>
  );
}
