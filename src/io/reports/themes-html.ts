/**
 * The themes report (phase 6 of thematic analysis) as one self-contained HTML page: no script,
 * no external file, its style inline, made to print (each theme starts a page, a quotation is
 * never split over two pages). Every text from the project is escaped.
 */
import type { ProjectData } from '../../domain/project-data';
import { escapeHtml, safeColor, htmlPage } from './html';
import { ENGLISH_THEMES_LABELS, themeReport, type ReportTheme, type ThemesReportOptions } from './themes-report';

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
.meta { color: #555; margin: 0 0 1.5rem; }
nav ol { padding-left: 1.2rem; }
nav ol ol { padding-left: 1.2rem; }
section.theme { border-top: 2px solid #333; margin-top: 2rem; padding-top: 0.5rem; }
section.sub-theme { border-top: 1px solid #999; margin: 1.5rem 0 0 calc(var(--depth) * 1.25rem); padding-top: 0.4rem; }
h2, h3 { display: flex; align-items: baseline; gap: 0.5rem; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.45rem; }
h3 { font-size: 1.15rem; }
h4 { font-size: 0.95rem; margin: 0.9rem 0 0.3rem; color: #333; }
.number { color: #555; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 2px; border: 1px solid #0003; flex: none; }
.definition, .scope { white-space: pre-wrap; margin: 0.25rem 0; }
.none { color: #777; font-style: italic; }
ul.codes { margin: 0.2rem 0; padding-left: 1.2rem; }
blockquote { margin: 0.6rem 0 0.6rem 1.5rem; padding: 0.1rem 0 0.1rem 0.8rem; border-left: 3px solid #999; }
blockquote p { white-space: pre-wrap; margin: 0; font-style: italic; }
blockquote footer { margin-top: 0.2rem; color: #444; font-size: 0.9em; }
@page { margin: 18mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  nav { break-after: page; page-break-after: always; }
  section.theme { break-before: page; page-break-before: always; border-top: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  blockquote { break-inside: avoid; page-break-inside: avoid; }
  .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;

const anchor = (t: ReportTheme) => `theme-${escapeHtml(t.theme.guid)}`;

function themeBlock(t: ReportTheme, labels: typeof ENGLISH_THEMES_LABELS): string {
  const heading = t.depth === 0 ? 'h2' : 'h3';
  const { theme } = t;
  return [
    `<${heading}><span class="swatch" style="background: ${safeColor(theme.color)}"></span><span class="number">${escapeHtml(t.number)}</span> ${escapeHtml(theme.name)}</${heading}>`,
    theme.definition.trim()
      ? `<p class="definition"><strong>${escapeHtml(labels.definition)}:</strong> ${escapeHtml(theme.definition.trim())}</p>`
      : `<p class="definition none">${escapeHtml(labels.noDefinition)}</p>`,
    theme.scopeNote.trim() ? `<p class="scope"><strong>${escapeHtml(labels.scopeNote)}:</strong> ${escapeHtml(theme.scopeNote.trim())}</p>` : '',
    `<h4>${escapeHtml(labels.codes)}</h4>`,
    t.codes.length === 0
      ? `<p class="none">${escapeHtml(labels.noCodes)}</p>`
      : `<ul class="codes">${t.codes.map((c) => `<li>${escapeHtml(c.path)}</li>`).join('')}</ul>`,
    `<h4>${escapeHtml(labels.quotations)}</h4>`,
    t.quotations.length === 0
      ? `<p class="none">${escapeHtml(labels.noQuotations)}</p>`
      : t.quotations.map((q) => `<blockquote><p>${escapeHtml(q.text)}</p><footer><cite>${escapeHtml(q.citation)}</cite></footer></blockquote>`).join('\n'),
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/** Nested contents: each theme with its sub-themes in an inner list. */
function contents(rows: readonly ReportTheme[]): string {
  let html = '';
  let depth = -1;
  for (const row of rows) {
    if (row.depth > depth) html += '<ol>'.repeat(row.depth - depth);
    else {
      html += '</li>';
      if (row.depth < depth) html += '</ol></li>'.repeat(depth - row.depth);
    }
    html += `<li><a href="#${anchor(row)}">${escapeHtml(row.number)} ${escapeHtml(row.theme.name)}</a>`;
    depth = row.depth;
  }
  if (depth >= 0) html += '</li>' + '</ol></li>'.repeat(depth) + '</ol>';
  return html;
}

/** Sections nest: a sub-theme's section sits inside its theme's. */
function sections(rows: readonly ReportTheme[], labels: typeof ENGLISH_THEMES_LABELS): string {
  const out: string[] = [];
  const open: number[] = [];
  for (const row of rows) {
    while (open.length > 0 && (open[open.length - 1] ?? 0) >= row.depth) {
      out.push('</section>');
      open.pop();
    }
    out.push(
      row.depth === 0
        ? `<section class="theme" id="${anchor(row)}">`
        : `<section class="sub-theme" id="${anchor(row)}" style="--depth: ${Math.min(row.depth - 1, 4)}" aria-label="${escapeHtml(`${labels.subTheme} ${row.number}`)}">`,
    );
    out.push(themeBlock(row, labels));
    open.push(row.depth);
  }
  while (open.pop() !== undefined) out.push('</section>');
  return out.join('\n');
}

/** The whole report: a title, contents, then a section per theme with its sub-themes inside. */
export function themesHtml(data: ProjectData, options: ThemesReportOptions): string {
  const labels = options.labels ?? ENGLISH_THEMES_LABELS;
  const rows = themeReport(data);
  const title = `${labels.title}: ${options.projectName}`;
  const body =
    rows.length === 0
      ? `<p class="none no-themes">${escapeHtml(labels.noThemes)}</p>`
      : `<nav aria-label="${escapeHtml(labels.contents)}"><h2>${escapeHtml(labels.contents)}</h2>${contents(rows)}</nav>\n${sections(rows, labels)}`;
  return htmlPage({
    lang: options.lang,
    title: title,
    style: STYLE,
    body: `<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(options.date)}</p>
${options.coding ? `<p class="meta">${escapeHtml(options.coding)}</p>
` : ''}</header>
<main>
${body}
</main>`,
  });
}
