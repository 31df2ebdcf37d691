// A grouped horizontal bar chart in HTML and CSS, accessible (docs/decisions/0601-decompte-et-bilan.md): every label
// and figure is text of the page (so its contrast can be checked and a screen reader reads it in order), each bar
// carries its figure and its series' name (colour is never the only carrier), and the same figures are given as a
// table right under it. The bars themselves are decoration.
import { useId } from "react";

export interface ChartSeries {
  label: string;
  /** One value per category; null draws no bar (e.g. no objective). */
  values: (number | null)[];
  color: string;
}

/** Category labels longer than the label column are shortened on the chart (the table and the tooltip give them whole). */
const shorten = (text: string) => (text.length > 34 ? `${text.slice(0, 32)}…` : text);

export function BarChart({ title, description, categories, series, table }: { title: string; description: string; categories: string[]; series: ChartSeries[]; table: React.ReactNode }) {
  const id = useId();
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  return (
    <figure className="bilan-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p id={`${id}-desc`} className="visually-hidden">
        {description}
      </p>
      <dl className="bar-chart">
        {categories.map((category, c) => (
          <div key={category} className="bar-group">
            <dt title={category} style={{ gridRow: `span ${Math.max(1, series.filter((s) => s.values[c] !== null).length)}` }}>
              {shorten(category)}
            </dt>
            {series.map((s) => {
              const value = s.values[c];
              if (value === null) return null;
              return (
                <dd key={s.label}>
                  <span className="bar" style={{ width: `${(value / max) * 100}%`, background: s.color }} aria-hidden="true" />
                  <span className="bar-value">
                    {value.toLocaleString("fr-FR")}
                    <span className="visually-hidden"> — {s.label}</span>
                  </span>
                </dd>
              );
            })}
          </div>
        ))}
      </dl>
      <ul className="bilan-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>Données du graphique (tableau)</summary>
        {table}
      </details>
    </figure>
  );
}
