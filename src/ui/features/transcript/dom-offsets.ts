import { floorIndex } from './layout';

/**
 * Maps between document offsets (UTF-16 code units of the stored text) and DOM points in the
 * rendered transcript, where every run of text is a `span[data-s]` holding one text node.
 */
export class OffsetMap {
  private starts: number[] = [];
  private nodes: Text[] = [];
  private spans: HTMLElement[] = [];
  private probe: Range | null = null;

  constructor(readonly root: HTMLElement) {
    this.refresh();
  }

  refresh(): void {
    this.starts = [];
    this.nodes = [];
    this.spans = [];
    for (const span of this.root.querySelectorAll<HTMLElement>('span[data-s]')) {
      const node = span.firstChild;
      if (!(node instanceof Text)) continue;
      this.starts.push(Number(span.dataset.s));
      this.nodes.push(node);
      this.spans.push(span);
    }
  }

  /** The DOM point for an offset; an offset in the gap between paragraphs maps to the end of the run before. */
  point(offset: number): { node: Text; offset: number } | null {
    const i = Math.max(0, floorIndex(this.starts, offset));
    const node = this.nodes[i];
    const start = this.starts[i];
    if (!node || start === undefined) return null;
    return { node, offset: Math.max(0, Math.min(offset - start, node.length)) };
  }

  /**
   * A fixed range for painting: unlike a live Range, a StaticRange is not tracked by the document,
   * so that the browser does not revisit thousands of highlight ranges on every DOM change
   * anywhere in the page (a notice, a margin bar). The transcript's text nodes never change while
   * the map is in use, so a fixed range stays right.
   */
  staticRange(start: number, end: number): AbstractRange | null {
    if (typeof StaticRange === 'undefined') return this.range(start, end);
    const a = this.point(start);
    const b = this.point(end);
    if (!a || !b) return null;
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }

  /**
   * The client rectangles of a range of the text, measured with one reused Range: every live Range
   * the page holds is revisited by the browser on each DOM change until it is garbage-collected.
   * Empty where the DOM cannot measure (jsdom).
   */
  rects(start: number, end: number): readonly DOMRect[] {
    const a = this.point(start);
    const b = this.point(end);
    if (!a || !b) return [];
    this.probe ??= document.createRange();
    if (typeof this.probe.getClientRects !== 'function') return [];
    this.probe.setStart(a.node, a.offset);
    this.probe.setEnd(b.node, b.offset);
    const rects = [...this.probe.getClientRects()];
    // Collapsed onto the root, the probe holds on to no text node.
    this.probe.setStart(this.root, 0);
    this.probe.collapse(true);
    return rects;
  }

  range(start: number, end: number): Range | null {
    const a = this.point(start);
    const b = this.point(end);
    if (!a || !b) return null;
    const r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  /** The document offset of a DOM point inside the transcript, or null when it lies outside. */
  offsetOf(node: Node, offset: number): number | null {
    if (!this.root.contains(node)) return null;
    if (node instanceof Text) {
      const span = node.parentElement?.closest<HTMLElement>('span[data-s]');
      return span ? Number(span.dataset.s) + offset : null;
    }
    if (!(node instanceof Element)) return null;
    if (node instanceof HTMLElement && node.dataset.s !== undefined) {
      const len = node.textContent?.length ?? 0;
      return Number(node.dataset.s) + (offset > 0 ? len : 0);
    }
    // An element boundary (a paragraph or the root): take the run after it, else the end of the one before.
    const after = node.childNodes[offset];
    const first = after ? this.firstRunIn(after) : null;
    if (first) return Number(first.dataset.s);
    const before = offset > 0 ? node.childNodes[offset - 1] : null;
    const last = before ? this.lastRunIn(before) : null;
    if (last) return Number(last.dataset.s) + (last.textContent?.length ?? 0);
    return null;
  }

  private firstRunIn(n: Node): HTMLElement | null {
    if (n instanceof HTMLElement && n.dataset.s !== undefined) return n;
    return n instanceof Element ? n.querySelector<HTMLElement>('span[data-s]') : null;
  }

  private lastRunIn(n: Node): HTMLElement | null {
    if (n instanceof HTMLElement && n.dataset.s !== undefined) return n;
    if (!(n instanceof Element)) return null;
    const all = n.querySelectorAll<HTMLElement>('span[data-s]');
    return all[all.length - 1] ?? null;
  }
}

/** The selected range of the transcript in document offsets, or null when nothing is selected there. */
export function selectionOffsets(map: OffsetMap, sel: Selection | null): { start: number; end: number } | null {
  if (!sel || sel.rangeCount === 0) return null;
  const r = sel.getRangeAt(0);
  const a = map.offsetOf(r.startContainer, r.startOffset);
  const b = map.offsetOf(r.endContainer, r.endOffset);
  if (a === null || b === null) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** Where a range of the transcript lies: its first line's top and its height, in px from the transcript's top. */
export interface RangePlace {
  readonly top: number;
  readonly height: number;
}

/** A measured range: its first line's top and last line's bottom, each from the top of its paragraph (by index). */
interface Anchored {
  readonly first: number;
  readonly top: number;
  readonly last: number;
  readonly bottom: number;
}

/**
 * The places of ranges of the transcript, each measured once per width. Scrolling does not move a
 * range against the text, so the margin, recomputed in the frame after each scroll step that shows
 * other paragraphs, measures only the codings new in view: measuring every one in view each time
 * (the browser's client rectangles of W1's 300 codings in view) was most of the scrolling's script
 * time (issue 15). A range is kept relative to its paragraphs, whose tops are read anew each time:
 * paragraphs far from the view are laid out at a guessed height (`content-visibility`) until they
 * come near it, and then move everything below them. Another width or other blocks forget every
 * place.
 */
export class RangePlaces {
  private layout: { readonly blocks: readonly { readonly start: number }[]; readonly width: number } | null = null;
  private starts: number[] = [];
  private readonly known = new Map<string, Anchored>();

  /** Keeps the places measured when `blocks` (the transcript's paragraphs, in order) and `width` are those they were measured at; else forgets them. */
  useLayout(blocks: readonly { readonly start: number }[], width: number): void {
    if (this.layout && this.layout.blocks === blocks && this.layout.width === width) return;
    this.layout = { blocks, width };
    this.starts = blocks.map((b) => b.start);
    this.known.clear();
  }

  /**
   * The place of [start, end) now: measured with `map` (against `rootTop`, the transcript's client
   * top now) unless known; `paragraphTop(i)`: the top of the i-th block's paragraph in px from the
   * transcript's top, now. Null where it has no layout (it is measured again next time).
   */
  place(map: Pick<OffsetMap, 'rects'>, start: number, end: number, rootTop: number, paragraphTop: (i: number) => number): RangePlace | null {
    const key = `${start}:${end}`;
    let anchored = this.known.get(key);
    if (!anchored) {
      const rects = map.rects(start, end);
      const a = rects[0];
      const b = rects[rects.length - 1];
      if (!a || !b) return null;
      const first = Math.max(0, floorIndex(this.starts, start));
      const last = Math.max(first, floorIndex(this.starts, Math.max(start, end - 1)));
      anchored = { first, top: a.top - rootTop - paragraphTop(first), last, bottom: b.bottom - rootTop - paragraphTop(last) };
      this.known.set(key, anchored);
    }
    const top = paragraphTop(anchored.first) + anchored.top;
    return { top, height: Math.max(4, paragraphTop(anchored.last) + anchored.bottom - top) };
  }
}
