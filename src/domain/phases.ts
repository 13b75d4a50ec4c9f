/**
 * The six phases of thematic analysis (Braun & Clarke 2006, "Using thematic analysis in
 * psychology", Qualitative Research in Psychology 3(2), 77-101) as data: what each phase asks
 * of the researcher, and the items of their 15-point checklist of criteria for a good thematic
 * analysis (their table 2), each under the phase where it is done. The words the interface
 * shows live in the UI's strings, keyed by the ids below; here is only the structure.
 */
import type { Phase, PhaseProgress, Project } from './model';

export const PHASE_NUMBERS: readonly Phase[] = [1, 2, 3, 4, 5, 6];

/** One thing to tick off in a phase. */
export interface ChecklistItem {
  /** Stable id stored in PhaseProgress.done, "<phase>.<slug>". */
  readonly id: string;
  /** The item's number in Braun & Clarke's 15-point checklist, or null for a task of the phase itself (their table 1). */
  readonly criterion: number | null;
}

export interface PhaseDefinition {
  readonly phase: Phase;
  /** Slug of the phase, e.g. "familiarising"; names the phase's strings. */
  readonly key: string;
  readonly items: readonly ChecklistItem[];
}

const item = (id: string, criterion: number | null = null): ChecklistItem => ({ id, criterion });

export const PHASES: readonly PhaseDefinition[] = [
  {
    phase: 1,
    key: 'familiarising',
    items: [item('1.transcribed', 1), item('1.read-all'), item('1.initial-ideas')],
  },
  {
    phase: 2,
    key: 'coding',
    items: [item('2.code-all'), item('2.equal-attention', 2), item('2.thorough', 3)],
  },
  {
    phase: 3,
    key: 'searching',
    items: [item('3.candidate-themes'), item('3.extracts-collated', 4)],
  },
  {
    phase: 4,
    key: 'reviewing',
    items: [item('4.checked-against-data', 5), item('4.coherent', 6), item('4.map')],
  },
  {
    phase: 5,
    key: 'defining',
    items: [item('5.define-name'), item('5.interpreted', 7)],
  },
  {
    phase: 6,
    key: 'report',
    items: [
      item('6.extracts-illustrate', 8),
      item('6.story', 9),
      item('6.balance', 10),
      item('6.time', 11),
      item('6.approach', 12),
      item('6.fit', 13),
      item('6.language', 14),
      item('6.active', 15),
    ],
  },
];

const ITEM_IDS: ReadonlySet<string> = new Set(PHASES.flatMap((p) => p.items.map((i) => i.id)));

export function isChecklistItem(id: string): boolean {
  return ITEM_IDS.has(id);
}

export function isPhase(n: unknown): n is Phase {
  return typeof n === 'number' && PHASE_NUMBERS.includes(n as Phase);
}

export function phaseDefinition(phase: Phase): PhaseDefinition {
  const found = PHASES.find((p) => p.phase === phase);
  if (!found) throw new Error(`no phase ${phase}`);
  return found;
}

/** Where the project is: phase 1 with nothing ticked when the user has not started. */
export function phaseProgressOf(project: Pick<Project, 'phase'>): PhaseProgress {
  return project.phase ?? { current: 1, done: [] };
}

export interface PhaseTally {
  readonly phase: Phase;
  /** Items of this phase ticked off. */
  readonly done: number;
  readonly total: number;
}

/** Per phase, how many of its items are ticked; ids that are not items (from a newer version) are ignored. */
export function phaseTallies(progress: PhaseProgress): PhaseTally[] {
  const done = new Set(progress.done);
  return PHASES.map((p) => ({ phase: p.phase, done: p.items.filter((i) => done.has(i.id)).length, total: p.items.length }));
}

/**
 * The progress with `id` ticked (done = true) or not. The order of `done` follows the checklist,
 * ids the checklist does not know are kept at the end (a newer version may have written them).
 */
export function withItem(progress: PhaseProgress, id: string, done: boolean): PhaseProgress {
  const set = new Set(progress.done);
  if (done) set.add(id);
  else set.delete(id);
  const known = PHASES.flatMap((p) => p.items.map((i) => i.id)).filter((i) => set.has(i));
  const unknown = progress.done.filter((i) => !ITEM_IDS.has(i) && set.has(i));
  return { current: progress.current, done: [...known, ...unknown] };
}
