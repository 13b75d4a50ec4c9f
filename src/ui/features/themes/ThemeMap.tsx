import { Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectData } from '../../../domain/project-data';
import { codesWithoutTheme, themeCodes, themeTree } from '../../../domain/themes';
import { useNotify } from '../../shell/notify';
import { downloadBytes } from '../bundles/download';
import { chartFileName } from '../charts/file-name';
import { svgToPng } from '../charts/svg-export';
import { layoutThemeMap, rgba, type MapNode } from './map-layout';
import { themeMapSvg } from './map-svg';

type BoxNode = Node<{ box: MapNode }, 'box'>;

/** One box of the map, drawn like the saved SVG. */
function MapBox({ data }: NodeProps<BoxNode>) {
  const { box } = data;
  const theme = box.kind === 'theme';
  return (
    <div
      className={`theme-map-node theme-map-${box.kind}`}
      style={{
        width: box.width,
        height: box.height,
        fontSize: box.fontSize,
        background: theme ? rgba(box.color, 0.15) : '#ffffff',
        borderColor: theme ? box.color : '#b8bec6',
        borderLeftColor: box.color,
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {box.lines.map((line, i) => (
        <span key={i}>{line}</span>
      ))}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { box: MapBox };

/**
 * The thematic map: themes, sub-themes and their codes as a diagram (React Flow, laid out by
 * dagre), saved as SVG or PNG from the same positions, with the same content as a text outline
 * beside it for screen readers and keyboard users. Loaded only when opened.
 */
export default function ThemeMap({ data }: { data: ProjectData }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const id = useId();
  const layout = useMemo(() => layoutThemeMap(data.themes, data.codes), [data.themes, data.codes]);
  const names = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n.label])), [layout]);
  const nodes: BoxNode[] = useMemo(
    () => layout.nodes.map((n) => ({ id: n.id, type: 'box', position: { x: n.x - n.width / 2, y: n.y - n.height / 2 }, data: { box: n }, width: n.width, height: n.height })),
    [layout],
  );
  const edges: Edge[] = useMemo(
    () => layout.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, type: 'default', ariaLabel: t('themes.map.edge', { from: names.get(e.source), to: names.get(e.target) }) })),
    [layout, names, t],
  );
  const title = `${t('themes.map.title')}: ${data.project.name}`;
  const svg = () => themeMapSvg(layout, { title, description: t('themes.map.description', { project: data.project.name }) });

  const saveSvg = () => {
    const file = chartFileName(title, 'svg', 'map');
    downloadBytes(new TextEncoder().encode(svg().text), file, 'image/svg+xml');
    notify('info', t('themes.map.saved', { file }));
  };
  const savePng = async () => {
    const file = chartFileName(title, 'png', 'map');
    try {
      const s = svg();
      downloadBytes(await svgToPng(s.text, s.width, s.height, 2), file, 'image/png');
      notify('info', t('themes.map.saved', { file }));
    } catch (e) {
      notify('error', t('themes.map.failed', { detail: e instanceof Error ? e.message : String(e) }));
    }
  };

  const loose = codesWithoutTheme(data.codes, data.themes).length;
  const rows = themeTree(data.themes);

  return (
    <div className="theme-map">
      <div className="theme-map-actions">
        <button type="button" onClick={saveSvg} disabled={layout.nodes.length === 0}>
          {t('themes.map.saveSvg')}
        </button>
        <button type="button" onClick={() => void savePng()} disabled={layout.nodes.length === 0}>
          {t('themes.map.savePng')}
        </button>
      </div>
      <div className="theme-map-grid">
        <figure className="theme-map-figure" aria-labelledby={`${id}-cap`}>
          <figcaption id={`${id}-cap`} className="muted">
            {t('themes.map.diagram')} — {t('themes.map.nodeHelp')}
          </figcaption>
          <div className="theme-map-canvas">
            {layout.nodes.length === 0 ? (
              <p className="muted">{t('themes.map.empty')}</p>
            ) : (
              <ReactFlow
                nodes={nodes}
                edges={edges}
                nodeTypes={NODE_TYPES}
                fitView
                nodesDraggable={false}
                nodesConnectable={false}
                nodesFocusable={false}
                edgesFocusable={false}
                elementsSelectable={false}
                minZoom={0.1}
                ariaLabelConfig={{
                  'controls.ariaLabel': t('themes.map.controls'),
                  'controls.zoomIn.ariaLabel': t('themes.map.zoomIn'),
                  'controls.zoomOut.ariaLabel': t('themes.map.zoomOut'),
                  'controls.fitView.ariaLabel': t('themes.map.fitView'),
                  'node.a11yDescription.default': t('themes.map.nodeHelp'),
                  'node.a11yDescription.keyboardDisabled': t('themes.map.nodeHelp'),
                  'edge.a11yDescription.default': t('themes.map.nodeHelp'),
                }}
              >
                <Controls showInteractive={false} />
              </ReactFlow>
            )}
          </div>
        </figure>
        <section className="theme-map-outline" aria-labelledby={`${id}-outline`}>
          <h3 id={`${id}-outline`}>{t('themes.map.outline')}</h3>
          <Outline data={data} rows={rows} />
          <p className="muted">{t('themes.map.codesWithoutTheme', { count: loose })}</p>
        </section>
      </div>
    </div>
  );
}

/** The map as nested lists: themes, their sub-themes and codes. */
function Outline({ data, rows }: { data: ProjectData; rows: ReturnType<typeof themeTree> }) {
  const { t } = useTranslation();
  const children = (parent: string | null) => rows.filter((r) => (parent === null ? r.depth === 0 : r.theme.parentGuid === parent && r.depth > 0));
  const list = (parent: string | null) => {
    const items = children(parent);
    if (items.length === 0) return null;
    return (
      <ul>
        {items.map(({ theme }) => {
          const codes = themeCodes(theme, data.codes);
          return (
            <li key={theme.guid}>
              <strong>{theme.name}</strong>
              {codes.length === 0 && <span className="muted"> {t('themes.map.noCodes')}</span>}
              {codes.length > 0 && (
                <ul>
                  {codes.map((c) => (
                    <li key={c.guid}>{c.name}</li>
                  ))}
                </ul>
              )}
              {list(theme.guid)}
            </li>
          );
        })}
      </ul>
    );
  };
  return list(null);
}
