import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { DocumentRecord } from '../domain/model';
import { recordOf } from '../domain/records';

/**
 * A document's variable values and speaker map are keyed by names users chose (see
 * domain/records.ts). IndexedDB hands them back as plain objects, where `__proto__` is an own key;
 * but Dexie copies what a live query reads (its cache, `cache: 'cloned'`) into plain objects
 * again, and assigning `__proto__` there sets the copy's prototype: the value is gone. This
 * middleware sits below Dexie's own (closest to IndexedDB) and gives every document read those
 * two records without a prototype, which Dexie's copy keeps as they are.
 */
export const namesAsData: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'names-as-data',
  level: -10,
  create: (down) => ({
    ...down,
    table: (name) => (name === 'documents' ? documentsTable(down.table(name)) : down.table(name)),
  }),
};

function withNameRecords(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  const d = row as DocumentRecord;
  const variables = typeof d.variables === 'object' && d.variables !== null ? recordOf(Object.entries(d.variables)) : d.variables;
  const speakerMap = typeof d.speakerMap === 'object' && d.speakerMap !== null ? recordOf(Object.entries(d.speakerMap)) : d.speakerMap;
  return { ...d, variables, speakerMap };
}

function documentsTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    // `then` on Dexie's own promises, never async/await: Dexie follows its transaction through them.
    get: (req) => table.get(req).then(withNameRecords),
    getMany: (req) => table.getMany(req).then((rows) => rows.map(withNameRecords)),
    query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(withNameRecords) } : res)),
  };
}
