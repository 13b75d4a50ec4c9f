/**
 * Tables as files: CSV (papaparse) and XLSX (write-excel-file). Every export of a matrix, query
 * result or codebook goes through here, so that they all quote, number and name alike.
 */
import Papa from 'papaparse';
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';

export type CellValue = string | number | boolean | null;

export interface TableData {
  /** Sheet name in an XLSX file (at most 31 characters there; cut to fit). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/**
 * CSV with a header row, comma separated, CRLF line ends, numbers with '.'; values starting with
 * = + - @ are quoted with ' so that a spreadsheet never runs them as formulas. A byte-order mark
 * leads, so that Excel reads the UTF-8 (accents, emoji) correctly.
 */
export function toCsv(table: TableData): string {
  const data = table.rows.map((r) => r.map((v) => (v === null ? '' : v)));
  return `\uFEFF${Papa.unparse({ fields: [...table.columns], data }, { escapeFormulae: true, newline: '\r\n' })}`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetNames(tables: readonly TableData[]): string[] {
  const used = new Set<string>();
  return tables.map((t, i) => {
    const base = (t.name.replace(/[:\\/?*[\]]/g, ' ').trim() || `Sheet ${i + 1}`).slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** An XLSX workbook with one sheet per table; a bold header row, numbers as numbers. */
export async function toXlsx(tables: readonly TableData[]): Promise<Blob> {
  const names = sheetNames(tables);
  const sheets = tables.map((t, i) => {
    const data: SheetData = [
      t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const })),
      ...t.rows.map((r) => r.map((v) => (v === null || v === '' ? null : { value: v }))),
    ];
    return { data, sheet: names[i] ?? `Sheet ${i + 1}`, stickyRowsCount: 1 };
  });
  return writeXlsxFile(sheets).toBlob();
}
