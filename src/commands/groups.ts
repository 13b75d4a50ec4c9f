import type { Result } from '../domain/assert';
import { createGroup } from '../domain/factories';
import type { DocumentGroup, Guid } from '../domain/model';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

/** Document groups: named sets of documents (REFI-QDA: Sets of sources). Each change is one undoable step. */

async function listGroups(rec: ChangeRecorder, projectGuid: Guid): Promise<DocumentGroup[]> {
  return rec.db.groups.where('projectGuid').equals(projectGuid).toArray();
}

async function getGroup(rec: ChangeRecorder, projectGuid: Guid, groupGuid: Guid): Promise<DocumentGroup> {
  const group = await rec.db.groups.get([projectGuid, groupGuid]);
  if (!group) throw new CommandAbort('not-found');
  return group;
}

/** Group names are unique in a project regardless of case, so that filters and matrix columns are never ambiguous. */
function refuseTaken(groups: readonly DocumentGroup[], name: string, except?: Guid): void {
  const taken = groups.find((g) => g.guid !== except && g.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new CommandAbort('name-taken', taken.name);
}

/** Only GUIDs of documents that exist in the project, without duplicates. */
async function existingDocuments(rec: ChangeRecorder, projectGuid: Guid, documentGuids: readonly Guid[]): Promise<Guid[]> {
  const wanted = [...new Set(documentGuids)];
  const docs = await rec.db.documents.bulkGet(wanted.map((g) => [projectGuid, g] as [string, string]));
  return wanted.filter((_, i) => docs[i] !== undefined);
}

/** Creates a group, optionally with documents in it, at the end of the list. */
export function addGroup(
  projectGuid: Guid,
  input: { name: string; description?: string; documentGuids?: readonly Guid[] },
  db?: MarkeerDb,
): Promise<Result<Guid, CommandFailure>> {
  const name = input.name.trim();
  if (!name) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.addGroup' }, async (rec) => {
    const groups = await listGroups(rec, projectGuid);
    refuseTaken(groups, name);
    const documentGuids = await existingDocuments(rec, projectGuid, input.documentGuids ?? []);
    const order = groups.reduce((max, g) => Math.max(max, g.order + 1), 0);
    const group = createGroup({ projectGuid, name, order, description: input.description?.trim() ?? '', documentGuids });
    await rec.add('groups', group);
    return group.guid;
  });
}

export function renameGroup(projectGuid: Guid, groupGuid: Guid, name: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const to = name.trim();
  if (!to) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.renameGroup' }, async (rec) => {
    const group = await getGroup(rec, projectGuid, groupGuid);
    if (group.name === to) return;
    refuseTaken(await listGroups(rec, projectGuid), to, groupGuid);
    await rec.update<DocumentGroup>('groups', [projectGuid, groupGuid], { name: to });
  });
}

export function describeGroup(projectGuid: Guid, groupGuid: Guid, description: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.describeGroup' }, async (rec) => {
    const group = await getGroup(rec, projectGuid, groupGuid);
    if (group.description === description.trim()) return;
    await rec.update<DocumentGroup>('groups', [projectGuid, groupGuid], { description: description.trim() });
  });
}

/** Deletes a group; its documents stay. */
export function deleteGroup(projectGuid: Guid, groupGuid: Guid, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.deleteGroup' }, async (rec) => {
    await getGroup(rec, projectGuid, groupGuid);
    await rec.delete('groups', [projectGuid, groupGuid]);
  });
}

/** Adds documents to a group (those already in it stay once). */
export function addToGroup(projectGuid: Guid, groupGuid: Guid, documentGuids: readonly Guid[], db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.groupMembers' }, async (rec) => {
    const group = await getGroup(rec, projectGuid, groupGuid);
    const members = new Set(group.documentGuids);
    const added = (await existingDocuments(rec, projectGuid, documentGuids)).filter((g) => !members.has(g));
    if (added.length === 0) return;
    await rec.update<DocumentGroup>('groups', [projectGuid, groupGuid], { documentGuids: [...group.documentGuids, ...added] });
  });
}

/** Removes documents from a group; the documents themselves stay. */
export function removeFromGroup(projectGuid: Guid, groupGuid: Guid, documentGuids: readonly Guid[], db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.groupMembers' }, async (rec) => {
    const group = await getGroup(rec, projectGuid, groupGuid);
    const leaving = new Set(documentGuids);
    const kept = group.documentGuids.filter((g) => !leaving.has(g));
    if (kept.length === group.documentGuids.length) return;
    await rec.update<DocumentGroup>('groups', [projectGuid, groupGuid], { documentGuids: kept });
  });
}
