/**
 * Exercises: a teacher exports one (a bundle of kind "exercise"), a student asks for feedback on
 * it (an Attempt is kept). Importing an exercise goes through importBundle, which makes the student
 * the project's own coder (domain/exercise.ts withStudent).
 */
import { version as APP_VERSION } from '../../package.json';
import { fail, ok, type Result } from '../domain/assert';
import { attemptOf, exerciseData, exerciseFeedback, type ExerciseOptions } from '../domain/exercise';
import type { Feedback } from '../domain/feedback';
import { createGuid, now as nowStamp } from '../domain/ids';
import type { Attempt, Guid } from '../domain/model';
import { serializeBundle } from '../io/bundle';
import { getDb, type MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { slug } from './bundles';
import { CommandAbort, runWrite, storageFailure, type CommandFailure } from './run';

export type ExportExerciseOptions = Omit<ExerciseOptions, 'projectGuid' | 'now'> & {
  /** The export time; now when absent. */
  readonly now?: Date;
  /** The word the file name carries, in the interface language; "oefening" when absent. */
  readonly fileSuffix?: string;
};

export interface ExportedExercise {
  readonly bytes: Uint8Array;
  /** e.g. "ouders-en-school-oefening-2026-03-05.markeer". */
  readonly fileName: string;
  /** The exercise project's GUID (new: the teacher's project is never overwritten by it). */
  readonly projectGuid: Guid;
}

/**
 * The project as an exercise file: the chosen documents and only the reference coder's work on
 * them (domain/exercise.ts exerciseData), under a new project GUID. The exporter is the project's
 * own coder. Writes nothing.
 */
export async function exportExercise(projectGuid: Guid, options: ExportExerciseOptions, db: MarkeerDb = getDb()): Promise<Result<ExportedExercise, CommandFailure>> {
  const when = options.now ?? new Date();
  try {
    const data = await readProjectData(db, projectGuid);
    if (!data) return fail('not-found');
    const exerciseGuid = createGuid();
    const made = exerciseData(data, { ...options, projectGuid: exerciseGuid, now: when.toISOString() });
    if (!made.ok) return made;
    const owner = data.coders.find((c) => c.guid === data.project.ownerCoderGuid);
    const bytes = await serializeBundle(made.value, {
      kind: 'exercise',
      appVersion: APP_VERSION,
      exportedBy: { guid: data.project.ownerCoderGuid, name: owner?.name ?? '' },
      exportedAt: when.toISOString(),
    });
    const day = [when.getFullYear(), when.getMonth() + 1, when.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    return ok({ bytes, fileName: `${slug(made.value.project.name)}-${slug(options.fileSuffix ?? 'oefening')}-${day}.markeer`, projectGuid: exerciseGuid });
  } catch (e) {
    return storageFailure(e);
  }
}

export interface FeedbackResult {
  readonly feedback: Feedback;
  /** The attempt kept with the figures. */
  readonly attempt: Attempt;
}

/**
 * Computes the student's feedback on the documents and keeps the figures as an Attempt, in one
 * transaction (read and write agree). Per-document exercises give feedback on one document at a
 * time; "end" exercises only on all their documents at once ('invalid-value' otherwise).
 *
 * Not undoable: an attempt is a record of what the student was told, not a step of their coding;
 * Ctrl+Z after asking for feedback undoes the last coding, never the attempt. It is still written
 * through runWrite, so other tabs hear of it.
 */
export async function requestFeedback(projectGuid: Guid, studentGuid: Guid, documentGuids: readonly Guid[], db: MarkeerDb = getDb()): Promise<Result<FeedbackResult, CommandFailure>> {
  return runWrite({ db }, async (rec) => {
    const t = rec.db;
    const project = await t.projects.get(projectGuid);
    if (!project?.exercise) throw new CommandAbort('not-found', 'exercise');
    const [documents, codes, segments, codings, student] = await Promise.all([
      t.documents.where('projectGuid').equals(projectGuid).toArray(),
      t.codes.where('projectGuid').equals(projectGuid).toArray(),
      t.segments.where('projectGuid').equals(projectGuid).toArray(),
      t.codings.where('projectGuid').equals(projectGuid).toArray(),
      t.coders.get([projectGuid, studentGuid]),
    ]);
    if (!student || studentGuid === project.exercise.referenceCoderGuid) throw new CommandAbort('not-found', `student ${studentGuid}`);
    const known = new Set(documents.map((d) => d.guid));
    const asked = [...new Set(documentGuids)];
    const missing = asked.find((g) => !known.has(g));
    if (missing) throw new CommandAbort('not-found', `document ${missing}`);
    if (asked.length === 0) throw new CommandAbort('invalid-value', 'documents');
    if (project.exercise.feedback === 'per-document' && asked.length !== 1) throw new CommandAbort('invalid-value', 'per-document');
    if (project.exercise.feedback === 'end' && asked.length !== known.size) throw new CommandAbort('invalid-value', 'end');
    const feedback = exerciseFeedback({ project, documents, codes, segments, codings }, studentGuid, asked);
    const ordered = documents.filter((d) => asked.includes(d.guid)).sort((a, b) => a.order - b.order).map((d) => d.guid);
    const attempt = attemptOf(feedback, { guid: createGuid(), projectGuid, coderGuid: studentGuid, createdAt: nowStamp(), documentGuids: ordered });
    await rec.add('attempts', attempt);
    return { feedback, attempt };
  });
}
