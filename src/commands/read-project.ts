import { fail, ok, type Result } from '../domain/assert';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { storageFailure, type CommandFailure } from './run';

/** A whole project for an export, or why it cannot be read. */
export async function readProjectForExport(db: MarkeerDb, projectGuid: Guid): Promise<Result<ProjectData, CommandFailure>> {
  try {
    const data = await readProjectData(db, projectGuid);
    return data ? ok(data) : fail('not-found');
  } catch (e) {
    return storageFailure(e);
  }
}
