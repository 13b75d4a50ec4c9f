import type { Code, Coder, Coding, DocumentRecord, DocumentText, Guid, Project, Segment } from '../domain/model';
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

/** Number of segments per document, for the document list and the frozen-text rule (index counts only). */
export async function segmentCounts(db: MarkeerDb, projectGuid: Guid, documentGuids: readonly Guid[]): Promise<Map<Guid, number>> {
  // One transaction for all the counts: a transaction of its own per count (1,200 on a large
  // project) cost 400 ms of the page's time in Dexie and IndexedDB set-up alone.
  const counts = await db.transaction('r', db.segments, () =>
    Promise.all(documentGuids.map((d) => db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, d]).count())),
  );
  return new Map(documentGuids.map((d, i) => [d, counts[i] ?? 0]));
}

export async function getMeta<T>(db: MarkeerDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: MarkeerDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
