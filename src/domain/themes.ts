/**
 * Themes (Braun & Clarke phases 3-5): candidate themes built from codes, nested into sub-themes,
 * reviewed against their segments and defined. Pure functions over a project's records; nothing
 * here mutates its input.
 *
 * Rules:
 * - A code belongs to at most one theme (the board moves it; it never copies it).
 * - A theme's segments are the segments coded with any of its codes or a code below one of them
 *   (roll-up), each segment once, in document order; a sub-theme's codes are not included.
 * - References to codes or segments that no longer exist (a deleted code, an undone coding) are
 *   ignored, never shown, so that undoing a deletion brings them back in place.
 * - The functions tolerate damaged data (a missing parent, a cycle from a bad file) without
 *   looping or losing themes: such themes show at top level.
 */
import { descendantGuids, flattenTree, nextColor } from './codebook';
import { createGuid } from './ids';
import type { Code, DocumentRecord, Guid, Segment, Theme } from './model';
import type { ProjectData } from './project-data';
import { filteredWork, type AnalysisFilter } from './analysis/filter';
import { documentValue } from './variables';

function byOrder(a: Theme, b: Theme): number {
  if (a.order !== b.order) return a.order - b.order;
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}

/** A new theme record (no codes, no quotations). */
export function newTheme(input: { projectGuid: Guid; name: string; color: string; order: number; parentGuid?: Guid | null; guid?: Guid }): Theme {
  return {
    guid: input.guid ?? createGuid(),
    projectGuid: input.projectGuid,
    parentGuid: input.parentGuid ?? null,
    name: input.name.trim(),
    definition: '',
    scopeNote: '',
    codeGuids: [],
    quoteSegmentGuids: [],
    color: input.color,
    order: input.order,
  };
}

/** The palette colour used by the fewest themes; the earliest in the palette on a tie. */
export function nextThemeColor(themes: readonly Pick<Theme, 'color'>[]): string {
  return nextColor(themes);
}

export interface ThemeRow {
  readonly theme: Theme;
  /** 0 for a top-level theme. */
  readonly depth: number;
}

/**
 * Every theme once, in display order: depth-first, siblings by order. A theme whose parent is
 * missing, or that is caught in a cycle, shows at top level.
 */
