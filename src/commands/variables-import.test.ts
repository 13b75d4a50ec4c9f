import { parseCsvTable, planVariablesImport } from '../io/variables-csv';
import { addDocuments } from './documents';
import { history } from './history';
import { setVariableType, setVariableValue } from './variables';
import { importVariables } from './variables-import';
import { projectWithDocument } from './test-builders';

beforeEach(() => history.clear());

async function twoDocuments() {
  const f = await projectWithDocument('Tekst van A.');
  const more = await addDocuments(f.projectGuid, [{ name: 'Ouder 1', text: 'Tekst.' }], { db: f.db, firstOrder: 1 });
  if (!more.ok) throw new Error(more.reason);
  return { ...f, a: f.documentGuid, b: more.value[0] as string };
}

async function planFor(f: Awaited<ReturnType<typeof twoDocuments>>, csv: string) {
  const table = parseCsvTable(csv);
  if (!table.ok) throw new Error(table.reason);
  const [docs, defs] = await Promise.all([f.db.documents.toArray(), f.db.variables.toArray()]);
  return planVariablesImport(table.value, docs, defs);
}

describe('importing variables from CSV', () => {
  it('creates the new variables with their inferred types and writes the values, as one undoable step', async () => {
    const f = await twoDocuments();
    await setVariableValue(f.projectGuid, f.a, 'school', 'Oud', f.db);
    const plan = await planFor(f, 'document,school,leeftijd\nDoc,Noord,41\nOuder 1,,38\n');
    const r = await importVariables(f.projectGuid, plan, f.db);
    expect(r).toEqual({ ok: true, value: { documents: 2, values: 3, created: ['leeftijd'] } });
    const docs = Object.fromEntries((await f.db.documents.toArray()).map((d) => [d.name, d.variables]));
    // An empty cell changes nothing.
    expect(docs).toEqual({ Doc: { school: 'Noord', leeftijd: '41' }, 'Ouder 1': { leeftijd: '38' } });
    expect((await f.db.variables.toArray()).map((v) => `${v.name}:${v.type}`).sort()).toEqual(['leeftijd:number', 'school:text']);
    expect(history.peekUndo()?.label).toBe('history.importVariables');
    await history.undo();
    expect(Object.fromEntries((await f.db.documents.toArray()).map((d) => [d.name, d.variables]))).toEqual({ Doc: { school: 'Oud' }, 'Ouder 1': {} });
    expect((await f.db.variables.toArray()).map((v) => v.name)).toEqual(['school']);
  });

  it('writes nothing when a type changed between the report and the import', async () => {
    const f = await twoDocuments();
    await setVariableValue(f.projectGuid, f.a, 'code', '12', f.db);
    const plan = await planFor(f, 'document,code\nOuder 1,B7\n');
    await setVariableValue(f.projectGuid, f.a, 'code', '', f.db);
    await setVariableType(f.projectGuid, 'code', 'number', f.db);
    expect(await importVariables(f.projectGuid, plan, f.db)).toMatchObject({ ok: false, reason: 'invalid-value', detail: 'Ouder 1, code: "B7"' });
    expect((await f.db.documents.get([f.projectGuid, f.b]))?.variables).toEqual({});
  });
});
