import { ok, type Result } from '../domain/assert';
import { createDocument } from '../domain/factories';
import { now } from '../domain/ids';
import { checkDocumentLength } from '../domain/limits';
import type { DocumentRecord, DocumentText, Guid, SpeakerMap } from '../domain/model';
import { emptyRecord } from '../domain/records';
import { normalizeText, sha256Hex } from '../domain/text';
import { detectTurns } from '../domain/turns';
import type { MarkeerDb } from '../storage/db';
import { removeMemosOf } from './memos';
import { CommandAbort, runWrite, type CommandFailure } from './run';

export interface NewDocument {
  readonly name: string;
  readonly text: string;
  readonly source?: string;
}

async function prepare(projectGuid: Guid, input: NewDocument, order: number) {
  const text = normalizeText(input.text);
  const record = createDocument({
    projectGuid,
    name: input.name || 'document',
    length: text.length,
    sha256: await sha256Hex(text),
    order,
    source: input.source,
  });
  const stored: DocumentText = { documentGuid: record.guid, projectGuid, text, turns: detectTurns(text) };
  return { record, stored };
}

/**
 * A text (as typed or pasted, before normalisation) longer than Markeer keeps (domain/limits.ts).
 * Normalising never lengthens a text, so only a long one is normalised to measure it.
 */
function tooLongToStore(name: string, text: string) {
  const unchecked = checkDocumentLength(name, text.length);
  return unchecked && checkDocumentLength(name, normalizeText(text).length);
}

/** Adds documents to a project as one undoable step. Hashing and turn detection run before the transaction. */
export async function addDocuments(
  projectGuid: Guid,
  inputs: readonly NewDocument[],
  options: { db?: MarkeerDb; firstOrder: number },
): Promise<Result<Guid[], CommandFailure>> {
  for (const d of inputs) {
    const tooLong = tooLongToStore(d.name || 'document', d.text);
    if (tooLong) return tooLong;
  }
  const prepared = await Promise.all(inputs.map((d, i) => prepare(projectGuid, d, options.firstOrder + i)));
  return runWrite({ db: options.db, projectGuid, undoLabel: 'history.addDocuments' }, async (rec) => {
    for (const p of prepared) {
      await rec.put('documents', p.record);
      await rec.put('documentTexts', p.stored);
    }
    return prepared.map((p) => p.record.guid);
  });
}

async function hasSegments(db: Pick<MarkeerDb, 'segments'>, projectGuid: Guid, documentGuid: Guid): Promise<boolean> {
  return (await db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, documentGuid]).count()) > 0;
}

/** Replaces a document's text; refused once the document has a segment (its text is frozen then). */
export async function editDocumentText(
  projectGuid: Guid,
  documentGuid: Guid,
  newText: string,
  db?: MarkeerDb,
): Promise<Result<void, CommandFailure>> {
  const text = normalizeText(newText);
  const sha256 = await sha256Hex(text);
  const turns = detectTurns(text);
  return runWrite({ db, projectGuid, undoLabel: 'history.editText' }, async (rec) => {
    if (await hasSegments(rec.db, projectGuid, documentGuid)) throw new CommandAbort('document-frozen');
    const doc = await rec.update<DocumentRecord>('documents', [projectGuid, documentGuid], { length: text.length, sha256, updatedAt: now() });
    if (!doc) throw new CommandAbort('not-found');
    const tooLong = checkDocumentLength(doc.name, text.length);
    if (tooLong) throw new CommandAbort(tooLong.reason, tooLong.detail);
    await rec.put('documentTexts', { documentGuid, projectGuid, text, turns } satisfies DocumentText);
  });
}

function patchDocument(label: string, patch: (doc: DocumentRecord) => Partial<DocumentRecord>) {
  return (projectGuid: Guid, documentGuid: Guid, db?: MarkeerDb) =>
    runWrite({ db, projectGuid, undoLabel: label }, async (rec) => {
      const doc = await rec.db.documents.get([projectGuid, documentGuid]);
      if (!doc) throw new CommandAbort('not-found');
      await rec.update<DocumentRecord>('documents', [projectGuid, documentGuid], { ...patch(doc), updatedAt: now() });
    });
}

export function renameDocument(projectGuid: Guid, documentGuid: Guid, name: string, db?: MarkeerDb) {
  if (!name.trim()) return Promise.resolve({ ok: false as const, reason: 'empty-name' as const });
  return patchDocument('history.renameDocument', () => ({ name: name.trim() }))(projectGuid, documentGuid, db);
}

/**
 * Renames (or merges, when the new name is another speaker's), or with `to` null drops, the
 * speaker shown as `shown`; `to` equal to `shown` restores a dropped label of that name. Works on
 * the labels actually written in the text (the stored turns), so reused names never catch another
 * speaker, and the map never holds keys that are not labels. The text itself never changes.
 */
export async function setSpeaker(projectGuid: Guid, documentGuid: Guid, shown: string, to: string | null, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const target = to === null ? null : to.trim();
  if (target === '') return { ok: false, reason: 'empty-name' };
  return runWrite({ db, projectGuid, undoLabel: 'history.speaker' }, async (rec) => {
    const doc = await rec.db.documents.get([projectGuid, documentGuid]);
    const stored = await rec.db.documentTexts.get([projectGuid, documentGuid]);
    if (!doc || !stored) throw new CommandAbort('not-found');
    const labels = new Set(stored.turns.map((t) => t.speaker));
    const map = emptyRecord<string | null>();
    for (const [k, v] of Object.entries(doc.speakerMap)) if (labels.has(k)) map[k] = v;
    const restoring = target === shown;
    for (const label of labels) {
      const current = Object.hasOwn(map, label) ? map[label] : label;
      const matches = restoring ? current === null && label === shown : current === shown;
      if (!matches) continue;
      if (target === label) delete map[label];
      else map[label] = target;
    }
    await rec.update<DocumentRecord>('documents', [projectGuid, documentGuid], { speakerMap: map as SpeakerMap, updatedAt: now() });
  });
}

/** Deletes a document with its text, segments, codings and memos (its own and its segments'), as one undoable step. */
export async function deleteDocument(projectGuid: Guid, documentGuid: Guid, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const result = await runWrite({ db, projectGuid, undoLabel: 'history.deleteDocument' }, async (rec) => {
    const segments = await rec.db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, documentGuid]).toArray();
    for (const s of segments) {
      const codings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, s.guid]).toArray();
      for (const c of codings) await rec.delete('codings', [projectGuid, c.guid]);
      await rec.delete('segments', [projectGuid, s.guid]);
    }
    await removeMemosOf(rec, projectGuid, [documentGuid, ...segments.map((s) => s.guid)]);
    // Groups keep only existing documents (a bundle with a dangling member is refused on import).
    for (const g of await rec.db.groups.where('projectGuid').equals(projectGuid).toArray()) {
      if (g.documentGuids.includes(documentGuid)) await rec.update('groups', [projectGuid, g.guid], { documentGuids: g.documentGuids.filter((d) => d !== documentGuid) });
    }
    await rec.delete('documentTexts', [projectGuid, documentGuid]);
    await rec.delete('documents', [projectGuid, documentGuid]);
  });
  return result.ok ? ok(undefined) : result;
}
