/**
 * The thematic map as one self-contained SVG file, drawn from the layout's positions: a title, a
 * description for screen readers, a white background, theme boxes (soft fill, coloured border,
 * bold name) and code boxes (white, a bar in the code's colour), linked by curves. Every style is
 * an attribute, so that browsers, Inkscape and word processors show the same.
 */
import { CHART_FONT } from '../charts/svg-export';
import { edgePath, type MapLayout } from './map-layout';

const PAD = 16;
const TITLE_SIZE = 16;
const TOP = PAD + TITLE_SIZE + 14;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface MapSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

export function themeMapSvg(map: MapLayout, input: { title: string; description: string }): MapSvg {
  const width = Math.max(320, Math.ceil(map.width + 2 * PAD));
  const height = Math.ceil(TOP + map.height + PAD);
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title" aria-describedby="map-desc" font-family="${escape(CHART_FONT)}">`,
  );
  out.push(`<title id="map-title">${escape(input.title)}</title>`);
  out.push(`<desc id="map-desc">${escape(input.description)}</desc>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${PAD}" y="${PAD + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#000000">${escape(input.title)}</text>`);
  out.push(`<g transform="translate(${PAD},${TOP})">`);
  for (const e of map.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (s && t) out.push(`<path d="${edgePath(s, t)}" fill="none" stroke="#8a929c" stroke-width="1.5" data-edge="${escape(e.id)}"/>`);
  }
  for (const n of map.nodes) {
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    out.push(`<g data-node="${escape(n.id)}" transform="translate(${round(x)},${round(y)})">`);
    if (n.kind === 'theme') {
      out.push(`<rect width="${n.width}" height="${n.height}" rx="8" fill="${escape(n.color)}" fill-opacity="0.15" stroke="${escape(n.color)}" stroke-width="2"/>`);
    } else {
      out.push(`<rect width="${n.width}" height="${n.height}" rx="4" fill="#ffffff" stroke="#b8bec6" stroke-width="1"/>`);
      out.push(`<rect width="5" height="${n.height}" fill="${escape(n.color)}"/>`);
    }
    const lineHeight = n.fontSize * 1.3;
    const weight = n.kind === 'theme' ? ' font-weight="bold"' : '';
    n.lines.forEach((line, i) => {
      const ty = (n.height - n.lines.length * lineHeight) / 2 + (i + 0.8) * lineHeight;
      out.push(`<text x="${n.width / 2}" y="${round(ty)}" font-size="${n.fontSize}"${weight} text-anchor="middle" fill="#000000">${escape(line)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</g></svg>');
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${out.join('\n')}\n`, width, height };
}

const round = (n: number): number => Math.round(n * 10) / 10;
