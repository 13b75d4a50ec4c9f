import type { Turn } from '../../../domain/model';

/** A run of text rendered as one span; `start` is its offset in the document text (UTF-16). */
export interface Run {
  readonly start: number;
  readonly end: number;
  readonly kind: 'text' | 'label' | 'stamp';
  readonly speaker?: string;
}

export interface Block {
  readonly start: number;
  readonly end: number;
  readonly runs: readonly Run[];
  /** Speaker of the turn this paragraph belongs to, if any. */
  readonly speaker: string | null;
  /** Whether the paragraph opens a turn (shows its label). */
  readonly turnStart: boolean;
}

/**
 * Splits the text into paragraph blocks and each block into runs, so that a speaker label (and a
 * timestamp before it) render distinctly while every character keeps its offset.
 */
export function layoutBlocks(text: string, paragraphs: readonly { start: number; end: number }[], turns: readonly Turn[]): Block[] {
  const blocks: Block[] = [];
  let ti = 0;
  for (const p of paragraphs) {
    while (ti < turns.length && (turns[ti]?.end ?? 0) <= p.start) ti++;
    const turn = turns[ti];
    const inTurn = turn !== undefined && turn.start <= p.start && p.start < turn.end;
    const opens = inTurn && turn.labelStart >= p.start && turn.labelEnd <= p.end;
    const runs: Run[] = [];
    if (opens) {
      if (turn.labelStart > p.start) runs.push({ start: p.start, end: turn.labelStart, kind: 'stamp' });
      runs.push({ start: turn.labelStart, end: turn.labelEnd, kind: 'label', speaker: turn.speaker });
      if (turn.labelEnd < p.end) runs.push({ start: turn.labelEnd, end: p.end, kind: 'text' });
    } else if (p.end > p.start) {
      runs.push({ start: p.start, end: p.end, kind: 'text' });
    }
    blocks.push({ start: p.start, end: p.end, runs, speaker: inTurn ? turn.speaker : null, turnStart: opens });
  }
  return blocks;
}

/** Index of the last element of `starts` that is <= offset (binary search); -1 if none. */
export function floorIndex(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
