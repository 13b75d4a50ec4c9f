/**
 * What the themes report (phase 6 of thematic analysis) says, independent of the file format:
 * the themes in board order with their sub-themes right after them, each with its definition,
 * scope note, codes and the quotations the user picked, each quotation with its citation.
 * themes-html.ts and themes-docx.ts write this out.
 */
import { citation } from '../../domain/analysis/citation';
import type { Code, Guid, Theme } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';

/** Shown between a code's ancestors and its name. */
export const CODE_PATH_SEPARATOR = ' › ';

export interface ReportQuotation {
  readonly segmentGuid: Guid;
  readonly text: string;
  readonly citation: string;
}

export interface ReportTheme {
  readonly theme: Theme;
  /** 0 for a theme, 1 for a sub-theme, and so on. */
  readonly depth: number;
  /** Its number in the report: "1", "1.2". */
  readonly number: string;
  /** The theme's codes in board order, each as its path in the codebook ("Parent › Code"). */
  readonly codes: readonly { readonly guid: Guid; readonly path: string; readonly color: string }[];
  /** The quotations picked for the report, in the order picked; segments that are gone are left out. */
  readonly quotations: readonly ReportQuotation[];
}

const byOrder = (a: Theme, b: Theme) => a.order - b.order || a.name.localeCompare(b.name) || (a.guid < b.guid ? -1 : 1);

function codePath(codes: ReadonlyMap<Guid, Code>, code: Code): string {
  const names = [code.name];
  const seen = new Set([code.guid]);
  for (let p = code.parentGuid; p && !seen.has(p); p = codes.get(p)?.parentGuid ?? null) {
    seen.add(p);
    const parent = codes.get(p);
    if (!parent) break;
    names.unshift(parent.name);
  }
  return names.join(CODE_PATH_SEPARATOR);
}

/**
 * The project's themes in report order: top-level themes by their order, each followed by its
 * sub-themes (depth first). A theme whose parent is missing counts as top-level; a cycle of
 * parents (damaged data) is broken, so every theme appears exactly once.
 */
export function themeReport(data: Pick<ProjectData, 'project' | 'themes' | 'codes' | 'segments' | 'documents' | 'variables'>): ReportTheme[] {
  const themes = data.themes.filter((t) => t.projectGuid === data.project.guid);
  const ids = new Set(themes.map((t) => t.guid));
  const children = new Map<Guid | null, Theme[]>();
  for (const theme of themes) {
    const parent = theme.parentGuid && ids.has(theme.parentGuid) && theme.parentGuid !== theme.guid ? theme.parentGuid : null;
    children.set(parent, [...(children.get(parent) ?? []), theme]);
  }
  const codes = new Map(data.codes.map((c) => [c.guid, c]));
  const segments = new Map(data.segments.map((s) => [s.guid, s]));
  const documents = new Map(data.documents.map((d) => [d.guid, d]));
  const variableNames = data.variables.map((v) => v.name);
  const out: ReportTheme[] = [];
  const placed = new Set<Guid>();

  const visit = (theme: Theme, depth: number, number: string) => {
    placed.add(theme.guid);
    out.push({
      theme,
      depth,
      number,
      codes: theme.codeGuids.flatMap((g) => {
        const code = codes.get(g);
        return code ? [{ guid: g, path: codePath(codes, code), color: code.color }] : [];
      }),
      quotations: theme.quoteSegmentGuids.flatMap((g) => {
        const segment = segments.get(g);
        const document = segment && documents.get(segment.documentGuid);
        if (!segment || !document) return [];
        return [{ segmentGuid: g, text: segment.text, citation: citation(data.project.citationTemplate, document, variableNames) }];
      }),
    });
    const subs = [...(children.get(theme.guid) ?? [])].filter((t) => !placed.has(t.guid)).sort(byOrder);
    subs.forEach((sub, i) => visit(sub, depth + 1, `${number}.${i + 1}`));
  };
  const roots = [...(children.get(null) ?? [])].sort(byOrder);
  roots.forEach((t, i) => visit(t, 0, String(i + 1)));
  // Themes only reachable through a cycle of parents: shown at the top level, after the others.
  let next = roots.length;
  for (const theme of [...themes].sort(byOrder)) if (!placed.has(theme.guid)) visit(theme, 0, String(++next));
  return out;
}

/** The report's fixed words, in the interface language (the HTML and the .docx share them). */
export interface ThemesReportLabels {
  /** Title before the project's name, e.g. "Themes". */
  readonly title: string;
  readonly contents: string;
  readonly definition: string;
  readonly noDefinition: string;
  readonly scopeNote: string;
  readonly codes: string;
  readonly noCodes: string;
  readonly quotations: string;
  readonly noQuotations: string;
  readonly subTheme: string;
  /** Shown instead of the themes when the project has none. */
  readonly noThemes: string;
}

export const ENGLISH_THEMES_LABELS: ThemesReportLabels = {
  title: 'Themes',
  contents: 'Contents',
  definition: 'Definition',
  noDefinition: 'No definition yet.',
  scopeNote: 'Scope',
  codes: 'Codes',
  noCodes: 'No codes in this theme.',
  quotations: 'Quotations',
  noQuotations: 'No quotations picked.',
  subTheme: 'Sub-theme',
  noThemes: 'No themes yet: build themes from codes on the Themes tab, then make the report again.',
};

export interface ThemesReportOptions {
  readonly projectName: string;
  /** The report's language, e.g. "nl". */
  readonly lang: string;
  /** When the report was made, already formatted. */
  readonly date: string;
  /** Whose coding the quotations are, in words ("Coding: everyone's coding"); omitted when not given. */
  readonly coding?: string;
  readonly labels?: ThemesReportLabels;
}
