import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/bilan/BarChart";
import { BilanComments } from "~/components/bilan/BilanComments";
import { TableView } from "~/components/TableView";
import { bilanTables, periodLabel } from "~/domain/decompte/tables";
import { formatInteger, formatShare } from "~/domain/format";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { listBilanComments } from "~/models/decompte/bilan-comments.server";
import { answeringBilanRefusals, bilanRequestOf } from "~/models/decompte/bilan-http.server";
import { bilanYears, loadBilan } from "~/models/decompte/bilan.server";
import "~/components/bilan/bilan.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bilan ${data.bilan.year} — ${data.convention.title} — Conflux` : "Bilan — Conflux" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  const bilanRequest = bilanRequestOf(request, params.year);
  const { state, bilan } = await answeringBilanRefusals(() => loadBilan(context.db, context.collab, access.convention.id, bilanRequest));
  const whole = bilanRequest.line === null ? bilan : (await loadBilan(context.db, context.collab, access.convention.id, { ...bilanRequest, line: null })).bilan;
  return {
    convention: { id: access.convention.id, title: state.meta.title },
    role: access.role,
    years: bilanYears(state),
    lines: whole.lines.map((l) => ({ key: l.key, label: l.label })),
    request: { au: bilanRequest.until, reservataire: bilanRequest.line },
    bilan,
    threads: await listBilanComments({ db: context.db, collab: context.collab }, access.convention.id, bilan.year),
  };
}

export default function BilanPage() {
  const { convention, role, years, lines, request, bilan, threads } = useLoaderData<typeof loader>();
  const query = new URLSearchParams({ ...(request.au ? { au: request.au } : {}), ...(request.reservataire ? { reservataire: request.reservataire } : {}) }).toString();
  const base = `/conventions/${convention.id}/bilans/${bilan.year}`;
  const tables = bilanTables(bilan);
  const [synthesis] = tables;
  const quarters = bilan.breakdowns.find((b) => b.key === "trimestre")!;
  const quarterTable = tables.find((t) => t.title.endsWith("par trimestre"))!;
  const title = bilan.kind === "annuel" ? `Bilan annuel ${bilan.year}` : `Bilan intermédiaire ${bilan.year}`;
  return (
    <article>
      <nav aria-label="Fil d'Ariane" className="muted">
        <Link to="/">Mes conventions</Link> › <Link to={`/conventions/${convention.id}`}>{convention.title}</Link> › Bilan {bilan.year}
      </nav>
      <h1>
        {title}
        {bilan.line ? ` — ${bilan.line.label}` : ""}
      </h1>
      <p className="muted">
        {periodLabel(bilan).replace(/^./, (c) => c.toUpperCase())} — décompte {bilan.ruleLabel.charAt(0).toLowerCase() + bilan.ruleLabel.slice(1)} —{" "}
        {formatInteger(bilan.totals.counted)} logements décomptés sur {formatInteger(bilan.totals.cases)} logements offerts ou attribués
      </p>
      <Form method="get" className="card bilan-filters" aria-label="Choisir le bilan">
        <div>
          <label htmlFor="bilan-year">Année</label>
          <select id="bilan-year" defaultValue={bilan.year} onChange={(e) => (window.location.href = `/conventions/${convention.id}/bilans/${e.target.value}`)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="bilan-au">Bilan intermédiaire au (facultatif)</label>
          <input id="bilan-au" type="date" name="au" min={`${bilan.year}-01-01`} max={`${bilan.year}-12-31`} defaultValue={request.au ?? ""} />
        </div>
        <div>
          <label htmlFor="bilan-ligne">Réservataire</label>
          <select id="bilan-ligne" name="reservataire" defaultValue={request.reservataire ?? ""}>
            <option value="">Toutes les lignes</option>
            {lines.map((l) => (
              <option key={l.key} value={l.key}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Afficher</button>
      </Form>
      <div className="bilan-exports">
        <a className="button" href={`${base}/export.docx${query ? `?${query}` : ""}`} download>
          Exporter en DOCX
        </a>
        <a className="button" href={`${base}/export.xlsx${query ? `?${query}` : ""}`} download>
          Exporter en XLSX
        </a>
      </div>
      <div className="bilan-grid">
        <BarChart
          title="Objectif annuel et logements décomptés, par ligne"
          description={bilan.lines
            .map((l) => `${l.label} : ${l.objective === null ? "objectif non disponible" : `objectif ${l.objective}`}, ${l.counted} décomptés${l.rate ? ` (${formatShare(l.rate)})` : ""}`)
            .join(" ; ")}
          categories={bilan.lines.map((l) => l.label)}
          series={[
            { label: "Objectif annuel", values: bilan.lines.map((l) => l.objective), color: "#1d4e89" },
            { label: "Décomptés", values: bilan.lines.map((l) => l.counted), color: "#b35900" },
          ]}
          table={<TableView model={synthesis} />}
        />
        <BarChart
          title="Logements proposés et attribués, par trimestre"
          description={quarters.rows.map((r) => `${r.label} : ${r.proposes} proposés, ${r.attribues} attribués`).join(" ; ")}
          categories={quarters.rows.map((r) => r.label)}
          series={[
            { label: "Proposés", values: quarters.rows.map((r) => r.proposes), color: "#1d4e89" },
            { label: "Attribués", values: quarters.rows.map((r) => r.attribues), color: "#2f7d32" },
          ]}
          table={<TableView model={quarterTable} />}
        />
      </div>
      <section className="bilan-tables" aria-label="Tableaux du bilan">
        {tables.map((model) => (
          <TableView key={model.title} model={model} />
        ))}
      </section>
      <BilanComments base={`/api/conventions/${convention.id}/bilans/${bilan.year}/comments`} threads={threads} canComment={role !== "lecture"} />
    </article>
  );
}
