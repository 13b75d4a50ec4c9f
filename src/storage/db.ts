import Dexie, { type Table } from 'dexie';
import type { Code, Coder, Coding, DocumentRecord, DocumentText, Project, Segment } from '../domain/model';

/** A key-value record for app-wide settings (e.g. whether the demo was offered). */
export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The Markeer database. Every per-project table is keyed by [projectGuid+guid], because code
 * GUIDs come from shared templates and bundles from several coders reuse GUIDs on purpose.
 *
 * Migration policy: every `version(n)` stays here forever. A change of a stored shape is a new
 * version with an `upgrade()` and a test that upgrades data written by the version before.
 */
export class MarkeerDb extends Dexie {
  projects!: Table<Project, string>;
  coders!: Table<Coder, [string, string]>;
  documents!: Table<DocumentRecord, [string, string]>;
  documentTexts!: Table<DocumentText, [string, string]>;
  codes!: Table<Code, [string, string]>;
  segments!: Table<Segment, [string, string]>;
  codings!: Table<Coding, [string, string]>;
  meta!: Table<MetaRecord, string>;

  constructor(name = 'markeer') {
    super(name);
    this.version(1).stores({
      projects: 'guid, updatedAt',
      coders: '[projectGuid+guid], projectGuid',
      documents: '[projectGuid+guid], projectGuid',
      documentTexts: '[projectGuid+documentGuid], projectGuid',
      codes: '[projectGuid+guid], projectGuid',
      segments: '[projectGuid+guid], projectGuid, [projectGuid+documentGuid]',
      codings: '[projectGuid+guid], projectGuid, [projectGuid+segmentGuid], [projectGuid+codeGuid], [projectGuid+documentGuid]',
      meta: 'key',
    });
  }
}

export const TABLES = ['projects', 'coders', 'documents', 'documentTexts', 'codes', 'segments', 'codings'] as const;
export type TableName = (typeof TABLES)[number];

/** The primary key of a row of a table, as Dexie stores it. */
export function keyOf(table: TableName, row: Record<string, unknown>): string | [string, string] {
  switch (table) {
    case 'projects':
      return row.guid as string;
    case 'documentTexts':
      return [row.projectGuid as string, row.documentGuid as string];
    default:
      return [row.projectGuid as string, row.guid as string];
  }
}

let shared: MarkeerDb | null = null;

/** The app's database, opened once. Tests create their own with a fresh name. */
export function getDb(): MarkeerDb {
  shared ??= new MarkeerDb();
  return shared;
}
