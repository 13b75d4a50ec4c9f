import { fail, type Result } from '../domain/assert';
import { isValidColor } from '../domain/codebook';
import type { Coder, Guid } from '../domain/model';
import type { MarkeerDb } from '../storage/db';
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
