/**
 * The codebook as one self-contained HTML page for a report or an appendix: no script, no
 * external file, its style inline, made to print (each top-level code starts a page, a code is
 * never split over two pages, colours print). Every text from the project is escaped.
 */
import { coderNames, codebookRows, PATH_SEPARATOR, type CodebookData, type CodebookRow } from './codebook';
import { escapeHtml, safeColor, htmlPage } from './html';

/** The report's fixed words, in the interface language. */
export interface CodebookReportLabels {
  readonly title: string;
  readonly contents: string;
  readonly codes: string;
  readonly codings: string;
  readonly codingsWithSubcodes: string;
  readonly coder: string;
  readonly definition: string;
  readonly noDefinition: string;
  readonly shortcut: string;
  readonly memos: string;
  readonly empty: string;
}

export const ENGLISH_REPORT_LABELS: CodebookReportLabels = {
  title: 'Codebook',
  contents: 'Contents',
  codes: 'codes',
  codings: 'Codings',
  codingsWithSubcodes: 'incl. sub-codes',
  coder: 'Coder',
  definition: 'Definition',
  noDefinition: 'No definition yet.',
  shortcut: 'Key',
  memos: 'Memos',
  empty: 'The codebook has no codes.',
};

export interface CodebookReportOptions {
  readonly projectName: string;
  /** The page's language, e.g. "nl". */
  readonly lang: string;
  /** When the report was made, as it should be printed (already formatted). */
  readonly date: string;
  readonly labels?: CodebookReportLabels;
}


const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
.meta { color: #555; margin: 0 0 1.5rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
section.top { border-top: 2px solid #333; margin-top: 2rem; padding-top: 0.5rem; }
article { margin: 1rem 0; padding-left: calc(var(--depth) * 1.25rem); break-inside: avoid; page-break-inside: avoid; }
h2, h3 { display: flex; align-items: baseline; gap: 0.5rem; margin: 0.25rem 0; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.05rem; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; border: 1px solid #0003; flex: none; }
.path { color: #555; font-size: 0.9em; margin: 0; }
.definition, .memo-text { white-space: pre-wrap; margin: 0.25rem 0; }
.none { color: #777; font-style: italic; }
.key { font-size: 0.85em; border: 1px solid #999; border-radius: 3px; padding: 0 0.3em; }
table { border-collapse: collapse; margin: 0.4rem 0; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.memo { border-left: 3px solid #bbb; padding-left: 0.6rem; margin: 0.4rem 0; }
.memos h4 { margin: 0.5rem 0 0.2rem; font-size: 0.95em; }
.memo h5 { margin: 0; font-size: 0.95em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav { break-after: page; page-break-after: always; }
  section.top { break-before: page; page-break-before: always; border-top: none; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The whole report: a title, contents (the top-level codes), then a section per top-level code. */
export function codebookHtml(data: CodebookData, options: CodebookReportOptions): string {
  const labels = options.labels ?? ENGLISH_REPORT_LABELS;
  const rows = codebookRows(data);
  const names = coderNames(data.coders);
  const sections: CodebookRow[][] = [];
  for (const row of rows) {
    if (row.level === 1 || sections.length === 0) sections.push([row]);
    else sections[sections.length - 1]?.push(row);
  }
  const anchor = (row: CodebookRow) => `code-${escapeHtml(row.code.guid)}`;
  const totalCodings = rows.reduce((n, r) => n + r.codings, 0);
  const title = `${labels.title}: ${options.projectName}`;

  const codeBlock = (row: CodebookRow): string => {
    const heading = row.level === 1 ? 'h2' : 'h3';
    const coders = [...row.codingsByCoder].sort(([a], [b]) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    const counts = `<table><thead><tr><th scope="col">${escapeHtml(labels.coder)}</th><th scope="col">${escapeHtml(labels.codings)}</th></tr></thead><tbody>${coders
      .map(([guid, n]) => `<tr><td>${escapeHtml(names.get(guid) ?? guid)}</td><td class="n">${n}</td></tr>`)
      .join('')}<tr><th scope="row">${escapeHtml(labels.codings)}</th><td class="n">${row.codings}</td></tr>${
      row.codingsWithSubcodes !== row.codings
        ? `<tr><th scope="row">${escapeHtml(labels.codingsWithSubcodes)}</th><td class="n">${row.codingsWithSubcodes}</td></tr>`
        : ''
    }</tbody></table>`;
    const memos =
      row.memos.length === 0
        ? ''
        : `<div class="memos"><h4>${escapeHtml(labels.memos)}</h4>${row.memos
            .map(
              (m) =>
                `<div class="memo">${m.title ? `<h5>${escapeHtml(m.title)}</h5>` : ''}<p class="memo-text">${escapeHtml(m.text)}</p></div>`,
            )
            .join('')}</div>`;
    return [
      `<article id="${anchor(row)}" style="--depth: ${row.level - 1}">`,
      `<${heading}><span class="swatch" style="background: ${safeColor(row.code.color)}"></span>${escapeHtml(row.code.name)}${
        row.code.shortcut !== null ? ` <span class="key" title="${escapeHtml(labels.shortcut)}">${row.code.shortcut}</span>` : ''
      }</${heading}>`,
      row.level > 1 ? `<p class="path">${escapeHtml(row.path.join(PATH_SEPARATOR))}</p>` : '',
      row.code.definition.trim()
        ? `<p class="definition">${escapeHtml(row.code.definition)}</p>`
        : `<p class="definition none">${escapeHtml(labels.noDefinition)}</p>`,
      counts,
      memos,
      '</article>',
    ].join('\n');
  };

  const body =
    rows.length === 0
      ? `<p class="none">${escapeHtml(labels.empty)}</p>`
      : [
          `<nav aria-label="${escapeHtml(labels.contents)}"><h2>${escapeHtml(labels.contents)}</h2><ol>${sections
            .map((s) => (s[0] ? `<li><a href="#${anchor(s[0])}">${escapeHtml(s[0].code.name)}</a></li>` : ''))
            .join('')}</ol></nav>`,
          ...sections.map((s) => `<section class="top">\n${s.map(codeBlock).join('\n')}\n</section>`),
        ].join('\n');

  return htmlPage({
    lang: options.lang,
    title: title,
    style: STYLE,
    body: `<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(options.date)} · ${rows.length} ${escapeHtml(labels.codes)} · ${totalCodings} ${escapeHtml(labels.codings.toLowerCase())}</p>
</header>
<main>
${body}
</main>`,
  });
}
