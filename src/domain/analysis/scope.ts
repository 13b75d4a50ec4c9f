/**
 * From a search hit to the segment that codes it: the hit itself, its sentence, its paragraph or
 * its speaker turn.
 *
 * Offsets are UTF-16 code units of the stored text, half-open.
 */
import type { DocumentRecord, DocumentText, Guid, Turn } from '../model';
import { mergeRanges, normalizeSelection, type TextRange } from '../ranges';
import { paragraphs, type Paragraph } from '../text';
import { applySpeakerMap } from '../turns';

export type HitScope = 'hit' | 'sentence' | 'paragraph' | 'turn';
export const HIT_SCOPES: readonly HitScope[] = ['hit', 'sentence', 'paragraph', 'turn'];

/** A range of one document. */
export interface DocumentRange {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
}

/** A document as scopes see it: its text and its turns as the user named them. */
export interface ScopeDocument {
  readonly documentGuid: Guid;
  readonly text: string;
  /** applySpeakerMap(detected turns, speakerMap): dropped labels are no turns. */
  readonly turns: readonly Turn[];
}

export function scopeDocument(doc: Pick<DocumentRecord, 'guid' | 'speakerMap'>, stored: Pick<DocumentText, 'text' | 'turns'>): ScopeDocument {
  return { documentGuid: doc.guid, text: stored.text, turns: applySpeakerMap(stored.turns, doc.speakerMap) };
}

export interface ScopeOptions {
  /** Turn scope: the segment starts at the turn's label ("Ouder: ...") instead of after it. */
  readonly includeLabel?: boolean;
}

/** A hit expanded to its scope. */
export interface ExpandedHit extends TextRange {
  /** Turn scope only: the hit lies in no speaker turn, so its paragraph was taken instead. */
  readonly fellBack: boolean;
}

/**
 * The text of a turn that a segment covers: after its label and the spaces that follow (the
 * default), or the whole turn with its timestamp and label.
 */
export function turnRange(text: string, turn: Turn, includeLabel = false): TextRange | null {
  return normalizeSelection(text, includeLabel ? turn.start : turn.labelEnd, turn.end);
}

let sentenceSegmenter: Intl.Segmenter | undefined;

/** Sentences of a paragraph (Intl.Segmenter, Dutch rules), trimmed, in text order. */
export function sentencesOf(text: string, paragraph: Paragraph): TextRange[] {
  sentenceSegmenter ??= new Intl.Segmenter('nl', { granularity: 'sentence' });
  const result: TextRange[] = [];
  for (const s of sentenceSegmenter.segment(text.slice(paragraph.start, paragraph.end))) {
    const range = normalizeSelection(text, paragraph.start + s.index, paragraph.start + s.index + s.segment.length);
    if (range) result.push(range);
  }
  return result;
}

