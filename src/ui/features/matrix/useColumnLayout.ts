import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { layoutColumns, type ColumnLayout, type LabelMetrics } from './column-layout';

/** Header lines before a label is rotated (upright) or clipped (rotated, with its name on hover). */
export const MAX_HEADER_LINES = 3;
/** No column wider than this (CSS pixels): a count needs little room. */
const MAX_COLUMN_WIDTH = 220;

interface Measured {
  readonly labels: readonly LabelMetrics[];
  readonly cellWidth: number;
  readonly padding: number;
  readonly lineHeight: number;
  readonly codeWidth: number;
  readonly rootFont: number;
}

/**
 * Measures the column labels word by word in the header's font (a hidden probe in the grid's scroll
 * element, removed in the same frame) and the widest count, follows the grid's width, and lays the
 * columns out (column-layout.ts). Null until measured.
 */
export function useColumnLayout(scrollRef: RefObject<HTMLElement | null>, labels: readonly string[], countSamples: readonly string[]): ColumnLayout | null {
  const [measured, setMeasured] = useState<Measured | null>(null);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const wrap = scrollRef.current;
    if (!wrap) return;
    setMeasured(measure(wrap, labels, countSamples));
  }, [scrollRef, labels, countSamples]);

  useLayoutEffect(() => {
    const wrap = scrollRef.current;
    if (!wrap) return;
    setWidth(wrap.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(wrap.clientWidth));
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [scrollRef]);

  return useMemo(() => {
    if (!measured || width <= 0) return null;
    return layoutColumns({
      available: width - measured.codeWidth,
      labels: measured.labels,
      padding: measured.padding,
      minWidth: measured.cellWidth,
      maxWidth: MAX_COLUMN_WIDTH,
      lineHeight: measured.lineHeight,
      maxLines: MAX_HEADER_LINES,
      maxHeight: 11 * measured.rootFont,
    });
  }, [measured, width]);
}

function measure(wrap: HTMLElement, labels: readonly string[], countSamples: readonly string[]): Measured {
  const corner = wrap.querySelector<HTMLElement>('.matrix-corner');
  const style = corner ? getComputedStyle(corner) : null;
  const px = (v: string | undefined) => parseFloat(v ?? '') || 0;
  const padding = style ? Math.ceil(px(style.paddingLeft) + px(style.paddingRight) + px(style.borderLeftWidth) + px(style.borderRightWidth)) + 2 : 16;

  const probe = document.createElement('div');
  probe.className = 'matrix-measure';
  probe.setAttribute('aria-hidden', 'true');
  const span = (text: string, className: string) => {
    const s = document.createElement('span');
    s.className = className;
    s.textContent = text;
    probe.appendChild(s);
    return s;
  };
  const split = labels.map((l) => l.split(/\s+/).filter((w) => w !== ''));
  const words = new Map<string, HTMLElement>();
  for (const list of split) for (const w of list) if (!words.has(w)) words.set(w, span(w, 'matrix-measure-word'));
  const pair = span('x x', 'matrix-measure-word');
  const single = span('x', 'matrix-measure-word');
  const counts = countSamples.map((c) => span(c, 'matrix-measure-count'));
  wrap.appendChild(probe);
  const widthOf = (e: HTMLElement) => e.getBoundingClientRect().width;
  const wordWidths = new Map([...words].map(([w, e]) => [w, widthOf(e)]));
  const space = Math.max(0, widthOf(pair) - 2 * widthOf(single));
  const cellWidth = Math.ceil(Math.max(0, ...counts.map(widthOf))) + padding;
  const wordStyle = getComputedStyle(single);
  const fontSize = px(wordStyle.fontSize) || 13;
  const lineHeight = px(wordStyle.lineHeight) >= fontSize ? px(wordStyle.lineHeight) : fontSize * 1.25;
  const rootFont = px(getComputedStyle(document.documentElement).fontSize) || 15;
  probe.remove();

  return {
    labels: split.map((list) => ({ words: list.map((w) => wordWidths.get(w) ?? 0), space })),
    cellWidth,
    padding,
    lineHeight,
    codeWidth: corner?.offsetWidth ?? 0,
    rootFont,
  };
}
