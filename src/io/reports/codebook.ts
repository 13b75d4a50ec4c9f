/**
 * The codebook as a table (for CSV and XLSX through io/tables) and the facts per code that the
 * HTML report prints too: path, level, definition, colour, key, codings (all coders, and per
 * coder), memos on the code.
 */
import { ancestors, flattenTree } from '../../domain/codebook';
import type { Code, Coder, Guid, Memo } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import type { TableData } from '../tables';

/** Between the names of a code's path, as in "Communicatie › Tweerichting". */
export const PATH_SEPARATOR = ' › ';

export type CodebookData = Pick<ProjectData, 'codes' | 'codings' | 'coders' | 'memos'>;

export interface CodebookRow {
  readonly code: Code;
  /** Names from the top-level code down to this one. */
  readonly path: readonly string[];
  /** 1 for a top-level code. */
  readonly level: number;
  readonly parent: Code | null;
  /** Codings of the code itself, by every coder. */
  readonly codings: number;
  /** Codings of the code and every code below it. */
  readonly codingsWithSubcodes: number;
  /** Codings of the code itself per coder GUID (coders without codings left out). */
  readonly codingsByCoder: ReadonlyMap<Guid, number>;
  /** Memos on the code, oldest first. */
  readonly memos: readonly Memo[];
}

/** Every code once, in codebook order (depth first, siblings by order), with its facts. */
export function codebookRows(data: CodebookData): CodebookRow[] {
  const own = new Map<Guid, Map<Guid, number>>();
  for (const c of data.codings) {
    let byCoder = own.get(c.codeGuid);
    if (!byCoder) own.set(c.codeGuid, (byCoder = new Map()));
    byCoder.set(c.coderGuid, (byCoder.get(c.coderGuid) ?? 0) + 1);
  }
  const sum = (m: ReadonlyMap<Guid, number> | undefined) => [...(m ?? new Map<Guid, number>()).values()].reduce((a, b) => a + b, 0);
  const tree = flattenTree(data.codes);
  const byGuid = new Map(data.codes.map((c) => [c.guid, c]));
  // Totals with sub-codes: children come after their parent in the tree, so add up from the end.
  const total = new Map<Guid, number>(tree.map(({ code }) => [code.guid, sum(own.get(code.guid))]));
  const seen = new Set<Guid>();
  for (const { code } of [...tree].reverse()) {
    seen.add(code.guid);
    const parent = code.parentGuid === null ? undefined : byGuid.get(code.parentGuid);
    // A cycle from damaged data would count twice: only add into a parent not yet passed.
    if (parent && !seen.has(parent.guid)) total.set(parent.guid, (total.get(parent.guid) ?? 0) + (total.get(code.guid) ?? 0));
  }
  const memos = new Map<Guid, Memo[]>();
  for (const m of [...data.memos].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (m.targetKind !== 'code' || m.targetGuid === null) continue;
    memos.set(m.targetGuid, [...(memos.get(m.targetGuid) ?? []), m]);
  }
  return tree.map(({ code }) => {
    const above = ancestors(data.codes, code.guid);
    return {
      code,
      path: [...above.map((a) => a.name), code.name],
      level: above.length + 1,
      parent: code.parentGuid === null ? null : (byGuid.get(code.parentGuid) ?? null),
      codings: sum(own.get(code.guid)),
      codingsWithSubcodes: total.get(code.guid) ?? 0,
      codingsByCoder: own.get(code.guid) ?? new Map(),
      memos: memos.get(code.guid) ?? [],
    };
  });
}

/** Column headings of the codebook table, in the interface language. */
export interface CodebookColumns {
  readonly path: string;
  readonly name: string;
  readonly parent: string;
  readonly level: string;
  readonly definition: string;
  readonly color: string;
  readonly shortcut: string;
  readonly codings: string;
  readonly codingsWithSubcodes: string;
  readonly memos: string;
}

export const ENGLISH_COLUMNS: CodebookColumns = {
  path: 'Path',
  name: 'Code',
  parent: 'Parent',
  level: 'Level',
  definition: 'Definition',
  color: 'Colour',
  shortcut: 'Key',
  codings: 'Codings',
  codingsWithSubcodes: 'Codings incl. sub-codes',
  memos: 'Memos',
};

/** A memo as one text: its title on the first line when it has one. */
export function memoText(m: Pick<Memo, 'title' | 'text'>): string {
  return m.title ? `${m.title}\n${m.text}` : m.text;
}

/** One row per code in codebook order; memos of a code joined with a blank line between them. */
export function codebookTable(data: CodebookData, columns: CodebookColumns = ENGLISH_COLUMNS, sheetName = 'Codebook'): TableData {
  const keys: (keyof CodebookColumns)[] = ['path', 'name', 'parent', 'level', 'definition', 'color', 'shortcut', 'codings', 'codingsWithSubcodes', 'memos'];
  return {
    name: sheetName,
    columns: keys.map((k) => columns[k]),
    rows: codebookRows(data).map((r) => [
      r.path.join(PATH_SEPARATOR),
      r.code.name,
      r.parent?.name ?? '',
      r.level,
      r.code.definition,
      r.code.color,
      r.code.shortcut,
      r.codings,
      r.codingsWithSubcodes,
      r.memos.map(memoText).join('\n\n'),
    ]),
  };
}

/** The coders of a project by GUID, for reports that name them. */
export function coderNames(coders: readonly Coder[]): Map<Guid, string> {
  return new Map(coders.map((c) => [c.guid, c.name]));
}
