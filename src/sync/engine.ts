import type { Table } from 'dexie';
import type { Project } from '../domain/model';
import { onCommitted } from '../storage/changes';
import { onQueued } from '../storage/outbox';
import type { MarkeerDb, OutboxEntry, TableName } from '../storage/db';
import { applyRemoteDocs, conflictsMetaKey, seqMetaKey } from './apply';
import { docId, ownerFor, parseDocId, sameData, sharedPart, SYNCED_TABLES, type Row, type TeamDoc } from './docs';
import { openReplica, remoteOptions, type PouchChange, type PouchDatabase, type PouchEmitter, type PouchEnvironment } from './pouch';


/** What browsers say when a request fails for want of a network (Chromium, Firefox, Safari). */
const NETWORK_FAILURE = /^(Failed to fetch|NetworkError when attempting to fetch resource\.|Load failed)$/;

/** A project's connection to a team server, as this browser keeps it (`meta` `team:<guid>`). */
export interface TeamLink {
  /** The CouchDB database URL (no credentials). */
  readonly url: string;
  /** The CouchDB user signed in from this browser. */
  readonly user: string;
  /** Whether this browser connected the project (the lead) or joined it (a coder). */
  readonly role: 'lead' | 'coder';
  readonly connectedAt: string;
}

/** Where a connected project's replication stands, as the header shows it. */
export type SyncState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'synced'; readonly at: string }
  | { readonly kind: 'syncing'; readonly pending: number }
  | { readonly kind: 'offline'; readonly since: string; readonly pending: number }
  /** The server no longer knows this browser's session (it expired): sign in again. */
  | { readonly kind: 'signed-out' }
  /** The server refuses this user the database (not a member, or the database is gone). */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

/** A change the server refused; it stays in this browser (and in its exports). */
export interface RefusedChange {
  readonly id: string;
  readonly table: TableName;
  readonly key: string;
  /** The server's reason (src/sync/design.ts `parseRefusal` reads Markeer's own). */
  readonly reason: string;
  readonly at: string;
}

export interface SyncStatus {
  readonly state: SyncState;
  readonly refused: readonly RefusedChange[];
  /** Ids of records with conflicting versions (see `conflictVersions`). */
  readonly conflicts: readonly string[];
}

export const refusedMetaKey = (projectGuid: string): string => `team-refused:${projectGuid}`;


const BATCH = 500;
/** Documents per page of the first copy into an empty browser. */
const BOOTSTRAP_PAGE = 2000;
/** The order of the first copy: what the screens show first, first (then any other table). */
const FIRST: readonly TableName[] = ['projects', 'coders', 'codes', 'variables', 'groups', 'documents', 'themes', 'documentTexts', 'segments', 'codings'];
const BOOTSTRAP_ORDER: readonly TableName[] = [...FIRST, ...SYNCED_TABLES.filter((t) => !FIRST.includes(t))];

/**
 * Keeps one connected project in step with its team database, in the background.
 *
 *   commands -> Dexie (+ outbox, same transaction) -> pump -> local replica (PouchDB)
 *   local replica <-> PouchDB live sync <-> CouchDB
 *   local replica changes feed -> applyRemoteDocs -> Dexie (own transaction, not undoable)
 *
 * Dexie stays the app's store: every screen reads it and every command writes it, online or not.
 * The local replica holds the documents with their revision trees and the replication's
 * checkpoints, so replication resumes where it stopped after a reload or a week offline.
 */
