/**
 * Document variables as REFI-QDA `Variable`s and `VariableValue`s. A variable's REFI type is
 * decided once, from its definition and all its values, and every value is written as that type:
 * a number variable declared Float writes 3 as `<FloatValue>3</FloatValue>`, never as an
 * IntegerValue (the schema's `xsd:integer` and `xsd:decimal` allow no exponent, so numbers are
 * written digit for digit without one).
 */
import type { DocumentRecord, Guid, VariableDefinition, VariableType } from '../../domain/model';
import { canonicalValue, variableList } from '../../domain/variables';
import { derivedGuid } from './naming';
import { element, textElement } from './xml';

export type RefiVariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';

/** A variable as written: its GUID in the file, its REFI type, and each value in that type's form. */
export interface WrittenVariable {
  readonly guid: Guid;
  readonly name: string;
  readonly type: RefiVariableType;
  /** `<Variable>` for the project's `Variables`. */
  readonly xml: string;
}

/** Exponents beyond this are no finite double; refusing them keeps a hostile value from making a huge string. */
const MAX_EXPONENT = 400;

/** A number as xsd:decimal, digit for digit and without exponent ("1e21" -> "1000000000000000000000"); null when it is no number. */
export function plainDecimal(input: string): string | null {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(input.trim().replace(',', '.'));
  if (!m) return null;
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  if (whole === '' && fraction === '') return null;
  const shift = Number(exponent);
  if (Math.abs(shift) > MAX_EXPONENT) return null;
  let digits = whole + fraction;
  let point = whole.length + shift;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return out === '0' || sign !== '-' ? out : `-${out}`;
}

/** A value in the form its REFI type needs; null when it does not fit the type. */
function refiValue(type: RefiVariableType, value: string): string | null {
  switch (type) {
    case 'Text':
      return value;
    case 'Boolean':
      return canonicalValue('boolean', value);
    case 'Date':
      return canonicalValue('date', value);
    case 'Integer':
    case 'Float':
      return canonicalValue('number', value) === null ? null : plainDecimal(value);
  }
}

/**
 * The REFI type of a variable from its Markeer type and all its values: numbers are Integer only
 * when there are values and every one is a whole number, else Float; dates are Date; yes/no is
 * Boolean. A value that does not fit the declared type (data from an older bundle) makes it Text.
 */
function refiType(type: VariableType, values: readonly string[]): RefiVariableType {
  switch (type) {
    case 'text':
      return 'Text';
    case 'boolean':
      return values.every((v) => refiValue('Boolean', v) !== null) ? 'Boolean' : 'Text';
    case 'date':
      return values.every((v) => refiValue('Date', v) !== null) ? 'Date' : 'Text';
    case 'number': {
      const numbers = values.map((v) => refiValue('Float', v));
      if (numbers.some((n) => n === null)) return 'Text';
      return numbers.length > 0 && numbers.every((n) => !n!.includes('.')) ? 'Integer' : 'Float';
    }
  }
}

/**
 * The project's variables as written, and what the user should know: a variable whose values do
 * not fit its type is written as Text. A name documents use without a definition gets a GUID
 * derived from its name, so that it stays the same across exports.
 */
export async function writtenVariables(
  projectGuid: Guid,
  definitions: readonly VariableDefinition[],
  documents: readonly DocumentRecord[],
): Promise<{ variables: WrittenVariable[]; report: string[] }> {
  const defined = new Set(definitions.map((v) => v.guid));
  const report: string[] = [];
  const variables: WrittenVariable[] = [];
  for (const v of variableList(projectGuid, definitions, documents)) {
    const guid = defined.has(v.guid) ? v.guid : await derivedGuid(projectGuid, `variable:${v.name}`);
    const values = documents.flatMap((d) => (Object.hasOwn(d.variables, v.name) && d.variables[v.name] !== '' ? [d.variables[v.name]!] : []));
    const type = refiType(v.type, values);
    if (type === 'Text' && v.type !== 'text') report.push(`the type of variable “${v.name}”: some of its values are not of type ${v.type}, so it is written as Text`);
    variables.push({ guid, name: v.name, type, xml: element('Variable', [['guid', guid], ['name', v.name], ['typeOfVariable', type]]) });
  }
  return { variables, report };
}

/** A document's `VariableValue`s, each as its variable's declared type, in name order; empty values left out. */
export function variableValues(document: DocumentRecord, variables: readonly WrittenVariable[]): string[] {
  const byName = new Map(variables.map((v) => [v.name, v]));
  return Object.entries(document.variables)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([name, value]) => {
      const variable = byName.get(name);
      const written = variable ? refiValue(variable.type, value) : null;
      if (!variable || written === null) return [];
      const valueElement = variable.type === 'Text' ? 'TextValue' : `${variable.type}Value`;
      return [element('VariableValue', [], [element('VariableRef', [['targetGUID', variable.guid]]), textElement(valueElement, written)])];
    });
}
