import fc from 'fast-check';
import {
  ancestors,
  canMove,
  childrenOf,
  CODE_PALETTE,
  descendantGuids,
  filterTree,
  flattenTree,
  isValidColor,
  nextColor,
  nextOrder,
  shadeOf,
} from './codebook';
import type { Code } from './model';

const PROJECT = 'p';

/** A code named after its guid unless told otherwise. */
function code(guid: string, parentGuid: string | null, order: number, extra: Partial<Code> = {}): Code {
  return { guid, projectGuid: PROJECT, parentGuid, name: guid, color: '#1f77b4', definition: '', order, shortcut: null, ...extra };
}

/**
 *   A            (order 0)
 *     A1         (order 0)
 *       A1a
 *     A2         (order 1)
 *   B            (order 1)
 *     B1
 * Given shuffled, with orders that are not the input order.
 */
const tree: Code[] = [
  code('B1', 'B', 0),
  code('A2', 'A', 1),
  code('B', null, 1),
  code('A1a', 'A1', 0),
  code('A', null, 0),
  code('A1', 'A', 0),
];

const guids = (codes: readonly Code[]) => codes.map((c) => c.guid);

function hexDistance(a: string, b: string): number {
  const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const [x, y] = [channels(a), channels(b)];
  return Math.hypot(...x.map((v, i) => v - (y[i] ?? 0)));
}

describe('childrenOf', () => {
  it('lists the top-level codes by order', () => {
    expect(guids(childrenOf(tree, null))).toEqual(['A', 'B']);
  });

  it('lists the children of a code by order', () => {
    expect(guids(childrenOf(tree, 'A'))).toEqual(['A1', 'A2']);
  });

  it('breaks ties in order by guid, so the input order never matters', () => {
    const codes = [code('y', null, 0), code('x', null, 0)];
    expect(guids(childrenOf(codes, null))).toEqual(['x', 'y']);
  });

  it('finds no children of a leaf', () => {
    expect(childrenOf(tree, 'A1a')).toEqual([]);
  });
});

describe('descendantGuids', () => {
  it('includes the code itself and everything below it', () => {
    expect(descendantGuids(tree, 'A')).toEqual(new Set(['A', 'A1', 'A1a', 'A2']));
  });

  it('is just the code for a leaf', () => {
    expect(descendantGuids(tree, 'B1')).toEqual(new Set(['B1']));
  });

  it('is empty for an unknown code', () => {
    expect(descendantGuids(tree, 'nope').size).toBe(0);
  });

  it('stops at a cycle in damaged data', () => {
    const cycle = [code('x', 'y', 0), code('y', 'x', 0)];
    expect(descendantGuids(cycle, 'x')).toEqual(new Set(['x', 'y']));
  });
});

describe('ancestors', () => {
  it('lists the path from the top-level code down, without the code itself', () => {
    expect(guids(ancestors(tree, 'A1a'))).toEqual(['A', 'A1']);
  });

  it('is empty for a top-level code and for an unknown code', () => {
    expect(ancestors(tree, 'A')).toEqual([]);
    expect(ancestors(tree, 'nope')).toEqual([]);
  });

  it('stops at a cycle in damaged data', () => {
    const cycle = [code('x', 'y', 0), code('y', 'x', 0)];
    expect(guids(ancestors(cycle, 'x'))).toEqual(['y']);
  });
});

describe('flattenTree', () => {
  it('lists codes depth-first by order with their depth', () => {
    expect(flattenTree(tree).map((row) => `${row.code.guid}:${row.depth}`)).toEqual(['A:0', 'A1:1', 'A1a:2', 'A2:1', 'B:0', 'B1:1']);
  });

  it('shows a code whose parent is missing at top level', () => {
    const codes = [code('orphan', 'gone', 5), code('A', null, 0)];
    expect(flattenTree(codes).map((row) => `${row.code.guid}:${row.depth}`)).toEqual(['A:0', 'orphan:0']);
  });

  it('loses no code caught in a cycle', () => {
    const codes = [code('A', null, 0), code('x', 'y', 0), code('y', 'x', 1)];
    expect(guids(flattenTree(codes).map((row) => row.code)).sort()).toEqual(['A', 'x', 'y']);
  });

  it('lists every code exactly once, whatever the parent links', () => {
    const arbitraryCodes = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -1, max: 12 }), fc.integer({ min: 0, max: 3 })), { maxLength: 10 })
      .map((rows) => {
        const unique = new Map(rows.map(([id, parent, order]) => [id, code(`c${id}`, parent < 0 ? null : `c${parent}`, order)]));
        return [...unique.values()];
      });
    fc.assert(
      fc.property(arbitraryCodes, (codes) => {
        const listed = guids(flattenTree(codes).map((row) => row.code));
        expect(listed.sort()).toEqual(guids(codes).sort());
      }),
    );
  });
});

