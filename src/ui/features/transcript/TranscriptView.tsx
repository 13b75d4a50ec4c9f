import { memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code, Coder, Coding, Segment, Turn } from '../../../domain/model';
import { segmentsInRange } from '../../../domain/ranges';
import { paragraphs } from '../../../domain/text';
import { ProjectContext } from '../../shell/project-context';
import { OffsetMap, RangePlaces, selectionOffsets } from './dom-offsets';
import { HighlightPainter } from './highlights';
import { coderInitials, layoutBlocks, placeMargin, type Block, type MarginEntry } from './layout';
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
  /**
   * Receives a function that paints one new coding at once, before the lists holding it are
   * rendered (DocumentPane calls it in the task that applied the code): the frame after the key
   * shows it. A coding outside the painted window waits for the render, as scrolling would.
   */
  readonly paintAhead?: { current: ((segment: Segment, codeGuid: string) => void) | null };
  onSegmentsAt(guids: string[]): void;
  onShortcut(key: number): void;
}

/** Whose coding a margin label shows, when the transcript shows more than one coder's. */
interface BarCoder {
  readonly name: string;
  readonly color: string;
  readonly initials: string;
}

interface Bar {
  readonly key: string;
  readonly segmentGuid: string;
  readonly top: number;
  readonly height: number;
  readonly lane: number;
  /** Length of the label column (px), >= height: a label runs on below its bar where its lane is free. */
  readonly extent: number;
  /** Too many bars overlap here for a label: a bar in the overflow lane, its name on hover and focus. */
  readonly overflow: boolean;
  readonly color: string;
  /** The code's name (null: the code is not in the codebook given). */
  readonly name: string | null;
  readonly coder: BarCoder | null;
}

/** One lane of the margin: a 4 px bar and beside it a line of vertical text (transcript.css). */
const LANE_WIDTH = 17;
/** The margin starts this many lanes wide, so that the first codings do not reflow the text. */
const INITIAL_LANES = 2;
/**
 * Lanes with labels; bars beyond them go to one more lane, without labels. The margin is then at
 * most (MAX_LANES + 1) x LANE_WIDTH wide (116 px), however dense the coding.
 */
const MAX_LANES = 5;
/** Every label gets at least this length (px) while lanes are left: about six letters of a name. */
const MIN_LABEL = 46;
/** A label runs on below its bar at most this far; longer names end in an ellipsis. */
const MAX_LABEL = 170;
/** The labels' type (transcript.css, .margin-label), to measure how long a label wants to be. */
const LABEL_FONT = '600 11px system-ui, sans-serif';
/** The coder's dot and initials before the name. */
const CODER_MARK = 28;

/** Length (px) of names in the labels' type, measured once per name; estimated without a canvas. */
const nameLengths = new Map<string, number>();
let measurer: CanvasRenderingContext2D | null | undefined;
function nameLength(name: string): number {
  let length = nameLengths.get(name);
  if (length !== undefined) return length;
  if (measurer === undefined) {
    try {
      measurer = document.createElement('canvas').getContext('2d');
    } catch {
      measurer = null;
    }
    if (measurer) measurer.font = LABEL_FONT;
  }
  length = Math.ceil(measurer ? measurer.measureText(name).width : name.length * 7);
  nameLengths.set(name, length);
  return length;
}

const bySegmentOrder = (a: Segment, b: Segment) => a.start - b.start || b.end - a.end;

/** Segment lists known to be in transcript order, so that checking 10,000 of them is skipped. */
const inOrder = new WeakSet<readonly Segment[]>();

/** Notes that a list is sorted by start, longer first (useDocumentCodings keeps its list so). */
export function markInTranscriptOrder<T extends readonly Segment[]>(segments: T): T {
  inOrder.add(segments);
  return segments;
}

function isSorted(segments: readonly Segment[]): boolean {
  if (inOrder.has(segments)) return true;
  for (let i = 1; i < segments.length; i++) if (bySegmentOrder(segments[i - 1] as Segment, segments[i] as Segment) > 0) return false;
  return true;
}

