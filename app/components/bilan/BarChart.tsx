// A grouped horizontal bar chart in plain SVG, accessible (docs/decisions/0601-decompte-et-bilan.md): the SVG is one
// image named by its title and summarised by its description, every bar carries its figure as text (colour is never
// the only carrier), and the same figures are given as a table right under it.
import { useId } from "react";

export interface ChartSeries {
  label: string;
  /** One value per category; null draws no bar (e.g. no objective). */
  values: (number | null)[];
  color: string;
}

const BAR = 14;
const GAP = 4;
const GROUP_GAP = 14;
const LABEL_WIDTH = 230;
const PLOT_WIDTH = 400;
const VALUE_WIDTH = 50;

/** Category labels longer than the label column are shortened on the chart (the table gives them whole). */
const shorten = (text: string) => (text.length > 34 ? `${text.slice(0, 32)}…` : text);

export function BarChart({ title, description, categories, series, table }: { title: string; description: string; categories: string[]; series: ChartSeries[]; table: React.ReactNode }) {
  const id = useId();
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const groupHeight = series.length * (BAR + GAP) - GAP + GROUP_GAP;
  const height = categories.length * groupHeight + 10;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  return (
    <figure className="bilan-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{description}</desc>
        {categories.map((category, c) => {
          const top = c * groupHeight + 5;
          return (
            <g key={category}>
              <text x={LABEL_WIDTH - 8} y={top + (series.length * (BAR + GAP)) / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#1f2933">
                {shorten(category)}
              </text>
              {series.map((s, i) => {
                const value = s.values[c];
                if (value === null) return null;
                const y = top + i * (BAR + GAP);
                const length = (value / max) * PLOT_WIDTH;
                return (
                  <g key={s.label}>
                    <rect x={LABEL_WIDTH} y={y} width={Math.max(length, value > 0 ? 1 : 0)} height={BAR} fill={s.color} />
                    <text x={LABEL_WIDTH + length + 4} y={y + BAR / 2} dominantBaseline="middle" fontSize="11" fill="#1f2933">
                      {value.toLocaleString("fr-FR")}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="#5f6b7a" />
      </svg>
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
