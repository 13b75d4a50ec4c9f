/**
 * A document's segments and codings, read while the page starts (issue 15: opening a coded
 * document as fast as its text). The address says which document a fresh page will show; reading
 * its 10,000 segments and codings keeps the database busy for a few hundred milliseconds, which it
 * can spend while the page loads and renders its screens instead of after. The transcript's hook
 * (ui useDocumentCodings) takes the read when it mounts. Whatever is committed after the read
 * began (in this tab or another) is kept with it, so that a write in between is applied on top,
 * as the hook does with changes that arrive during its own read.
 */
import type { Coding, Guid, Segment } from '../domain/model';
import { onCommitted, type Change } from './changes';
import type { MarkeerDb } from './db';
import { listDocumentCodings, listDocumentSegments } from './queries';

export interface DocumentRows {
  readonly segments: Segment[];
  readonly codings: Coding[];
}

/** A read begun ahead, and the changes committed since it began. */
export interface DocumentAhead {
  readonly read: Promise<DocumentRows>;
  readonly changes: readonly Change[];
}

/** How long a read ahead waits to be taken: after that the document has not opened, and it goes. */
export const AHEAD_KEPT_MS = 30_000;

interface Pending extends DocumentAhead {
  readonly db: MarkeerDb;
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  readonly stop: () => void;
}

let pending: Pending | null = null;

/** The document's segments and codings, in one read transaction. */
export function readDocumentRows(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): Promise<DocumentRows> {
  return db
    .transaction('r', db.segments, db.codings, () => Promise.all([listDocumentSegments(db, projectGuid, documentGuid), listDocumentCodings(db, projectGuid, documentGuid)]))
    .then(([segments, codings]) => ({ segments, codings }));
}

/** Begins reading the document's rows now, for takeDocumentAhead; one read ahead at a time. */
export function readDocumentAhead(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): void {
  dropDocumentAhead();
  const changes: Change[] = [];
  // One at a time, not spread: a batch from another tab's import can hold more rows than a call's
  // arguments may. Only segments and codings concern the document's rows.
  const off = onCommitted((batch) => {
    for (const c of batch) if (c.table === 'segments' || c.table === 'codings') changes.push(c);
  });
  const read = readDocumentRows(db, projectGuid, documentGuid);
  // Not taken, a failed read is nobody's error; taken, the hook hears of it as of its own read.
  read.catch(() => undefined);
  const timer = setTimeout(() => {
    if (pending?.read === read) dropDocumentAhead();
  }, AHEAD_KEPT_MS);
  pending = {
    db,
    projectGuid,
    documentGuid,
    read,
    changes,
    stop: () => {
      off();
      clearTimeout(timer);
    },
  };
}

/**
 * The read begun ahead for this document of this database, with the changes committed since it
 * began, or null when there is none; taken once. A read ahead of another document is dropped.
 */
export function takeDocumentAhead(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): DocumentAhead | null {
  const p = pending;
  if (!p) return null;
  dropDocumentAhead();
  if (p.db !== db || p.projectGuid !== projectGuid || p.documentGuid !== documentGuid) return null;
  return { read: p.read, changes: p.changes };
}

/** Forgets the read ahead, if any. */
export function dropDocumentAhead(): void {
  pending?.stop();
  pending = null;
}
