/**
 * REFI-QDA `Variables`, the `VariableValue`s of sources and of name-less `Case`s (MAXQDA, Quirkos),
 * as typed document variables. Variable names are typed by users: values are kept in Maps, and a
 * document's variables become a null-prototype record only at the end.
 */
import type { Guid, VariableDefinition, VariableType } from '../../domain/model';
import { canonicalValue } from '../../domain/variables';
import type { ImportContext } from './import-context';
import { attr, child, childrenNamed, type XmlElement } from './xml';

/** REFI-QDA's typeOfVariable as a Markeer variable type (DateTime keeps its date). */
const VARIABLE_TYPES: ReadonlyMap<string, VariableType> = new Map([
  ['text', 'text'],
  ['boolean', 'boolean'],
  ['integer', 'number'],
  ['float', 'number'],
  ['date', 'date'],
  ['datetime', 'date'],
]);

export interface ImportedVariables {
  /** Variable name by the variable's GUID in the file. */
  readonly names: ReadonlyMap<Guid, string>;
  readonly definitions: readonly VariableDefinition[];
}

/** Per document GUID, its values by variable name. */
export type DocumentValues = Map<Guid, Map<string, string>>;

/** The project's `Variables`: one definition per name (a name defined twice gets the values of both). */
export function importVariables(ctx: ImportContext, root: XmlElement): ImportedVariables {
  const names = new Map<Guid, string>();
  const definitions: VariableDefinition[] = [];
  const variablesEl = child(root, 'Variables');
  for (const v of variablesEl ? childrenNamed(variablesEl, 'Variable') : []) {
    const name = attr(v, 'name')?.trim() || 'unnamed variable';
    const guid = ctx.guid(attr(v, 'guid'), `variable “${name}”`, 'variable');
    if (definitions.some((d) => d.name === name)) {
      ctx.warnings.push(`variable “${name}” is defined twice; its values were put together`);
    } else {
      const rawType = attr(v, 'typeOfVariable') ?? 'Text';
      const type = VARIABLE_TYPES.get(rawType.toLowerCase());
      if (!type) ctx.warnings.push(`variable “${name}”: type “${rawType}” is not a REFI-QDA type; it was read as text`);
      if (rawType.toLowerCase() === 'datetime') ctx.warnings.push(`variable “${name}”: date-times keep their date only`);
      definitions.push({ guid, projectGuid: ctx.projectGuid, name, type: type ?? 'text', order: definitions.length });
    }
    names.set(guid, name);
  }
  return { names, definitions };
}

function valueOf(el: XmlElement): string | undefined {
  const value = el.children.find((c) => /^(Text|Boolean|Integer|Float|Date|DateTime)Value$/i.test(c.name));
  return value?.text.trim();
}

/** The `VariableValue`s directly inside an element, by variable name; `where` names the element for the report. */
export function readVariableValues(ctx: ImportContext, el: XmlElement, variables: ImportedVariables, where: string | null): Map<string, string> {
  const values = new Map<string, string>();
  for (const vv of childrenNamed(el, 'VariableValue')) {
    const ref = child(vv, 'VariableRef');
    const name = variables.names.get(ctx.ref(ref ? attr(ref, 'targetGUID') : undefined) ?? '');
    const value = valueOf(vv);
    if (name !== undefined && value !== undefined) values.set(name, value);
    else if (where !== null) ctx.discarded.push(`a variable value of ${where}: its variable or value is missing`);
  }
  return values;
}

/**
 * `Cases`: their variable values go to the documents they name (MAXQDA, Quirkos: name-less cases
 * with one SourceRef); the cases themselves are reported.
 */
export function importCases(ctx: ImportContext, root: XmlElement, variables: ImportedVariables, documents: DocumentValues): void {
  const casesEl = child(root, 'Cases');
  for (const c of casesEl ? childrenNamed(casesEl, 'Case') : []) {
    const caseName = attr(c, 'name')?.trim();
    const docs = childrenNamed(c, 'SourceRef')
      .map((r) => ctx.ref(attr(r, 'targetGUID')) ?? '')
      .filter((g) => documents.has(g));
    const values = readVariableValues(ctx, c, variables, null);
    for (const d of docs) for (const [name, value] of values) documents.get(d)!.set(name, value);
    const valueCount = childrenNamed(c, 'VariableValue').length;
    if (caseName || valueCount === 0 || childrenNamed(c, 'CodeRef').length + childrenNamed(c, 'SelectionRef').length > 0) {
      ctx.discarded.push(`case ${caseName ? `“${caseName}”` : (attr(c, 'guid') ?? '')}${valueCount > 0 ? ' (its variables were given to its documents)' : ''}: cases are not imported`);
    }
  }
}

/**
 * The variables' definitions, with every value brought to its type's canonical form in place. A
 * variable with a value that does not fit its type becomes a text variable, with a warning.
 */
export function typedVariables(ctx: ImportContext, definitions: readonly VariableDefinition[], documents: DocumentValues): VariableDefinition[] {
  return definitions.map((v) => {
    const all = [...documents.values()].filter((values) => values.has(v.name));
    const canonical = all.map((values) => canonicalValue(v.type, values.get(v.name) ?? ''));
    if (canonical.some((c) => c === null)) {
      if (v.type !== 'text') ctx.warnings.push(`variable “${v.name}”: some values are not of type ${v.type}; it was read as text`);
      for (const values of all) values.set(v.name, (values.get(v.name) ?? '').trim());
      return { ...v, type: 'text' };
    }
    all.forEach((values, i) => values.set(v.name, canonical[i] ?? ''));
    return v;
  });
}

/** A document's values as the record DocumentRecord holds, without a prototype: a variable may be called `constructor`. */
export function variableRecord(values: ReadonlyMap<string, string> | undefined): Readonly<Record<string, string>> {
  return Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(values ?? []));
}
