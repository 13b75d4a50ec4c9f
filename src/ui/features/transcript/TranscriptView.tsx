import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code, Coding, Segment, Turn } from '../../../domain/model';
import { lanes, segmentsInRange } from '../../../domain/ranges';
import { paragraphs } from '../../../domain/text';
import { OffsetMap, selectionOffsets } from './dom-offsets';
import { HighlightPainter } from './highlights';
import { layoutBlocks, type Block } from './layout';
import './transcript.css';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface TranscriptViewProps {
  readonly text: string;
  readonly turns: readonly Turn[];
  readonly segments: readonly Segment[];
  readonly codingsBySegment: ReadonlyMap<string, readonly Coding[]>;
  readonly codes: ReadonlyMap<string, Code>;
  readonly activeSegmentGuids: ReadonlySet<string>;
  /** A range to select and scroll to (e.g. from retrieval); `nonce` repeats a jump. */
  readonly focus: (TextRange & { nonce: number; block?: 'center' | 'nearest' }) | null;
  readonly label: string;
  /**
   * Receives a function that reads the live selection of the transcript (null when none there):
   * the workspace's one owner of the selection (project/current-selection.ts) reads through it.
   */
  readonly selectionReader?: { current: (() => TextRange | null) | null };
  onSegmentsAt(guids: string[]): void;
  onShortcut(key: number): void;
}

interface Bar {
  readonly key: string;
  readonly segmentGuid: string;
  readonly top: number;
  readonly height: number;
  readonly lane: number;
  readonly color: string;
  readonly title: string;
}

const LANE_WIDTH = 6;

const bySegmentOrder = (a: Segment, b: Segment) => a.start - b.start || b.end - a.end;

function isSorted(segments: readonly Segment[]): boolean {
  for (let i = 1; i < segments.length; i++) if (bySegmentOrder(segments[i - 1] as Segment, segments[i] as Segment) > 0) return false;
  return true;
}

/**
 * Marks (User Timing) the first moment after the frame that paints the highlights, so that
 * benchmarks and tests can tell when codings are visible: a frame, then a task after it.
 */
function markPainted(segmentCount: number): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() =>
    setTimeout(() => performance.mark('markeer:highlights-painted', { detail: { segments: segmentCount } }), 0),
  );
}

/**
 * The coded transcript: plain paragraphs (a read-only, caret-navigable surface, so that text can
 * be selected by keyboard too), codings painted as highlights, and one margin bar per coding in
 * its code's colour, side by side where codings overlap.
 */
