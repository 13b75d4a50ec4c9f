import { createGuid } from './ids';
import type { DocumentRecord, Guid, VariableDefinition, VariableType } from './model';
import { ownValue } from './records';

export const VARIABLE_TYPES: readonly VariableType[] = ['text', 'number', 'date', 'boolean'];

/**
 * A value as typed by a user (or read from a CSV or another tool) in the canonical stored form of
 * its type, or null when it is not a value of that type. "" is no value and always valid.
 * - number: a decimal with a point or a comma ("3,5" -> "3.5"), no thousands separators;
 * - date: YYYY-MM-DD, D-M-YYYY or D/M/YYYY (the European order), or an ISO date-time (its date);
 * - boolean: true/false, yes/no, ja/nee, j/n, y/n, 1/0, waar/onwaar (any case).
 */
export function canonicalValue(type: VariableType, input: string): string | null {
  const s = input.trim();
  if (s === '') return '';
  switch (type) {
    case 'text':
      return s;
    case 'number': {
      const n = s.replace(',', '.');
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(n)) return null;
      const value = Number(n);
      return Number.isFinite(value) ? String(value) : null;
    }
    case 'date': {
      const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
      const eu = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
      const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : eu ? [eu[3], eu[2], eu[1]] : [];
      if (!y || !m || !d) return null;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
      return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    }
    case 'boolean': {
      const b = s.toLowerCase();
      if (['true', 'yes', 'ja', 'j', 'y', '1', 'waar'].includes(b)) return 'true';
      if (['false', 'no', 'nee', 'n', '0', 'onwaar'].includes(b)) return 'false';
      return null;
    }
  }
}

/** The type that fits every given value best: the narrowest of boolean, number, date, else text. */
export function inferVariableType(values: readonly string[]): VariableType {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return 'text';
  for (const type of ['boolean', 'number', 'date'] as const) {
    if (present.every((v) => canonicalValue(type, v) !== null)) return type;
  }
  return 'text';
}

/** Compares two stored values of a type for sorting: numbers and dates by value, text by locale. */
export function compareValues(type: VariableType, a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (type === 'number') return Number(a) - Number(b);
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * The project's variables in column order: the stored definitions, plus a text variable for any
 * name that documents use without a definition (data from an older bundle or another tool).
 */
export function variableList(projectGuid: Guid, definitions: readonly VariableDefinition[], documents: readonly DocumentRecord[]): VariableDefinition[] {
  const list = [...definitions].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const known = new Set(list.map((v) => v.name));
  const stray = [...new Set(documents.flatMap((d) => Object.keys(d.variables)))].filter((n) => !known.has(n)).sort((a, b) => a.localeCompare(b));
  let order = list.reduce((max, v) => Math.max(max, v.order + 1), 0);
  for (const name of stray) list.push(createVariableDefinition({ projectGuid, name, type: 'text', order: order++ }));
  return list;
}

export function createVariableDefinition(input: { projectGuid: Guid; name: string; type: VariableType; order: number; guid?: Guid }): VariableDefinition {
  return { guid: input.guid ?? createGuid(), projectGuid: input.projectGuid, name: input.name.trim(), type: input.type, order: input.order };
}

/** A document's value of the variable `name`; "" when it has none (never an Object.prototype member). */
export function documentValue(document: Pick<DocumentRecord, 'variables'>, name: string): string {
  return ownValue(document.variables, name) ?? '';
}

/** The distinct non-empty values of a variable over documents, sorted by the variable's type. */
export function variableValues(definition: Pick<VariableDefinition, 'name' | 'type'>, documents: readonly DocumentRecord[]): string[] {
  const values = new Set<string>();
  for (const d of documents) {
    const v = ownValue(d.variables, definition.name);
    if (v !== undefined && v !== '') values.add(v);
  }
  return [...values].sort((a, b) => compareValues(definition.type, a, b));
}
