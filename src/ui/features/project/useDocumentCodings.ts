import { useCallback, useEffect, useRef, useState } from 'react';
import { afterPaint } from '../../shell/after-paint';
import type { Coding, Guid, Segment } from '../../../domain/model';
import { onCommitted, type Change } from '../../../storage/changes';
import type { MarkeerDb } from '../../../storage/db';
import { readDocumentRows, takeDocumentAhead } from '../../../storage/document-ahead';
import { markInTranscriptOrder } from '../transcript/TranscriptView';

export interface DocumentCodings {
  /** Sorted by start, longer first. */
  readonly segments: readonly Segment[];
  readonly codingsBySegment: ReadonlyMap<Guid, readonly Coding[]>;
}

const bySegmentOrder = (a: Segment, b: Segment) => a.start - b.start || b.end - a.end || (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0);

function initial(segments: readonly Segment[], codings: readonly Coding[]): DocumentCodings {
  const codingsBySegment = new Map<Guid, Coding[]>();
  for (const c of codings) {
    const list = codingsBySegment.get(c.segmentGuid);
    if (list) list.push(c);
    else codingsBySegment.set(c.segmentGuid, [c]);
  }
  return { segments: markInTranscriptOrder([...segments].sort(bySegmentOrder)), codingsBySegment };
}

/** Index where a segment sits (or would sit) in the sorted list. */
function position(sorted: readonly Segment[], s: Segment): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bySegmentOrder(sorted[mid] as Segment, s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies committed row changes to the document's lists. Only what changed is touched: a new
 * coding on a document with 10,000 codings costs a binary search and a copy, not a re-sort.
 */
export function patchDocumentCodings(state: DocumentCodings, changes: readonly Change[], documentGuid: Guid): DocumentCodings {
  let segments: Segment[] | null = null;
  let codings: Map<Guid, readonly Coding[]> | null = null;
  for (const c of changes) {
    if (c.table !== 'segments' && c.table !== 'codings') continue;
    const row = (c.after ?? c.before) as { guid: Guid; documentGuid: Guid } | undefined;
    if (!row || row.documentGuid !== documentGuid) continue;
    if (c.table === 'segments') {
      segments ??= [...state.segments];
      const before = c.before as unknown as Segment | undefined;
      if (before) {
        const at = position(segments, before);
        if (segments[at]?.guid === before.guid) segments.splice(at, 1);
        else segments = segments.filter((s) => s.guid !== before.guid);
      }
      const after = c.after as unknown as Segment | undefined;
      if (after) {
        // A row read together with the change that wrote it replaces itself, never doubles.
        const at = position(segments, after);
        if (segments[at]?.guid === after.guid) segments[at] = after;
        else segments.splice(at, 0, after);
      }
    } else {
      codings ??= new Map(state.codingsBySegment);
      const coding = (c.after ?? c.before) as unknown as Coding;
      const rest = (codings.get(coding.segmentGuid) ?? []).filter((x) => x.guid !== coding.guid);
      const next = c.after ? [...rest, c.after as unknown as Coding] : rest;
      if (next.length) codings.set(coding.segmentGuid, next);
      else codings.delete(coding.segmentGuid);
    }
  }
  // Kept in order by the binary searches above.
  return segments || codings ? { segments: segments ? markInTranscriptOrder(segments) : state.segments, codingsBySegment: codings ?? state.codingsBySegment } : state;
}

/** The coder's segment with exactly this range, found by binary search on the sorted list. */
export function findSegment(state: DocumentCodings, coderGuid: Guid, start: number, end: number): Segment | undefined {
  const { segments } = state;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid] as Segment).start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < segments.length && (segments[i] as Segment).start === start; i++) {
    const s = segments[i] as Segment;
    if (s.end === end && s.coderGuid === coderGuid) return s;
  }
  return undefined;
}

/** The document's codings as React renders them, and as the latest committed (or tentative) change left them. */
export interface LiveDocumentCodings {
  /** What the screen renders: follows `latest()` in the task after the next frame. */
  readonly codings: DocumentCodings | null;
  /** The lists with every change heard so far, for deciding what a key does before React renders it. */
  latest(): DocumentCodings | null;
}

/**
 * A document's segments and codings, kept live: read once, then patched with the rows that
 * commands commit in this tab or another (storage/changes.ts), so that a new coding paints
 * without reading and tracking 10,000 records again, as a live query would after every write.
 *
 * A change is applied to the lists at once (`latest()`, and `ahead` hears it in the same task: the
 * transcript paints a new coding before anything else), while React renders the patched lists in
 * the task after the next frame: rendering the document pane inside the keypress's task held back
 * the frame that shows the coding (docs/BENCHMARKS.md, one-frame coding).
 */
export function useDocumentCodings(
  db: MarkeerDb,
  projectGuid: Guid,
  documentGuid: Guid,
  ahead?: { readonly current: ((changes: readonly Change[], next: DocumentCodings) => void) | null },
): LiveDocumentCodings {
  const [state, setState] = useState<DocumentCodings | null>(null);
  const latest = useRef<DocumentCodings | null>(null);
  useEffect(() => {
    setState(null);
    latest.current = null;
    let live = true;
    // The rows read while the page started (main.tsx), when this is the document it opened with.
    const readAhead = takeDocumentAhead(db, projectGuid, documentGuid);
    // Changes that arrive while the first read is under way are applied on top of it.
    let early: Change[] | null = readAhead ? [...readAhead.changes] : [];
    let scheduled = false;
    const render = () => {
      if (scheduled) return;
      scheduled = true;
      afterPaint(() => {
        scheduled = false;
        if (live) setState(latest.current);
      });
    };
    const off = onCommitted((changes) => {
      if (!live) return;
      if (early) {
        // One at a time: a batch from another tab's import can hold more rows than a call's arguments may.
        for (const c of changes) early.push(c);
        return;
      }
      const prev = latest.current;
      if (!prev) return;
      const next = patchDocumentCodings(prev, changes, documentGuid);
      if (next === prev) return;
      latest.current = next;
      ahead?.current?.(changes, next);
      render();
    });
    void (readAhead?.read ?? readDocumentRows(db, projectGuid, documentGuid)).then(({ segments, codings }) => {
      if (!live) return;
      latest.current = patchDocumentCodings(initial(segments, codings), early ?? [], documentGuid);
      early = null;
      setState(latest.current);
    });
    return () => {
      live = false;
      off();
    };
  }, [db, projectGuid, documentGuid, ahead]);
  const get = useCallback(() => latest.current, []);
  return { codings: state, latest: get };
}
