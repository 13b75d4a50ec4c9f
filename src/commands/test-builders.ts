import { MarkeerDb } from '../storage/db';
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
