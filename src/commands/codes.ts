import { ok, type Result } from '../domain/assert';
import { canMove, childrenOf, nextColor, nextOrder } from '../domain/codebook';
import { createCode } from '../domain/factories';
import type { Code, Coding, Guid, Theme } from '../domain/model';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { removeMemosOf } from './memos';
import { CommandAbort, runWrite, type CommandFailure } from './run';

async function projectCodes(db: Pick<MarkeerDb, 'codes'>, projectGuid: Guid): Promise<Code[]> {
  return db.codes.where('projectGuid').equals(projectGuid).toArray();
}

export async function addCode(
  projectGuid: Guid,
  input: { name: string; parentGuid: Guid | null; color?: string; definition?: string },
  db?: MarkeerDb,
): Promise<Result<Guid, CommandFailure>> {
  if (!input.name.trim()) return { ok: false, reason: 'empty-name' };
  return runWrite({ db, projectGuid, undoLabel: 'history.addCode' }, async (rec) => {
    const codes = await projectCodes(rec.db, projectGuid);
    const code = createCode({
      projectGuid,
      parentGuid: input.parentGuid,
      name: input.name,
      color: input.color ?? nextColor(codes),
      order: nextOrder(codes, input.parentGuid),
      definition: input.definition,
    });
    await rec.put('codes', code);
    return code.guid;
  });
}

function patchCode(label: string, projectGuid: Guid, guid: Guid, patch: Partial<Code>, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: label }, async (rec) => {
    const updated = await rec.update<Code>('codes', [projectGuid, guid], patch);
    if (!updated) throw new CommandAbort('not-found');
  });
}

export function renameCode(projectGuid: Guid, guid: Guid, name: string, db?: MarkeerDb) {
  if (!name.trim()) return Promise.resolve({ ok: false as const, reason: 'empty-name' as const });
  return patchCode('history.renameCode', projectGuid, guid, { name: name.trim() }, db);
}

export function recolorCode(projectGuid: Guid, guid: Guid, color: string, db?: MarkeerDb) {
  return patchCode('history.recolorCode', projectGuid, guid, { color: color.toLowerCase() }, db);
}

export function setCodeDefinition(projectGuid: Guid, guid: Guid, definition: string, db?: MarkeerDb) {
  return patchCode('history.defineCode', projectGuid, guid, { definition }, db);
}

/** Gives a code the key 1-9 (or none); a key belongs to one code at a time. */
export async function setCodeShortcut(projectGuid: Guid, guid: Guid, shortcut: number | null, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.shortcut' }, async (rec) => {
    if (shortcut !== null) {
      for (const other of await projectCodes(rec.db, projectGuid)) {
        if (other.shortcut === shortcut && other.guid !== guid) await rec.update<Code>('codes', [projectGuid, other.guid], { shortcut: null });
      }
    }
    const updated = await rec.update<Code>('codes', [projectGuid, guid], { shortcut });
    if (!updated) throw new CommandAbort('not-found');
  });
}

/** Moves a code under another parent (null: top level), at the end of its new siblings or at `index`. */
export async function moveCode(projectGuid: Guid, guid: Guid, parentGuid: Guid | null, index?: number, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.moveCode' }, async (rec) => {
    const codes = await projectCodes(rec.db, projectGuid);
    if (!canMove(codes, guid, parentGuid)) throw new CommandAbort('invalid-move');
    const siblings = childrenOf(codes, parentGuid).filter((c) => c.guid !== guid);
    const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
    const moving = codes.find((c) => c.guid === guid);
    if (!moving) throw new CommandAbort('not-found');
    const ordered = [...siblings.slice(0, at), moving, ...siblings.slice(at)];
    for (const [i, c] of ordered.entries()) {
      if (c.order !== i || (c.guid === guid && c.parentGuid !== parentGuid)) {
        await rec.update<Code>('codes', [projectGuid, c.guid], c.guid === guid ? { order: i, parentGuid } : { order: i });
      }
    }
  });
}

/** Number of codings of a code (not its descendants), for the delete question. */
export async function countCodings(db: MarkeerDb, projectGuid: Guid, codeGuid: Guid): Promise<number> {
  return db.codings.where('[projectGuid+codeGuid]').equals([projectGuid, codeGuid]).count();
}

async function removeCodingAndOrphan(rec: ChangeRecorder, coding: Coding): Promise<void> {
  await rec.delete('codings', [coding.projectGuid, coding.guid]);
  const rest = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([coding.projectGuid, coding.segmentGuid]).count();
  if (rest === 0) {
    await rec.delete('segments', [coding.projectGuid, coding.segmentGuid]);
    await removeMemosOf(rec, coding.projectGuid, [coding.segmentGuid]);
  }
}

/**
 * Deletes a code. Its children move up to its parent. Its codings move to `moveTo` when given
 * (a segment that already has that code keeps one coding), else they are removed, and segments
 * left without codings go with them. The memos on the code, and on segments that go, go too.
 * One undoable step.
 */
export async function deleteCode(projectGuid: Guid, guid: Guid, moveTo: Guid | null, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const result = await runWrite({ db, projectGuid, undoLabel: 'history.deleteCode' }, async (rec) => {
    const codes = await projectCodes(rec.db, projectGuid);
    const code = codes.find((c) => c.guid === guid);
    if (!code) throw new CommandAbort('not-found');
    if (moveTo === guid) throw new CommandAbort('invalid-move');
    let order = nextOrder(codes, code.parentGuid);
    for (const child of childrenOf(codes, guid)) {
      await rec.update<Code>('codes', [projectGuid, child.guid], { parentGuid: code.parentGuid, order: order++ });
    }
    const codings = await rec.db.codings.where('[projectGuid+codeGuid]').equals([projectGuid, guid]).toArray();
    for (const coding of codings) {
      if (moveTo) {
        const siblings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, coding.segmentGuid]).toArray();
        if (siblings.some((s) => s.codeGuid === moveTo)) await rec.delete('codings', [projectGuid, coding.guid]);
        else await rec.put('codings', { ...coding, codeGuid: moveTo });
      } else {
        await removeCodingAndOrphan(rec, coding);
      }
    }
    await removeMemosOf(rec, projectGuid, [guid]);
    // The code leaves the theme it was in (the same undo step brings it back).
    for (const theme of await rec.db.themes.where('projectGuid').equals(projectGuid).toArray()) {
      if (theme.codeGuids.includes(guid)) await rec.update<Theme>('themes', [projectGuid, theme.guid], { codeGuids: theme.codeGuids.filter((c) => c !== guid) });
    }
    await rec.delete('codes', [projectGuid, guid]);
  });
  return result.ok ? ok(undefined) : result;
}

export { removeCodingAndOrphan };