export function TranscriptView(props: TranscriptViewProps) {
  const { t } = useTranslation();
  const { text, turns, segments, codingsBySegment, codes, activeSegmentGuids, onSegmentsAt, onShortcut } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<OffsetMap | null>(null);
  const painterRef = useRef<HighlightPainter | null>(null);
  const [bars, setBars] = useState<Bar[]>([]);
  const blocks = useMemo(() => layoutBlocks(text, paragraphs(text), turns), [text, turns]);

  // Usually given in this order already (useDocumentCodings keeps it): then checking is all it costs.
  const sortedSegments = useMemo(() => (isSorted(segments) ? segments : [...segments].sort(bySegmentOrder)), [segments]);
  // The margin is as wide as the most overlapping codings seen so far need; it never shrinks, so
  // that scrolling never reflows the text.
  const [laneCount, setLaneCount] = useState(3);
  const barsFor = useRef<{ inputs: readonly unknown[]; window: string }>({ inputs: [], window: '' });

  useLayoutEffect(() => {
    if (!rootRef.current) return;
    mapRef.current = new OffsetMap(rootRef.current);
  }, [blocks]);

  useEffect(
    () => () => {
      painterRef.current?.dispose();
      painterRef.current = null;
    },
    [],
  );

  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    painterRef.current ??= new HighlightPainter();
    painterRef.current.paint(map, segments, codingsBySegment, codes, activeSegmentGuids);
    markPainted(segments.length);
  }, [blocks, segments, codingsBySegment, codes, activeSegmentGuids]);

  const computeBars = useCallback(() => {
    const map = mapRef.current;
    const scroller = scrollRef.current;
    const root = rootRef.current;
    if (!map || !scroller || !root) return;
    const paras = root.children;
    if (paras.length === 0) return setBars([]);
    const viewTop = scroller.scrollTop - scroller.clientHeight;
    const viewBottom = scroller.scrollTop + 2 * scroller.clientHeight;
    // Paragraph tops grow down the page: binary-search the first and last near the viewport.
    const tops: number[] = [];
    const topAt = (i: number) => (tops[i] ??= (paras[i] as HTMLElement).offsetTop);
    let lo = 0;
    let hi = paras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (topAt(mid) <= viewTop) lo = mid;
      else hi = mid - 1;
    }
    const first = lo;
    let last = first;
    while (last + 1 < paras.length && topAt(last + 1) < viewBottom) last++;
    // Scrolling within the same paragraphs, with the same codings and width, changes no bar.
    const window = `${first}:${last}:${root.clientWidth}`;
    const inputs = [blocks, sortedSegments, codingsBySegment, codes];
    if (barsFor.current.window === window && barsFor.current.inputs.every((x, i) => x === inputs[i])) return;
    barsFor.current = { inputs, window };
    const from = blocks[first]?.start ?? 0;
    const to = blocks[last]?.end ?? text.length;
    const rootRect = root.getBoundingClientRect();
    const visible = segmentsInRange(sortedSegments, from, to);
    // Lane of each coding (segment x code) in view, so that overlapping codings sit side by side.
    const laneOf = lanes(visible.flatMap((s) => (codingsBySegment.get(s.guid) ?? []).map((c) => ({ start: s.start, end: s.end, key: `${s.guid}|${c.codeGuid}` }))));
    const next: Bar[] = [];
    for (const s of visible) {
      const codings = codingsBySegment.get(s.guid);
      if (!codings?.length) continue;
      const rects = map.rects(s.start, s.end);
      if (rects.length === 0) continue;
      const a = rects[0];
      const b = rects[rects.length - 1];
      if (!a || !b) continue;
      for (const c of codings) {
        const code = codes.get(c.codeGuid);
        next.push({
          key: `${s.guid}|${c.codeGuid}`,
          segmentGuid: s.guid,
          top: a.top - rootRect.top,
          height: Math.max(4, b.bottom - a.top),
          lane: laneOf.get(`${s.guid}|${c.codeGuid}`) ?? 0,
          color: code?.color ?? '#888888',
          title: code?.name ?? '',
        });
      }
    }
    const lanesNeeded = Math.max(0, ...laneOf.values()) + 1;
    setLaneCount((n) => Math.max(n, lanesNeeded));
    setBars(next);
  }, [blocks, sortedSegments, codingsBySegment, codes, text.length]);
  const computeBarsRef = useRef<() => void>(computeBars);
  useLayoutEffect(() => {
    computeBarsRef.current = computeBars;
  }, [computeBars]);

  // Bars follow in the frame after the highlights: the highlight is what the coder waits for. A
  // frame, then a task after it (as markPainted): computed before that frame, their layout reads
  // and the new bar elements would hold back the frame that paints the highlight.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(computeBars, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [computeBars]);

  // Installed once: observing anew after every coding would report a resize and recompute the bars
  // in the very frame that paints the new highlight.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        computeBarsRef.current();
      });
    };
    scroller.addEventListener('scroll', schedule, { passive: true });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(schedule) : null;
    ro?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', schedule);
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  // Keys can arrive before the browser's (asynchronous) selectionchange event: whoever applies a
  // code reads the live selection through this function instead of the last reported one.
  const { selectionReader } = props;
  useEffect(() => {
    if (!selectionReader) return;
    selectionReader.current = () => {
      const map = mapRef.current;
      const sel = document.getSelection();
      if (!map || !sel || sel.rangeCount === 0 || !rootRef.current?.contains(sel.anchorNode)) return null;
      const r = selectionOffsets(map, sel);
      return r && r.end > r.start ? r : null;
    };
    return () => {
      selectionReader.current = null;
    };
  }, [selectionReader]);

  // Jump to a range: select it and bring it into view.
  useEffect(() => {
    const f = props.focus;
    const map = mapRef.current;
    if (!f || !map) return;
    const range = map.range(f.start, f.end);
    if (!range) return;
    const sel = document.getSelection();
    rootRef.current?.focus({ preventScroll: true });
    sel?.removeAllRanges();
    sel?.addRange(range);
    const el = range.startContainer.parentElement;
    el?.scrollIntoView?.({ block: f.block ?? 'center' });
  }, [props.focus]);

  const segmentsAt = useCallback(
    (offset: number) => sortedSegments.filter((s) => s.start <= offset && offset < s.end).map((s) => s.guid),
    [sortedSegments],
  );

  const caretOffset = (): number | null => {
    const sel = document.getSelection();
    const map = mapRef.current;
    if (!sel || !map || sel.rangeCount === 0 || !sel.isCollapsed || !sel.anchorNode) return null;
    return map.offsetOf(sel.anchorNode, sel.anchorOffset);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!e.ctrlKey && !e.metaKey && !e.altKey && /^[1-9]$/.test(e.key)) {
      e.preventDefault();
      onShortcut(Number(e.key));
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const at = caretOffset();
      if (at !== null) onSegmentsAt(segmentsAt(at));
    }
  };

  const onClick = () => {
    const at = caretOffset();
    if (at !== null) onSegmentsAt(segmentsAt(at));
  };

  return (
    <div className="transcript-scroll" ref={scrollRef}>
      <div className="transcript-body" style={{ paddingLeft: laneCount * LANE_WIDTH + 12 }}>
        <div className="margin-bars" aria-hidden="true">
          {bars.map((b) => (
            <span
              key={b.key}
              className="margin-bar"
              title={b.title}
              style={{ top: b.top, height: b.height, left: b.lane * LANE_WIDTH, background: b.color }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onSegmentsAt([b.segmentGuid])}
            />
          ))}
        </div>
        <div
          ref={rootRef}
          className="transcript"
          contentEditable
          suppressContentEditableWarning
          spellCheck={false}
          role="textbox"
          aria-readonly="true"
          aria-multiline="true"
          aria-label={props.label}
          aria-description={t('transcript.help')}
          tabIndex={0}
          onBeforeInput={(e) => e.preventDefault()}
          onPaste={(e) => e.preventDefault()}
          onCut={(e) => e.preventDefault()}
          onDrop={(e) => e.preventDefault()}
          onDragStart={(e) => e.preventDefault()}
          onKeyDown={onKeyDown}
          onMouseDown={(e) => {
            // A press inside the current selection would start dragging the text instead of a
            // new selection; start afresh unless the user extends the selection with Shift.
            if (!e.shiftKey && e.button === 0) document.getSelection()?.removeAllRanges();
          }}
          onClick={onClick}
        >
          <Paragraphs blocks={blocks} text={text} />
        </div>
      </div>
    </div>
  );
}

/** The paragraphs only re-render when the text or its turns change, never on a new coding. */
const Paragraphs = memo(function Paragraphs({ blocks, text }: { blocks: readonly Block[]; text: string }) {
  return (
    <>
      {blocks.map((b) => (
        <p key={b.start} className={b.turnStart ? 'turn-start' : b.speaker ? 'turn-cont' : 'no-turn'} data-speaker={b.speaker ?? undefined}>
          {b.runs.length === 0 ? (
            <br />
          ) : (
            b.runs.map((r) => (
              <span key={r.start} data-s={r.start} className={`run-${r.kind}`}>
                {text.slice(r.start, r.end)}
              </span>
            ))
          )}
        </p>
      ))}
    </>
  );
});
