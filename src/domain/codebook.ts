/**
 * The codebook as a tree: pure functions over a project's flat list of codes, linked by
 * `parentGuid` and ordered among siblings by `order`. Nothing here mutates its input.
 *
 * The functions tolerate damaged data (a parent that no longer exists, a cycle from a bad import)
 * without looping or losing codes, because a codebook is also read from files made elsewhere.
 */
import type { Code, Guid } from './model';

/** Siblings sort by `order`; the GUID breaks ties so that the result never depends on input order. */
function bySiblingOrder(a: Code, b: Code): number {
  if (a.order !== b.order) return a.order - b.order;
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}

/** Children per parent GUID (null for top level), each list sorted by sibling order. */
function childrenIndex(codes: readonly Code[]): Map<Guid | null, Code[]> {
  const index = new Map<Guid | null, Code[]>();
  for (const code of codes) {
    const siblings = index.get(code.parentGuid);
    if (siblings) siblings.push(code);
    else index.set(code.parentGuid, [code]);
  }
  for (const siblings of index.values()) siblings.sort(bySiblingOrder);
  return index;
}

/** The direct children of `parentGuid` (null: the top-level codes), sorted by order. */
export function childrenOf(codes: readonly Code[], parentGuid: Guid | null): Code[] {
  return codes.filter((code) => code.parentGuid === parentGuid).sort(bySiblingOrder);
}

/** The code itself and everything below it; empty when the code does not exist. */
export function descendantGuids(codes: readonly Code[], guid: Guid): Set<Guid> {
  const result = new Set<Guid>();
  if (!codes.some((code) => code.guid === guid)) return result;
  const index = childrenIndex(codes);
  const stack: Guid[] = [guid];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (result.has(next)) continue;
    result.add(next);
    for (const child of index.get(next) ?? []) stack.push(child.guid);
  }
  return result;
}

/** The codes above `guid`, top-level code first, the code itself excluded (a breadcrumb). */
export function ancestors(codes: readonly Code[], guid: Guid): Code[] {
  const byGuid = new Map(codes.map((code) => [code.guid, code]));
  const path: Code[] = [];
  const seen = new Set<Guid>([guid]);
  let parentGuid = byGuid.get(guid)?.parentGuid ?? null;
  while (parentGuid !== null && !seen.has(parentGuid)) {
    const parent = byGuid.get(parentGuid);
    if (!parent) break;
    seen.add(parentGuid);
    path.push(parent);
    parentGuid = parent.parentGuid;
  }
  return path.reverse();
}

export interface TreeRow {
  readonly code: Code;
  /** 0 for a top-level code. */
  readonly depth: number;
}

/**
 * Every code once, in display order: depth-first, siblings by order. A code whose parent is
 * missing shows at top level; codes caught in a cycle show at top level after the others.
 */
export function flattenTree(codes: readonly Code[]): TreeRow[] {
  const known = new Set(codes.map((code) => code.guid));
  const index = childrenIndex(codes);
  const rows: TreeRow[] = [];
  const visited = new Set<Guid>();

  const visit = (root: Code): void => {
    const stack: TreeRow[] = [{ code: root, depth: 0 }];
    for (let row = stack.pop(); row !== undefined; row = stack.pop()) {
      if (visited.has(row.code.guid)) continue;
      visited.add(row.code.guid);
      rows.push(row);
      const children = index.get(row.code.guid) ?? [];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ code: child, depth: row.depth + 1 });
      }
    }
  };

  const roots = codes.filter((code) => code.parentGuid === null || !known.has(code.parentGuid)).sort(bySiblingOrder);
  for (const root of roots) visit(root);
  if (visited.size < codes.length) {
    for (const code of [...codes].sort(bySiblingOrder)) if (!visited.has(code.guid)) visit(code);
  }
  return rows;
}

/** Whether `guid` may move under `newParentGuid` (null: top level) without creating a cycle. */
export function canMove(codes: readonly Code[], guid: Guid, newParentGuid: Guid | null): boolean {
  if (!codes.some((code) => code.guid === guid)) return false;
  if (newParentGuid === null) return true;
  if (!codes.some((code) => code.guid === newParentGuid)) return false;
  return !descendantGuids(codes, guid).has(newParentGuid);
}

/** The order for a new last child of `parentGuid` (null: top level). */
export function nextOrder(codes: readonly Code[], parentGuid: Guid | null): number {
  let max = -1;
  for (const code of codes) if (code.parentGuid === parentGuid && code.order > max) max = code.order;
  return max + 1;
}

