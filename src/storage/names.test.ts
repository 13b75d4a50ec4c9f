import { liveQuery } from 'dexie';
import type { DocumentRecord } from '../domain/model';
import { recordOf } from '../domain/records';
import { MarkeerDb } from './db';

const P = '00000000-0000-4000-8000-000000000001';
const document = (variables: Record<string, string>, speakerMap: Record<string, string | null>): DocumentRecord => ({
  guid: '00000000-0000-4000-8000-000000000002',
  projectGuid: P,
  name: 'Interview',
  length: 0,
  sha256: '',
  createdAt: '',
  updatedAt: '',
  variables,
  speakerMap,
  order: 0,
});

const firstOf = <T>(query: () => Promise<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        sub.unsubscribe();
        resolve(v);
      },
      error: reject,
    });
  });

describe('documents read from the database', () => {
  it('keep variables and speakers named __proto__ or constructor, also through a live query', async () => {
    const db = new MarkeerDb(`names-${crypto.randomUUID()}`);
    await db.documents.put(document(recordOf([['__proto__', 'Ja'], ['constructor', 'c']]), recordOf([['__proto__', 'Interviewer'], ['toString', null]])));
    const read = async () => (await db.documents.where('projectGuid').equals(P).toArray())[0];
    for (const d of [await read(), await firstOf(read), await firstOf(read), await db.documents.get([P, '00000000-0000-4000-8000-000000000002'])]) {
      expect(Object.entries(d?.variables ?? {})).toEqual([
        ['__proto__', 'Ja'],
        ['constructor', 'c'],
      ]);
      expect(Object.entries(d?.speakerMap ?? {})).toEqual([
        ['__proto__', 'Interviewer'],
        ['toString', null],
      ]);
    }
    db.close();
  });
});
