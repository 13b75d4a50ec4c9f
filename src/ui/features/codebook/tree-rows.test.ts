import type { Code } from '../../../domain/model';
import { moveTarget, rolledUpCounts, visibleRows } from './tree-rows';

/** A code with just the fields the tree looks at. */
function code(guid: string, parentGuid: string | null, order: number, name = guid): Code {
  return { guid, projectGuid: 'p', parentGuid, name, color: '#1f77b4', definition: '', order, shortcut: null };
}

// a > (a1 > a1x, a2), b
const codes = [code('a', null, 0), code('a1', 'a', 0), code('a1x', 'a1', 0), code('a2', 'a', 1), code('b', null, 1)];
const names = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => r.code.guid);

describe('visibleRows', () => {
  it('lists every code depth-first with levels and positions among siblings', () => {
    const rows = visibleRows(codes, new Set(), '');
    expect(names(rows)).toEqual(['a', 'a1', 'a1x', 'a2', 'b']);
    expect(rows.map((r) => [r.depth, r.posInSet, r.setSize])).toEqual([
      [0, 1, 2],
      [1, 1, 2],
      [2, 1, 1],
      [1, 2, 2],
      [0, 2, 2],
    ]);
    expect(rows.map((r) => r.parentGuid)).toEqual([null, 'a', 'a1', 'a', null]);
  });

  it('hides the descendants of a collapsed code', () => {
    const rows = visibleRows(codes, new Set(['a']), '');
    expect(names(rows)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ hasChildren: true, expanded: false });
  });

  it('keeps matches with their ancestors and expands everything while filtering', () => {
    const rows = visibleRows(codes, new Set(['a', 'a1']), 'A1X');
    expect(names(rows)).toEqual(['a', 'a1', 'a1x']);
    expect(rows.map((r) => r.expanded)).toEqual([true, true, false]);
    expect(rows[1]).toMatchObject({ posInSet: 1, setSize: 1 });
  });
});

describe('rolledUpCounts', () => {
  it('adds the codings of all sub-codes to a code', () => {
    const totals = rolledUpCounts(codes, new Map([['a', 1], ['a1x', 2], ['b', 4]]));
    expect(Object.fromEntries(totals)).toEqual({ a: 3, a1: 2, a1x: 2, a2: 0, b: 4 });
  });
});

describe('moveTarget', () => {
  it('swaps with a sibling and stops at either end', () => {
    expect(moveTarget(codes, 'a2', 'up')).toEqual({ parentGuid: 'a', index: 0 });
    expect(moveTarget(codes, 'a1', 'down')).toEqual({ parentGuid: 'a', index: 1 });
    expect(moveTarget(codes, 'a1', 'up')).toBeNull();
    expect(moveTarget(codes, 'b', 'down')).toBeNull();
  });

  it('moves out to just after the parent, and in under the sibling above', () => {
    expect(moveTarget(codes, 'a1', 'out')).toEqual({ parentGuid: null, index: 1 });
    expect(moveTarget(codes, 'a', 'out')).toBeNull();
    expect(moveTarget(codes, 'a2', 'in')).toEqual({ parentGuid: 'a1', index: 1 });
    expect(moveTarget(codes, 'a1', 'in')).toBeNull();
  });
});
