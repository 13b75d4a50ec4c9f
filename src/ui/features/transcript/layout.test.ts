import { coderInitials, floorIndex, layoutBlocks, placeMargin, type MarginEntry } from './layout';

describe('transcript layout', () => {
  const text = 'Titel\n[00:00:12] I: Hallo daar\n(stilte)\nT: Ja';
  const paragraphs = [
    { start: 0, end: 5 },
    { start: 6, end: 30 },
    { start: 31, end: 39 },
    { start: 40, end: 45 },
  ];
  const turns = [
    { speaker: 'I', start: 6, end: 39, labelStart: 17, labelEnd: 19 },
    { speaker: 'T', start: 40, end: 45, labelStart: 40, labelEnd: 42 },
  ];

  it('renders the timestamp, the label and the text of a turn as separate runs that keep their offsets', () => {
    const blocks = layoutBlocks(text, paragraphs, turns);
    const runs = blocks[1]?.runs.map((r) => [r.kind, text.slice(r.start, r.end)]);
    expect(runs).toEqual([
      ['stamp', '[00:00:12] '],
      ['label', 'I:'],
      ['text', ' Hallo daar'],
    ]);
  });

  it('lets a paragraph without a label continue the turn before it, and leaves a title line outside any turn', () => {
    const blocks = layoutBlocks(text, paragraphs, turns);
    expect(blocks.map((b) => [b.speaker, b.turnStart])).toEqual([
      [null, false],
      ['I', true],
      ['I', false],
      ['T', true],
    ]);
  });

  it('finds the run holding an offset', () => {
    expect(floorIndex([0, 6, 17, 19], 18)).toBe(2);
    expect(floorIndex([0, 6, 17, 19], 0)).toBe(0);
    expect(floorIndex([5], 2)).toBe(-1);
  });
});

describe('margin layout', () => {
  const options = { minExtent: 40, gap: 3, maxLanes: 4 };
  const entry = (key: string, top: number, height: number, labelLength = 40): MarginEntry => ({ key, top, height, labelLength });
  /** The box a label takes: its lane, and its extent from its top. */
  const boxes = (entries: readonly MarginEntry[], maxLanes = options.maxLanes) => {
    const places = placeMargin(entries, { ...options, maxLanes });
    return entries.map((e) => {
      const p = places.get(e.key);
      if (!p) throw new Error(`no place for ${e.key}`);
      return { key: e.key, lane: p.lane, top: e.top, bottom: e.top + p.extent, overflow: p.overflow };
    });
  };
  /** Labelled entries of the same lane that overlap (the overflow lane has no labels). */
  const overlapping = (all: ReturnType<typeof boxes>) => {
    const bs = all.filter((b) => !b.overflow);
    return bs.flatMap((a, i) => bs.slice(i + 1).filter((b) => a.lane === b.lane && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.key}/${b.key}`));
  };

  it('puts four codings of the same passage in four lanes', () => {
    const bs = boxes([entry('a', 0, 80), entry('b', 0, 80), entry('c', 27, 27), entry('d', 27, 54)]);
    expect(new Set(bs.map((b) => b.lane)).size).toBe(4);
    expect(overlapping(bs)).toEqual([]);
  });

  it('gives two segments that share only the line where one ends and the next starts two lanes', () => {
    // In the text they only touch, so character lanes would stack them; on screen they share a line.
    const bs = boxes([entry('first', 0, 54), entry('next', 27, 54)]);
    expect(bs.map((b) => b.lane)).toEqual([0, 1]);
  });

  it('reuses a lane once the label above has room, and lets a label run on only up to the next in its lane', () => {
    const bs = boxes([entry('a', 0, 27, 200), entry('b', 100, 27, 200)]);
    expect(bs.map((b) => b.lane)).toEqual([0, 0]);
    expect(bs[0]?.bottom).toBe(97);
    expect(bs[1]?.bottom).toBe(300);
    expect(overlapping(bs)).toEqual([]);
  });

  it('keeps a short label as long as its bar and at least the minimum', () => {
    const places = placeMargin([entry('long bar', 0, 120, 20), entry('one line', 200, 27, 10)], options);
    expect(places.get('long bar')?.extent).toBe(120);
    expect(places.get('one line')?.extent).toBe(40);
  });

  it('cuts a label short rather than open a lane beyond the maximum, and opens one only for bars that overlap', () => {
    // Five one-line segments on consecutive lines: each wants 40 px, a line is 27.
    const lines = Array.from({ length: 5 }, (_, i) => entry(`line ${i}`, i * 27, 24, 100));
    const one = boxes(lines, 1);
    expect(Math.max(...one.map((b) => b.lane))).toBe(0);
    expect(overlapping(one)).toEqual([]);
    expect(one.every((b) => b.bottom - b.top >= 24)).toBe(true);
    // A third bar over the same lines as two others has no room beside them in two lanes: it goes
    // to the overflow lane, without a label.
    const stacked = boxes([entry('a', 0, 60), entry('b', 0, 60), entry('c', 10, 60)], 2);
    expect(stacked.map((b) => [b.lane, b.overflow])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
  });

  it('never overlaps labels or bars in dense, random margins', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const entries = Array.from({ length: 300 }, (_, i) => entry(`e${i}`, Math.floor(random() * 3000), 4 + Math.floor(random() * 120), Math.floor(random() * 170)));
    for (const maxLanes of [1, 3, 6, 100]) {
      const placed = boxes(entries, maxLanes);
      expect(overlapping(placed), `at most ${maxLanes} lanes`).toEqual([]);
      expect(Math.max(...placed.map((b) => b.lane))).toBeLessThanOrEqual(maxLanes);
      const heightOf = new Map(entries.map((e) => [e.key, e.height]));
      expect(placed.every((b) => b.bottom - b.top >= (heightOf.get(b.key) ?? 0))).toBe(true);
    }
  });
});

describe('coder initials', () => {
  it('takes the first letters of the first and last word of the name', () => {
    const marks = coderInitials([
      { guid: 'a', name: 'Anna de Vries' },
      { guid: 'b', name: 'bram' },
    ]);
    expect([...marks.values()]).toEqual(['AV', 'B']);
  });

  it('tells apart coders whose initials coincide', () => {
    const marks = coderInitials([
      { guid: 'a', name: 'Anna Visser' },
      { guid: 'b', name: 'Arie Vos' },
      { guid: 'c', name: 'Ans van Vliet' },
      { guid: 'd', name: 'Ans Verhoef' },
    ]);
    expect(new Set(marks.values()).size).toBe(4);
    expect(marks.get('a')).toBe('Ann');
    expect(marks.get('b')).toBe('Ari');
  });
});