/** Lower case without diacritics or ligatures, so that "Ĳs" and "cafe" find "ijs" and "Café". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The codes whose name contains `query` (ignoring case and diacritics) plus their ancestors, so
 * that a filtered tree keeps its shape. A blank query keeps every code.
 */
export function filterTree(codes: readonly Code[], query: string): Set<Guid> {
  const needle = foldForSearch(query.trim());
  if (needle === '') return new Set(codes.map((code) => code.guid));
  const byGuid = new Map(codes.map((code) => [code.guid, code]));
  const kept = new Set<Guid>();
  for (const code of codes) {
    if (!foldForSearch(code.name).includes(needle)) continue;
    // Walk up until a code already kept: its ancestors are kept too.
    for (let current: Code | undefined = code; current && !kept.has(current.guid); ) {
      kept.add(current.guid);
      current = current.parentGuid === null ? undefined : byGuid.get(current.parentGuid);
    }
  }
  return kept;
}

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

/** Whether `value` is a CSS hex colour "#rrggbb" (either case; stored colours are lower case). */
export function isValidColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR_RE.test(value);
}

/**
 * Distinguishable code colours: the strong tones of the Tableau/D3 "category20" scheme first,
 * then their light partners, greys last. The built-in templates use the same tones.
 */
export const CODE_PALETTE: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#dbdb8d', '#9edae5',
  '#7f7f7f', '#c7c7c7',
];

/** The palette colour used by the fewest codes; the earliest in the palette on a tie. */
export function nextColor(codes: readonly Pick<Code, 'color'>[]): string {
  const uses = new Map<string, number>(CODE_PALETTE.map((color) => [color, 0]));
  for (const code of codes) {
    const color = code.color.toLowerCase();
    const count = uses.get(color);
    if (count !== undefined) uses.set(color, count + 1);
  }
  let best = CODE_PALETTE[0] ?? '#1f77b4';
  let bestCount = Infinity;
  for (const [color, count] of uses) {
    if (count < bestCount) {
      best = color;
      bestCount = count;
    }
  }
  return best;
}

interface Hsl {
  readonly h: number; // degrees, [0, 360)
  readonly s: number; // [0, 1]
  readonly l: number; // [0, 1]
}

function hexToHsl(hex: string): Hsl {
  const value = Number.parseInt(hex.slice(1), 16);
  const r = ((value >> 16) & 0xff) / 255;
  const g = ((value >> 8) & 0xff) / 255;
  const b = (value & 0xff) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}

function hslToHex({ h, s, l }: Hsl): string {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = (((h % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r, g, b] =
    hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  const channel = (v: number): string =>
    Math.round(Math.min(1, Math.max(0, v + m)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/** Lightness steps between shades, and the band kept so a shade is neither white nor black. */
const SHADE_STEP = 0.12;
const MIN_LIGHTNESS = 0.2;
const MAX_LIGHTNESS = 0.9;
/** Hue turn per round once every lightness step in the band is used. */
const SHADE_HUE_TURN = 18;

/**
 * The colour for the `index`-th child (0-based) that has no colour of its own: a lighter or
 * darker shade of its parent's colour. Shades nearest the parent come first, lighter before
 * darker; siblings get different shades; the result depends only on the arguments.
 */
export function shadeOf(parentColor: string, index: number): string {
  const parent = hexToHsl(isValidColor(parentColor) ? parentColor : '#607d8b');
  const levels: number[] = [];
  for (let k = 1; k * SHADE_STEP <= 1; k++) {
    for (const l of [parent.l + k * SHADE_STEP, parent.l - k * SHADE_STEP]) {
      if (l >= MIN_LIGHTNESS && l <= MAX_LIGHTNESS) levels.push(l);
    }
  }
  const l = levels[index % levels.length] ?? parent.l;
  const round = Math.floor(index / levels.length);
  // Rounds beyond the first turn the hue alternately one way and the other: +1, -1, +2, -2, ...
  const turn = round === 0 ? 0 : (round % 2 === 1 ? 1 : -1) * Math.ceil(round / 2) * SHADE_HUE_TURN;
  // A grey has no hue to turn, so later rounds add a little saturation.
  const s = round === 0 ? parent.s : Math.max(parent.s, 0.3);
  return hslToHex({ h: parent.h + turn, s, l });
}
