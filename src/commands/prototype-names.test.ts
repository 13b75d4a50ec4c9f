import type { MarkeerDb } from '../storage/db';
import { parseCsvTable, planVariablesImport } from '../io/variables-csv';
import { addDocuments, setSpeaker } from './documents';
import { history } from './history';
import { addVariable, deleteVariable, renameVariable, setVariableType, setVariableValue } from './variables';
import { importVariables } from './variables-import';
import { projectWithDocument } from './test-builders';

// Names that a plain object inherits from Object.prototype, or (`__proto__`) that sets its prototype.
const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];

beforeEach(() => history.clear());

async function twoDocuments() {
  const f = await projectWithDocument('Tekst van A.');
  const more = await addDocuments(f.projectGuid, [{ name: 'B', text: 'Tekst van B.' }], { db: f.db, firstOrder: 1 });
  if (!more.ok) throw new Error(more.reason);
  return { ...f, a: f.documentGuid, b: more.value[0] as string };
}

/** Each document's variables, as [name, value] pairs in stored order. */
async function stored(db: MarkeerDb, projectGuid: string) {
  const docs = await db.documents.where('projectGuid').equals(projectGuid).sortBy('order');
  return docs.map((d) => Object.entries(d.variables));
}

describe('variables named like Object.prototype members', () => {
  it('store the value typed, as an ordinary name, and leave other documents without one', async () => {
    const f = await twoDocuments();
    for (const name of HOSTILE) {
      expect((await addVariable(f.projectGuid, { name, type: 'text' }, f.db)).ok).toBe(true);
      expect(await setVariableValue(f.projectGuid, f.a, name, 'Ja', f.db)).toEqual({ ok: true, value: 'Ja' });
    }
    expect(await stored(f.db, f.projectGuid)).toEqual([HOSTILE.map((n) => [n, 'Ja']), []]);
    // Typing the same value again changes nothing; clearing it removes it.
    expect(await setVariableValue(f.projectGuid, f.a, '__proto__', 'Ja', f.db)).toEqual({ ok: true, value: 'Ja' });
    expect(await setVariableValue(f.projectGuid, f.a, 'constructor', '', f.db)).toEqual({ ok: true, value: '' });
    expect((await stored(f.db, f.projectGuid))[0]).toEqual([['toString', 'Ja'], ['hasOwnProperty', 'Ja'], ['__proto__', 'Ja']]);
  });

  it('retype, rename and delete like any variable', async () => {
    const f = await twoDocuments();
    await setVariableValue(f.projectGuid, f.a, '__proto__', 'Ja', f.db);
    await setVariableValue(f.projectGuid, f.a, 'constructor', 'nee', f.db);
    expect((await setVariableType(f.projectGuid, '__proto__', 'boolean', f.db)).ok).toBe(true);
    expect((await setVariableType(f.projectGuid, 'toString', 'number', f.db)).ok).toBe(false);
    expect((await stored(f.db, f.projectGuid))[0]).toEqual([['__proto__', 'true'], ['constructor', 'nee']]);
    expect((await renameVariable(f.projectGuid, 'constructor', 'toString', f.db)).ok).toBe(true);
    expect((await renameVariable(f.projectGuid, '__proto__', 'hasOwnProperty', f.db)).ok).toBe(true);
    expect((await stored(f.db, f.projectGuid))[0]).toEqual([['hasOwnProperty', 'true'], ['toString', 'nee']]);
    expect((await deleteVariable(f.projectGuid, 'toString', f.db)).ok).toBe(true);
    expect(await stored(f.db, f.projectGuid)).toEqual([[['hasOwnProperty', 'true']], []]);
  });

  it('import from a CSV with such column names', async () => {
    const f = await twoDocuments();
    const table = parseCsvTable('document,__proto__,constructor,toString\nDoc,Jazeker,c,t\nB,,x,\n');
    if (!table.ok) throw new Error(table.reason);
    const docs = await f.db.documents.where('projectGuid').equals(f.projectGuid).toArray();
    const plan = planVariablesImport(table.value, docs, []);
    expect(plan.matched.map((m) => Object.entries(m.values))).toEqual([
      [['__proto__', 'Jazeker'], ['constructor', 'c'], ['toString', 't']],
      [['constructor', 'x']],
    ]);
    expect(await importVariables(f.projectGuid, plan, f.db)).toMatchObject({ ok: true, value: { documents: 2, values: 4 } });
    expect(await stored(f.db, f.projectGuid)).toEqual([
      [['__proto__', 'Jazeker'], ['constructor', 'c'], ['toString', 't']],
      [['constructor', 'x']],
    ]);
  });

  it('rename a speaker labelled like an Object.prototype member', async () => {
    const f = await projectWithDocument('constructor: Ja.\nI: Goed.\nconstructor: Nee.\nI: Oké.');
    const text = await f.db.documentTexts.get([f.projectGuid, f.documentGuid]);
    expect(text?.turns.map((t) => t.speaker)).toContain('constructor');
    expect((await setSpeaker(f.projectGuid, f.documentGuid, 'constructor', '__proto__', f.db)).ok).toBe(true);
    expect((await setSpeaker(f.projectGuid, f.documentGuid, 'I', '__proto__', f.db)).ok).toBe(true);
    const doc = await f.db.documents.get([f.projectGuid, f.documentGuid]);
    expect(Object.entries(doc?.speakerMap ?? {})).toEqual([
      ['constructor', '__proto__'],
      ['I', '__proto__'],
    ]);
  });
});
