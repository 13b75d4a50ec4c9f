/**
 * The themes report (phase 6 of thematic analysis) as a Word document (.docx), written with the
 * `docx` library: a title, then per theme a heading (sub-themes one level lower), its definition,
 * scope note, codes as a bulleted list and the picked quotations as indented quotes, each
 * followed by its citation. The library is loaded when a report is made, not with the app; it
 * runs in the browser and in Node alike.
 */
import type { Paragraph as DocxParagraph } from 'docx';
import type { ProjectData } from '../../domain/project-data';
import { ENGLISH_THEMES_LABELS, themeReport, type ReportTheme, type ThemesReportOptions } from './themes-report';

type Docx = typeof import('docx');

/** Twips (1/20 pt) a quotation is indented by on the left: half an inch. */
const QUOTE_INDENT = 720;
const HEADINGS = ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const;
/** Word names languages with their region. */
const LANGUAGE_TAGS: Readonly<Record<string, string>> = { nl: 'nl-NL', en: 'en-GB' };

/** A run of text whose line breaks become breaks inside the paragraph. */
function lines(docx: Docx, text: string, options: { italics?: boolean; bold?: boolean } = {}) {
  return text.split('\n').map((line, i) => new docx.TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

function themeParagraphs(docx: Docx, t: ReportTheme, labels: typeof ENGLISH_THEMES_LABELS): DocxParagraph[] {
  const { Paragraph, TextRun } = docx;
  const { theme } = t;
  const labelled = (label: string, text: string) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...lines(docx, text)] });
  const none = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true, color: '666666' })] });
  const out: DocxParagraph[] = [
    new Paragraph({ heading: HEADINGS[Math.min(t.depth, HEADINGS.length - 1)], children: [new TextRun(`${t.number} ${theme.name}`)] }),
    theme.definition.trim() ? labelled(labels.definition, theme.definition.trim()) : none(labels.noDefinition),
  ];
  if (theme.scopeNote.trim()) out.push(labelled(labels.scopeNote, theme.scopeNote.trim()));
  out.push(new Paragraph({ children: [new TextRun({ text: labels.codes, bold: true })], spacing: { before: 160 } }));
  if (t.codes.length === 0) out.push(none(labels.noCodes));
  for (const code of t.codes) out.push(new Paragraph({ text: code.path, bullet: { level: 0 } }));
  out.push(new Paragraph({ children: [new TextRun({ text: labels.quotations, bold: true })], spacing: { before: 160 } }));
  if (t.quotations.length === 0) out.push(none(labels.noQuotations));
  for (const q of t.quotations) {
    out.push(
      new Paragraph({
        indent: { left: QUOTE_INDENT, right: QUOTE_INDENT },
        spacing: { before: 120, after: 120 },
        children: [...lines(docx, q.text, { italics: true }), new TextRun({ text: ` ${q.citation}` })],
      }),
    );
  }
  return out;
}

/** The report as the bytes of a .docx file. */
export async function themesDocx(data: ProjectData, options: ThemesReportOptions): Promise<Uint8Array> {
  const docx = await import('docx');
  const { Document, Packer, Paragraph, TextRun, HeadingLevel } = docx;
  const labels = options.labels ?? ENGLISH_THEMES_LABELS;
  const rows = themeReport(data);
  const title = `${labels.title}: ${options.projectName}`;
  const children: DocxParagraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    new Paragraph({ children: [new TextRun({ text: options.date, color: '555555' })] }),
  ];
  if (options.coding) children.push(new Paragraph({ children: [new TextRun({ text: options.coding, color: '555555' })] }));
  if (rows.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: labels.noThemes, italics: true })] }));
  for (const row of rows) children.push(...themeParagraphs(docx, row, labels));
  const document = new Document({
    creator: 'Markeer',
    title,
    // The document's language, so that Word checks the spelling in the right one.
    styles: { default: { document: { run: { language: { value: LANGUAGE_TAGS[options.lang] ?? options.lang } } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
