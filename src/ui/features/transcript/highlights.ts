import type { Code, Coding, Segment } from '../../../domain/model';
import type { OffsetMap } from './dom-offsets';

/**
 * Paints codings with the CSS Custom Highlight API: one `Highlight` per code over plain text
 * nodes, so that thousands of codings add no DOM elements (../shared/bench/README.md: 1.2x the
 * plain text to open, against 3.4x for one element per highlighted piece).
 *
 * Updates are incremental: a new coding adds one range to its code's highlight, a removed one
 * deletes one, and the style sheet is only rewritten when a code or colour appears or changes.
 * Replacing every highlight (or the style sheet) makes the browser restyle and repaint the whole
 * transcript, which on 10,000 codings took about half a second per coding.
 */
export const highlightsSupported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

const PREFIX = 'mk-code-';
export const ACTIVE_HIGHLIGHT = 'mk-active';

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** What is painted for one segment: the segment and codings it was painted from, a range per code. */
interface Painted {
  readonly segment: Segment;
  codings: readonly Coding[] | undefined;
  readonly ranges: Map<string, AbstractRange>;
  /** The paint() call that last saw this segment, to find the segments that went. */
  seen: number;
}

/** Whether a segment's painted ranges are exactly those of the codings given whose code exists. */
function paintsCodes(p: Painted, codes: ReadonlyMap<string, Code>, codings = p.codings): boolean {
  const wanted = new Set((codings ?? []).filter((c) => codes.has(c.codeGuid)).map((c) => c.codeGuid));
  return wanted.size === p.ranges.size && [...wanted].every((g) => p.ranges.has(g));
}

export class HighlightPainter {
  private style: HTMLStyleElement;
  /** Highlight name of each code that has one, e.g. "mk-code-3". */
  private nameOf = new Map<string, string>();
  private highlights = new Map<string, Highlight>();
  /** What is painted, by segment GUID. */
  private painted = new Map<string, Painted>();
  private pass = 0;
  private codes: ReadonlyMap<string, Code> | null = null;
  /** Null where the browser has no Custom Highlight API (paint() then does nothing). */
  private active: Highlight | null = highlightsSupported() ? new Highlight() : null;
  private activeKeys = new Set<string>();
  private rules = '';
  private map: OffsetMap | null = null;

  constructor() {
    this.style = document.createElement('style');
    this.style.dataset.markeer = 'highlights';
    document.head.appendChild(this.style);
    if (this.active) {
      this.active.priority = 10;
      CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
    }
  }

  /**
   * Brings the painted highlights in line with the segments and codings given (those of the
   * transcript's painted window; a segment no longer given is taken out). Returns the number of
   * ranges painted. Segments and
   * coding lists are immutable and replaced when they change (useDocumentCodings), so a segment
   * painted from the same objects is skipped by identity: a new coding among 10,000 costs one
   * range, not a comparison of every coding.
   */
  paint(map: OffsetMap, segments: readonly Segment[], codingsBySegment: ReadonlyMap<string, readonly Coding[]>, codes: ReadonlyMap<string, Code>, active: ReadonlySet<string>): number {
    if (!highlightsSupported()) return 0;
    if (map !== this.map) {
      // The text was rendered anew: every range pointed into the old nodes.
      this.clearRanges();
      this.map = map;
    }
    // A changed codebook may have taken a code away: then every segment's codes are checked.
    const codebookChanged = codes !== this.codes;
    this.codes = codes;
    const pass = ++this.pass;
    let kept = 0;
    for (const s of segments) {
      const codings = codingsBySegment.get(s.guid);
      const old = this.painted.get(s.guid);
      if (old && old.segment === s && old.codings === codings && (!codebookChanged || paintsCodes(old, codes))) {
        old.seen = pass;
        kept++;
        continue;
      }
      // Painted ahead (paintAhead) or otherwise with the same codes: nothing to change on screen.
      if (old && old.segment === s && paintsCodes(old, codes, codings)) {
        old.codings = codings;
        old.seen = pass;
        kept++;
        continue;
      }
      if (old) this.unpaint(old);
      const ranges = new Map<string, AbstractRange>();
      for (const c of codings ?? []) {
        if (!codes.has(c.codeGuid) || ranges.has(c.codeGuid)) continue;
        const range = map.staticRange(s.start, s.end);
        if (!range) continue;
        this.highlightOf(c.codeGuid).add(range);
        ranges.set(c.codeGuid, range);
      }
      this.painted.set(s.guid, { segment: s, codings, ranges, seen: pass });
      kept++;
    }
    if (kept !== this.painted.size) {
      for (const [guid, p] of this.painted) {
        if (p.seen === pass) continue;
        this.unpaint(p);
        this.painted.delete(guid);
      }
    }
    this.paintActive(segments, active);
    this.writeRules(codes);
    return this.rangeCount();
  }