describe('canMove', () => {
  it('allows a move to another branch or to the top level', () => {
    expect(canMove(tree, 'A1', 'B')).toBe(true);
    expect(canMove(tree, 'A1a', null)).toBe(true);
  });

  it('allows staying under the same parent', () => {
    expect(canMove(tree, 'A1', 'A')).toBe(true);
  });

  it('refuses a move into the code itself', () => {
    expect(canMove(tree, 'A', 'A')).toBe(false);
  });

  it('refuses a move into one of its descendants', () => {
    expect(canMove(tree, 'A', 'A1a')).toBe(false);
  });

  it('refuses unknown codes and unknown parents', () => {
    expect(canMove(tree, 'nope', null)).toBe(false);
    expect(canMove(tree, 'A1', 'nope')).toBe(false);
  });
});

describe('nextOrder', () => {
  it('is one past the largest order among the siblings', () => {
    expect(nextOrder(tree, null)).toBe(2);
    expect(nextOrder(tree, 'A')).toBe(2);
    expect(nextOrder([code('x', null, 7)], null)).toBe(8);
  });

  it('is 0 for a code without children', () => {
    expect(nextOrder(tree, 'A1a')).toBe(0);
    expect(nextOrder([], null)).toBe(0);
  });
});

describe('filterTree', () => {
  const named: Code[] = [
    code('root', null, 0, { name: 'Ouderbetrokkenheid' }),
    code('child', 'root', 0, { name: 'Café-gesprekken' }),
    code('grandchild', 'child', 0, { name: 'Signalen' }),
    code('other', null, 1, { name: 'Zorgstructuur' }),
    code('ij', null, 2, { name: 'Ĳsbreker' }),
  ];

  it('keeps a matching code together with its ancestors', () => {
    expect(filterTree(named, 'signal')).toEqual(new Set(['grandchild', 'child', 'root']));
  });

  it('ignores case and diacritics on both sides', () => {
    expect(filterTree(named, 'CAFE')).toEqual(new Set(['child', 'root']));
    expect(filterTree(named, 'café')).toEqual(new Set(['child', 'root']));
  });

  it('treats the Dutch ij ligature as i and j', () => {
    expect(filterTree(named, 'ijs')).toEqual(new Set(['ij']));
  });

  it('does not keep the descendants of a match', () => {
    expect(filterTree(named, 'ouder')).toEqual(new Set(['root']));
  });

  it('keeps every code for a blank query', () => {
    expect(filterTree(named, '  ').size).toBe(named.length);
  });

  it('keeps nothing when nothing matches', () => {
    expect(filterTree(named, 'xyz').size).toBe(0);
  });
});

describe('colours', () => {
  it('accepts "#rrggbb" and nothing else', () => {
    expect(isValidColor('#1f77b4')).toBe(true);
    expect(isValidColor('#1F77B4')).toBe(true);
    for (const bad of ['1f77b4', '#fff', '#1f77b4ff', 'red', '#gggggg', 42, null]) expect(isValidColor(bad)).toBe(false);
  });

  it('has about twenty distinct, valid palette colours', () => {
    expect(CODE_PALETTE.length).toBeGreaterThanOrEqual(18);
    expect(new Set(CODE_PALETTE).size).toBe(CODE_PALETTE.length);
    for (const color of CODE_PALETTE) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('picks the first palette colour for an empty codebook', () => {
    expect(nextColor([])).toBe(CODE_PALETTE[0]);
  });

  it('picks the least used palette colour', () => {
    const used = CODE_PALETTE.filter((_, i) => i !== 3).map((color, i) => code(`c${i}`, null, i, { color }));
    expect(nextColor(used)).toBe(CODE_PALETTE[3]);
  });

  it('counts colours regardless of case', () => {
    const first = (CODE_PALETTE[0] ?? '').toUpperCase();
    expect(nextColor([code('a', null, 0, { color: first })])).toBe(CODE_PALETTE[1]);
  });

  it('gives siblings shades that differ from their parent and from each other', () => {
    for (const parent of ['#1f77b4', '#aec7e8', '#7f7f7f', '#000000', '#ffffff', '#bcbd22']) {
      const shades = Array.from({ length: 8 }, (_, i) => shadeOf(parent, i));
      expect(new Set(shades).size).toBe(shades.length);
      for (const shade of shades) {
        expect(shade).toMatch(/^#[0-9a-f]{6}$/);
        expect(hexDistance(shade, parent)).toBeGreaterThan(20);
      }
    }
  });

  it('derives the same shade every time', () => {
    expect(shadeOf('#ff7f0e', 2)).toBe(shadeOf('#ff7f0e', 2));
  });
});