export class TeamSync {
  readonly local: PouchDatabase;
  readonly remote: PouchDatabase;
  private replication: PouchEmitter | null = null;
  private feed: PouchEmitter | null = null;
  private stopCommitted: (() => void) | null = null;
  private stopQueued: (() => void) | null = null;
  /** The background part of start(): the first copy, then the feed, the pump and replication. */
  private running: Promise<void> = Promise.resolve();
  private incoming: PouchChange[] = [];
  private applying: Promise<void> = Promise.resolve();
  private applyScheduled = false;
  private pumpRun: Promise<void> | null = null;
  private pumpAgain = false;
  private pumpRetry: ReturnType<typeof setTimeout> | null = null;
  /** Documents written to the replica and not yet known to be on the server. */
  private unsent = 0;
  private outboxSize = 0;
  private state: SyncState = { kind: 'starting' };
  private refused: RefusedChange[] = [];
  private conflicts: string[] = [];
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private stopped = false;
  private readonly onOnline = () => this.restartReplication();
  /**
   * The replication library leaves some of its own requests' failures unhandled when the network
   * goes while they are under way (PouchDB 9's http adapter; cf. apache/pouchdb#7047): a rejected
   * `fetch` ("Failed to fetch") that nothing awaits. The replication retries by itself and the
   * header says offline, so such a failure is expected here, not an error of the page. Only a
   * network failure (a TypeError from fetch) is taken; the app makes no other requests.
   */
  private readonly onStrayFailure = (e: PromiseRejectionEvent) => {
    const reason: unknown = e.reason;
    if (reason instanceof TypeError && NETWORK_FAILURE.test(reason.message)) e.preventDefault();
  };
  private readonly onOffline = () => this.setState({ kind: 'offline', since: this.now(), pending: this.pending() });

  constructor(
    private readonly db: MarkeerDb,
    readonly projectGuid: string,
    readonly link: TeamLink,
    private readonly env: PouchEnvironment,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.local = openReplica(env, link.url);
    this.remote = env.remote?.(link.url) ?? new env.Pouch(link.url, remoteOptions(env.Pouch));
  }

  async start(): Promise<void> {
    this.refused = listOf<RefusedChange>((await this.db.meta.get(refusedMetaKey(this.projectGuid)))?.value);
    this.conflicts = listOf<string>((await this.db.meta.get(conflictsMetaKey(this.projectGuid)))?.value);
    const since = ((await this.db.meta.get(seqMetaKey(this.projectGuid)))?.value as number | string | undefined) ?? 0;
    this.stopCommitted = onCommitted((changes) => {
      // The project was deleted in this browser: its sync ends (nothing changes on the server).
      if (changes.some((c) => c.table === 'projects' && c.key === this.projectGuid && c.after === undefined)) void this.stop();
    });
    this.stopQueued = onQueued((projects) => {
      if (projects.has(this.projectGuid)) this.schedulePump();
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
      window.addEventListener('unhandledrejection', this.onStrayFailure);
    }
    // The rest runs in the background: a first sync takes a while, and the project is usable
    // (and fills up) meanwhile.
    this.running = this.begin(since).catch((e: unknown) => {
      // The replica could not be read (the browser's storage failed): say so where sync is shown.
      console.error('Markeer: team sync could not start', e);
      this.setState({ kind: 'refused', status: 0, reason: e instanceof Error ? e.message : String(e) });
    });
  }

  private async begin(since: number | string): Promise<void> {
    let from = since;
    if (from === 0 && (await this.local.info()).doc_count === 0) {
      try {
        from = await this.bootstrap();
      } catch (e) {
        // Replication brings everything anyway, only slower.
        console.warn('Markeer: the first copy from the team server broke off; replication continues', e);
        from = 0;
      }
    }
    if (this.stopped) return;
    // The feed names what changed; the documents are read per batch with their conflicts
    // (allDocs reports `_conflicts` on every PouchDB storage; a live changes feed not on all).
    this.feed = this.local
      .changes({ since: from, live: true, include_docs: false, return_docs: false, batch_size: BATCH })
      .on('change', (change: PouchChange) => {
        this.incoming.push(change);
        this.scheduleApply();
      });
    await this.pump();
    this.startReplication();
  }

  /**
   * The first copy into an empty browser, in large pages of the server's current documents: each
   * page goes into the replica as the server's revisions (`new_edits: false`, as replication
   * writes them) and into the project, while the next page is on its way. Replication then
   * starts from the beginning but finds every revision already here, and fetches only what
   * changed meanwhile, deletions and the losing versions of conflicts. Returns the replica's
   * position after the copy, where the project's feed goes on.
   */
  private async bootstrap(): Promise<number | string> {
    // Table by table, what the screens need first first: the project, its coders, codebook and
    // document list before the texts and the coding.
    for (const table of BOOTSTRAP_ORDER) {
      const page = (startkey: string) =>
        this.remote.allDocs({ include_docs: true, conflicts: true, limit: BOOTSTRAP_PAGE, startkey, endkey: `${table}:\uffff`, skip: startkey === `${table}:` ? 0 : 1 });
      let next = page(`${table}:`);
      for (;;) {
        const { rows } = await next;
        if (rows.length === 0 || this.stopped) break;
        const last = rows[rows.length - 1]?.id ?? rows[rows.length - 1]?.key ?? '';
        next = rows.length < BOOTSTRAP_PAGE ? Promise.resolve({ rows: [] }) : page(last);
        const docs = rows.map((r) => r.doc).filter((d): d is TeamDoc => !!d);
        await this.local.bulkDocs(
          docs.map(({ _conflicts: _ignored, ...doc }) => doc),
          { new_edits: false },
        );
        await applyRemoteDocs(this.db, this.projectGuid, docs, null);
      }
    }
    const seq = (await this.local.info()).update_seq;
    await this.db.meta.put({ key: seqMetaKey(this.projectGuid), value: seq });
    this.conflicts = listOf<string>((await this.db.meta.get(conflictsMetaKey(this.projectGuid)))?.value);
    this.emit();
    return seq;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopCommitted?.();
    this.stopQueued?.();
    this.feed?.cancel();
    this.replication?.cancel();
    if (this.pumpRetry) clearTimeout(this.pumpRetry);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
      window.removeEventListener('unhandledrejection', this.onStrayFailure);
    }
    await this.running.catch(() => undefined);
    // The outbox's batch under way goes into the replica before it closes (the pump stops after it).
    await this.pumpRun?.catch(() => undefined);
    await this.applying;
    await this.local.close().catch(() => undefined);
    if (!this.env.remote) await this.remote.close().catch(() => undefined);
  }

