/**
 * The quotation (within-case) matrix as one self-contained HTML file that prints well: inline
 * CSS, no scripts, no external resources; a bordered table whose header repeats on every printed
 * page, rows kept whole where they fit, landscape pages.
 */
import type { QuotationMatrix } from '../../domain/analysis/matrix';
import { escapeHtml, htmlPage } from './html';

export interface MatrixHtmlLabels {
  /** The document title, e.g. "Within-case matrix: school Noord". */
  readonly title: string;
  /** Lines under the title: the filter, the date, the project. */
  readonly subtitle: readonly string[];
  /** Header of the code column. */
  readonly code: string;
  /** Language of the text, e.g. "nl". */
  readonly lang: string;
  /** Column label for a column key; the matrix's own label when absent. */
  readonly columnLabel?: (key: string, label: string) => string;
  /** Coder's name of a segment, shown after the citation; none when absent. */
  readonly coderName?: (coderGuid: string) => string | undefined;
}


const CSS = `
:root { color-scheme: light; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
.sub { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #777; padding: 0.35rem 0.45rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
thead th { background: #e8edf3; }
th.code { width: 14rem; background: #f4f6f8; font-weight: 600; }
th.depth-0 { background: #e1e7ee; }
blockquote { margin: 0 0 0.5rem; padding: 0 0 0 0.45rem; border-left: 3px solid #9ab; white-space: pre-wrap; }
blockquote:last-child { margin-bottom: 0; }
cite { display: block; font-style: normal; color: #555; font-size: 0.85em; }
td.empty { background: #fafafa; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
  th, td { border-color: #000; }
  thead th, th.code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The HTML document of a quotation matrix; rows without any quotation are left out when `skipEmpty`. */
export function quotationMatrixHtml(matrix: QuotationMatrix, labels: MatrixHtmlLabels, options: { skipEmpty?: boolean } = {}): string {
  const label = (key: string, own: string) => escapeHtml(labels.columnLabel ? labels.columnLabel(key, own) : own);
  const head = `<tr><th scope="col" class="code">${escapeHtml(labels.code)}</th>${matrix.columns.map((c) => `<th scope="col">${label(c.key, c.label)}</th>`).join('')}</tr>`;
  const rows = matrix.rows
    .filter((r) => !options.skipEmpty || matrix.columns.some((c) => (r.cells[c.key]?.length ?? 0) > 0))
    .map((r) => {
      const cells = matrix.columns.map((c) => {
        const quotes = r.cells[c.key] ?? [];
        if (quotes.length === 0) return '<td class="empty"></td>';
        return `<td>${quotes
          .map((q) => {
            const coder = labels.coderName?.(q.coderGuid);
            return `<blockquote>${escapeHtml(q.text)}<cite>${escapeHtml(q.citation)}${coder ? ` · ${escapeHtml(coder)}` : ''}</cite></blockquote>`;
          })
          .join('')}</td>`;
      });
      return `<tr><th scope="row" class="code depth-${Math.min(r.depth, 3)}" style="padding-left:${(0.45 + r.depth).toFixed(2)}rem">${escapeHtml(r.name)}</th>${cells.join('')}</tr>`;
    });
  return htmlPage({
    lang: labels.lang,
    title: labels.title,
    style: CSS,
    body: `<h1>${escapeHtml(labels.title)}</h1>
${labels.subtitle.map((s) => `<p class="sub">${escapeHtml(s)}</p>`).join('\n')}
<table>
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`,
  });
}
