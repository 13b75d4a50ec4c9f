import { useTranslation } from 'react-i18next';

export interface ChartTableProps {
  readonly caption: string;
  /** Header of the first column (e.g. "Code"). */
  readonly rowHeader: string;
  readonly columns: readonly { key: string; label: string }[];
  readonly rows: readonly { key: string; label: string; values: readonly (number | null)[] }[];
}

/** A chart's numbers as a table: what a screen-reader or keyboard user reads instead of the picture. */
export function ChartTable({ caption, rowHeader, columns, rows }: ChartTableProps) {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <div className="chart-table-wrap">
      <table className="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => (
                <td key={columns[i]?.key ?? i}>{v === null ? '—' : format.format(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
