import { MarkeerDb } from '../storage/db';
import { applyCode, setSegmentComment } from './coding';
import { addDocuments } from './documents';
import { createProject } from './projects';

/** A fresh database on fake-indexeddb, one per test. */
export function freshDb(): MarkeerDb {
  return new MarkeerDb(`test-${crypto.randomUUID()}`);
}

/**
 * A project with one document whose text is written with a marked range, e.g.
 * `'Hel[lo wo]rld'`: returns the text without brackets and the marked range.
 */
export async function projectWithDocument(marked: string, template: string | null = 'veerkracht-partnerschap') {
  const db = freshDb();
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const text = marked.replace('[', '').replace(']', '');
  const p = await createProject({ name: 'Test', coderName: 'Anna', template, lang: 'nl', db });
  if (!p.ok) throw new Error(p.reason);
  const docs = await addDocuments(p.value.projectGuid, [{ name: 'Doc', text }], { db, firstOrder: 0 });
  if (!docs.ok) throw new Error(docs.reason);
  const documentGuid = docs.value[0] as string;
  return { db, text, range: { start, end }, projectGuid: p.value.projectGuid, coderGuid: p.value.coderGuid, documentGuid };
}

/**
 * Makes writes to one table fail as a full disk would, while `full.on` is true, through a Dexie
 * DBCore middleware (the database is reopened to take it). Earlier writes of the same
 * transaction have then already happened, so a test can see that they are rolled back.
 */
export async function simulateFullDisk(db: MarkeerDb, tableName: string): Promise<{ on: boolean }> {
  const full = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== tableName) return table;
        return {
          ...table,
          mutate: (req) => (full.on ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : table.mutate(req)),
        };
      },
    }),
  });
  db.close();
  await db.open();
  return full;
}

export const CODE_SIGNALEN_OPMERKEN = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3';
export const CODE_SIGNALEN_INTERPRETEREN = '069a0186-6264-516a-a8fb-ebc0e3bc8cb0';

/**
 * A coded project of the default template: two overlapping segments, one with two codes and a
 * comment. `marked` places the main segment, e.g. with an emoji before it so that code points and
 * UTF-16 units differ.
 */
export async function codedProject(marked: string) {
  const f = await projectWithDocument(marked);
  const first = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
  if (!first.ok) throw new Error(first.reason);
  await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_INTERPRETEREN }, f.db);
  await applyCode({ ...f, start: 0, end: 10, codeGuid: CODE_SIGNALEN_INTERPRETEREN }, f.db);
  await setSegmentComment(f.projectGuid, first.value, 'Let op', f.db);
  return f;
}