/**
 * Marks (User Timing) the first moment after the frame that paints the highlights, so that
 * benchmarks and tests can tell when codings are visible: a frame, then a task after it. Its
 * detail: the document's segments, and the ranges painted (those of the codings in the window).
 */
function markPainted(segmentCount: number | null, ranges: number): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() =>
    setTimeout(() => performance.mark('markeer:highlights-painted', { detail: { segments: segmentCount, ranges } }), 0),
  );
}

/**
 * Highlights are painted for the codings within this many screens above and below the view, not
 * for the whole transcript: the browser revisits every range of every highlight whenever one
 * changes (Chromium 156: a new coding cost 32 ms among 10,000 ranges, 12 ms among 100), so the
 * cost of a coding, and of opening a document, follows what is on screen, not the document's size.
 */
const WINDOW_SCREENS = 2;

/**
 * Characters painted before the text is laid out: more than the view and the two screens below it
 * hold (the view opens at the top), from the window's size at about 150 px² a character in a
 * column at most 900 px wide, and never under 10,000 (14,400 at 1280 x 800). Each is a range the
 * first paint creates; the window is measured in the next frame in any case.
 */
function firstWindowChars(): number {
  const width = typeof window === 'undefined' ? 1280 : Math.min(window.innerWidth || 1280, 900);
  const height = typeof window === 'undefined' ? 800 : window.innerHeight || 800;
  return Math.max(10_000, Math.ceil((3 * width * height) / 150));
}

/** The window of a transcript not laid out yet: its first paragraphs, edges unknown (measured next). */
function firstWindow(blocks: readonly Block[]): PaintWindow {
  const chars = firstWindowChars();
  let last = 0;
  while (last + 1 < blocks.length && (blocks[last]?.end ?? 0) < chars) last++;
  return { start: 0, end: blocks[last]?.end ?? 0, top: -Infinity, bottom: -Infinity };
}

/**
 * The paragraphs from the last one starting at or above `from` (else the first) to the last one
 * starting above `to` (px from the top of the text): paragraph tops grow down the page, so a
 * binary search finds the first, and each top is read once.
 */
function paragraphsBetween(paras: HTMLCollection, from: number, to: number): { first: number; last: number; topAt(i: number): number } {
  const tops: number[] = [];
  const topAt = (i: number) => (tops[i] ??= (paras[i] as HTMLElement).offsetTop);
  let lo = 0;
  let hi = paras.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (topAt(mid) <= from) lo = mid;
    else hi = mid - 1;
  }
  let last = lo;
  while (last + 1 < paras.length && topAt(last + 1) < to) last++;
  return { first: lo, last, topAt };
}

