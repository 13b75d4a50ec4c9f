import { PHASES, isChecklistItem, phaseProgressOf, phaseTallies, withItem } from './phases';

describe('the phases of thematic analysis', () => {
  it('are six, in order, with every item of the 15-point checklist exactly once', () => {
    expect(PHASES.map((p) => p.phase)).toEqual([1, 2, 3, 4, 5, 6]);
    const criteria = PHASES.flatMap((p) => p.items.map((i) => i.criterion)).filter((c) => c !== null);
    expect(criteria).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('names every item after its phase, and no id twice', () => {
    const ids = PHASES.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PHASES) for (const i of p.items) expect(i.id.startsWith(`${p.phase}.`)).toBe(true);
    expect(isChecklistItem('1.read-all')).toBe(true);
    expect(isChecklistItem('9.nothing')).toBe(false);
  });

  it('starts in phase 1 with nothing ticked', () => {
    expect(phaseProgressOf({})).toEqual({ current: 1, done: [] });
  });

  it('counts the ticked items per phase', () => {
    const progress = withItem(withItem({ current: 2, done: [] }, '1.read-all', true), '6.story', true);
    const tallies = phaseTallies(progress);
    expect(tallies[0]).toEqual({ phase: 1, done: 1, total: 3 });
    expect(tallies[5]).toEqual({ phase: 6, done: 1, total: 8 });
    expect(tallies[1]?.done).toBe(0);
  });

  it('ticks and unticks an item, keeping checklist order and ids it does not know', () => {
    const ticked = withItem({ current: 3, done: ['6.story', 'x.later'] }, '1.transcribed', true);
    expect(ticked).toEqual({ current: 3, done: ['1.transcribed', '6.story', 'x.later'] });
    expect(withItem(ticked, '6.story', false).done).toEqual(['1.transcribed', 'x.later']);
  });
});
