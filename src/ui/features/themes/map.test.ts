import type { Code, Theme } from '../../../domain/model';
import { newTheme } from '../../../domain/themes';
import { layoutThemeMap } from './map-layout';
import { themeMapSvg } from './map-svg';

const code = (guid: string, name: string): Code => ({ guid, projectGuid: 'p', parentGuid: null, name, color: '#2ca02c', definition: '', order: 0, shortcut: null });
const theme = (guid: string, name: string, parentGuid: string | null, codeGuids: string[]): Theme => ({
  ...newTheme({ projectGuid: 'p', name, color: '#d62728', order: 0, parentGuid, guid }),
  codeGuids,
});

describe('thematic map', () => {
  const codes = [code('c1', 'Bellen'), code('c2', 'Mailen & appen'), code('c3', 'Oudergesprek')];
  const themes = [theme('t1', 'Contact', null, ['c1']), theme('t2', 'Digitaal contact', 't1', ['c2', 'deleted']), theme('t3', 'Vertrouwen', null, [])];

  it('places sub-themes right of their theme and codes right of their theme, without overlaps', () => {
    const map = layoutThemeMap(themes, codes);
    const at = (id: string) => map.nodes.find((n) => n.id === id)!;
    expect(map.nodes.map((n) => n.id).sort()).toEqual(['code:c1', 'code:c2', 'theme:t1', 'theme:t2', 'theme:t3']);
    expect(map.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['theme:t1>code:c1', 'theme:t1>theme:t2', 'theme:t2>code:c2']);
    expect(at('theme:t2').x).toBeGreaterThan(at('theme:t1').x);
    expect(at('code:c2').x).toBeGreaterThan(at('theme:t2').x);
    for (const a of map.nodes) {
      for (const b of map.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart).toBe(true);
      }
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.y + a.height / 2).toBeLessThanOrEqual(map.height);
    }
  });

  it('saves as a well-formed SVG with a title, every theme and code name, and a curve per link', () => {
    const map = layoutThemeMap(themes, codes);
    const svg = themeMapSvg(map, { title: 'Thematische kaart', description: 'Thema’s van <Project>' });
    const doc = new DOMParser().parseFromString(svg.text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.getAttribute('width')).toBe(String(svg.width));
    expect(doc.querySelector('title')?.textContent).toBe('Thematische kaart');
    expect(doc.querySelector('desc')?.textContent).toBe('Thema’s van <Project>');
    const texts = [...doc.querySelectorAll('g[data-node] text')].map((t) => t.textContent);
    expect(texts.sort()).toEqual(['Bellen', 'Contact', 'Digitaal contact', 'Mailen & appen', 'Vertrouwen']);
    expect(doc.querySelectorAll('path[data-edge]')).toHaveLength(3);
  });

  it('gives an empty map for a project without themes', () => {
    expect(layoutThemeMap([], codes)).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });
});