/** The first index in the sorted `ranges` whose end lies after `at` (binary search). */
function firstEndingAfter(ranges: readonly TextRange[], at: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ranges of the sorted, disjoint `ranges` that share a code unit with [start, end). */
function overlapping<T extends TextRange>(ranges: readonly T[], start: number, end: number): T[] {
  const result: T[] = [];
  for (let i = firstEndingAfter(ranges, start); i < ranges.length && ranges[i]!.start < end; i++) result.push(ranges[i]!);
  return result;
}

/**
 * Expands hits of one document, with its paragraphs and sentences worked out once for all of them.
 * Made per document for a batch of hits; cheap to make.
 */
export function scopeExpander(doc: ScopeDocument, scope: HitScope, options: ScopeOptions = {}): (hit: TextRange) => ExpandedHit | null {
  let paras: Paragraph[] | undefined;
  const sentences = new Map<number, TextRange[]>();
  const turnStarts = new Map(doc.turns.map((t) => [t.start, t]));
  // A paragraph that opens a turn without its timestamp and label ("Ouder: "): they are no part
  // of its sentences, and a segment leaves them out unless asked to include them.
  const content = (p: Paragraph): Paragraph => {
    const turn = options.includeLabel ? undefined : turnStarts.get(p.start);
    return turn && turn.labelEnd < p.end ? { start: turn.labelEnd, end: p.end } : p;
  };
  const parasOf = (hit: TextRange) => {
    paras ??= paragraphs(doc.text);
    return overlapping(paras, hit.start, Math.max(hit.end, hit.start + 1)).map(content);
  };
  const sentencesIn = (p: Paragraph) => {
    let list = sentences.get(p.start);
    if (!list) sentences.set(p.start, (list = sentencesOf(doc.text, p)));
    return list;
  };
  // The whole hit and what it expands to, trimmed of whitespace at the ends as applyCode does.
  const covering = (hit: TextRange, parts: readonly TextRange[], fellBack = false): ExpandedHit | null => {
    const start = Math.min(hit.start, ...parts.map((p) => p.start));
    const end = Math.max(hit.end, ...parts.map((p) => p.end));
    const range = normalizeSelection(doc.text, start, end);
    return range && { ...range, fellBack };
  };

  return (hit) => {
    switch (scope) {
      case 'hit':
        return covering(hit, []);
      case 'paragraph':
        return covering(hit, parasOf(hit));
      case 'sentence': {
        const ps = parasOf(hit);
        const first = ps[0];
        const last = ps[ps.length - 1];
        if (!first || !last) return covering(hit, []);
        // Sentences are trimmed, so a hit may start or end in the spaces between two of them.
        const from = sentencesIn(first).find((s) => s.end > hit.start);
        const to = [...sentencesIn(last)].reverse().find((s) => s.start < hit.end);
        return covering(hit, [from, to].filter((s): s is TextRange => s !== undefined));
      }
      case 'turn': {
        const turns = overlapping(doc.turns, hit.start, Math.max(hit.end, hit.start + 1));
        if (turns.length === 0) return covering(hit, parasOf(hit), true);
        return covering(hit, turns.map((t) => turnRange(doc.text, t, options.includeLabel)).filter((r): r is TextRange => r !== null));
      }
    }
  };
}

/** Expands one hit (e.g. for a preview). Null when it covers only whitespace. */
export function expandHit(doc: ScopeDocument, hit: TextRange, scope: HitScope, options: ScopeOptions = {}): ExpandedHit | null {
  return scopeExpander(doc, scope, options)(hit);
}

export interface ScopedRanges {
  /** The segments to code: per document in the order first met, sorted and not overlapping. */
  readonly ranges: DocumentRange[];
  /** Hits outside every speaker turn that were given their paragraph (turn scope). */
  readonly fellBack: number;
  /** Hits that covered only whitespace and give no segment. */
  readonly empty: number;
}

/**
 * The segments for a set of hits under a scope. Several hits in one sentence, paragraph or turn
 * give one segment: identical ranges are kept once, and expanded ranges that overlap are merged
 * into one range covering both (ranges that merely touch stay apart). Hits of documents not in
 * `docs` are left out.
 */
export function scopeRanges(docs: ReadonlyMap<Guid, ScopeDocument>, hits: readonly DocumentRange[], scope: HitScope, options: ScopeOptions = {}): ScopedRanges {
  const byDocument = new Map<Guid, TextRange[]>();
  for (const hit of hits) {
    let list = byDocument.get(hit.documentGuid);
    if (!list) byDocument.set(hit.documentGuid, (list = []));
    list.push(hit);
  }
  const ranges: DocumentRange[] = [];
  let fellBack = 0;
  let empty = 0;
  for (const [documentGuid, docHits] of byDocument) {
    const doc = docs.get(documentGuid);
    if (!doc) continue;
    const expand = scopeExpander(doc, scope, options);
    const expanded: TextRange[] = [];
    for (const hit of docHits) {
      const range = expand(hit);
      if (!range) {
        empty++;
        continue;
      }
      if (range.fellBack) fellBack++;
      expanded.push(range);
    }
    // Touching ranges kept apart: two hits side by side are two segments.
    for (const r of mergeRanges(expanded, { touching: 'keep' })) ranges.push({ documentGuid, start: r.start, end: r.end });
  }
  return { ranges, fellBack, empty };
}
