import { layoutColumns, linesNeeded, type LabelMetrics } from './column-layout';

/** A label whose words are 8 px a letter wide, with 4 px spaces. */
const label = (text: string): LabelMetrics => ({ words: text.split(' ').map((w) => w.length * 8), space: 4 });

const base = { padding: 10, minWidth: 40, maxWidth: 200, lineHeight: 16, maxLines: 3, maxHeight: 160 };

describe('linesNeeded', () => {
  it('wraps a label at spaces', () => {
    expect(linesNeeded(label('Samenwerking met ouders'), 200)).toBe(1);
    // "Samenwerking" is 96 px, "met ouders" 76 px.
    expect(linesNeeded(label('Samenwerking met ouders'), 100)).toBe(2);
    expect(linesNeeded(label('Samenwerking met ouders'), 60)).toBe(3);
  });

  it('gives a word too wide for the line a line of its own', () => {
    expect(linesNeeded(label('Ondersteuning'), 50)).toBe(1);
    expect(linesNeeded(label('a Ondersteuning b'), 50)).toBe(3);
  });
});

describe('layoutColumns', () => {
  it('keeps headers upright and has the columns share the width alike when the longest words fit', () => {
    const layout = layoutColumns({ ...base, available: 600, labels: ['Ervaren werkdruk', 'Digitale middelen', 'Contact met zorgteam', 'Welbevinden'].map(label) });
    expect(layout).toEqual({ rotated: false, widths: [150, 150, 150, 150] });
  });

  it('gives a column with a long word the width it needs and the others an equal share of the rest', () => {
    // "Professionele" needs 104 + 10 px; the other three share what is left.
    const layout = layoutColumns({ ...base, available: 300, labels: ['Professionele ontwikkeling', 'a', 'b', 'c'].map(label) });
    expect(layout.rotated).toBe(false);
    expect(layout.widths).toEqual([114, 62, 62, 62]);
    expect(layout.widths.reduce((a, b) => a + b)).toBeLessThanOrEqual(300);
  });

  it('stops widening the columns at the widest a column may be', () => {
    expect(layoutColumns({ ...base, available: 2000, labels: [label('Ritme'), label('Werkplek')] }).widths).toEqual([200, 200]);
  });

  it('rotates the headers when the longest words do not fit side by side, the columns still sharing the width', () => {
    const labels = ['Ondersteuning door schoolleiding', 'Professionele ontwikkeling', 'Samenwerking met ouders', 'Welbevinden van leerlingen'].map(label);
    const layout = layoutColumns({ ...base, available: 360, labels });
    expect(layout.rotated).toBe(true);
    expect(layout.widths).toEqual([90, 90, 90, 90]);
    if (!layout.rotated) return;
    // A 90 px column holds (90 - 10) / 16 = 5 lines, at most 3 are used; the longest word decides.
    expect(layout.lines).toBe(3);
    expect(layout.headerHeight).toBe('Ondersteuning'.length * 8 + base.padding);
    expect(labels.every((l) => linesNeeded(l, layout.headerHeight - base.padding) <= 3)).toBe(true);
  });

  it('makes the rotated header row just tall enough for every label in the lines its column holds', () => {
    // One 42 px column holds (42 - 10) / 16 = 2 lines: "een twee" and "drie vier" (68 px).
    const layout = layoutColumns({ ...base, minWidth: 20, available: 42, labels: [label('een twee drie vier')] });
    expect(layout).toEqual({ rotated: true, widths: [42], lines: 2, headerHeight: 68 + base.padding });
  });

  it('rotates the headers when a label would need more than a few upright lines', () => {
    const layout = layoutColumns({ ...base, available: 60, labels: [label('een twee drie vier vijf zes')] });
    expect(layout.rotated).toBe(true);
  });

  it('keeps rotated columns as wide as their widest count and two lines, scrolling when there are many', () => {
    const labels = Array.from({ length: 40 }, (_, i) => label(`Code ${i}`));
    const layout = layoutColumns({ ...base, minWidth: 56, available: 800, labels });
    expect(layout.rotated).toBe(true);
    expect(new Set(layout.widths)).toEqual(new Set([56]));
    const narrow = layoutColumns({ ...base, minWidth: 20, available: 800, labels });
    expect(new Set(narrow.widths)).toEqual(new Set([2 * 16 + 10]));
  });

  it('caps the rotated header row, however long a label', () => {
    const layout = layoutColumns({ ...base, available: 100, labels: [label('x'.repeat(60)), label('y')] });
    expect(layout.rotated && layout.headerHeight).toBe(160);
  });
});
