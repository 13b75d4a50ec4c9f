import { ok, type Result } from '../domain/assert';
import { CODER_COLORS, createCoder, createProject as newProject } from '../domain/factories';
import { now } from '../domain/ids';
import type { Guid } from '../domain/model';
import { codesFromTemplate, withFirstShortcuts } from '../domain/templates';
import { PROJECT_TABLES, type StoreName } from '../domain/tables';
import { getDb, type MarkeerDb } from '../storage/db';

/** The `meta` keys this browser keeps per project, as `<prefix>:<projectGuid>`. */
const PROJECT_META_KEYS = ['lens', 'team', 'team-seq', 'team-conflicts', 'team-refused'];
import { history } from './history';
import { CommandAbort, runWrite, type CommandFailure } from './run';

export interface CreateProjectInput {
  readonly name: string;
  readonly coderName: string;
  /** Template slug, or null for an empty codebook. */
  readonly template: string | null;
  readonly lang: 'nl' | 'en';
  readonly demo?: boolean;
  readonly db?: MarkeerDb;
}

/** Creates a project with its first coder (the person working in this browser) and codebook. */
export async function createProject(input: CreateProjectInput): Promise<Result<{ projectGuid: Guid; coderGuid: Guid }, CommandFailure>> {
  if (!input.name.trim() || !input.coderName.trim()) return { ok: false, reason: 'empty-name' };
  return runWrite({ db: input.db }, async (rec) => {
    const coderGuidPlaceholder = crypto.randomUUID().toLowerCase();
    const project = newProject({ name: input.name, ownerCoderGuid: coderGuidPlaceholder, template: input.template, demo: input.demo });
    const coder = createCoder(project.guid, input.coderName, CODER_COLORS[0] ?? '#1d4e89', coderGuidPlaceholder);
    await rec.put('projects', project);
    await rec.put('coders', coder);
    // Keys 1-9 go to the first nine codes one applies (changeable in the codebook).
    const codes = input.template ? withFirstShortcuts(codesFromTemplate(input.template, input.lang, project.guid)) : [];
    await rec.db.codes.bulkPut(codes);
    return { projectGuid: project.guid, coderGuid: coder.guid };
  });
}

export async function renameProject(projectGuid: Guid, name: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  if (!name.trim()) return { ok: false, reason: 'empty-name' };
  return runWrite({ db }, async (rec) => {
    const updated = await rec.update('projects', projectGuid, { name: name.trim(), updatedAt: now() });
    if (!updated) throw new CommandAbort('not-found');
  });
}

/**
 * Deletes a project and everything in it from this browser. Not undoable: the interface confirms
 * first. A project connected to a team server is disconnected first (the interface stops its sync):
 * its queue and this browser's sync state go, and nothing is deleted on the server.
 */
export async function deleteProject(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<Result<void, CommandFailure>> {
  db.teamProjects.delete(projectGuid);
  const result = await runWrite({ db }, async (rec) => {
    await rec.delete('projects', projectGuid);
    for (const name of PROJECT_TABLES.map((t) => t.store as StoreName)) {
      await rec.db[name].where('projectGuid').equals(projectGuid).delete();
    }
    await db.syncOutbox.where('projectGuid').equals(projectGuid).delete();
  });
  if (result.ok) await db.meta.bulkDelete(PROJECT_META_KEYS.map((k) => `${k}:${projectGuid}`));
  if (result.ok && history.peekUndo()?.projectGuid === projectGuid) history.clear();
  return result.ok ? ok(undefined) : result;
}

/**
 * Marks a project as just used, so that the list shows recent projects first. When storage
 * refuses it (the disk is full, the page is closing), the project opens all the same: only the
 * order of the list depends on it, and every write that holds work reports its own failure.
 */
export async function touchProject(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<void> {
  await db.projects.update(projectGuid, { updatedAt: now() }).catch(() => undefined);
}

/**
 * Sets how quotations of the project are cited (see domain/analysis/citation.ts); a blank
 * template removes it, so that quotations are cited by document name. One undoable step.
 */
export async function setCitationTemplate(projectGuid: Guid, template: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const value = template.trim();
  return runWrite({ db, projectGuid, undoLabel: 'query.citation.step' }, async (rec) => {
    const project = await rec.db.projects.get(projectGuid);
    if (!project) throw new CommandAbort('not-found');
    if ((project.citationTemplate ?? '') === value) return;
    const { citationTemplate: _old, ...rest } = project;
    await rec.put('projects', value === '' ? { ...rest, updatedAt: now() } : { ...rest, citationTemplate: value, updatedAt: now() });
  });
}
