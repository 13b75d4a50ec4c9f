/**
 * The thematic map as a graph laid out by dagre: theme -> sub-theme -> code, left to right. The
 * same positions draw the interactive diagram (React Flow) and the saved SVG, so the file shows
 * what the screen shows. Pure: no DOM, runs in Node.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Code, Guid, Theme } from '../../../domain/model';
import { themeCodes, themeTree } from '../../../domain/themes';
import { textWidth, wrapText } from '../charts/svg-export';

export const THEME_FONT = 14;
export const CODE_FONT = 12;
const LINE = 1.3;
const PAD_X = 12;
const PAD_Y = 8;
const MAX_TEXT = 200;

export interface MapNode {
  readonly id: string;
  readonly kind: 'theme' | 'code';
  readonly guid: Guid;
  readonly label: string;
  readonly lines: readonly string[];
  readonly color: string;
  readonly fontSize: number;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MapEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface MapLayout {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
  readonly width: number;
  readonly height: number;
}

function box(label: string, fontSize: number): { lines: string[]; width: number; height: number } {
  const lines = wrapText(label, fontSize, MAX_TEXT);
  if (lines.length === 0) lines.push(' ');
  const width = Math.ceil(Math.max(60, ...lines.map((l) => textWidth(l, fontSize))) + 2 * PAD_X);
  const height = Math.ceil(lines.length * fontSize * LINE + 2 * PAD_Y);
  return { lines, width, height };
}

/** Themes (top level and nested) with their codes, positioned; an empty project gives an empty map. */
export function layoutThemeMap(themes: readonly Theme[], codes: readonly Code[]): MapLayout {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 60, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const pending: Omit<MapNode, 'x' | 'y'>[] = [];
  const edges: MapEdge[] = [];
  const rows = themeTree(themes);
  const shown = new Set(rows.map((r) => r.theme.guid));
  for (const { theme } of rows) {
    const id = `theme:${theme.guid}`;
    const b = box(theme.name, THEME_FONT);
    pending.push({ id, kind: 'theme', guid: theme.guid, label: theme.name, color: theme.color, fontSize: THEME_FONT, ...b });
    if (theme.parentGuid !== null && shown.has(theme.parentGuid) && theme.parentGuid !== theme.guid) {
      edges.push({ id: `e:${theme.parentGuid}:${theme.guid}`, source: `theme:${theme.parentGuid}`, target: id });
    }
    for (const code of themeCodes(theme, codes)) {
      const codeId = `code:${code.guid}`;
      if (pending.some((n) => n.id === codeId)) continue;
      const cb = box(code.name, CODE_FONT);
      pending.push({ id: codeId, kind: 'code', guid: code.guid, label: code.name, color: code.color, fontSize: CODE_FONT, ...cb });
      edges.push({ id: `e:${theme.guid}:${code.guid}`, source: id, target: codeId });
    }
  }
  // A cycle left by damaged data would stop dagre from ranking: only tree edges are kept.
  for (const n of pending) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) g.setEdge(e.source, e.target);
  if (pending.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  layout(g);
  const nodes = pending.map((n) => {
    const p = g.node(n.id) as { x: number; y: number };
    return { ...n, x: p.x, y: p.y };
  });
  const graph = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(graph.width ?? Math.max(...nodes.map((n) => n.x + n.width / 2)));
  const height = Math.ceil(graph.height ?? Math.max(...nodes.map((n) => n.y + n.height / 2)));
  return { nodes, edges, width, height };
}

/** The cubic curve of an edge: from the right side of the source to the left side of the target. */
export function edgePath(source: MapNode, target: MapNode): string {
  const x1 = source.x + source.width / 2;
  const y1 = source.y;
  const x2 = target.x - target.width / 2;
  const y2 = target.y;
  const mid = (x1 + x2) / 2;
  return `M${r(x1)},${r(y1)} C${r(mid)},${r(y1)} ${r(mid)},${r(y2)} ${r(x2)},${r(y2)}`;
}

const r = (n: number): number => Math.round(n * 10) / 10;

/** A "#rrggbb" colour as rgba() with the given opacity (a soft fill for a theme box); grey otherwise. */
export function rgba(color: string, alpha: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return `rgba(128, 128, 128, ${alpha})`;
  const n = Number.parseInt(color.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
