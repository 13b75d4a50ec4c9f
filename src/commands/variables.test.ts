import type { DocumentRecord } from '../domain/model';
import { variableList } from '../domain/variables';
import type { MarkeerDb } from '../storage/db';
import { addDocuments } from './documents';
import { history } from './history';
import { addVariable, deleteVariable, moveVariable, renameVariable, setVariableType, setVariableValue } from './variables';
import { projectWithDocument, simulateFullDisk } from './test-builders';

beforeEach(() => history.clear());

/** A project with three documents: A, B, C. */
async function threeDocuments() {
  const f = await projectWithDocument('Tekst van A.');
  const more = await addDocuments(f.projectGuid, [{ name: 'B', text: 'Tekst van B.' }, { name: 'C', text: 'Tekst van C.' }], { db: f.db, firstOrder: 1 });
  if (!more.ok) throw new Error(more.reason);
  const [b, c] = more.value as [string, string];
  return { ...f, a: f.documentGuid, b, c };
}

async function values(db: MarkeerDb, projectGuid: string): Promise<Record<string, DocumentRecord['variables']>> {
  const docs = await db.documents.where('projectGuid').equals(projectGuid).toArray();
  return Object.fromEntries(docs.map((d) => [d.name, d.variables]));
}

async function columns(db: MarkeerDb, projectGuid: string) {
  const [defs, docs] = await Promise.all([db.variables.where('projectGuid').equals(projectGuid).toArray(), db.documents.where('projectGuid').equals(projectGuid).toArray()]);
  return variableList(projectGuid, defs, docs).map((v) => `${v.name}:${v.type}`);
}

