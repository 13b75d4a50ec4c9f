import { describe, expect, it } from 'vitest';
import { RangePlaces } from './dom-offsets';

/**
 * A stand-in for the transcript: paragraphs of 100 characters starting at offsets 0, 100, 200, ...,
 * each at the top given in `tops` (px from the transcript's top); a character c of a paragraph lies
 * on its line floor(c / 10), 20 px a line. The transcript's own top is at `rootTop` in the window.
 * Counts the measurements.
 */
function fakeTranscript(tops: number[], opts: { measurable?: boolean } = {}) {
  const measured: string[] = [];
  const state = { rootTop: 0 };
  const lineTop = (offset: number) => state.rootTop + (tops[Math.floor(offset / 100)] ?? 0) + 20 * Math.floor((offset % 100) / 10);
  return {
    state,
    measured,
    blocks: tops.map((_, i) => ({ start: 100 * i })),
    paragraphTop: (i: number) => tops[i] ?? 0,
    map: {
      rects(start: number, end: number): readonly DOMRect[] {
        measured.push(`${start}:${end}`);
        if (opts.measurable === false) return [];
        return [{ top: lineTop(start), bottom: lineTop(start) + 18 } as DOMRect, { top: lineTop(end - 1), bottom: lineTop(end - 1) + 18 } as DOMRect];
      },
    },
  };
}

describe('RangePlaces: where the margin bars of codings go', () => {
  it('measures a range once while the width stays, and gives its place from the transcript’s top wherever it was scrolled', () => {
    const t = fakeTranscript([0, 200, 400]);
    const places = new RangePlaces();
    places.useLayout(t.blocks, 600);
    t.state.rootTop = 400;
    // characters 125-149 of paragraph 1: its lines 2 to 4
    expect(places.place(t.map, 125, 150, t.state.rootTop, t.paragraphTop)).toEqual({ top: 240, height: 58 });
    // scrolled by 300 px: the same place, not measured again
    t.state.rootTop = 100;
    places.useLayout(t.blocks, 600);
    expect(places.place(t.map, 125, 150, t.state.rootTop, t.paragraphTop)).toEqual({ top: 240, height: 58 });
    expect(places.place(t.map, 260, 261, t.state.rootTop, t.paragraphTop)).toEqual({ top: 520, height: 18 });
    expect(t.measured).toEqual(['125:150', '260:261']);
  });

  it('moves a range with its paragraphs when paragraphs before it get another height, without measuring again', () => {
    const tops = [0, 200, 400];
    const t = fakeTranscript(tops);
    const places = new RangePlaces();
    places.useLayout(t.blocks, 600);
    // from paragraph 1 into paragraph 2: its top in paragraph 1, its bottom in paragraph 2
    expect(places.place(t.map, 190, 215, 0, t.paragraphTop)).toEqual({ top: 380, height: 58 });
    // paragraph 0 was laid out at a guessed height and gets its own, 50 px more: both move down
    tops[1] = 250;
    tops[2] = 450;
    expect(places.place(t.map, 190, 215, 0, t.paragraphTop)).toEqual({ top: 430, height: 58 });
    // paragraph 1 grows by 30 px: the range's end moves down, its top stays
    tops[2] = 480;
    expect(places.place(t.map, 190, 215, 0, t.paragraphTop)).toEqual({ top: 430, height: 88 });
    expect(t.measured).toEqual(['190:215']);
  });

  it('measures again at another width, or for other blocks', () => {
    const t = fakeTranscript([0, 200]);
    const places = new RangePlaces();
    places.useLayout(t.blocks, 600);
    places.place(t.map, 25, 50, 0, t.paragraphTop);
    places.useLayout(t.blocks, 500);
    places.place(t.map, 25, 50, 0, t.paragraphTop);
    places.useLayout(t.blocks.map((b) => ({ ...b })), 500);
    places.place(t.map, 25, 50, 0, t.paragraphTop);
    places.useLayout(t.blocks, 600);
    places.place(t.map, 25, 50, 0, t.paragraphTop);
    expect(t.measured).toEqual(['25:50', '25:50', '25:50', '25:50']);
  });

  it('keeps no place where nothing could be measured, so that a range without layout yet is measured next time', () => {
    const t = fakeTranscript([0], { measurable: false });
    const places = new RangePlaces();
    places.useLayout(t.blocks, 0);
    expect(places.place(t.map, 0, 10, 0, t.paragraphTop)).toBeNull();
    expect(places.place(t.map, 0, 10, 0, t.paragraphTop)).toBeNull();
    expect(t.measured).toEqual(['0:10', '0:10']);
  });
});