  status(): SyncStatus {
    return { state: this.state, refused: this.refused, conflicts: this.conflicts };
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the replication again at once (after signing in again, or back online). */
  restartReplication(): void {
    if (this.stopped) return;
    this.replication?.cancel();
    this.startReplication();
  }

  /** Waits until everything queued here is in the replica and applied (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.running;
    while (this.pumpRun) await this.pumpRun;
    await this.pump();
    await this.applying;
  }

  /** Forgets refused changes the user has seen (their content stays in the project). */
  async dismissRefused(ids: readonly string[]): Promise<void> {
    const drop = new Set(ids);
    this.refused = this.refused.filter((r) => !drop.has(r.id));
    await this.db.meta.put({ key: refusedMetaKey(this.projectGuid), value: this.refused });
    this.emit();
  }

  /** Every version of a record in conflict: the winner (shown meanwhile) first. */
  async conflictVersions(id: string): Promise<{ rev: string; doc: TeamDoc }[]> {
    const winner = await this.local.get(id, { conflicts: true });
    const losers = await Promise.all((winner._conflicts ?? []).map((rev) => this.local.get(id, { rev })));
    return [winner, ...losers].map((doc) => ({ rev: doc._rev as string, doc }));
  }

  /**
   * Settles a conflict with the version the user chose: it becomes the record's only version
   * (written over the winner; the other branches are closed), and replicates like any change.
   */
  async resolveConflict(id: string, chosenRev: string): Promise<void> {
    const versions = await this.conflictVersions(id);
    const winner = versions[0];
    const chosen = versions.find((v) => v.rev === chosenRev);
    if (!winner || !chosen) return;
    const { _conflicts: _ignored, ...winnerDoc } = winner.doc;
    const docs: (TeamDoc | Row)[] = [];
    if (chosen.rev !== winner.rev) docs.push({ ...winnerDoc, data: chosen.doc.data, owner: winner.doc.owner });
    for (const v of versions.slice(1)) docs.push({ _id: id, _rev: v.rev, _deleted: true, table: v.doc.table, owner: v.doc.owner, data: {} });
    await this.local.bulkDocs(docs);
  }

  private pending(): number {
    return this.outboxSize + this.unsent;
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    const status = this.status();
    for (const l of this.listeners) l(status);
  }

  private schedulePump(): void {
    void this.pump();
  }

  /** Moves queued records from the outbox into the local replica, in batches. */
  pump(): Promise<void> {
    if (this.pumpRun) {
      this.pumpAgain = true;
      return this.pumpRun;
    }
    this.pumpRun = this.drain().finally(() => {
      this.pumpRun = null;
      if (this.pumpAgain && !this.stopped) {
        this.pumpAgain = false;
        void this.pump();
      }
    });
    return this.pumpRun;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const entries = await this.db.syncOutbox.where('projectGuid').equals(this.projectGuid).limit(BATCH).toArray();
      if (entries.length === 0) break;
      const retry = await this.send(entries);
      if (retry) {
        // The replica moved on under us (a document arrived meanwhile): try again shortly.
        this.pumpRetry ??= setTimeout(() => {
          this.pumpRetry = null;
          this.schedulePump();
        }, 200);
        break;
      }
    }
    this.outboxSize = await this.db.syncOutbox.where('projectGuid').equals(this.projectGuid).count();
  }

