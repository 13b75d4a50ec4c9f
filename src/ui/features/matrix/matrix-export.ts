/**
 * The matrices as tables for CSV and XLSX (src/io/tables): plain data, no React, so that tests
 * read exactly what a user's spreadsheet gets. Labels come in translated.
 */
import { cooccurrenceAt, type CooccurrenceMatrix, type Matrix, type QuotationMatrix } from '../../../domain/analysis/matrix';
import type { Guid } from '../../../domain/model';
import type { TableData } from '../../../io/tables';

export interface ExportLabels {
  /** Sheet name. */
  readonly name: string;
  readonly code: string;
  /** Header of the column with the code's path ("Contact / Eenrichting"). */
  readonly path: string;
  readonly total: string;
  /** A column's header. */
  readonly column: (key: string, label: string, documents: number) => string;
}

/** Each code's path from the top of the tree, by GUID. */
function paths(rows: readonly { codeGuid: Guid; name: string; parentGuid: Guid | null }[]): Map<Guid, string> {
  const byGuid = new Map(rows.map((r) => [r.codeGuid, r]));
  const out = new Map<Guid, string>();
  const pathOf = (guid: Guid, seen: Set<Guid>): string => {
    const known = out.get(guid);
    if (known !== undefined) return known;
    const row = byGuid.get(guid);
    if (!row) return '';
    const parent = row.parentGuid !== null && byGuid.has(row.parentGuid) && !seen.has(row.parentGuid) ? pathOf(row.parentGuid, new Set([...seen, guid])) : '';
    const path = parent ? `${parent} / ${row.name}` : row.name;
    out.set(guid, path);
    return path;
  };
  for (const r of rows) pathOf(r.codeGuid, new Set([r.codeGuid]));
  return out;
}

/** The count matrix: one row per code (descendants rolled up), one column per matrix column, and the total. */
export function matrixTable(matrix: Matrix, labels: ExportLabels): TableData {
  const path = paths(matrix.rows);
  return {
    name: labels.name,
    columns: [labels.code, labels.path, ...matrix.columns.map((c) => labels.column(c.key, c.label, c.documents)), labels.total],
    rows: matrix.rows.map((r) => [r.name, path.get(r.codeGuid) ?? r.name, ...matrix.columns.map((c) => r.cells[c.key] ?? 0), r.total]),
  };
}

/** The co-occurrence tables: one per split (with the split's label as sheet name when split). */
export function cooccurrenceTables(m: CooccurrenceMatrix, labels: Omit<ExportLabels, 'column' | 'total'> & { split: (key: string, label: string) => string }): TableData[] {
  const path = paths(m.codes);
  return m.splits.map((s) => ({
    name: m.splits.length === 1 && s.key === '' ? labels.name : labels.split(s.key, s.label),
    columns: [labels.code, labels.path, ...m.codes.map((c) => c.name)],
    rows: m.codes.map((a) => [a.name, path.get(a.codeGuid) ?? a.name, ...m.codes.map((b) => cooccurrenceAt(m, s.key, a.codeGuid, b.codeGuid))]),
  }));
}

/** The co-occurrence tables as one table for CSV: a first column with the split when split. */
export function cooccurrenceCsvTable(m: CooccurrenceMatrix, labels: Omit<ExportLabels, 'column' | 'total'> & { split: (key: string, label: string) => string; splitHeader: string }): TableData {
  const tables = cooccurrenceTables(m, labels);
  const split = !(m.splits.length === 1 && m.splits[0]?.key === '');
  if (!split) return tables[0] ?? { name: labels.name, columns: [labels.code, labels.path], rows: [] };
  return {
    name: labels.name,
    columns: [labels.splitHeader, ...(tables[0]?.columns ?? [labels.code, labels.path])],
    rows: tables.flatMap((t) => t.rows.map((r) => [t.name, ...r])),
  };
}

/** The quotation matrix: each cell the quotations with their citations, separated by blank lines. */
export function quotationTable(m: QuotationMatrix, labels: Omit<ExportLabels, 'total'>): TableData {
  const path = paths(m.rows);
  return {
    name: labels.name,
    columns: [labels.code, labels.path, ...m.columns.map((c) => labels.column(c.key, c.label, c.documents))],
    rows: m.rows.map((r) => [r.name, path.get(r.codeGuid) ?? r.name, ...m.columns.map((c) => (r.cells[c.key] ?? []).map((q) => `${q.text} ${q.citation}`).join('\n\n'))]),
  };
}
