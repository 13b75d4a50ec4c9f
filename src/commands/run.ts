import { fail, ok, type Result } from '../domain/assert';
import { recordTransaction, type Change } from '../storage/changes';
import type { ChangeRecorder } from '../storage/changes';
import { getDb, type MarkeerDb } from '../storage/db';
import { history } from './history';

/** Reasons a command can fail that the user should be told about; ui/errors maps them to text. */
export type CommandFailure =
  | 'storage-full'
  | 'storage-failed'
  | 'document-frozen'
  | 'not-found'
  | 'empty-name'
  | 'empty-selection'
  | 'invalid-move'
  | 'changed-elsewhere'
  | 'nothing-to-undo'
  | 'name-taken'
  | 'invalid-value'
  | 'type-mismatch'
  | 'invalid-range'
  /** A text longer than Markeer keeps (domain/limits.ts); detail: its length and name (readDocumentTooLong). */
  | 'document-too-long';

/** Thrown inside a command body to abort its transaction with an expected failure. */
export class CommandAbort extends Error {
  constructor(readonly reason: CommandFailure, readonly detail?: string) {
    super(reason);
  }
}

export function isQuotaError(e: unknown): boolean {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  return names.includes('QuotaExceededError');
}

export function storageFailure(e: unknown): { ok: false; reason: CommandFailure; detail?: string } {
  if (e instanceof CommandAbort) return fail(e.reason, e.detail);
  if (isQuotaError(e)) return fail('storage-full');
  return fail('storage-failed', e instanceof Error ? e.message : String(e));
}

export interface WriteOptions {
  /** Label of the step in the undo history; absent for writes that are not undoable. */
  readonly undoLabel?: string;
  /** The project whose history receives the step. */
  readonly projectGuid?: string;
  readonly db?: MarkeerDb;
  /**
   * The changes the command is expected to make, shown at once in this tab (storage/changes.ts
   * publishTentative) and confirmed, corrected or taken back when its transaction ends.
   */
  readonly expected?: readonly Change[];
}

/**
 * Runs one named write in one transaction. A failure (expected or a full disk) aborts the whole
 * transaction, so the database stays exactly as it was; the failure comes back as a value.
 */
export function runWrite<T>(
  options: WriteOptions,
  body: (rec: ChangeRecorder) => Promise<T>,
): Promise<Result<T, CommandFailure>> {
  const run = write(options, body);
  // Undo and redo wait for writes under way (with their history step), so that they never step
  // over one that has not committed yet.
  history.waitFor(run);
  return run;
}

async function write<T>(options: WriteOptions, body: (rec: ChangeRecorder) => Promise<T>): Promise<Result<T, CommandFailure>> {
  const db = options.db ?? getDb();
  let result: { value: T; changes: Change[] };
  try {
    result = await recordTransaction(db, body, options.expected);
  } catch (e) {
    return storageFailure(e);
  }
  if (options.undoLabel && options.projectGuid && result.changes.length > 0) {
    history.push({ projectGuid: options.projectGuid, label: options.undoLabel, changes: result.changes, db });
  }
  return ok(result.value);
}