describe('variable commands', () => {
  it('defines typed variables in column order and refuses a name already used, whatever its case', async () => {
    const f = await threeDocuments();
    expect((await addVariable(f.projectGuid, { name: ' school ', type: 'text' }, f.db)).ok).toBe(true);
    expect((await addVariable(f.projectGuid, { name: 'leeftijd', type: 'number' }, f.db)).ok).toBe(true);
    expect(await addVariable(f.projectGuid, { name: 'School', type: 'date' }, f.db)).toMatchObject({ ok: false, reason: 'name-taken', detail: 'school' });
    expect(await addVariable(f.projectGuid, { name: '  ', type: 'text' }, f.db)).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await columns(f.db, f.projectGuid)).toEqual(['school:text', 'leeftijd:number']);
    expect(history.peekUndo()?.label).toBe('history.addVariable');
  });

  it('stores a value in the canonical form of its type and refuses one that does not fit', async () => {
    const f = await threeDocuments();
    await addVariable(f.projectGuid, { name: 'datum', type: 'date' }, f.db);
    await addVariable(f.projectGuid, { name: 'ouder aanwezig', type: 'boolean' }, f.db);
    expect(await setVariableValue(f.projectGuid, f.a, 'datum', '3-2-2021', f.db)).toEqual({ ok: true, value: '2021-02-03' });
    expect(await setVariableValue(f.projectGuid, f.a, 'ouder aanwezig', 'Ja', f.db)).toEqual({ ok: true, value: 'true' });
    expect(await setVariableValue(f.projectGuid, f.a, 'datum', '31-02-2021', f.db)).toMatchObject({ ok: false, reason: 'invalid-value', detail: 'datum: "31-02-2021"' });
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ datum: '2021-02-03', 'ouder aanwezig': 'true' });
    expect(history.peekUndo()?.label).toBe('history.setVariable');
  });

  it('removes a value set to blank, and makes a new name a text variable', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.b, 'School ', 'Noord', f.db);
    expect(await columns(f.db, f.projectGuid)).toEqual(['School:text']);
    // A different case finds the same variable, so the project keeps one spelling.
    await setVariableValue(f.projectGuid, f.c, 'school', 'Zuid', f.db);
    expect(await values(f.db, f.projectGuid)).toMatchObject({ B: { School: 'Noord' }, C: { School: 'Zuid' } });
    await setVariableValue(f.projectGuid, f.b, 'School', '  ', f.db);
    expect((await values(f.db, f.projectGuid)).B).toEqual({});
    expect(await columns(f.db, f.projectGuid)).toEqual(['School:text']);
  });

  it('renames a variable in every document and in the citation template, in one undoable step', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'groep', 'Ouder', f.db);
    await setVariableValue(f.projectGuid, f.b, 'groep', 'Leraar', f.db);
    await f.db.projects.update(f.projectGuid, { citationTemplate: '({groep}, {document})' });
    expect((await renameVariable(f.projectGuid, 'groep', 'respondentgroep', f.db)).ok).toBe(true);
    expect(await values(f.db, f.projectGuid)).toEqual({ Doc: { respondentgroep: 'Ouder' }, B: { respondentgroep: 'Leraar' }, C: {} });
    expect((await f.db.projects.get(f.projectGuid))?.citationTemplate).toBe('({respondentgroep}, {document})');
    expect(history.peekUndo()?.label).toBe('history.renameVariable');
    await history.undo();
    expect(await values(f.db, f.projectGuid)).toEqual({ Doc: { groep: 'Ouder' }, B: { groep: 'Leraar' }, C: {} });
    expect(await columns(f.db, f.projectGuid)).toEqual(['groep:text']);
  });

  it('refuses to rename onto another variable', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'school', 'Noord', f.db);
    await setVariableValue(f.projectGuid, f.a, 'groep', 'Ouder', f.db);
    expect(await renameVariable(f.projectGuid, 'groep', 'School', f.db)).toMatchObject({ ok: false, reason: 'name-taken', detail: 'school' });
    expect(await renameVariable(f.projectGuid, 'bestaat niet', 'x', f.db)).toMatchObject({ ok: false, reason: 'not-found' });
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ school: 'Noord', groep: 'Ouder' });
  });

  it('changes the type when every value converts, storing the values canonically', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'uren', '3,5', f.db);
    await setVariableValue(f.projectGuid, f.b, 'uren', '12', f.db);
    expect((await setVariableType(f.projectGuid, 'uren', 'number', f.db)).ok).toBe(true);
    expect(await values(f.db, f.projectGuid)).toMatchObject({ Doc: { uren: '3.5' }, B: { uren: '12' } });
    expect(await columns(f.db, f.projectGuid)).toEqual(['uren:number']);
    expect(history.peekUndo()?.label).toBe('history.retypeVariable');
  });

  it('refuses a type change naming each document and value that does not fit, and changes nothing', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'uren', '3,5', f.db);
    await setVariableValue(f.projectGuid, f.b, 'uren', 'twee', f.db);
    await setVariableValue(f.projectGuid, f.c, 'uren', 'veel', f.db);
    expect(await setVariableType(f.projectGuid, 'uren', 'number', f.db)).toEqual({ ok: false, reason: 'type-mismatch', detail: 'B: "twee"; C: "veel"' });
    expect(await values(f.db, f.projectGuid)).toMatchObject({ Doc: { uren: '3,5' }, B: { uren: 'twee' } });
    expect(await columns(f.db, f.projectGuid)).toEqual(['uren:text']);
  });

  it('reorders variables', async () => {
    const f = await threeDocuments();
    for (const name of ['a', 'b', 'c']) await addVariable(f.projectGuid, { name, type: 'text' }, f.db);
    await moveVariable(f.projectGuid, 'c', 0, f.db);
    expect(await columns(f.db, f.projectGuid)).toEqual(['c:text', 'a:text', 'b:text']);
    await moveVariable(f.projectGuid, 'c', 99, f.db);
    expect(await columns(f.db, f.projectGuid)).toEqual(['a:text', 'b:text', 'c:text']);
    expect(history.peekUndo()?.label).toBe('history.moveVariable');
  });

  it('deletes a variable with its values, and undo brings both back', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'school', 'Noord', f.db);
    await setVariableValue(f.projectGuid, f.a, 'groep', 'Ouder', f.db);
    expect((await deleteVariable(f.projectGuid, 'school', f.db)).ok).toBe(true);
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ groep: 'Ouder' });
    expect(await columns(f.db, f.projectGuid)).toEqual(['groep:text']);
    await history.undo();
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ school: 'Noord', groep: 'Ouder' });
    await history.redo();
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ groep: 'Ouder' });
  });

  it('gives a variable that documents use without a definition its definition when touched', async () => {
    const f = await threeDocuments();
    await f.db.documents.update([f.projectGuid, f.a], { variables: { regio: 'west' } });
    expect(await f.db.variables.count()).toBe(0);
    expect((await renameVariable(f.projectGuid, 'regio', 'Regio', f.db)).ok).toBe(true);
    expect(await columns(f.db, f.projectGuid)).toEqual(['Regio:text']);
    expect(await f.db.variables.count()).toBe(1);
  });

  it('leaves everything as it was when the disk is full', async () => {
    const f = await threeDocuments();
    await setVariableValue(f.projectGuid, f.a, 'school', 'Noord', f.db);
    const full = await simulateFullDisk(f.db, 'variables');
    full.on = true;
    expect(await renameVariable(f.projectGuid, 'school', 'locatie', f.db)).toMatchObject({ ok: false, reason: 'storage-full' });
    full.on = false;
    expect((await values(f.db, f.projectGuid)).Doc).toEqual({ school: 'Noord' });
  });
});
