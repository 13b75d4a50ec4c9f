import type { Code, Coding, Segment } from '../../../domain/model';
import type { OffsetMap } from './dom-offsets';

/**
 * Paints codings with the CSS Custom Highlight API: one `Highlight` per code over plain text
 * nodes, so that thousands of codings add no DOM elements (../shared/bench/README.md: 1.2x the
 * plain text to open, against 3.4x for one element per highlighted piece).
 */
export const highlightsSupported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

const PREFIX = 'mk-code-';
export const ACTIVE_HIGHLIGHT = 'mk-active';

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export class HighlightPainter {
  private names = new Set<string>();
  private style: HTMLStyleElement;
  private indexOf = new Map<string, number>();

  constructor() {
    this.style = document.createElement('style');
    this.style.dataset.markeer = 'highlights';
    document.head.appendChild(this.style);
  }

  /** Rebuilds every code's highlight from the segments and codings given. */
  paint(map: OffsetMap, segments: readonly Segment[], codingsBySegment: ReadonlyMap<string, readonly Coding[]>, codes: ReadonlyMap<string, Code>, active: ReadonlySet<string>): void {
    if (!highlightsSupported()) return;
    const byCode = new Map<string, Highlight>();
    const activeHl = new Highlight();
    activeHl.priority = 10;
    for (const s of segments) {
      const codings = codingsBySegment.get(s.guid);
      if (!codings?.length) continue;
      const range = map.range(s.start, s.end);
      if (!range) continue;
      for (const c of codings) {
        let h = byCode.get(c.codeGuid);
        if (!h) {
          h = new Highlight();
          byCode.set(c.codeGuid, h);
        }
        h.add(range);
      }
      if (active.has(s.guid)) activeHl.add(range);
    }
    const rules: string[] = [];
    const next = new Set<string>();
    for (const [codeGuid, h] of byCode) {
      const code = codes.get(codeGuid);
      if (!code) continue;
      let i = this.indexOf.get(codeGuid);
      if (i === undefined) {
        i = this.indexOf.size;
        this.indexOf.set(codeGuid, i);
      }
      const name = `${PREFIX}${i}`;
      CSS.highlights.set(name, h);
      next.add(name);
      rules.push(`::highlight(${name}) { background-color: ${rgba(code.color, 0.26)}; }`);
    }
    CSS.highlights.set(ACTIVE_HIGHLIGHT, activeHl);
    rules.push(`::highlight(${ACTIVE_HIGHLIGHT}) { text-decoration: underline 2px; text-decoration-color: currentColor; background-color: rgba(255, 214, 10, 0.35); }`);
    for (const old of this.names) if (!next.has(old)) CSS.highlights.delete(old);
    this.names = next;
    this.style.textContent = rules.join('\n');
  }

  dispose(): void {
    if (highlightsSupported()) {
      for (const n of this.names) CSS.highlights.delete(n);
      CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    }
    this.style.remove();
  }
}