  /** Sends one batch; true when some records must be tried again. */
  private async send(entries: readonly OutboxEntry[]): Promise<boolean> {
    const project = await this.db.projects.get(this.projectGuid);
    const me = { user: this.link.user, coderGuid: (project as Project | undefined)?.ownerCoderGuid ?? '' };
    const unique = new Map<string, { table: TableName; key: string }>();
    for (const e of entries) unique.set(docId(e.table, e.key), { table: e.table, key: e.key });
    const ids = [...unique.keys()];
    const rows = await Promise.all(
      [...unique.values()].map(({ table, key }) =>
        (this.db.table(table) as Table<Row, string | [string, string]>).get(table === 'projects' ? key : [this.projectGuid, key]),
      ),
    );
    const existing = (await this.local.allDocs({ keys: ids, include_docs: true })).rows;
    const docs: TeamDoc[] = [];
    ids.forEach((id, i) => {
      const { table } = unique.get(id) as { table: TableName; key: string };
      const row = rows[i];
      const found = existing[i];
      const rev = found?.value?.rev;
      const doc = found?.doc ?? undefined;
      const deleted = found?.value?.deleted === true;
      if (row === undefined) {
        if (rev && !deleted) docs.push({ _id: id, _rev: rev, _deleted: true, table, owner: doc?.owner ?? null, data: {} });
        return;
      }
      const data = sharedPart(table, row);
      if (doc && !deleted && sameData(doc.data, data)) return;
      const owner = ownerFor(table, row, me, deleted ? undefined : doc);
      docs.push({ _id: id, ...(rev ? { _rev: rev } : {}), table, owner, data });
    });
    let retry = false;
    if (docs.length > 0) {
      const results = await this.local.bulkDocs(docs);
      retry = results.some((r) => r.status === 409 || r.name === 'conflict');
      this.unsent += results.filter((r) => r.ok).length;
    }
    if (!retry) {
      const last = entries[entries.length - 1]?.seq ?? 0;
      await this.db.syncOutbox.where('seq').belowOrEqual(last).and((e) => e.projectGuid === this.projectGuid).delete();
    }
    if (docs.length > 0) {
      this.outboxSize = Math.max(0, this.outboxSize - entries.length);
      if (this.state.kind === 'offline') this.setState({ ...this.state, pending: this.pending() });
      else this.setState({ kind: 'syncing', pending: this.pending() });
    }
    return retry;
  }

  private scheduleApply(): void {
    if (this.applyScheduled) return;
    this.applyScheduled = true;
    this.applying = this.applying.then(async () => {
      // Let the changes of one replication batch gather, then apply them as one transaction.
      await new Promise((r) => setTimeout(r, 0));
      this.applyScheduled = false;
      while (this.incoming.length > 0 && !this.stopped) {
        const batch = this.incoming.splice(0, BATCH * 4);
        const seq = batch[batch.length - 1]?.seq ?? null;
        try {
          const docs = await this.read([...new Set(batch.map((c) => c.id))]);
          await applyRemoteDocs(this.db, this.projectGuid, docs, seq);
        } catch (e) {
          // The project could not take the batch (the disk is full): it is read again from the
          // replica after a reload, from the last stored position.
          console.error('Markeer: could not apply changes from the team server', e);
          return;
        }
        this.conflicts = listOf<string>((await this.db.meta.get(conflictsMetaKey(this.projectGuid)))?.value);
        this.emit();
      }
    });
  }

