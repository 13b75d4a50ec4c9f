import Dexie, { type Table } from 'dexie';
import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Memo, Project, Segment, Theme, VariableDefinition } from '../domain/model';
import { PROJECT_TABLES, tableOf, type ListName, type StoreName, type StoreOf } from '../domain/tables';
import { variableList } from '../domain/variables';
import { namesAsData } from './names';

/** A key-value record for app-wide settings (e.g. whether the demo was offered). */
export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

/** Version 1 of the schema, kept so that tests can write a database as version 1 wrote it. */
export const SCHEMA_V1 = {
  projects: 'guid, updatedAt',
  coders: '[projectGuid+guid], projectGuid',
  documents: '[projectGuid+guid], projectGuid',
  documentTexts: '[projectGuid+documentGuid], projectGuid',
  codes: '[projectGuid+guid], projectGuid',
  segments: '[projectGuid+guid], projectGuid, [projectGuid+documentGuid]',
  codings: '[projectGuid+guid], projectGuid, [projectGuid+segmentGuid], [projectGuid+codeGuid], [projectGuid+documentGuid]',
  meta: 'key',
} as const;

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  segments: '[projectGuid+guid], projectGuid, [projectGuid+documentGuid], [projectGuid+documentGuid+coderGuid+start+end]',
} as const;

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  variables: '[projectGuid+guid], projectGuid',
  groups: '[projectGuid+guid], projectGuid',
  memos: '[projectGuid+guid], projectGuid, [projectGuid+targetGuid]',
  themes: '[projectGuid+guid], projectGuid',
  attempts: '[projectGuid+guid], projectGuid, [projectGuid+coderGuid]',
} as const;

/**
 * Version 4 adds the team-sync outbox (src/sync): one row per record a command changed in a project
 * connected to a team server, written in the command's own transaction, so that a change is never
 * committed locally without being queued for the server. Coder records gain the optional
 * `couchUser` (the team server account of the coder). Nothing else changes.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  syncOutbox: '++seq, projectGuid, [projectGuid+table+key]',
} as const;

/** One record waiting to go to the team server: which row (read anew when it is sent). */
export interface OutboxEntry {
  readonly seq?: number;
  readonly projectGuid: string;
  readonly table: TableName;
  /** The row's GUID (its key within the project). */
  readonly key: string;
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
  variables!: Table<VariableDefinition, [string, string]>;
  groups!: Table<DocumentGroup, [string, string]>;
  memos!: Table<Memo, [string, string]>;
  themes!: Table<Theme, [string, string]>;
  attempts!: Table<Attempt, [string, string]>;
  meta!: Table<MetaRecord, string>;
  syncOutbox!: Table<OutboxEntry, number>;
  /**
   * Projects connected to a team server (src/sync/team.ts), read from `meta` when the database
   * opens: a command in one of them queues its changes in `syncOutbox`.
   */
  readonly teamProjects = new Set<string>();
  /** Where this connection stands with other tabs (see `connectionState`). */
  private connection: ConnectionState = 'open';
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();

