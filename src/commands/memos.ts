import { createMemo as newMemo } from '../domain/factories';
import { now } from '../domain/ids';
import type { Guid, Memo, MemoTargetKind } from '../domain/model';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite } from './run';

/** What a memo is about: the project itself, or one of its documents, codes or segments. */
export type MemoTarget = { readonly kind: 'project'; readonly guid: null } | { readonly kind: Exclude<MemoTargetKind, 'project'>; readonly guid: Guid };

/** A memo's content as the editor saves it. */
export interface MemoContent {
  readonly title: string;
  /** Plain text (the editor's `root.getTextContent()`): what search, exports and other tools read. */
  readonly text: string;
  /** The Lexical editor state as JSON; null for a memo written as plain text. */
  readonly rich: string | null;
}

async function targetExists(rec: ChangeRecorder, projectGuid: Guid, target: MemoTarget): Promise<boolean> {
  switch (target.kind) {
    case 'project':
      return (await rec.db.projects.get(projectGuid)) !== undefined;
    case 'document':
      return (await rec.db.documents.get([projectGuid, target.guid])) !== undefined;
    case 'code':
      return (await rec.db.codes.get([projectGuid, target.guid])) !== undefined;
    case 'segment':
      return (await rec.db.segments.get([projectGuid, target.guid])) !== undefined;
  }
}

/**
 * Writes a new memo on the project, a document, a code or a segment, by `authorGuid` (the coder
 * in this browser). Refused with 'not-found' when the target no longer exists (deleted in another
 * tab), because a memo on nothing could not be exported. Returns the memo.
 */
export async function createMemo(
  projectGuid: Guid,
  input: { target: MemoTarget; authorGuid: Guid } & MemoContent,
  db?: MarkeerDb,
) {
  return runWrite({ db, projectGuid, undoLabel: 'history.createMemo' }, async (rec) => {
    if (!(await targetExists(rec, projectGuid, input.target))) throw new CommandAbort('not-found');
    const memo = newMemo({
      projectGuid,
      authorGuid: input.authorGuid,
      targetKind: input.target.kind,
      targetGuid: input.target.guid,
      title: input.title,
      text: input.text,
      rich: input.rich,
    });
    await rec.add('memos', memo);
    return memo;
  });
}

/**
 * Saves a memo's title and content and sets its `updatedAt`; the author stays whoever created it.
 * Saving unchanged content writes nothing (and leaves no step in the undo history). Returns the
 * memo as stored.
 */
export async function updateMemo(projectGuid: Guid, memoGuid: Guid, content: MemoContent, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.updateMemo' }, async (rec) => {
    const memo = await rec.db.memos.get([projectGuid, memoGuid]);
    if (!memo) throw new CommandAbort('not-found');
    const title = content.title.trim();
    if (memo.title === title && memo.text === content.text && memo.rich === content.rich) return memo;
    const updated = await rec.update<Memo>('memos', [projectGuid, memoGuid], { title, text: content.text, rich: content.rich, updatedAt: now() });
    if (!updated) throw new CommandAbort('not-found');
    return updated;
  });
}

export async function deleteMemo(projectGuid: Guid, memoGuid: Guid, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.deleteMemo' }, async (rec) => {
    if (!(await rec.db.memos.get([projectGuid, memoGuid]))) throw new CommandAbort('not-found');
    await rec.delete('memos', [projectGuid, memoGuid]);
  });
}

/**
 * Deletes the memos on the given documents, codes or segments, inside the command that deletes
 * those targets: a memo must never name a target that is gone (a bundle with one would not import
 * again). Undoing that command brings them back with it.
 */
export async function removeMemosOf(rec: ChangeRecorder, projectGuid: Guid, targetGuids: readonly Guid[]): Promise<void> {
  for (const targetGuid of targetGuids) {
    const memos = await rec.db.memos.where('[projectGuid+targetGuid]').equals([projectGuid, targetGuid]).toArray();
    for (const memo of memos) await rec.delete('memos', [projectGuid, memo.guid]);
  }
}

/** The memos on one document, code or segment, newest change first. */
export async function listTargetMemos(db: MarkeerDb, projectGuid: Guid, targetGuid: Guid): Promise<Memo[]> {
  const memos = await db.memos.where('[projectGuid+targetGuid]').equals([projectGuid, targetGuid]).toArray();
  return memos.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * How many memos deleting a document or a code would delete with it, for the question asked
 * before: the memos on it and, for a document, those on its segments; for a code whose codings
 * are removed (not moved), also those on segments that have no other code.
 */
export async function countMemosDeletedWith(
  db: MarkeerDb,
  projectGuid: Guid,
  target: { kind: 'document'; guid: Guid } | { kind: 'code'; guid: Guid; removingCodings: boolean },
): Promise<number> {
  const targets: Guid[] = [target.guid];
  if (target.kind === 'document') {
    const segments = await db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, target.guid]).primaryKeys();
    targets.push(...segments.map(([, guid]) => guid));
  } else if (target.removingCodings) {
    const codings = await db.codings.where('[projectGuid+codeGuid]').equals([projectGuid, target.guid]).toArray();
    for (const coding of codings) {
      const others = await db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, coding.segmentGuid]).filter((c) => c.codeGuid !== target.guid).count();
      if (others === 0) targets.push(coding.segmentGuid);
    }
  }
  let count = 0;
  for (const guid of new Set(targets)) count += await db.memos.where('[projectGuid+targetGuid]').equals([projectGuid, guid]).count();
  return count;
}
