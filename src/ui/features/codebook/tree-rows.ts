/**
 * What the codebook tree shows: the rows visible for a filter and the collapsed codes, with the
 * numbers an ARIA tree needs (level, position among visible siblings), and coding counts rolled
 * up from sub-codes. Pure functions over the codebook; the tree component only renders them.
 */
import { childrenOf, descendantGuids, filterTree, flattenTree } from '../../../domain/codebook';
import type { Code, Guid } from '../../../domain/model';

export interface VisibleRow {
  readonly code: Code;
  /** 0 for a top-level row (aria-level is depth + 1). */
  readonly depth: number;
  /** The row this one shows under; null at top level (also for a code whose parent is missing). */
  readonly parentGuid: Guid | null;
  /** Whether the row has children that the current filter keeps. */
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  /** 1-based position among the visible siblings, and their number. */
  readonly posInSet: number;
  readonly setSize: number;
}

/**
 * The rows of the tree in display order. While `filter` is not blank, matching codes show with
 * their ancestors and everything is expanded; otherwise the descendants of collapsed codes hide.
 */
export function visibleRows(codes: readonly Code[], collapsed: ReadonlySet<Guid>, filter: string): VisibleRow[] {
  const filtering = filter.trim() !== '';
  const kept = filterTree(codes, filter);
  const all = flattenTree(codes);

  // The display parent of each row: the nearest earlier row one level up.
  const parentOf = new Map<Guid, Guid | null>();
  const path: Guid[] = [];
  for (const { code, depth } of all) {
    path.length = depth;
    parentOf.set(code.guid, depth === 0 ? null : (path[depth - 1] ?? null));
    path.push(code.guid);
  }

  const withKeptChildren = new Set<Guid>();
  for (const { code } of all) {
    const parent = parentOf.get(code.guid);
    if (kept.has(code.guid) && parent) withKeptChildren.add(parent);
  }

  const shown: Omit<VisibleRow, 'posInSet' | 'setSize'>[] = [];
  let hiddenBelow = Infinity;
  for (const { code, depth } of all) {
    if (depth > hiddenBelow) continue;
    hiddenBelow = Infinity;
    if (!kept.has(code.guid)) continue;
    const hasChildren = withKeptChildren.has(code.guid);
    const expanded = hasChildren && (filtering || !collapsed.has(code.guid));
    if (hasChildren && !expanded) hiddenBelow = depth;
    shown.push({ code, depth, parentGuid: parentOf.get(code.guid) ?? null, hasChildren, expanded });
  }

  const setSizes = new Map<Guid | null, number>();
  for (const row of shown) setSizes.set(row.parentGuid, (setSizes.get(row.parentGuid) ?? 0) + 1);
  const positions = new Map<Guid | null, number>();
  return shown.map((row) => {
    const posInSet = (positions.get(row.parentGuid) ?? 0) + 1;
    positions.set(row.parentGuid, posInSet);
    return { ...row, posInSet, setSize: setSizes.get(row.parentGuid) ?? posInSet };
  });
}

/** Codings per code including those of all its sub-codes. */
export function rolledUpCounts(codes: readonly Code[], codingCounts: ReadonlyMap<Guid, number>): Map<Guid, number> {
  const totals = new Map<Guid, number>();
  for (const code of codes) {
    let total = 0;
    for (const guid of descendantGuids(codes, code.guid)) total += codingCounts.get(guid) ?? 0;
    totals.set(code.guid, total);
  }
  return totals;
}

export type MoveDirection = 'up' | 'down' | 'out' | 'in';

/**
 * Where a code goes for a keyboard move, as arguments of the moveCode command: up and down swap
 * it with a sibling; out puts it after its parent; in makes it the last child of the sibling
 * above. Null when the move is impossible (first, last, already at top level, nothing above).
 */
export function moveTarget(
  codes: readonly Code[],
  guid: Guid,
  direction: MoveDirection,
): { parentGuid: Guid | null; index: number } | null {
  const code = codes.find((c) => c.guid === guid);
  if (!code) return null;
  const siblings = childrenOf(codes, code.parentGuid);
  const at = siblings.findIndex((c) => c.guid === guid);
  switch (direction) {
    case 'up':
      return at > 0 ? { parentGuid: code.parentGuid, index: at - 1 } : null;
    case 'down':
      return at >= 0 && at < siblings.length - 1 ? { parentGuid: code.parentGuid, index: at + 1 } : null;
    case 'out': {
      const parent = codes.find((c) => c.guid === code.parentGuid);
      if (!parent) return null;
      const parentAt = childrenOf(codes, parent.parentGuid).findIndex((c) => c.guid === parent.guid);
      return { parentGuid: parent.parentGuid, index: parentAt + 1 };
    }
    case 'in': {
      const above = siblings[at - 1];
      return above ? { parentGuid: above.guid, index: childrenOf(codes, above.guid).length } : null;
    }
  }
}

/** Codes in tree order with their depth, for <select> lists of codes. */
export function indentedOptions(codes: readonly Code[], keep: (code: Code) => boolean = () => true) {
  return flattenTree(codes)
    .filter((row) => keep(row.code))
    .map((row) => ({ guid: row.code.guid, label: `${'\u2003'.repeat(row.depth)}${row.code.name}` }));
}
