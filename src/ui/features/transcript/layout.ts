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

/** A margin entry in pixels relative to the transcript: one coding's bar, with its label. */
export interface MarginEntry<K = string> {
  readonly key: K;
  readonly top: number;
  readonly height: number;
  /** How long the label would like to be (px along the bar); it gets less where the lane is busy. */
  readonly labelLength: number;
}

export interface MarginPlace {
  readonly lane: number;
  /** Length of the bar's label column, >= the bar's height: the label may run on below its bar into free space. */
  readonly extent: number;
  /**
   * In the overflow lane (lane `maxLanes`): more bars overlap here on screen than there are lanes,
   * so this one has no room for a label, and may overlap other bars of that lane.
   */
  readonly overflow: boolean;
}

export interface MarginOptions {
  /** Length each label is sure to get (px) while lanes are left, so that a one-line segment still shows a few letters. */
  readonly minExtent: number;
  /** Space kept between two entries of the same lane (px). */
  readonly gap: number;
  /**
   * Lanes for labels. When they are all taken, an entry shares a lane as soon as the bar above it
   * ends (cutting that label short); when even no bar has ended, it goes to one overflow lane.
   */
  readonly maxLanes: number;
}

/**
 * Puts margin entries in lanes (columns) by their pixel extents, so that neither bars nor labels
 * of a lane overlap. Character ranges are not enough: two segments that only touch in the text
 * still share the line where one ends and the other starts. An entry takes, in this order: the
 * lowest lane free from its top to its top plus `max(height, minExtent)`; a new lane while there
 * are fewer than `maxLanes`; the lowest lane whose last bar has ended (the label above gets
 * shorter); the overflow lane, without a label (W1, 10,000 codings: about 1 in 40 entries in view
 * with five lanes). Then each label runs on below its bar as far as it wants, up to the next entry
 * of its lane. Labels of lanes below `maxLanes` never overlap.
 */
export function placeMargin<K>(entries: readonly MarginEntry<K>[], options: MarginOptions): Map<K, MarginPlace> {
  const { minExtent, gap, maxLanes } = options;
  const order = [...entries].sort((a, b) => a.top - b.top || b.height - a.height);
  /** Per lane: where its last label may end, and where its last bar ends. */
  const labelEnds: number[] = [];
  const barEnds: number[] = [];
  const byLane: MarginEntry<K>[][] = [];
  const places = new Map<K, MarginPlace>();
  for (const e of order) {
    let lane = labelEnds.findIndex((end) => end + gap <= e.top);
    if (lane < 0 && labelEnds.length >= maxLanes) lane = barEnds.findIndex((end) => end + gap <= e.top);
    if (lane < 0 && labelEnds.length >= maxLanes) {
      places.set(e.key, { lane: maxLanes, extent: e.height, overflow: true });
      continue;
    }
    if (lane < 0) {
      lane = labelEnds.length;
      byLane.push([]);
    }
    labelEnds[lane] = e.top + Math.max(e.height, minExtent);
    barEnds[lane] = e.top + e.height;
    byLane[lane]?.push(e);
  }
  for (const [lane, list] of byLane.entries()) {
    for (const [i, e] of list.entries()) {
      const next = list[i + 1];
      const room = next ? next.top - gap - e.top : Infinity;
      places.set(e.key, { lane, extent: Math.max(e.height, Math.min(Math.max(e.labelLength, minExtent), room)), overflow: false });
    }
  }
  return places;
}

/**
 * Short marks for coders, by GUID: the initials of the first and last word of the name ("Anna de
 * Vries" -> "AV"); coders whose initials coincide get the first three letters of their name, and
 * a number when even those do.
 */
export function coderInitials(coders: readonly { readonly guid: string; readonly name: string }[]): Map<string, string> {
  const first = (w: string) => (Array.from(w)[0] ?? '').toLocaleUpperCase();
  const initials = (name: string) => {
    const words = name.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return '?';
    const a = words[0] ?? '';
    const b = words.length > 1 ? (words[words.length - 1] ?? '') : '';
    return first(a) + first(b);
  };
  const countOf = (xs: readonly string[]) => {
    const n = new Map<string, number>();
    for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
    return n;
  };
  let marks = coders.map((c) => initials(c.name));
  const clash = countOf(marks);
  marks = marks.map((m, i) => ((clash.get(m) ?? 0) > 1 ? Array.from((coders[i]?.name ?? '').trim()).slice(0, 3).join('') || '?' : m));
  const again = countOf(marks);
  const seen = new Map<string, number>();
  const result = new Map<string, string>();
  coders.forEach((c, i) => {
    const m = marks[i] ?? '?';
    if ((again.get(m) ?? 0) > 1) {
      const n = (seen.get(m) ?? 0) + 1;
      seen.set(m, n);
      result.set(c.guid, `${m}${n}`);
    } else result.set(c.guid, m);
  });
  return result;
}