  /**
   * Paints one new coding at once, before the lists it belongs to are rendered (a code applied by
   * key or palette): one range added to its code's highlight, in the task that applied it. The
   * next paint() finds it painted and keeps it. Returns whether anything was painted: not when the
   * text was rendered anew since the last paint(), or the coding is painted already.
   */
  paintAhead(map: OffsetMap, segment: Segment, codeGuid: string, codes: ReadonlyMap<string, Code>): boolean {
    if (!highlightsSupported() || map !== this.map || !codes.has(codeGuid)) return false;
    const old = this.painted.get(segment.guid);
    if (old && (old.segment !== segment || old.ranges.has(codeGuid))) return false;
    const range = map.staticRange(segment.start, segment.end);
    if (!range) return false;
    this.highlightOf(codeGuid).add(range);
    if (old) old.ranges.set(codeGuid, range);
    else this.painted.set(segment.guid, { segment, codings: undefined, ranges: new Map([[codeGuid, range]]), seen: this.pass });
    this.writeRules(codes);
    return true;
  }

  /** Ranges painted now (those of the codings in the painted window). */
  rangeCount(): number {
    let ranges = 0;
    for (const p of this.painted.values()) ranges += p.ranges.size;
    return ranges;
  }

  private unpaint(p: Painted): void {
    for (const [codeGuid, range] of p.ranges) this.highlightOf(codeGuid).delete(range);
  }

  dispose(): void {
    if (highlightsSupported()) {
      for (const name of this.nameOf.values()) CSS.highlights.delete(name);
      CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    }
    this.style.remove();
  }

  private highlightOf(codeGuid: string): Highlight {
    let h = this.highlights.get(codeGuid);
    if (!h) {
      h = new Highlight();
      const name = `${PREFIX}${this.nameOf.size}`;
      this.nameOf.set(codeGuid, name);
      this.highlights.set(codeGuid, h);
      CSS.highlights.set(name, h);
    }
    return h;
  }

  private paintActive(segments: readonly Segment[], active: ReadonlySet<string>): void {
    if (active.size === 0 && this.activeKeys.size === 0) return;
    const keys = new Set<string>();
    for (const s of segments) if (active.has(s.guid)) keys.add(`${s.guid}|${s.start}|${s.end}`);
    if (keys.size === this.activeKeys.size && [...keys].every((k) => this.activeKeys.has(k))) return;
    this.active?.clear();
    for (const s of segments) {
      if (!active.has(s.guid) || !this.map) continue;
      const range = this.map.staticRange(s.start, s.end);
      if (range) this.active?.add(range);
    }
    this.activeKeys = keys;
  }

  private writeRules(codes: ReadonlyMap<string, Code>): void {
    const rules: string[] = [];
    for (const [codeGuid, name] of this.nameOf) {
      const code = codes.get(codeGuid);
      if (code) rules.push(`::highlight(${name}) { background-color: ${rgba(code.color, 0.26)}; }`);
    }
    rules.push(`::highlight(${ACTIVE_HIGHLIGHT}) { text-decoration: underline 2px; text-decoration-color: currentColor; background-color: rgba(255, 214, 10, 0.35); }`);
    const text = rules.join('\n');
    if (text !== this.rules) {
      this.rules = text;
      this.style.textContent = text;
    }
  }

  private clearRanges(): void {
    for (const h of this.highlights.values()) h.clear();
    this.painted.clear();
    this.active?.clear();
    this.activeKeys = new Set();
  }
}