export function themeTree(themes: readonly Theme[]): ThemeRow[] {
  const known = new Set(themes.map((t) => t.guid));
  const children = new Map<Guid | null, Theme[]>();
  for (const t of themes) {
    const parent = t.parentGuid !== null && known.has(t.parentGuid) && t.parentGuid !== t.guid ? t.parentGuid : null;
    const list = children.get(parent);
    if (list) list.push(t);
    else children.set(parent, [t]);
  }
  for (const list of children.values()) list.sort(byOrder);
  const rows: ThemeRow[] = [];
  const visited = new Set<Guid>();
  const visit = (theme: Theme, depth: number): void => {
    if (visited.has(theme.guid)) return;
    visited.add(theme.guid);
    rows.push({ theme, depth });
    for (const child of children.get(theme.guid) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  for (const t of [...themes].sort(byOrder)) visit(t, 0);
  return rows;
}

/** The theme and every theme below it. */
export function themeDescendants(themes: readonly Theme[], guid: Guid): Set<Guid> {
  const out = new Set<Guid>();
  const stack = [guid];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (out.has(next)) continue;
    out.add(next);
    for (const t of themes) if (t.parentGuid === next) stack.push(t.guid);
  }
  return out;
}

/** Whether `guid` may become a sub-theme of `parentGuid` (null: top level) without a cycle. */
export function canNest(themes: readonly Theme[], guid: Guid, parentGuid: Guid | null): boolean {
  if (!themes.some((t) => t.guid === guid)) return false;
  if (parentGuid === null) return true;
  if (!themes.some((t) => t.guid === parentGuid)) return false;
  return !themeDescendants(themes, guid).has(parentGuid);
}

/** The theme a code belongs to, if any. */
export function themeOfCode(themes: readonly Theme[], codeGuid: Guid): Theme | undefined {
  return themes.find((t) => t.codeGuids.includes(codeGuid));
}

/** A theme's codes that exist, in board order. */
export function themeCodes(theme: Theme, codes: readonly Code[]): Code[] {
  const byGuid = new Map(codes.map((c) => [c.guid, c]));
  return theme.codeGuids.flatMap((g) => byGuid.get(g) ?? []);
}

/** The codes in no theme, in codebook order. */
export function codesWithoutTheme(codes: readonly Code[], themes: readonly Theme[]): Code[] {
  const placed = new Set(themes.flatMap((t) => t.codeGuids));
  return flattenTree(codes)
    .map((r) => r.code)
    .filter((c) => !placed.has(c.guid));
}

/**
 * Per code, the number of distinct segments coded with it or a code below it (roll-up), under
 * the filter: the number a card on the board shows.
 */
export function codeSegmentCounts(data: Pick<ProjectData, 'codes' | 'documents' | 'groups' | 'segments' | 'codings'>, filter: AnalysisFilter): Map<Guid, number> {
  const { codings } = filteredWork(data, filter);
  const segmentsByCode = new Map<Guid, Set<Guid>>();
  for (const c of codings) {
    const set = segmentsByCode.get(c.codeGuid);
    if (set) set.add(c.segmentGuid);
    else segmentsByCode.set(c.codeGuid, new Set([c.segmentGuid]));
  }
  const counts = new Map<Guid, number>();
  for (const code of data.codes) {
    const all = new Set<Guid>();
    for (const g of descendantGuids(data.codes, code.guid)) for (const s of segmentsByCode.get(g) ?? []) all.add(s);
    counts.set(code.guid, all.size);
  }
  return counts;
}

export interface ThemeSegment {
  readonly segment: Segment;
  readonly document: DocumentRecord;
  /** The theme's codes the segment counts for (a theme code or one above the applied code). */
  readonly themeCodeGuids: readonly Guid[];
  /** The codes actually applied to the segment that bring it into the theme. */
  readonly appliedCodeGuids: readonly Guid[];
}

/**
 * The segments of a theme under the filter: coded with one of its codes or a code below it, each
 * once, in document order then position.
 */
export function themeSegments(data: Pick<ProjectData, 'codes' | 'documents' | 'groups' | 'segments' | 'codings'>, theme: Theme, filter: AnalysisFilter): ThemeSegment[] {
  const { documents, segments, codings } = filteredWork(data, filter);
  // Applied code -> the theme's codes it rolls up into.
  const rollUp = new Map<Guid, Guid[]>();
  for (const code of themeCodes(theme, data.codes)) {
    for (const g of descendantGuids(data.codes, code.guid)) rollUp.set(g, [...(rollUp.get(g) ?? []), code.guid]);
  }
  const bySegment = new Map<Guid, { theme: Set<Guid>; applied: Set<Guid> }>();
  for (const c of codings) {
    const targets = rollUp.get(c.codeGuid);
    if (!targets) continue;
    let entry = bySegment.get(c.segmentGuid);
    if (!entry) bySegment.set(c.segmentGuid, (entry = { theme: new Set(), applied: new Set() }));
    for (const t of targets) entry.theme.add(t);
    entry.applied.add(c.codeGuid);
  }
  const docIndex = new Map(documents.map((d, i) => [d.guid, i]));
  const docs = new Map(documents.map((d) => [d.guid, d]));
  const out: ThemeSegment[] = [];
  for (const s of segments) {
    const entry = bySegment.get(s.guid);
    const document = docs.get(s.documentGuid);
    if (!entry || !document) continue;
    out.push({ segment: s, document, themeCodeGuids: [...entry.theme], appliedCodeGuids: [...entry.applied] });
  }
  return out.sort(
    (a, b) =>
      (docIndex.get(a.document.guid) ?? 0) - (docIndex.get(b.document.guid) ?? 0) ||
      a.segment.start - b.segment.start ||
      a.segment.end - b.segment.end ||
      (a.segment.guid < b.segment.guid ? -1 : 1),
  );
}

export interface Contribution {
  /** Document GUID, or the variable's stored value ("" = no value). */
  readonly key: string;
  readonly label: string;
  readonly segments: number;
  readonly documents: number;
}

/** How many of a theme's segments (and documents) each document contributes, in document order. */
export function contributionsByDocument(segments: readonly ThemeSegment[]): Contribution[] {
  const rows = new Map<Guid, { label: string; segments: number }>();
  for (const s of segments) {
    const row = rows.get(s.document.guid);
    if (row) row.segments++;
    else rows.set(s.document.guid, { label: s.document.name, segments: 1 });
  }
  return [...rows].map(([key, r]) => ({ key, label: r.label, segments: r.segments, documents: 1 }));
}

/**
 * How many of a theme's segments (and documents) each value of a variable contributes, e.g. per
 * respondent group; "" collects documents without a value. Sorted by value, "" last.
 */
export function contributionsByVariable(segments: readonly ThemeSegment[], variableName: string): Contribution[] {
  const rows = new Map<string, { segments: number; documents: Set<Guid> }>();
  for (const s of segments) {
    const value = documentValue(s.document, variableName);
    let row = rows.get(value);
    if (!row) rows.set(value, (row = { segments: 0, documents: new Set() }));
    row.segments++;
    row.documents.add(s.document.guid);
  }
  return [...rows]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true })))
    .map(([key, r]) => ({ key, label: key, segments: r.segments, documents: r.documents.size }));
}

/**
 * The variable a review splits a theme by, when the user has not chosen: one whose name looks
 * like a respondent group ("respondentgroep", "Respondent group", "groep", "group"), else null.
 */
export function defaultGroupVariable(names: readonly string[]): string | null {
  const squash = (n: string) => n.toLowerCase().replace(/[\s_-]+/g, '');
  const ranked = [/^respondent(groep|group)$/, /respondent/, /^(groep|group)$/, /(groep|group)/];
  for (const re of ranked) {
    const found = names.find((n) => re.test(squash(n)));
    if (found !== undefined) return found;
  }
  return null;
}

/** The picked quotations of a theme that still exist, in report order. */
export function themeQuotes(theme: Theme, segments: readonly Segment[]): Segment[] {
  const byGuid = new Map(segments.map((s) => [s.guid, s]));
  return theme.quoteSegmentGuids.flatMap((g) => byGuid.get(g) ?? []);
}
