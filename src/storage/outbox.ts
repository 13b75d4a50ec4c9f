import type { Transaction } from 'dexie';
import type { Change } from './changes';
import type { MarkeerDb, OutboxEntry, TableName } from './db';

/**
 * Queues, inside a command's own transaction, every row it changed in a project connected to a
 * team server, so that the change and its place in the queue commit together (or not at all).
 * The sync engine (src/sync/engine.ts) reads each queued row anew when it sends it; a row that
 * changed twice before it was sent goes once, as it is now.
 */
export async function queueOutbound(db: MarkeerDb, tx: Transaction, changes: readonly Change[]): Promise<void> {
  if (db.teamProjects.size === 0 || changes.length === 0) return;
  const entries: OutboxEntry[] = [];
  for (const c of changes) {
    const entry = outboxEntry(db, c.table, c.key);
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return;
  await tx.table('syncOutbox').bulkAdd(entries);
  const projects = new Set(entries.map((e) => e.projectGuid));
  // Once committed (not before: a screen may hear of a change before it is stored), the sync
  // engine of each project sends what is queued.
  tx.on('complete', () => {
    for (const l of queuedListeners) l(projects);
  });
}

const queuedListeners = new Set<(projects: ReadonlySet<string>) => void>();

/** Calls `listener` after every commit that queued records, with the projects they belong to. */
export function onQueued(listener: (projects: ReadonlySet<string>) => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

function outboxEntry(db: MarkeerDb, table: TableName, key: Change['key']): OutboxEntry | null {
  const [projectGuid, rowKey] = typeof key === 'string' ? [key, key] : key;
  if (!db.teamProjects.has(projectGuid)) return null;
  return { projectGuid, table, key: rowKey };
}

/** The tables a writing transaction spans: the project tables and the outbox. */
export function writeScope(db: MarkeerDb, tables: readonly TableName[]): string[] {
  return [...tables, 'syncOutbox'].map((t) => db.table(t).name);
}