  /** The replica's current documents with their conflicts; a deleted one as a deletion. */
  private async read(ids: readonly string[]): Promise<TeamDoc[]> {
    const docs: TeamDoc[] = [];
    if (ids.length === 0) return docs;
    const { rows } = await this.local.allDocs({ keys: [...ids], include_docs: true, conflicts: true });
    for (const row of rows) {
      const parsed = parseDocId(row.key);
      if (!parsed) continue;
      if (row.doc) docs.push(row.doc);
      else if (row.value?.deleted) docs.push({ _id: row.key, _rev: row.value.rev, _deleted: true, table: parsed.table, owner: null, data: {} });
    }
    return docs;
  }

  private startReplication(): void {
    if (this.stopped) return;
    const replication = this.env.Pouch.sync(this.local, this.remote, {
      live: true,
      retry: true,
      batch_size: BATCH,
      // Retry soon after a failure, and never wait longer than ten seconds (PouchDB's default grows
      // to ten minutes); coming back online restarts at once.
      back_off_function: (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 10_000)),
    });
    this.replication = replication;
    // The replication is also a promise that fails when it stops on an error (a request that
    // fails as it is cancelled, offline): the events below report it; the promise must not go
    // unhandled.
    replication.catch(() => undefined);
    replication
      .on('active', () => {
        // A replication wakes up for every change it sees; "syncing" is worth saying when there is
        // something of ours to send, or when it comes back from offline or a start. Without a
        // network it only tries: the header keeps saying offline, with what waits.
        if (this.replication !== replication) return;
        if (this.state.kind === 'offline' && typeof navigator !== 'undefined' && navigator.onLine === false) {
          this.setState({ ...this.state, pending: this.pending() });
          return;
        }
        if (this.pending() > 0 || this.state.kind === 'offline' || this.state.kind === 'starting') this.setState({ kind: 'syncing', pending: this.pending() });
      })
      .on('change', (info: { direction?: string; change?: { docs_written?: number } }) => {
        if (this.replication !== replication || info.direction !== 'push') return;
        this.unsent = Math.max(0, this.unsent - (info.change?.docs_written ?? 0));
        if (this.state.kind === 'syncing') this.setState({ kind: 'syncing', pending: this.pending() });
      })
      .on('paused', (err?: { status?: number; reason?: string; message?: string }) => {
        if (this.replication !== replication) return;
        if (err) this.failed(err);
        else if (typeof navigator !== 'undefined' && navigator.onLine === false) this.failed({});
        else if (this.pending() === 0) this.setState({ kind: 'synced', at: this.now() });
        else this.setState({ kind: 'syncing', pending: this.pending() });
      })
      // PouchDB's sync wraps the push's refusal: { direction, doc: { id, error, reason } }.
      .on('denied', (event: { direction?: string; doc?: { id?: string; reason?: string; message?: string }; id?: string; reason?: string; message?: string }) => {
        void this.refuse(event.doc ?? event);
      })
      .on('error', (err: { status?: number; reason?: string; message?: string }) => {
        if (this.replication === replication) this.failed(err);
      });
  }

  private failed(err: { status?: number; reason?: string; message?: string }): void {
    if (err.status === 401) {
      this.replication?.cancel();
      this.setState({ kind: 'signed-out' });
    } else if (err.status === 403 || err.status === 404) {
      this.replication?.cancel();
      this.setState({ kind: 'refused', status: err.status, reason: err.reason ?? err.message ?? '' });
    } else if (this.state.kind !== 'offline') {
      this.setState({ kind: 'offline', since: this.now(), pending: this.pending() });
    } else {
      this.setState({ ...this.state, pending: this.pending() });
    }
  }

  private async refuse(err: { id?: string; reason?: string; message?: string }): Promise<void> {
    // A refused document is not on its way any more.
    this.unsent = Math.max(0, this.unsent - 1);
    const parsed = err.id ? parseDocId(err.id) : null;
    if (!err.id || !parsed) return;
    const entry: RefusedChange = { id: err.id, table: parsed.table, key: parsed.key, reason: err.reason ?? err.message ?? '', at: this.now() };
    this.refused = [...this.refused.filter((r) => r.id !== err.id), entry];
    await this.db.meta.put({ key: refusedMetaKey(this.projectGuid), value: this.refused });
    this.emit();
  }
}

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
