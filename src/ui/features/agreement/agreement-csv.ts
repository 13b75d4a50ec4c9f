/**
 * The agreement table as CSV: one row per code pooled over the documents (document "(all)"),
 * followed by its rows per document. Numbers use '.' as decimal point whatever the interface
 * language, rounded to 6 decimals; an undefined coefficient is an empty field.
 */
import Papa from 'papaparse';
import type { AgreementReport, AgreementStats } from '../../../domain/agreement';

export const CSV_FIELDS = ['code', 'document', 'both', 'onlyA', 'onlyB', 'neither', 'percentAgreement', 'cohenKappa', 'alphaBinary'] as const;
/** The document field of a row pooled over the documents. */
export const POOLED = '(all)';

/** A number for CSV, rounded to 6 decimals (written with '.'); null as an empty field. */
export function csvNumber(value: number | null): number | '' {
  if (value === null || !Number.isFinite(value)) return '';
  return Math.round(value * 1e6) / 1e6;
}

function statsFields(stats: AgreementStats): (number | '')[] {
  return [stats.both, stats.onlyA, stats.onlyB, stats.neither, stats.percentAgreement, stats.cohenKappa, stats.alphaBinary].map(csvNumber);
}

export function agreementCsv(report: AgreementReport): string {
  const rows = report.codes.flatMap((code) => [
    [code.name, POOLED, ...statsFields(code.pooled)],
    ...code.documents.map((document) => [code.name, document.name, ...statsFields(document)]),
  ]);
  // Names starting with = + - @ are quoted with ' so that a spreadsheet never runs them as formulas;
  // numbers are left alone.
  return Papa.unparse({ fields: [...CSV_FIELDS], data: rows }, { escapeFormulae: true });
}
