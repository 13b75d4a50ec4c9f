import { floorIndex, layoutBlocks } from './layout';

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
