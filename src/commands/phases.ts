/**
 * Writes of the phase guide (thematic analysis, Braun & Clarke 2006): the phase the user is in,
 * the checklist items ticked off, and documents marked as read (phase 1, familiarising). Each is
 * one undoable step.
 */
import type { Result } from '../domain/assert';
import { now } from '../domain/ids';
import type { DocumentRecord, Guid, Phase, Project } from '../domain/model';
import { isChecklistItem, isPhase, phaseProgressOf, withItem } from '../domain/phases';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

/** Sets the phase the user says they are in. */
export function setPhase(projectGuid: Guid, phase: Phase, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  if (!isPhase(phase)) return Promise.resolve({ ok: false, reason: 'invalid-value', detail: String(phase) });
  return runWrite({ db, projectGuid, undoLabel: 'phases.history.setPhase' }, async (rec) => {
    const project = await rec.db.projects.get(projectGuid);
    if (!project) throw new CommandAbort('not-found');
    const progress = phaseProgressOf(project);
    if (project.phase && progress.current === phase) return;
    await rec.put<Project>('projects', { ...project, phase: { ...progress, current: phase }, updatedAt: now() });
  });
}

/** Ticks a checklist item off (done = true) or takes the tick back; absent `done` flips it. */
export function toggleChecklistItem(projectGuid: Guid, itemId: string, done?: boolean, db?: MarkeerDb): Promise<Result<boolean, CommandFailure>> {
  if (!isChecklistItem(itemId)) return Promise.resolve({ ok: false, reason: 'invalid-value', detail: itemId });
  return runWrite({ db, projectGuid, undoLabel: 'phases.history.checklist' }, async (rec) => {
    const project = await rec.db.projects.get(projectGuid);
    if (!project) throw new CommandAbort('not-found');
    const progress = phaseProgressOf(project);
    const next = done ?? !progress.done.includes(itemId);
    if (progress.done.includes(itemId) === next && project.phase) return next;
    await rec.put<Project>('projects', { ...project, phase: withItem(progress, itemId, next), updatedAt: now() });
    return next;
  });
}

async function setRead(projectGuid: Guid, documentGuid: Guid, coderGuid: Guid, read: boolean, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: read ? 'phases.history.markRead' : 'phases.history.unmarkRead' }, async (rec) => {
    const document = await rec.db.documents.get([projectGuid, documentGuid]);
    if (!document) throw new CommandAbort('not-found');
    const readBy = document.readBy ?? [];
    if (readBy.includes(coderGuid) === read) return;
    const next = read ? [...readBy, coderGuid] : readBy.filter((g) => g !== coderGuid);
    const { readBy: _old, ...rest } = document;
    await rec.put<DocumentRecord>('documents', next.length > 0 ? { ...rest, readBy: next } : rest);
  });
}

/** Marks a document as read by a coder (phase 1: the data read, and read again). */
export function markRead(projectGuid: Guid, documentGuid: Guid, coderGuid: Guid, db?: MarkeerDb) {
  return setRead(projectGuid, documentGuid, coderGuid, true, db);
}

/** Takes a coder's read mark off a document. */
export function unmarkRead(projectGuid: Guid, documentGuid: Guid, coderGuid: Guid, db?: MarkeerDb) {
  return setRead(projectGuid, documentGuid, coderGuid, false, db);
}