/** The part of the text whose codings are painted, and where its paragraphs lie (px from the top). */
interface PaintWindow {
  readonly start: number;
  readonly end: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * The coded transcript: plain paragraphs (a read-only, caret-navigable surface, so that text can
 * be selected by keyboard too), codings painted as highlights, and in the margin one bar per
 * coding in its code's colour with the code's name beside it, in lanes where codings overlap.
 */
export function TranscriptView(props: TranscriptViewProps) {
  const { t } = useTranslation();
  const { text, turns, segments, codingsBySegment, codes, activeSegmentGuids, onSegmentsAt, onShortcut } = props;
  // Outside a project (never in the app) the margin simply shows no coders.
  const coders = useContext(ProjectContext)?.coders;
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
  const [laneCount, setLaneCount] = useState(INITIAL_LANES);
  // Labels name the coder only when the transcript shows segments of more than one coder.
  const coderMarks = useMemo(() => barCoders(segments, coders ?? []), [segments, coders]);
  const barsFor = useRef<{ inputs: readonly unknown[]; window: string }>({ inputs: [], window: '' });
  const placesRef = useRef<RangePlaces | null>(null);

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

  // The painted window (null: every coding, where there is no layout to measure, as in tests),
  // measured when the text is laid out and again when the view nears its edge.
  const windowRef = useRef<{ blocks: readonly Block[]; window: PaintWindow | null } | null>(null);
  const [windowMoves, setWindowMoves] = useState(0);
  const measureWindow = useCallback((): PaintWindow | null => {
    const scroller = scrollRef.current;
    const root = rootRef.current;
    if (!scroller || !root || scroller.clientHeight === 0 || root.children.length === 0) return null;
    const paras = root.children;
    const h = scroller.clientHeight;
    const from = scroller.scrollTop - WINDOW_SCREENS * h;
    const to = scroller.scrollTop + (1 + WINDOW_SCREENS) * h;
    const { first: lo, last, topAt } = paragraphsBetween(paras, from, to);
    const lastPara = paras[last] as HTMLElement;
    return {
      start: blocks[lo]?.start ?? 0,
      end: blocks[last]?.end ?? text.length,
      top: lo === 0 ? -Infinity : topAt(lo),
      bottom: last === paras.length - 1 ? Infinity : lastPara.offsetTop + lastPara.offsetHeight,
    };
  }, [blocks, text.length]);
  // Called on scroll and resize: a new window once the view comes within a screen of its edge.
  const moveWindow = useCallback(
    (force: boolean) => {
      const scroller = scrollRef.current;
      const current = windowRef.current;
      if (!scroller || !current || current.blocks !== blocks) return;
      const w = current.window;
      const h = scroller.clientHeight;
      const near = !w || scroller.scrollTop - h < w.top || scroller.scrollTop + 2 * h > w.bottom;
      if (!force && !near) return;
      const next = measureWindow();
      windowRef.current = { blocks, window: next };
      // The same text painted: only its edges are known better now.
      if (next?.start !== w?.start || next?.end !== w?.end) setWindowMoves((n) => n + 1);
    },
    [blocks, measureWindow],
  );
  const moveWindowRef = useRef(moveWindow);
  useLayoutEffect(() => {
    moveWindowRef.current = moveWindow;
  }, [moveWindow]);

  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (windowRef.current?.blocks !== blocks) {
      // Before its first frame the text has no layout, and measuring it here would lay out the
      // whole transcript inside this task: the first paint takes the text's first characters (the
      // view opens at the top), and the window is measured after that frame, laid out by then.
      windowRef.current = { blocks, window: firstWindow(blocks) };
      requestAnimationFrame(() => moveWindowRef.current(true));
    }
    const w = windowRef.current.window;
    painterRef.current ??= new HighlightPainter();
    const painted = painterRef.current.paint(map, w ? segmentsInRange(sortedSegments, w.start, w.end) : sortedSegments, codingsBySegment, codes, activeSegmentGuids);
    markPainted(segments.length, painted);
  }, [blocks, segments.length, sortedSegments, codingsBySegment, codes, activeSegmentGuids, measureWindow, windowMoves]);

  // A coding painted ahead of the render: its segment count is not known yet (the mark says null).
  const { paintAhead } = props;
  useLayoutEffect(() => {
    if (!paintAhead) return;
    paintAhead.current = (segment, codeGuid) => {
      const map = mapRef.current;
      const painter = painterRef.current;
      const w = windowRef.current?.blocks === blocks ? windowRef.current.window : undefined;
      if (!map || !painter || w === undefined) return;
      if (w && (segment.end <= w.start || segment.start >= w.end)) return;
      if (painter.paintAhead(map, segment, codeGuid, codes)) markPainted(null, painter.rangeCount());
    };
    return () => {
      paintAhead.current = null;
    };
  }, [paintAhead, blocks, codes]);

  const computeBars = useCallback(() => {
    const map = mapRef.current;
    const scroller = scrollRef.current;
    const root = rootRef.current;
    if (!map || !scroller || !root) return;
    const paras = root.children;
    if (paras.length === 0) return setBars([]);
    const viewTop = scroller.scrollTop - scroller.clientHeight;
    const viewBottom = scroller.scrollTop + 2 * scroller.clientHeight;
    const { first, last } = paragraphsBetween(paras, viewTop, viewBottom);
    // Scrolling within the same paragraphs, with the same codings and layout, changes no bar. The
    // text's height is part of its layout: a paragraph laid out at a guessed height until it comes
    // near the view (content-visibility) moves the codings below it once it gets its own.
    const size = `${root.clientWidth}x${root.offsetHeight}`;
    const window = `${first}:${last}:${size}`;
    const inputs = [blocks, sortedSegments, codingsBySegment, codes, coderMarks];
    if (barsFor.current.window === window && barsFor.current.inputs.every((x, i) => x === inputs[i])) return;
    barsFor.current = { inputs, window };
    const from = blocks[first]?.start ?? 0;
    const to = blocks[last]?.end ?? text.length;
    const rootRect = root.getBoundingClientRect();
    // The codings' places against their paragraphs stay while the text keeps its blocks and width.
    const places = (placesRef.current ??= new RangePlaces());
    places.useLayout(blocks, root.clientWidth);
    const paragraphTop = (i: number) => (paras[i] as HTMLElement | undefined)?.offsetTop ?? 0;
    const visible = segmentsInRange(sortedSegments, from, to);
    // One entry per coding (segment x code) in view, laid out in lanes so that neither overlapping
    // codings' bars nor their labels overlap.
    const entries: (MarginEntry & { segmentGuid: string; color: string; name: string | null; coder: BarCoder | null })[] = [];
    for (const s of visible) {
      const codings = codingsBySegment.get(s.guid);
      if (!codings?.length) continue;
      const place = places.place(map, s.start, s.end, rootRect.top, paragraphTop);
      if (!place) continue;
      const coder = coderMarks?.get(s.coderGuid) ?? null;
      for (const c of codings) {
        const code = codes.get(c.codeGuid);
        const name = code?.name ?? null;
        entries.push({
          key: `${s.guid}|${c.codeGuid}`,
          segmentGuid: s.guid,
          top: place.top,
          height: place.height,
          labelLength: Math.min(MAX_LABEL, nameLength(name ?? t('transcript.unknownCode')) + (coder ? CODER_MARK : 0) + 4),
          color: code?.color ?? '#888888',
          name,
          coder,
        });
      }
    }
    const lanes = placeMargin(entries, { minExtent: MIN_LABEL, gap: 3, maxLanes: MAX_LANES });
    let lanesNeeded = 1;
    const next: Bar[] = [];
    for (const e of entries) {
      const place = lanes.get(e.key);
      if (!place) continue;
      lanesNeeded = Math.max(lanesNeeded, place.lane + 1);
      next.push({ key: e.key, segmentGuid: e.segmentGuid, top: e.top, height: e.height, lane: place.lane, extent: place.extent, overflow: place.overflow, color: e.color, name: e.name, coder: e.coder });
    }
    // Document order top to bottom, then lane by lane: the order arrow keys go through them.
    next.sort((x, y) => x.top - y.top || x.lane - y.lane);
    setLaneCount((n) => Math.max(n, lanesNeeded));
    setBars(next);
  }, [blocks, sortedSegments, codingsBySegment, codes, coderMarks, text.length, t]);
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
    let resized = false;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        // After a resize the paragraphs lie elsewhere: the window is measured anew.
        moveWindowRef.current(resized);
        resized = false;
        computeBarsRef.current();
      });
    };
    scroller.addEventListener('scroll', schedule, { passive: true });
    // The text is observed too: it is laid out anew inside an unchanged scroller when the margin
    // widens, and when paragraphs laid out at a guessed height (content-visibility) get their own.
    // The bars follow either. The window is measured anew only for another width: after a jump
    // through the text paragraphs get their own height several times in a row, each new window
    // repaints the highlights, and the window moves anyway when the view nears its edge.
    const root = rootRef.current;
    let rootWidth: number | null = null;
    const ro =
      typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver((entries) => {
            for (const entry of entries) {
              if (entry.target !== root) resized = true;
              else if (entry.contentRect.width !== rootWidth) {
                if (rootWidth !== null) resized = true;
                rootWidth = entry.contentRect.width;
              }
            }
            schedule();
          })
        : null;
    ro?.observe(scroller);
    if (root) ro?.observe(root);
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
      <div className="transcript-body" style={{ paddingLeft: laneCount * LANE_WIDTH + 14 }}>
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
        {/* After the text, so that Tab reaches the transcript first and the margin next. */}
        <Margin bars={bars} onOpen={onSegmentsAt} />
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

