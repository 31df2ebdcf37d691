import { useCallback, useEffect, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { comparisonTableModel, comparisonYears } from "~/domain/annex/tables";
import { formatCount, formatDateLong } from "~/domain/format";
import { NEGOTIATION_MAP, NEGOTIATION_REV } from "~/domain/negotiation/live";
import { NO_DEDUCTIONS, type Deductions } from "~/domain/perimeter/apportionment";
import { DeductionsSchema } from "~/domain/perimeter/terms";
import type { Role } from "~/lib/roles";
import type { annexList, AnnexStatus, AnnexView } from "~/models/annex.server";
import { FrenchText } from "./FrenchText";
import { TableView } from "./TableView";

type AnnexList = Awaited<ReturnType<typeof annexList>>;

interface Props {
  doc: Y.Doc;
  conventionId: string;
  role: Role;
  isPilot: boolean;
  me: { organisationId: string };
}

const STATUS_LABELS: Record<AnnexStatus, string> = { non_generee: "non générée", en_preparation: "en préparation", adoptee: "adoptée" };

const DEDUCTIONS: [keyof Deductions, string][] = [
  ["mutations", "Mutations internes prévues"],
  ["anru", "Relogements ANRU / NPNRU"],
  ["orcod", "Relogements ORCOD"],
  ["lhi", "Relogements LHI"],
  ["ventes", "Relogements liés aux ventes"],
];

type Answer = { ok: true } | { ok: false; message: string; missing?: string[] };

const UNREACHABLE = "Le serveur est injoignable : les annexes annuelles seront à jour au retour de la connexion.";

/** A JSON write to the annex's API; the server's French refusal (and what is missing) when it refuses. */
async function send(url: string, method: "POST" | "PUT", body: unknown): Promise<Answer> {
  try {
    const response = await fetch(url, { method, headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
    if (response.ok) return { ok: true };
    const payload = (await response.json().catch(() => null)) as { message?: string; missing?: string[] } | null;
    return { ok: false, message: payload?.message ?? `Le serveur a refusé l'action (${response.status}).`, missing: payload?.missing };
  } catch {
    return { ok: false, message: "Le serveur est injoignable : l'action n'a pas été enregistrée." };
  }
}

/**
 * The annual flux annexes of a convention (docs/decisions/0014-annual-flux-annex.md): for a year of its period, what
 * the annex would be or is — the change per bailleur and line from the base year, the approvals per party — and the
 * actions each party may take: the pilot generates, a bailleur enters its forecast deductions of the year, every
 * negotiating party approves. Refetched whenever the server bumps the negotiation revision.
 */
export function AnnualAnnexPanel({ doc, conventionId, role, isPilot, me }: Props) {
  const base = `/api/conventions/${conventionId}/annexes`;
  const [list, setList] = useState<AnnexList | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [view, setView] = useState<AnnexView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    // Offline, the panel keeps what it shows and says why it cannot refresh (no unhandled « Failed to fetch »).
    const response = await fetch(base, { headers: { accept: "application/json" } }).catch(() => null);
    if (!response) return setError(UNREACHABLE);
    const body = await response.json().catch(() => null);
    if (!response.ok) return setError(body?.message ?? "Les annexes annuelles n'ont pas pu être chargées.");
    setError(null);
    const next = body as AnnexList;
    setList(next);
    // By default, the first year whose annex is not adopted yet.
    setYear((current) => current ?? next.years.find((y) => y.status !== "adoptee")?.year ?? next.years[0]?.year ?? null);
  }, [base]);

  const load = useCallback(async () => {
    if (year === null) return setView(null);
    const response = await fetch(`${base}/${year}`, { headers: { accept: "application/json" } }).catch(() => null);
    if (!response) return setError(UNREACHABLE);
    const body = await response.json().catch(() => null);
    if (!response.ok) return setError(body?.message ?? "L'annexe n'a pas pu être chargée.");
    setView(body as AnnexView);
  }, [base, year]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const map = doc.getMap(NEGOTIATION_MAP);
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has(NEGOTIATION_REV)) return;
      void refresh();
      void load();
    };
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [doc, refresh, load]);

  const after = async (pending: Promise<Answer>) => {
    const answer = await pending;
    await Promise.all([refresh(), load()]);
    return answer;
  };

  if (error) return <p className="field-error" role="alert">{error}</p>;
  if (!list) return null;
  if (list.years.length === 0) return null;
  return (
    <section className="panel annexes" aria-labelledby="annexes-title">
      <h2 id="annexes-title">Annexes annuelles du flux</h2>
      <p className="muted small">
        Chaque année de la convention, le flux est révisé par une annexe calculée sur les données de l'année ; le texte de la convention ne change pas.
      </p>
      <label htmlFor="annex-year">Année de l'annexe</label>
      <select id="annex-year" value={year ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
        {list.years.map((y) => (
          <option key={y.year} value={y.year}>
            {y.year} — {STATUS_LABELS[y.status]}
          </option>
        ))}
      </select>
      {view && view.year === year ? (
        <AnnexDetails view={view} conventionId={conventionId} base={base} role={role} isPilot={isPilot} me={me} after={after} />
      ) : (
        <p className="muted">Chargement de l'annexe…</p>
      )}
    </section>
  );
}

