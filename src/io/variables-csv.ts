/**
 * Document variables from a CSV table (one row per document, one column per variable), as a plan
 * that says what would be written and what would not, before anything is written. Row numbers are
 * the spreadsheet's: the header is row 1, the first document row 2.
 */
import Papa from 'papaparse';
import type { Result } from '../domain/assert';
import { foldForSearch } from '../domain/codebook';
import type { DocumentRecord, Guid, VariableDefinition, VariableType } from '../domain/model';
import { emptyRecord } from '../domain/records';
import { canonicalValue, inferVariableType } from '../domain/variables';

export interface CsvTable {
  readonly header: readonly string[];
  /** Rows after the header, each as many cells as it has; `rows[i]` is spreadsheet row i + 2. */
  readonly rows: readonly (readonly string[])[];
}

export type CsvFailure = 'csv-empty' | 'csv-unreadable';

/** Reads CSV text: the delimiter (comma, semicolon, tab) is detected, a byte-order mark dropped. */
export function parseCsvTable(text: string): Result<CsvTable, CsvFailure> {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return { ok: false, reason: 'csv-empty' };
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) return { ok: false, reason: 'csv-unreadable', detail: `row ${(quote.row ?? 0) + 1}: ${quote.message}` };
  const [header, ...rows] = parsed.data;
  if (!header || header.every((c) => c.trim() === '')) return { ok: false, reason: 'csv-empty' };
  return { ok: true, value: { header: header.map((h) => h.trim()), rows } };
}

const NAME_HEADERS = ['document', 'documentnaam', 'document naam', 'documentname', 'document name', 'naam', 'name', 'bestand', 'file', 'bron', 'source'];
const GUID_HEADERS = ['guid', 'document guid', 'documentguid', 'document-guid', 'uuid', 'id'];

/** How a row finds its document. */
export interface KeyColumn {
  readonly index: number;
  readonly header: string;
  readonly by: 'name' | 'guid';
}

export interface VariableColumn {
  readonly index: number;
  readonly header: string;
  /** The variable's name: an existing variable's own spelling, else the header. */
  readonly variable: string;
  readonly type: VariableType;
  /** True when the project has no variable of this name yet; its type is inferred from the column. */
  readonly isNew: boolean;
}

export interface SkippedColumn {
  readonly index: number;
  readonly header: string;
  /** 'identifier': a second column naming the document; 'no-name': an empty header; 'duplicate': a header seen before. */
  readonly reason: 'identifier' | 'no-name' | 'duplicate';
}

export interface MatchedRow {
  readonly row: number;
  readonly documentGuid: Guid;
  readonly documentName: string;
  /** Canonical values by variable name; empty cells are left out (they change nothing). */
  readonly values: Readonly<Record<string, string>>;
}

export interface UnmatchedRow {
  readonly row: number;
  readonly key: string;
  /** 'missing': no such document; 'ambiguous': several documents have this name; 'duplicate': an earlier row named it; 'empty': no key. */
  readonly reason: 'missing' | 'ambiguous' | 'duplicate' | 'empty';
}

export interface RefusedValue {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  /** The type the value does not fit. */
  readonly type: VariableType;
}

export interface VariablesImportPlan {
  readonly key: KeyColumn;
  readonly columns: readonly VariableColumn[];
  readonly skipped: readonly SkippedColumn[];
  readonly matched: readonly MatchedRow[];
  readonly unmatched: readonly UnmatchedRow[];
  readonly refused: readonly RefusedValue[];
}

/** The column that names the documents: a GUID column, else a column named like "document", else the first. */
function keyColumn(header: readonly string[]): KeyColumn {
  const folded = header.map((h) => foldForSearch(h));
  const guid = folded.findIndex((h) => GUID_HEADERS.includes(h));
  if (guid >= 0) return { index: guid, header: header[guid] ?? '', by: 'guid' };
  const name = folded.findIndex((h) => NAME_HEADERS.includes(h));
  const index = name >= 0 ? name : 0;
  return { index, header: header[index] ?? '', by: 'name' };
}

function isIdentifier(header: string): boolean {
  const h = foldForSearch(header);
  return NAME_HEADERS.includes(h) || GUID_HEADERS.includes(h);
}

/** Finds a row's document by GUID, else by name: exactly, then ignoring case, spaces at the ends and diacritics. */
function documentFinder(documents: readonly DocumentRecord[], by: KeyColumn['by']) {
  const byGuid = new Map(documents.map((d) => [d.guid, d]));
  const byFolded = new Map<string, DocumentRecord[]>();
  for (const d of documents) {
    const k = foldForSearch(d.name.trim());
    byFolded.set(k, [...(byFolded.get(k) ?? []), d]);
  }
  return (key: string): DocumentRecord | 'missing' | 'ambiguous' => {
    if (by === 'guid') return byGuid.get(key.toLowerCase().replace(/[{}]/g, '')) ?? 'missing';
    const exact = documents.filter((d) => d.name === key);
    if (exact.length === 1) return exact[0] as DocumentRecord;
    const candidates = exact.length > 1 ? exact : (byFolded.get(foldForSearch(key)) ?? []);
    if (candidates.length === 0) return 'missing';
    return candidates.length === 1 ? (candidates[0] as DocumentRecord) : 'ambiguous';
  };
}

/**
 * Plans importing a CSV table: rows matched to documents, columns to variables (existing ones
 * keep their type and their values are checked against it; new ones get the type that fits the
 * whole column, inferVariableType), and every row, column and value that would not be imported.
 */
export function planVariablesImport(table: CsvTable, documents: readonly DocumentRecord[], definitions: readonly VariableDefinition[]): VariablesImportPlan {
  const key = keyColumn(table.header);
  const columns: VariableColumn[] = [];
  const skipped: SkippedColumn[] = [];
  const seen = new Set<string>();
  table.header.forEach((header, index) => {
    if (index === key.index) return;
    if (header === '') return void skipped.push({ index, header, reason: 'no-name' });
    if (isIdentifier(header)) return void skipped.push({ index, header, reason: 'identifier' });
    const existing = definitions.find((d) => d.name === header) ?? definitions.find((d) => d.name.toLowerCase() === header.toLowerCase());
    const variable = existing?.name ?? header;
    if (seen.has(variable.toLowerCase())) return void skipped.push({ index, header, reason: 'duplicate' });
    seen.add(variable.toLowerCase());
    const type = existing?.type ?? inferVariableType(table.rows.map((r) => r[index] ?? ''));
    columns.push({ index, header, variable, type, isNew: !existing });
  });

  const find = documentFinder(documents, key.by);
  const matched: MatchedRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  const refused: RefusedValue[] = [];
  const done = new Set<Guid>();
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const k = (cells[key.index] ?? '').trim();
    if (k === '') return void unmatched.push({ row, key: k, reason: 'empty' });
    const doc = find(k);
    if (typeof doc === 'string') return void unmatched.push({ row, key: k, reason: doc });
    if (done.has(doc.guid)) return void unmatched.push({ row, key: k, reason: 'duplicate' });
    done.add(doc.guid);
    const values = emptyRecord<string>();
    for (const c of columns) {
      const raw = cells[c.index] ?? '';
      const value = canonicalValue(c.type, raw);
      if (value === null) refused.push({ row, column: c.header, value: raw.trim(), type: c.type });
      else if (value !== '') values[c.variable] = value;
    }
    matched.push({ row, documentGuid: doc.guid, documentName: doc.name, values });
  });
  return { key, columns, skipped, matched, unmatched, refused };
}
