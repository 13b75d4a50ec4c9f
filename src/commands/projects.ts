import { ok, type Result } from '../domain/assert';
import { CODER_COLORS, createCoder, createProject as newProject } from '../domain/factories';
import { now } from '../domain/ids';
import type { Guid } from '../domain/model';
import { codesFromTemplate, withFirstShortcuts } from '../domain/templates';
import { getDb, type MarkeerDb } from '../storage/db';
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

/** Deletes a project and everything in it. Not undoable: the interface confirms first. */
export async function deleteProject(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<Result<void, CommandFailure>> {
  const result = await runWrite({ db }, async () => {
    await db.projects.delete(projectGuid);
    for (const table of [db.coders, db.documents, db.documentTexts, db.codes, db.segments, db.codings]) {
      await table.where('projectGuid').equals(projectGuid).delete();
    }
  });
  if (result.ok && history.peekUndo()?.projectGuid === projectGuid) history.clear();
  return result.ok ? ok(undefined) : result;
}

/** Marks a project as just used, so that the list shows recent projects first. */
export async function touchProject(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<void> {
  await db.projects.update(projectGuid, { updatedAt: now() });
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