interface DetailsProps {
  view: AnnexView;
  conventionId: string;
  base: string;
  role: Role;
  isPilot: boolean;
  me: { organisationId: string };
  after: (pending: Promise<Answer>) => Promise<Answer>;
}

function AnnexDetails({ view, conventionId, base, role, isPilot, me, after }: DetailsProps) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => setAnswer(null), [view.year]);
  const generated = view.status !== "non_generee";
  const approved = view.approvals.filter((a) => a.status === "approuve").length;
  const myTable = view.tables.find((table) => table.bailleur.id === me.organisationId);
  const mine = view.approvals.find((a) => a.party === me.organisationId);
  const canApprove = view.status === "en_preparation" && view.negotiators.some((p) => p.id === me.organisationId) && mine?.status !== "approuve" && view.missing.length === 0;
  const act = async (pending: Promise<Answer>) => setAnswer(await after(pending));
  return (
    <div data-annex-year={view.year} data-annex-status={view.status}>
      <p>
        Annexe {view.year} : <strong>{STATUS_LABELS[view.status]}</strong>
        {view.status === "adoptee" && view.adoptedAt ? ` le ${formatDateLong(view.adoptedAt.slice(0, 10))}` : ""}
        {view.status === "en_preparation" ? ` — approuvée par ${formatCount(approved, "partie", "parties")} sur ${view.negotiators.length}` : ""} — comparée à{" "}
        {view.base.source === "convention" ? `la convention (flux ${view.base.year})` : `l'annexe ${view.base.year}`}.
      </p>
      {view.missing.length > 0 ? (
        <ul className="notice" aria-label={`Données manquantes pour l'annexe ${view.year}`}>
          {view.missing.map((m) => (
            <li key={m}>
              <FrenchText text={m} />
            </li>
          ))}
        </ul>
      ) : (
        <TableView model={comparisonTableModel(view.comparison, comparisonYears(view.base, view.year))} />
      )}
      {!generated && isPilot && role === "edition" ? (
        <button type="button" onClick={() => void act(send(base, "POST", { year: view.year }))}>
          Générer l'annexe {view.year}
        </button>
      ) : null}
      {myTable && role === "edition" && view.status !== "adoptee" ? (
        <DeductionsForm
          key={`${view.year}-${me.organisationId}`}
          year={view.year}
          current={myTable.deductions.saisies ? myTable.deductions : null}
          save={(deductions) => after(send(`${base}/${view.year}/flux-terms`, "PUT", { bailleurId: me.organisationId, deductions }))}
        />
      ) : null}
      {generated ? <ApprovalsList view={view} /> : null}
      {canApprove ? (
        <button type="button" onClick={() => void act(send(`${base}/${view.year}/approvals`, "POST", { hash: view.hash }))}>
          {mine ? `Approuver à nouveau l'annexe ${view.year}` : `Approuver l'annexe ${view.year}`}
        </button>
      ) : null}
      {answer && !answer.ok ? (
        <div className="field-error" role="alert">
          <p>{answer.message}</p>
          {answer.missing?.length ? (
            <ul>
              {answer.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {generated ? (
        <p>
          <a className="button" href={`/conventions/${conventionId}/annexes/${view.year}/export.docx`} download>
            Exporter l'annexe {view.year} en DOCX
          </a>
        </p>
      ) : null}
      {generated ? (
        <p className="muted small">
          Empreinte de l'annexe : <code>{view.fingerprint.slice(0, 12)}</code> — de la convention : <code>{view.conventionFingerprint.slice(0, 12)}</code>
        </p>
      ) : null}
    </div>
  );
}

function ApprovalsList({ view }: { view: AnnexView }) {
  return (
    <table className="table" aria-label={`Approbations de l'annexe ${view.year}`}>
      <thead>
        <tr>
          <th scope="col">Partie</th>
          <th scope="col">Approbation</th>
        </tr>
      </thead>
      <tbody>
        {view.negotiators.map((party) => {
          const approval = view.approvals.find((a) => a.party === party.id);
          return (
            <tr key={party.id} data-party={party.id}>
              <th scope="row">{party.name}</th>
              <td>
                {!approval ? (
                  <span className="muted">en attente</span>
                ) : approval.status === "approuve" ? (
                  <span className="badge badge-ok">
                    <FrenchText text={`approuvée par ${approval.author} le ${formatDateLong(approval.at.slice(0, 10))}`} />
                  </span>
                ) : (
                  <span className="badge badge-review">à revoir : les chiffres ont changé depuis l'approbation</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The bailleur's forecast deductions of the annex's year on the convention's territory (its members in édition). */
function DeductionsForm({ year, current, save }: { year: number; current: Deductions | null; save: (deductions: Deductions) => Promise<Answer> }) {
  const [values, setValues] = useState<Record<keyof Deductions, string>>(() => {
    const start = current ?? NO_DEDUCTIONS;
    return Object.fromEntries(DEDUCTIONS.map(([key]) => [key, String(start[key])])) as Record<keyof Deductions, string>;
  });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = DeductionsSchema.safeParse(Object.fromEntries(DEDUCTIONS.map(([key]) => [key, values[key].trim() === "" ? Number.NaN : Number(values[key].replace(/\s/g, ""))])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const label = DEDUCTIONS.find(([key]) => key === issue.path[0])?.[1] ?? "";
      return setAnswer({ ok: false, message: `${label} : ${issue.message}.` });
    }
    setAnswer(await save(parsed.data));
  };
  return (
    <form className="subpanel" aria-label={`Déductions prévisionnelles ${year}`} onSubmit={(e) => void submit(e)}>
      <h3 className="subhead">Déductions prévisionnelles {year}</h3>
      <p className="muted small">{current ? "Saisies pour le territoire de la convention ; elles servent à toutes vos conventions de cette année sur ce territoire." : "Non encore saisies pour cette année."}</p>
      {DEDUCTIONS.map(([key, label]) => (
        <div className="field" key={key}>
          <label htmlFor={`annex-${year}-${key}`}>{label}</label>
          <input id={`annex-${year}-${key}`} inputMode="numeric" value={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
        </div>
      ))}
      <button type="submit">Enregistrer les déductions {year}</button>
      {answer ? (
        <p className={answer.ok ? "notice" : "field-error"} role={answer.ok ? "status" : "alert"}>
          {answer.ok ? `Déductions ${year} enregistrées.` : answer.message}
        </p>
      ) : null}
    </form>
  );
}
