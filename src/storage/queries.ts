import type { Code, Coder, Coding, DocumentRecord, DocumentText, Guid, Project, Segment } from '../domain/model';
import type { Table } from 'dexie';
import type { MarkeerDb } from './db';

/** Reads used by the interface (inside liveQuery, so that every tab sees every change). */
export function listProjects(db: MarkeerDb): Promise<Project[]> {
  return db.projects.orderBy('updatedAt').reverse().toArray();
}

export function getProject(db: MarkeerDb, guid: Guid): Promise<Project | undefined> {
  return db.projects.get(guid);
}

export function listCoders(db: MarkeerDb, projectGuid: Guid): Promise<Coder[]> {
  return db.coders.where('projectGuid').equals(projectGuid).toArray();
}

export async function listDocuments(db: MarkeerDb, projectGuid: Guid): Promise<DocumentRecord[]> {
  return sortDocuments(await db.documents.where('projectGuid').equals(projectGuid).toArray());
}

/** Documents in the order the project lists them: their position, then by name. */
export function sortDocuments(documents: readonly DocumentRecord[]): DocumentRecord[] {
  return [...documents].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

export function getDocumentText(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): Promise<DocumentText | undefined> {
  return db.documentTexts.get([projectGuid, documentGuid]);
}

export function listCodes(db: MarkeerDb, projectGuid: Guid): Promise<Code[]> {
  return db.codes.where('projectGuid').equals(projectGuid).toArray();
}

export function listDocumentSegments(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): Promise<Segment[]> {
  return db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, documentGuid]).toArray();
}

export function listProjectSegments(db: MarkeerDb, projectGuid: Guid): Promise<Segment[]> {
  return db.segments.where('projectGuid').equals(projectGuid).toArray();
}

export function listDocumentCodings(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid): Promise<Coding[]> {
  return db.codings.where('[projectGuid+documentGuid]').equals([projectGuid, documentGuid]).toArray();
}

export function listProjectCodings(db: MarkeerDb, projectGuid: Guid): Promise<Coding[]> {
  return db.codings.where('projectGuid').equals(projectGuid).toArray();
}

/** Codings of the given segments, keyed by segment GUID. */
export async function codingsBySegment(db: MarkeerDb, projectGuid: Guid, segmentGuids: readonly Guid[]): Promise<Map<Guid, Coding[]>> {
  const wanted = new Set(segmentGuids);
  const all = await db.codings.where('projectGuid').equals(projectGuid).toArray();
  const map = new Map<Guid, Coding[]>();
  for (const c of all) {
    if (!wanted.has(c.segmentGuid)) continue;
    const list = map.get(c.segmentGuid);
    if (list) list.push(c);
    else map.set(c.segmentGuid, [c]);
  }
  return map;
}

/**
 * Counts a few at a time: `count` for each of `keys`, `chunk` of them per read transaction, one
 * transaction after the other. A count walks its index entry by entry, and on disk each entry
 * costs a lookup: the 1,200 documents of a large project take ten seconds. All of them at once
 * would queue every request in the browser's database process at the same moment, where they stay
 * ahead of every other read (the document the coder clicks waits for all of them) and go on after
 * the page has closed (the next page's reads wait for them). A few at a time, the others' reads
 * come in between, and a closed page leaves one chunk behind. Null when `stopped` says so between
 * two chunks (whoever asked has gone). The counts are no longer of one moment: a write committed
 * between two chunks is in the later chunks' counts and not in the earlier ones'. `onChunk` says
 * which keys were counted, right after their chunk and before any write that chunk did not see
 * is announced (storage/changes.ts), so that the caller can add those writes itself.
 */
export async function countInChunks<K>(
  db: MarkeerDb,
  table: Table,
  keys: readonly K[],
  count: (key: K) => Promise<number>,
  opts: { chunk: number; stopped?: () => boolean; onChunk?: (keys: readonly K[]) => void },
): Promise<number[] | null> {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i += opts.chunk) {
    if (opts.stopped?.()) return null;
    const chunk = keys.slice(i, i + opts.chunk);
    out.push(...(await db.transaction('r', table, () => Promise.all(chunk.map(count)))));
    // A write committed from here on is not in these counts (one committed before now is): the
    // caller adds what it hears of such writes to these keys itself.
    opts.onChunk?.(chunk);
  }
  return out;
}

/** Documents counted per read transaction (countInChunks): a chunk takes about 0.4 s on a large project on disk. */
export const SEGMENT_COUNT_CHUNK = 40;

/**
 * Number of segments per document, for the document list and the frozen-text rule (index counts
 * only), counted a few documents at a time (countInChunks). Null when `stopped` ended it early;
 * `onChunk` tells which documents are counted, as each chunk is.
 */
export async function segmentCounts(
  db: MarkeerDb,
  projectGuid: Guid,
  documentGuids: readonly Guid[],
  opts: { stopped?: () => boolean; onChunk?: (documentGuids: readonly Guid[]) => void } = {},
): Promise<Map<Guid, number> | null> {
  const counts = await countInChunks(db, db.segments, documentGuids, (d) => db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, d]).count(), {
    chunk: SEGMENT_COUNT_CHUNK,
    ...opts,
  });
  return counts && new Map(documentGuids.map((d, i) => [d, counts[i] ?? 0]));
}

export async function getMeta<T>(db: MarkeerDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: MarkeerDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
