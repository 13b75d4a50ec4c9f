/**
 * Query hits as the rows the results table shows and the exports write: document, citation,
 * codes and coders by name, the text with some context around it.
 */
import { citation } from '../../../domain/analysis/citation';
import type { QueryHit } from '../../../domain/analysis/query';
import type { Guid } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { contextAround, type Context } from '../../../domain/ranges';
import { variableList } from '../../../domain/variables';
import type { TableData } from '../../../io/tables';

/** Characters of context either side of a hit, cut at word boundaries. */
export const CONTEXT_CHARS = 80;

export interface ResultRow {
  readonly id: string;
  readonly hit: QueryHit;
  /** Position in document order, then text order: the order before any sorting. */
  readonly position: number;
  readonly documentName: string;
  readonly citation: string;
  readonly codes: string;
  readonly coders: string;
  readonly length: number;
  readonly context: Context;
  /** The document's variable values by variable name. */
  readonly variables: Readonly<Record<string, string>>;
}

export function resultRows(data: ProjectData, hits: readonly QueryHit[]): ResultRow[] {
  const docs = new Map(data.documents.map((d) => [d.guid, d]));
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));
  const codeNames = new Map(data.codes.map((c) => [c.guid, c.name]));
  const coderNames = new Map(data.coders.map((c) => [c.guid, c.name]));
  const variableNames = variableList(data.project.guid, data.variables, data.documents).map((v) => v.name);
  const citations = new Map<Guid, string>();
  return hits.map((hit, position) => {
    const doc = docs.get(hit.documentGuid);
    let cite = citations.get(hit.documentGuid);
    if (cite === undefined) {
      cite = doc ? citation(data.project.citationTemplate, doc, variableNames) : '';
      citations.set(hit.documentGuid, cite);
    }
    const text = texts.get(hit.documentGuid);
    return {
      id: `${hit.documentGuid}:${hit.start}:${hit.end}:${position}`,
      hit,
      position,
      documentName: doc?.name ?? '?',
      citation: cite,
      codes: hit.codeGuids.map((g) => codeNames.get(g) ?? '?').join('; '),
      coders: hit.coderGuids.map((g) => coderNames.get(g) ?? '?').join('; '),
      length: hit.end - hit.start,
      context: text !== undefined && hit.end <= text.length ? contextAround(text, hit.start, hit.end, CONTEXT_CHARS) : { before: '', match: hit.text, after: '' },
      variables: doc?.variables ?? {},
    };
  });
}

/** Column headings of the export, in the interface language. */
export interface ResultColumns {
  readonly document: string;
  readonly citation: string;
  readonly codes: string;
  readonly coder: string;
  readonly start: string;
  readonly end: string;
  readonly text: string;
}

/** The rows as a table for CSV and XLSX, in the order given; offsets in UTF-16 code units. */
export function resultTable(rows: readonly ResultRow[], columns: ResultColumns, sheetName: string): TableData {
  return {
    name: sheetName,
    columns: [columns.document, columns.citation, columns.codes, columns.coder, columns.start, columns.end, columns.text],
    rows: rows.map((r) => [r.documentName, r.citation, r.codes, r.coders, r.hit.start, r.hit.end, r.hit.text]),
  };
}