  constructor(name = 'markeer') {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // Version 2 adds an index to find a coder's segment with exactly a given range without
    // scanning the document's segments (applying a code on 10,000 codings). Records are unchanged.
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(() => undefined);
    // Version 3 adds typed document variables, document groups, memos, themes and exercise attempts
    // (and the optional Project.citationTemplate/exercise/phase and DocumentRecord.readBy). The variables that
    // documents already use become text variables, so that every value keeps a definition.
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        const documents = (await tx.table('documents').toArray()) as DocumentRecord[];
        const byProject = new Map<string, DocumentRecord[]>();
        for (const d of documents) byProject.set(d.projectGuid, [...(byProject.get(d.projectGuid) ?? []), d]);
        const definitions = [...byProject].flatMap(([projectGuid, docs]) => variableList(projectGuid, [], docs));
        await tx.table('variables').bulkAdd(definitions);
      });
    // Version 4 adds the team-sync outbox; existing records are unchanged (Coder.couchUser is
    // optional and absent on every coder of a project that was never connected).
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(() => undefined);
    if (NEXT_SCHEMA_FOR_TESTS) this.version(5).stores(SCHEMA_V4).upgrade(() => undefined);
    this.use(namesAsData);
    // Dexie 4 opens a database of a newer version as it is; Markeer refuses instead, so that old
    // code never writes shapes it does not know (like Actual's out-of-sync-migrations).
    this.on('ready', (db) => {
      // Dexie stores version n as IndexedDB version 10n.
      const installed = Math.round(db.backendDB().version / 10);
      if (installed > LATEST_VERSION) throw new DatabaseTooNew(installed);
      if (this.connection === 'blocked') this.setConnection('open');
      // Which projects queue their changes for a team server (meta keys `team:<projectGuid>`).
      return db
        .table('meta')
        .where('key')
        .startsWith(TEAM_META_PREFIX)
        .primaryKeys()
        .then((keys) => {
          this.teamProjects.clear();
          for (const k of keys) this.teamProjects.add(String(k).slice(TEAM_META_PREFIX.length));
        });
    });
    // Another tab opens a newer version (or deletes the database). Dexie would close this
    // connection and reopen it silently on the next write, writing old shapes into the newer
    // schema. Instead this tab closes it for good: every later read or write fails
    // (DatabaseClosedError), nothing is written, and the interface asks for a reload. Every command
    // commits before it returns, so there is nothing unsaved to lose.
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: true });
      this.setConnection('outdated');
      return false;
    });
    // This tab opens a newer version while a tab of an older Markeer still holds the database:
    // the open waits until that tab closes or reloads; the interface says so meanwhile.
    this.on('blocked', (event: IDBVersionChangeEvent) => {
      if (event.newVersion && event.newVersion > event.oldVersion) this.setConnection('blocked');
    });
  }

  /**
   * `open`: usable. `blocked`: opening waits for a tab of an older Markeer to let go.
   * `outdated`: a newer Markeer upgraded the database in another tab; this connection is closed
   * and stays closed until the page reloads.
   */
  connectionState(): ConnectionState {
    return this.connection;
  }

  /** Calls `listener` on every change of `connectionState()`; returns the unsubscribe. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private setConnection(state: ConnectionState): void {
    if (this.connection === state || this.connection === 'outdated') return;
    this.connection = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}

export type ConnectionState = 'open' | 'blocked' | 'outdated';

/**
 * A build for the end-to-end test of a tab left open while a newer Markeer upgrades the database
 * (tests/e2e/versions.test.ts builds the app with VITE_MARKEER_NEXT_SCHEMA=1): one version more,
 * with the same shapes. A release build never sets it, and the branch is compiled away.
 */
const NEXT_SCHEMA_FOR_TESTS = (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_MARKEER_NEXT_SCHEMA === '1';

/** The newest schema version this code knows. */
export const LATEST_VERSION = NEXT_SCHEMA_FOR_TESTS ? 5 : 4;

/** The `meta` key prefix of a project's team-server connection (src/sync/team.ts). */
export const TEAM_META_PREFIX = 'team:';

/**
 * The schema version of an existing database, read without opening it (opening could upgrade it),
 * or null when there is none. Markeer checks it before it opens the database.
 */
export async function installedVersion(name = 'markeer'): Promise<number | null> {
  const list = await globalThis.indexedDB?.databases?.();
  const found = list?.find((d) => d.name === name);
  return found?.version ? Math.floor(found.version / 10) : null;
}

export class DatabaseTooNew extends Error {
  override readonly name = 'DatabaseTooNew';
  constructor(readonly version: number) {
    super(`The database has version ${version}; this Markeer knows up to version ${LATEST_VERSION}.`);
  }
}

/** The project record's table, then every project table as `domain/tables.ts` declares them. */
export const TABLES: readonly TableName[] = ['projects', ...PROJECT_TABLES.map((t) => t.store as StoreName)];
export type TableName = 'projects' | StoreName;

/** The Dexie table of a ProjectData list. */
export function storeOf<L extends ListName>(list: L): StoreOf<L> {
  return tableOf(list).store;
}

const keyField = new Map<string, string>(PROJECT_TABLES.map((t) => [t.store, t.key]));

/** The primary key of a row of a table, as Dexie stores it. */
export function keyOf(table: TableName, row: Record<string, unknown>): string | [string, string] {
  if (table === 'projects') return row.guid as string;
  return [row.projectGuid as string, row[keyField.get(table) ?? 'guid'] as string];
}

/**
 * The newest schema as the table declaration gives it: `db.test.ts` checks that it is the schema
 * of the newest version, so that the declaration and the database cannot drift apart.
 */
export function declaredSchema(): Record<string, string> {
  const schema: Record<string, string> = Object.create(null);
  schema.projects = SCHEMA_V1.projects;
  for (const t of PROJECT_TABLES) schema[t.store] = [`[projectGuid+${t.key}]`, ...t.indexes].join(', ');
  schema.meta = SCHEMA_V1.meta;
  schema.syncOutbox = SCHEMA_V4.syncOutbox;
  return schema;
}

let shared: MarkeerDb | null = null;

/** The app's database, opened once. Tests create their own with a fresh name. */
export function getDb(): MarkeerDb {
  shared ??= new MarkeerDb();
  return shared;
}
