import type { TFunction } from 'i18next';
import type { Table } from 'dexie';
import type { Coder, Code } from '../../../domain/model';
import type { MarkeerDb, TableName } from '../../../storage/db';
import { parseRefusal } from '../../../sync/design';

/**
 * How the sync screens name a record ("segment ‘…’ by Anna", "code ‘Name’") and a refusal. A
 * table's name from the server is data: it is looked up in these Maps, never used as a key into the
 * strings.
 */
const TABLE_NOUNS = new Map<string, string>([
  ['projects', 'sync.table.projects'],
  ['coders', 'sync.table.coders'],
  ['documents', 'sync.table.documents'],
  ['documentTexts', 'sync.table.documentTexts'],
  ['codes', 'sync.table.codes'],
  ['segments', 'sync.table.segments'],
  ['codings', 'sync.table.codings'],
  ['variables', 'sync.table.variables'],
  ['groups', 'sync.table.groups'],
  ['memos', 'sync.table.memos'],
  ['themes', 'sync.table.themes'],
  ['attempts', 'sync.table.attempts'],
  ['_design', 'sync.table.design'],
]);

/** What a table holds, in words ("segmenten", "het codeboek"); an unknown table by its own name. */
export function tableNoun(t: TFunction, table: string): string {
  const key = TABLE_NOUNS.get(table);
  return key ? t(key) : table;
}

const QUOTE_LENGTH = 60;

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > QUOTE_LENGTH ? `${line.slice(0, QUOTE_LENGTH - 1)}…` : line;
}

type AnyRow = Record<string, unknown>;

function str(row: AnyRow | undefined, field: string): string {
  const v = row?.[field];
  return typeof v === 'string' ? v : '';
}

async function row(db: MarkeerDb, projectGuid: string, table: TableName, key: string): Promise<AnyRow | undefined> {
  const store = db.table(table) as Table<AnyRow, string | [string, string]>;
  return store.get(table === 'projects' ? key : [projectGuid, key]);
}

/**
 * Names the record with id `<table>:<key>` as it is in this browser now: "segment ‘Ik zag dat…’
 * van Anna", "code ‘Frustratie’". A record that is gone here is named by its kind.
 */
export async function describeRecord(t: TFunction, db: MarkeerDb, projectGuid: string, table: TableName, key: string): Promise<string> {
  const found = await row(db, projectGuid, table, key);
  if (!found) return t('sync.record.deleted', { what: tableNoun(t, table) });
  const coderName = async (guid: string) => ((await db.coders.get([projectGuid, guid])) as Coder | undefined)?.name ?? t('sync.record.unknownCoder');
  switch (table) {
    case 'segments':
      return t('sync.record.segment', { text: quote(str(found, 'text')), coder: await coderName(str(found, 'coderGuid')) });
    case 'codings': {
      const code = (await db.codes.get([projectGuid, str(found, 'codeGuid')])) as Code | undefined;
      return t('sync.record.coding', { code: code?.name ?? '—', coder: await coderName(str(found, 'coderGuid')) });
    }
    case 'memos':
      return t('sync.record.memo', { title: quote(str(found, 'title') || str(found, 'text')), coder: await coderName(str(found, 'authorGuid')) });
    case 'attempts':
      return t('sync.record.attempt', { coder: await coderName(str(found, 'coderGuid')) });
    case 'documentTexts': {
      const doc = await db.documents.get([projectGuid, key]);
      return t('sync.record.documentText', { name: doc?.name ?? '—' });
    }
    case 'projects':
      return t('sync.record.project', { name: str(found, 'name') });
    case 'codes':
    case 'coders':
    case 'documents':
    case 'variables':
    case 'groups':
    case 'themes':
      return t(`sync.record.${table}`, { name: str(found, 'name') });
    default:
      return tableNoun(t, table);
  }
}

/** Why the server refused a change, in words (src/sync/design.ts `parseRefusal`). */
export function refusalText(t: TFunction, reason: string): string {
  const refusal = parseRefusal(reason);
  switch (refusal.kind) {
    case 'not-member':
      return t('sync.refusal.notMember');
    case 'not-owner':
      return t('sync.refusal.notOwner', { owner: refusal.owner });
    case 'lead-only':
      return t('sync.refusal.leadOnly', { what: tableNoun(t, refusal.table) });
    case 'owner-changed':
      return t('sync.refusal.ownerChanged');
    case 'bad-id':
    case 'bad-owner':
    case 'unknown-table':
      return t('sync.refusal.unknown', { text: reason });
    case 'other':
      return t('sync.refusal.other', { text: refusal.text || '—' });
  }
}
