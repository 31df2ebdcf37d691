import type { TableModel } from "~/domain/convention/blocks";
import { FrenchText } from "./FrenchText";

/** A computed block's table model as an HTML table (the DOCX export renders the same model as a Word table). */
export function TableView({ model, caption = true }: { model: TableModel; caption?: boolean }) {
  if (model.error)
    return (
      <div className="block-error" role="alert">
        <strong>{model.title}</strong> — <FrenchText text={model.error} />
      </div>
    );
  return (
    <figure className="computed-table">
      <table className="table">
        {caption ? (
          <caption>
            <FrenchText text={model.title} />
          </caption>
        ) : null}
        <thead>
          <tr>
            {model.columns.map((c) => (
              <th key={c.key} scope="col" className={c.align === "right" ? "num" : undefined}>
                <FrenchText text={c.label} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row, i) => (
            <tr key={i} className={row.emphasis ? "emphasis" : undefined}>
              {row.cells.map((cell, j) => (
                <td key={j} className={model.columns[j]?.align === "right" ? "num" : undefined}>
                  <FrenchText text={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {model.notes.length ? (
        <figcaption>
          {model.notes.map((n, i) => (
            <p key={i} className="muted">
              <FrenchText text={n} />
            </p>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
