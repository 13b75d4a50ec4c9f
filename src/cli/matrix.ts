/**
 * `matrix FILE --rows codes --cols documents|groups|variable:NAME --count segments|documents|words
 * [--coder NAME_OR_GUID[,...]] [--own] [--json]` and `matrix FILE --cooccur [--split-by NAME]`.
 * The counting rules are those of src/domain/analysis/matrix.ts.
 */
import { NO_FILTER, type AnalysisFilter } from '../domain/analysis/filter';
import { computeCooccurrence, computeMatrix, cooccurrenceAt, MatrixError, type CooccurrenceMatrix, type MatrixColumns, type MatrixCount } from '../domain/analysis/matrix';
import type { Coder, Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { variableList } from '../domain/variables';
import type { Output } from './commands';
import { CliError, loadProjectOrThrow } from './load';

export interface MatrixCliOptions {
  rows?: string;
  cols?: string;
  count?: string;
  coder?: string;
  json?: boolean;
  cooccur?: boolean;
  'split-by'?: string;
  /** Co-occurrence: count overlaps of different coders' segments too. */
  'across-coders'?: boolean;
  own?: boolean;
}

const COUNTS: readonly MatrixCount[] = ['segments', 'documents', 'words'];

/** The coders named (by name or GUID, comma-separated), or a clear error. */
export function resolveCoders(data: ProjectData, wanted: string, command: string): Coder[] {
  return wanted
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '')
    .map((w) => {
      const found = data.coders.filter((c) => c.guid === w.toLowerCase() || c.name === w);
      const loose = found.length > 0 ? found : data.coders.filter((c) => c.name.toLowerCase() === w.toLowerCase());
      if (loose.length === 0) throw new CliError(`${command}: no coder "${w}"; coders: ${data.coders.map((c) => c.name).join(', ') || 'none'}`);
      if (loose.length > 1) throw new CliError(`${command}: several coders are named "${w}"; give a GUID: ${loose.map((c) => c.guid).join(', ')}`);
      return loose[0] as Coder;
    });
}

function parseColumns(data: ProjectData, cols: string | undefined): MatrixColumns {
  const value = cols ?? 'documents';
  if (value === 'documents' || value === 'groups') return { kind: value };
  if (value.startsWith('variable:')) {
    const name = value.slice('variable:'.length).trim();
    if (name === '') throw new CliError('matrix: name the variable, e.g. --cols variable:school');
    return { kind: 'variable', name: existingVariable(data, name) };
  }
  throw new CliError(`matrix: unknown --cols "${value}"; use documents, groups or variable:NAME`);
}

function existingVariable(data: ProjectData, name: string): string {
  const names = variableList(data.project.guid, data.variables, data.documents).map((v) => v.name);
  if (names.includes(name)) return name;
  const loose = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (loose.length === 1) return loose[0] as string;
  throw new CliError(`matrix: no variable "${name}"; variables: ${names.join(', ') || 'none'}`);
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export async function matrixCommand(file: string, opts: MatrixCliOptions, io: Output): Promise<void> {
  if (opts.rows !== undefined && opts.rows !== 'codes') throw new CliError(`matrix: unknown --rows "${opts.rows}"; rows are codes`);
  const count = (opts.count ?? 'segments') as MatrixCount;
  if (!COUNTS.includes(count)) throw new CliError(`matrix: unknown --count "${opts.count}"; use segments, documents or words`);
  if (opts.cooccur && opts.cols !== undefined) throw new CliError('matrix: --cooccur makes a code x code table; leave out --cols (use --split-by NAME for one table per value)');
  if (!opts.cooccur && opts['split-by'] !== undefined) throw new CliError('matrix: --split-by goes with --cooccur');
  if (!opts.cooccur && opts['across-coders']) throw new CliError('matrix: --across-coders goes with --cooccur');
  const data = await loadProjectOrThrow(file, io.err);
  const filter: AnalysisFilter = { ...NO_FILTER, coderGuids: opts.coder !== undefined ? resolveCoders(data, opts.coder, 'matrix').map((c) => c.guid) : [] };
  try {
    if (opts.cooccur) {
      const splitBy = opts['split-by'] === undefined ? undefined : existingVariable(data, opts['split-by']);
      const options = { filter, ...(splitBy !== undefined ? { splitBy } : {}), rollUp: !opts.own, acrossCoders: opts['across-coders'] === true };
      printCooccurrence(computeCooccurrence(data, options), splitBy !== undefined, opts.json ?? false, io);
      return;
    }
    const m = computeMatrix(data, { columns: parseColumns(data, opts.cols), count, filter });
    const rows = m.rows.map((r) => ({ codeGuid: r.codeGuid, name: r.name, cells: opts.own ? r.own : r.cells }));
    if (opts.json) {
      io.out(JSON.stringify({ columns: m.columns.map((c) => ({ key: c.key, label: c.label })), rows }, null, 2));
      return;
    }
    const header = ['code', ...m.columns.map((c) => (count === 'documents' ? `${c.label} (${c.documents})` : c.label))];
    const body = m.rows.map((r, i) => [`${'  '.repeat(r.depth)}${r.name}`, ...m.columns.map((c) => String(rows[i]?.cells[c.key] ?? 0))]);
    for (const l of table(header, body)) io.out(l);
  } catch (e) {
    if (e instanceof MatrixError) throw new CliError(`matrix: no variable "${e.subject}"`);
    throw e;
  }
}

function cooccurrenceRows(m: CooccurrenceMatrix, split: string) {
  return m.codes.map((a) => {
    const cells: Record<Guid, number> = {};
    for (const b of m.codes) cells[b.codeGuid] = cooccurrenceAt(m, split, a.codeGuid, b.codeGuid);
    return { codeGuid: a.codeGuid, name: a.name, cells };
  });
}

function printCooccurrence(m: CooccurrenceMatrix, split: boolean, json: boolean, io: Output): void {
  const codes = m.codes.map((c) => ({ codeGuid: c.codeGuid, name: c.name }));
  if (json) {
    const result = split
      ? { codes, splits: m.splits.map((s) => ({ key: s.key, label: s.label, rows: cooccurrenceRows(m, s.key) })) }
      : { codes, rows: cooccurrenceRows(m, '') };
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  // Codes are numbered in the header, so that a wide codebook still fits.
  const header = ['code', ...m.codes.map((_, i) => String(i + 1))];
  for (const s of m.splits) {
    if (split) io.out(`${s.label} (${s.documents} documents)`);
    const rows = cooccurrenceRows(m, s.key);
    const body = rows.map((r, i) => [`${i + 1}. ${'  '.repeat(m.codes[i]?.depth ?? 0)}${r.name}`, ...m.codes.map((b) => String(r.cells[b.codeGuid] ?? 0))]);
    for (const l of table(header, body)) io.out(l);
    if (split) io.out('');
  }
}
