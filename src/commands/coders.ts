import { fail, type Result } from '../domain/assert';
import { isValidColor } from '../domain/codebook';
import type { Coder, Guid } from '../domain/model';
import { parseLens, type CoderLens } from '../domain/lens';
import { getDb, type MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

/** Gives a coder another colour (one undoable step); the colour is a "#rrggbb" hex value. */
export async function setCoderColor(projectGuid: Guid, coderGuid: Guid, color: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const value = color.toLowerCase();
  if (!isValidColor(value)) return fail('invalid-value', `color ${color}`);
  return runWrite({ db, projectGuid, undoLabel: 'history.coderColor' }, async (rec) => {
    const updated = await rec.update<Coder>('coders', [projectGuid, coderGuid], { color: value });
    if (!updated) throw new CommandAbort('not-found');
  });
}

/** The `meta` key under which this browser remembers a project's coder lens. */
export const lensMetaKey = (projectGuid: Guid): string => `lens:${projectGuid}`;

/**
 * Remembers whose coding this browser shows for a project (domain/lens.ts). A preference of this
 * browser, kept in `meta`: not part of the project, not exported, not undoable.
 */
export async function rememberLens(projectGuid: Guid, lens: CoderLens, db: MarkeerDb = getDb()): Promise<void> {
  await db.meta.put({ key: lensMetaKey(projectGuid), value: lens });
}

/** The lens remembered for a project, or null when none is (or what is stored is not a lens). */
export async function rememberedLens(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<CoderLens | null> {
  return parseLens((await db.meta.get(lensMetaKey(projectGuid)))?.value);
}