/** Coder marks by coder GUID when the segments come from more than one coder, else null. */
function barCoders(segments: readonly Segment[], coders: readonly Coder[]): ReadonlyMap<string, BarCoder> | null {
  const first = segments[0]?.coderGuid;
  if (first === undefined || segments.every((s) => s.coderGuid === first)) return null;
  const initials = coderInitials(coders);
  const marks = new Map<string, BarCoder>();
  for (const c of coders) marks.set(c.guid, { name: c.name, color: c.color, initials: initials.get(c.guid) ?? '?' });
  return marks;
}

/**
 * The margin: per coding in view a bar in its code's colour and the code's name beside it (with
 * the coder's dot and initials when several coders show). The names are buttons in one tab stop
 * (a vertical toolbar: arrow keys move between them, Enter opens the segment); hovering or
 * focusing one shows its full name, which the label may have cut short.
 */
const Margin = memo(function Margin({ bars, onOpen }: { bars: readonly Bar[]; onOpen(guids: string[]): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Roving tab stop: the label focused last, else the first label in view.
  const [current, setCurrent] = useState<string | null>(null);
  const [tip, setTip] = useState<string | null>(null);
  const stop = bars.some((b) => b.key === current) ? current : (bars[0]?.key ?? null);
  const fullName = (b: Bar) => {
    const code = b.name ?? t('transcript.unknownCode');
    return b.coder ? t('transcript.codingBy', { code, coder: b.coder.name }) : code;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('.margin-label') ?? [])];
    const at = buttons.findIndex((x) => x === document.activeElement);
    if (at < 0) return;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
  };

  const shown = tip === null ? undefined : bars.find((b) => b.key === tip);
  return (
    <div
      ref={ref}
      className="margin-bars"
      role={bars.length > 0 ? 'toolbar' : undefined}
      aria-orientation={bars.length > 0 ? 'vertical' : undefined}
      aria-label={bars.length > 0 ? t('transcript.margin') : undefined}
      aria-description={bars.length > 0 ? t('transcript.marginHelp') : undefined}
      onKeyDown={onKeyDown}
    >
      {bars.map((b) => (
        <button
          key={b.key}
          type="button"
          className={b.overflow ? 'margin-label margin-overflow' : 'margin-label'}
          tabIndex={b.key === stop ? 0 : -1}
          aria-label={fullName(b)}
          style={{ top: b.top, height: b.extent, left: b.lane * LANE_WIDTH }}
          // A click keeps the text selection (and the caret) where they are.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onOpen([b.segmentGuid])}
          onFocus={() => {
            setCurrent(b.key);
            setTip(b.key);
          }}
          onBlur={() => setTip((k) => (k === b.key ? null : k))}
          onMouseEnter={() => setTip(b.key)}
          onMouseLeave={() => setTip((k) => (k === b.key ? null : k))}
        >
          <span className="margin-bar" style={{ height: b.height, background: b.color }} />
          {!b.overflow && (
            <span className="margin-name" aria-hidden="true">
              {b.coder && (
                <>
                  <span className="margin-coder" style={{ background: b.coder.color }} />
                  <span className="margin-initials">{b.coder.initials}</span>{' '}
                </>
              )}
              {b.name ?? t('transcript.unknownCode')}
            </span>
          )}
        </button>
      ))}
      {shown && (
        <div role="tooltip" className="margin-tip" style={{ top: shown.top, left: (shown.lane + 1) * LANE_WIDTH + 2 }}>
          {shown.coder && <span className="margin-coder" style={{ background: shown.coder.color }} />}
          {fullName(shown)}
        </div>
      )}
    </div>
  );
});
