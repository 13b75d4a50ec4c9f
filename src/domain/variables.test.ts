import { canonicalValue, compareValues, inferVariableType, variableList, variableValues } from './variables';
import type { DocumentRecord, VariableDefinition } from './model';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const doc = (variables: Record<string, string>): DocumentRecord => ({
  guid: crypto.randomUUID(),
  projectGuid: P,
  name: 'd',
  length: 0,
  sha256: '',
  createdAt: '',
  updatedAt: '',
  variables,
  speakerMap: {},
  order: 0,
});

describe('typed variable values', () => {
  it('stores numbers with a point, accepting a decimal comma, and refuses what is not a number', () => {
    expect(canonicalValue('number', ' 3,5 ')).toBe('3.5');
    expect(canonicalValue('number', '12')).toBe('12');
    expect(canonicalValue('number', '-0.25')).toBe('-0.25');
    expect(canonicalValue('number', '1.000,50')).toBeNull();
    expect(canonicalValue('number', 'twaalf')).toBeNull();
  });

  it('stores dates as YYYY-MM-DD from ISO or day-month-year, and refuses impossible dates', () => {
    expect(canonicalValue('date', '2026-3-2')).toBe('2026-03-02');
    expect(canonicalValue('date', '2/3/2026')).toBe('2026-03-02');
    expect(canonicalValue('date', '02-03-2026')).toBe('2026-03-02');
    expect(canonicalValue('date', '2026-03-02T10:00:00Z')).toBe('2026-03-02');
    expect(canonicalValue('date', '31-02-2026')).toBeNull();
    expect(canonicalValue('date', 'maart')).toBeNull();
  });

  it('reads yes/no in Dutch and English', () => {
    expect(['ja', 'Yes', 'TRUE', '1', 'j'].map((v) => canonicalValue('boolean', v))).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(['nee', 'No', 'false', '0'].map((v) => canonicalValue('boolean', v))).toEqual(['false', 'false', 'false', 'false']);
    expect(canonicalValue('boolean', 'misschien')).toBeNull();
  });

  it('treats an empty value as no value for every type', () => {
    for (const type of ['text', 'number', 'date', 'boolean'] as const) expect(canonicalValue(type, '  ')).toBe('');
  });

  it('infers the narrowest type that fits every value', () => {
    expect(inferVariableType(['ja', 'nee', ''])).toBe('boolean');
    expect(inferVariableType(['12', '3,5'])).toBe('number');
    expect(inferVariableType(['2026-01-02', '3-4-2025'])).toBe('date');
    expect(inferVariableType(['12', 'Noord'])).toBe('text');
    expect(inferVariableType([])).toBe('text');
  });

  it('sorts numbers by value and empty values last', () => {
    expect(['10', '', '9', '100'].sort((a, b) => compareValues('number', a, b))).toEqual(['9', '10', '100', '']);
  });
});

describe('the project’s variables', () => {
  it('lists the definitions in order and adds a text variable for a name documents use without one', () => {
    const school: VariableDefinition = { guid: 'bbbbbbbb-0000-4000-8000-000000000001', projectGuid: P, name: 'school', type: 'text', order: 1 };
    const age: VariableDefinition = { guid: 'bbbbbbbb-0000-4000-8000-000000000002', projectGuid: P, name: 'leeftijd', type: 'number', order: 0 };
    const list = variableList(P, [school, age], [doc({ school: 'Noord', groep: 'Ouder' }), doc({ leeftijd: '9' })]);
    expect(list.map((v) => `${v.name}:${v.type}:${v.order}`)).toEqual(['leeftijd:number:0', 'school:text:1', 'groep:text:2']);
  });

  it('gives the distinct values of a variable, sorted by its type', () => {
    const docs = [doc({ leeftijd: '10' }), doc({ leeftijd: '9' }), doc({ leeftijd: '10' }), doc({})];
    expect(variableValues({ name: 'leeftijd', type: 'number' }, docs)).toEqual(['9', '10']);
  });
});
