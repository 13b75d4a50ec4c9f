import { fail, ok, type Result } from '../domain/assert';
import { replayChanges, type Change } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';

export interface HistoryEntry {
  readonly projectGuid: string;
  /** An i18n key naming the step, e.g. 'history.applyCode'. */
  readonly label: string;
  readonly changes: readonly Change[];
  readonly db: MarkeerDb;
}

type Listener = () => void;

/**
 * Undo and redo as a stack of recorded command steps (each step's row changes with their
 * previous values). Kept in memory for the open project; switching projects clears it.
 */
export class History {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private listeners = new Set<Listener>();
  private busy = false;
  /** Writes under way; an undo or redo waits for them so that it steps back over the newest. */
  private pending = new Set<Promise<unknown>>();

  /** Makes undo and redo wait until `write` has ended (committed or failed). */
  waitFor(write: Promise<unknown>): void {
    this.pending.add(write);
    const done = () => this.pending.delete(write);
    write.then(done, done);
  }

  push(entry: HistoryEntry): void {
    if (this.undoStack[0] && this.undoStack[0].projectGuid !== entry.projectGuid) this.clear();
    this.undoStack.push(entry);
    if (this.undoStack.length > 500) this.undoStack.shift();
    this.redoStack = [];
    this.emit();
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.emit();
  }

  peekUndo(): HistoryEntry | undefined {
    return this.undoStack[this.undoStack.length - 1];
  }

  peekRedo(): HistoryEntry | undefined {
    return this.redoStack[this.redoStack.length - 1];
  }

  async undo(): Promise<Result<HistoryEntry, 'nothing-to-undo' | 'changed-elsewhere'>> {
    return this.step('undo');
  }

  async redo(): Promise<Result<HistoryEntry, 'nothing-to-undo' | 'changed-elsewhere'>> {
    return this.step('redo');
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async step(direction: 'undo' | 'redo'): Promise<Result<HistoryEntry, 'nothing-to-undo' | 'changed-elsewhere'>> {
    if (this.busy) return fail('nothing-to-undo');
    this.busy = true;
    try {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      const from = direction === 'undo' ? this.undoStack : this.redoStack;
      const to = direction === 'undo' ? this.redoStack : this.undoStack;
      const entry = from[from.length - 1];
      if (!entry) return fail('nothing-to-undo');
      const result = await replayChanges(entry.db, entry.changes, direction);
      if (!result.ok) {
        // The rows moved on elsewhere: this step can no longer be replayed safely.
        from.pop();
        this.emit();
        return fail('changed-elsewhere');
      }
      from.pop();
      to.push(entry);
      this.emit();
      return ok(entry);
    } finally {
      this.busy = false;
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const history = new History();
