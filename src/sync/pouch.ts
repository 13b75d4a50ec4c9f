/**
 * The part of PouchDB (https://pouchdb.com, the maintained CouchDB replication library) that the
 * sync engine uses, typed here so that the engine does not depend on PouchDB's own typings. The
 * browser loads PouchDB only when a project is connected (`loadPouch`, a separate chunk).
 */
import type { Row, TeamDoc } from './docs';

export interface PouchChange {
  readonly id: string;
  readonly seq: number | string;
  readonly deleted?: boolean;
  readonly doc?: TeamDoc;
}

export interface PouchEmitter {
  on(event: string, listener: (...args: never[]) => void): this;
  cancel(): void;
}

export interface PouchBulkResult {
  readonly ok?: boolean;
  readonly id?: string;
  readonly rev?: string;
  readonly error?: boolean | string;
  readonly status?: number;
  readonly name?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface PouchDatabase {
  readonly name: string;
  get(id: string, options?: { rev?: string; conflicts?: boolean; revs?: boolean }): Promise<TeamDoc>;
  allDocs(options: { keys?: string[]; include_docs?: boolean; conflicts?: boolean; startkey?: string; endkey?: string; limit?: number; skip?: number }): Promise<{ rows: { key: string; id?: string; value?: { rev: string; deleted?: boolean }; doc?: TeamDoc | null; error?: string }[] }>;
  bulkDocs(docs: readonly (TeamDoc | Row)[], options?: { new_edits?: boolean }): Promise<PouchBulkResult[]>;
  changes(options: { since?: number | string; live?: boolean; include_docs?: boolean; conflicts?: boolean; batch_size?: number; limit?: number; return_docs?: boolean }): PouchEmitter & Promise<{ results: PouchChange[]; last_seq: number | string }>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface PouchReplicationOptions {
  live?: boolean;
  retry?: boolean;
  batch_size?: number;
  batches_limit?: number;
  back_off_function?: (delay: number) => number;
  heartbeat?: number | false;
}

export interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): PouchDatabase;
  sync(a: PouchDatabase, b: PouchDatabase, options?: PouchReplicationOptions): PouchEmitter & Promise<unknown>;
  replicate(a: PouchDatabase, b: PouchDatabase, options?: PouchReplicationOptions): PouchEmitter & Promise<{ docs_written: number; doc_write_failures: number }>;
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** How the engine opens databases: a local one (this browser) and the team server's. */
export interface PouchEnvironment {
  readonly Pouch: PouchStatic;
  /** Options for a local database (the adapter). */
  readonly local: Record<string, unknown>;
  /** Opens the team database (tests: one shared in-memory database); default: over HTTP. */
  readonly remote?: (url: string) => PouchDatabase;
  /** Tests only: several "browsers" in one process keep their replicas apart by this prefix. */
  readonly replicaPrefix?: string;
}

/** The local replica of a team database in this browser (its own IndexedDB database). */
export function openReplica(env: PouchEnvironment, url: string): PouchDatabase {
  // One name without slashes: some PouchDB storages take a name as a path.
  return new env.Pouch(`${env.replicaPrefix ?? ''}markeer-team-${encodeURIComponent(url)}`, env.local);
}

/**
 * PouchDB with IndexedDB storage and HTTP replication, for the browser. The remote database sends
 * the CouchDB session cookie (`credentials: 'include'`): no password is kept anywhere.
 */
export async function loadPouch(): Promise<PouchEnvironment> {
  const [core, idb, http, replication] = await Promise.all([
    import('pouchdb-core'),
    import('pouchdb-adapter-indexeddb'),
    import('pouchdb-adapter-http'),
    import('pouchdb-replication'),
  ]);
  const Pouch = core.default as unknown as PouchStatic & { plugin(p: unknown): typeof Pouch };
  Pouch.plugin(idb.default).plugin(http.default).plugin(replication.default);
  return { Pouch, local: { adapter: 'indexeddb', revs_limit: 100 } };
}

/** Options for the team server's database: its session cookie goes with every request. */
export function remoteOptions(Pouch: PouchStatic): Record<string, unknown> {
  return {
    skip_setup: true,
    fetch: (url: string, init?: RequestInit) => Pouch.fetch(url, { ...init, credentials: 'include' }),
  };
}
