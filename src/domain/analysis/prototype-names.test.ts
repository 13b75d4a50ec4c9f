import { contributionsByVariable } from '../themes';
import { createVariableDefinition, variableList, variableValues } from '../variables';
import { citation } from './citation';
import { NO_FILTER, filteredDocuments } from './filter';
import { computeCooccurrence, computeMatrix, cooccurrenceAt, quotationMatrix } from './matrix';
import { fixtureProject } from './matrix-fixture';

// Names (and values) that a plain object inherits from Object.prototype. As a stored document's
// variables come from JSON or IndexedDB, `__proto__` there is an ordinary own key.
const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
const values = (json: string): Record<string, string> => JSON.parse(json) as Record<string, string>;

const project = () => {
  const { data, ids } = fixtureProject({
    documents: [
      { name: 'Met waarde', text: 'Ja, dat klopt.', variables: values('{"__proto__":"Ja","constructor":"toString","school":"__proto__"}') },
      { name: 'Zonder waarde', text: 'Nee, niet echt.', variables: {} },
    ],
    codes: [{ name: 'Instemming' }, { name: 'Twijfel' }],
    segments: [
      { doc: 'Met waarde', at: 'Ja', codes: ['Instemming', 'Twijfel'] },
      { doc: 'Zonder waarde', at: 'Nee', codes: ['Twijfel'] },
    ],
    citationTemplate: '{document}, {constructor}, {__proto__}, {toString}',
  });
  const variables = [...HOSTILE, 'school'].map((name, order) => createVariableDefinition({ projectGuid: data.project.guid, name, type: 'text', order }));
  return { data: { ...data, variables }, ids };
};

describe('variables named like Object.prototype members', () => {
  it('are listed as variables of their own, with only the values documents have', () => {
    const { data } = project();
    const list = variableList(data.project.guid, [], data.documents);
    expect(list.map((v) => v.name)).toEqual(['__proto__', 'constructor', 'school']);
    expect(variableList(data.project.guid, data.variables, data.documents).map((v) => v.name)).toEqual([...HOSTILE, 'school']);
    for (const name of HOSTILE) {
      const own = name === '__proto__' ? ['Ja'] : name === 'constructor' ? ['toString'] : [];
      expect(variableValues({ name, type: 'text' }, data.documents)).toEqual(own);
    }
  });

  it('count a matrix with one column per value and "(no value)" for documents without one', () => {
    const { data, ids } = project();
    for (const name of HOSTILE) {
      const m = computeMatrix(data, { columns: { kind: 'variable', name }, count: 'segments', filter: NO_FILTER });
      const expected = name === '__proto__' ? ['Ja', '(no value)'] : name === 'constructor' ? ['toString', '(no value)'] : ['(no value)'];
      expect(m.columns.map((c) => c.label)).toEqual(expected);
      const row = m.rows.find((r) => r.codeGuid === ids['Twijfel']);
      expect(Object.values(row?.cells ?? {})).toEqual(name === '__proto__' || name === 'constructor' ? [1, 1] : [2]);
    }
  });

  it('count values named like Object.prototype members as numbers', () => {
    const { data, ids } = project();
    const m = computeMatrix(data, { columns: { kind: 'variable', name: 'school' }, count: 'segments', filter: NO_FILTER });
    expect(m.columns.map((c) => c.key)).toEqual(['__proto__', '']);
    const row = m.rows.find((r) => r.codeGuid === ids['Twijfel']);
    expect(row?.cells['__proto__']).toBe(1);
    expect(row?.own['__proto__']).toBe(1);
    const split = computeCooccurrence(data, { filter: NO_FILTER, splitBy: 'school' });
    expect(cooccurrenceAt(split, '__proto__', ids['Instemming']!, ids['Twijfel']!)).toBe(1);
    expect(cooccurrenceAt(split, 'constructor', ids['Instemming']!, ids['Twijfel']!)).toBe(0);
    const q = quotationMatrix(data, { columns: { kind: 'variable', name: 'school' }, filter: NO_FILTER });
    expect(q.rows.find((r) => r.codeGuid === ids['Instemming'])?.cells['__proto__']?.map((x) => x.text)).toEqual(['Ja']);
  });

  it('filter documents by their own value only', () => {
    const { data } = project();
    const only = (name: string, value: string) => filteredDocuments(data, { ...NO_FILTER, variables: [{ name, values: [value] }] }).map((d) => d.name);
    expect(only('toString', '')).toEqual(['Met waarde', 'Zonder waarde']);
    expect(only('__proto__', 'Ja')).toEqual(['Met waarde']);
    expect(only('constructor', '')).toEqual(['Zonder waarde']);
  });

  it('fill a citation and split a theme by the value itself', () => {
    const { data } = project();
    const [a, b] = data.documents;
    expect(citation(data.project.citationTemplate, a!, HOSTILE)).toBe('Met waarde, toString, Ja');
    expect(citation(data.project.citationTemplate, b!, HOSTILE)).toBe('Zonder waarde');
    const segment = (d: typeof a) => ({ document: d! }) as Parameters<typeof contributionsByVariable>[0][number];
    expect(contributionsByVariable([segment(a), segment(b)], 'constructor').map((c) => [c.key, c.segments])).toEqual([
      ['toString', 1],
      ['', 1],
    ]);
  });
});
