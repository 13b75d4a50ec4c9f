import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../shell/notify';
import { downloadBytes } from '../bundles/download';
import type { BarChartData, HeatmapData } from './chart-data';
import { ChartTable, type ChartTableProps } from './ChartTable';
import type { BarLayout } from './draw';
import { chartFileName } from './file-name';
import { composeChartSvg, idPrefixFrom, serializeSvg, svgToPng, type ChartLegend } from './svg-export';

type DrawModule = typeof import('./draw');

/** What to draw; the drawing itself waits for the charting library. */
export type ChartSpec =
  | { readonly kind: 'bars'; readonly data: BarChartData; readonly layout: BarLayout; readonly valueLabel: string }
  | { readonly kind: 'heatmap'; readonly data: HeatmapData; readonly rampLabel: string; readonly diagonalLabel: string };

let drawModule: Promise<DrawModule> | null = null;
/** The charting library, fetched once, the first time a chart is drawn. */
function loadDraw(): Promise<DrawModule> {
  drawModule ??= import('./draw').catch((error: unknown) => {
    drawModule = null;
    throw error;
  });
  return drawModule;
}

const DEFAULT_WIDTH = 720;

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const measure = () => {
      // Room for the chart's own padding (16 px each side); jsdom measures 0.
      const w = Math.floor(node.clientWidth) - 32;
      if (w > 200) setWidth(Math.min(1400, w));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function legendOf(spec: ChartSpec, mod: DrawModule): ChartLegend {
  if (spec.kind === 'bars') return { swatches: spec.data.series.map((s) => ({ label: s.label, color: s.color })) };
  const max = Math.max(0, ...spec.data.codes.flatMap((a) => spec.data.codes.filter((b) => b.key !== a.key).map((b) => spec.data.values[a.key]?.[b.key] ?? 0)));
  return {
    swatches: [{ label: spec.diagonalLabel, color: mod.DIAGONAL_FILL }],
    ramp: { label: spec.rampLabel, max: Math.max(1, max), stops: mod.heatStops(max) },
  };
}

/**
 * A chart with its title, a summary for screen readers, its numbers as a table on request, and
 * buttons to save it as SVG or PNG. The chart is drawn once the charting library has loaded; the
 * table needs no library.
 */
export function ChartView(props: { title: string; description: string; spec: ChartSpec; table: ChartTableProps }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { title, description, spec } = props;
  const idPrefix = idPrefixFrom(useId());
  const holder = useRef<HTMLDivElement>(null);
  const width = useWidth(holder);
  const [mod, setMod] = useState<DrawModule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    loadDraw().then(
      (m) => live && setMod(m),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const drawn = useMemo(() => {
    if (!mod) return null;
    try {
      const plot = spec.kind === 'bars' ? mod.drawBars(spec.data, { layout: spec.layout, width, valueLabel: spec.valueLabel }) : mod.drawHeatmap(spec.data, { width });
      return composeChartSvg(document, { title, description, legend: legendOf(spec, mod), plot, idPrefix });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [mod, spec, width, title, description, idPrefix]);

  useLayoutEffect(() => {
    const node = holder.current;
    if (!node) return;
    node.replaceChildren(...(drawn && typeof drawn !== 'string' ? [drawn.svg] : []));
  }, [drawn]);

  const chart = drawn && typeof drawn !== 'string' ? drawn : null;
  const failure = loadError ?? (typeof drawn === 'string' ? drawn : null);

  const saveSvg = () => {
    if (!chart) return;
    const file = chartFileName(title, 'svg');
    downloadBytes(new TextEncoder().encode(serializeSvg(chart.svg)), file, 'image/svg+xml');
    notify('info', t('charts.save.saved', { file }));
  };
  const savePng = async () => {
    if (!chart) return;
    setSaving(true);
    try {
      const file = chartFileName(title, 'png');
      downloadBytes(await svgToPng(serializeSvg(chart.svg), chart.width, chart.height, 2), file, 'image/png');
      notify('info', t('charts.save.saved', { file }));
    } catch (e) {
      notify('error', t('charts.save.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <figure className="chart-figure" aria-labelledby={chart ? chart.titleId : undefined} aria-label={chart ? undefined : title}>
      <div className="chart-toolbar">
        <button type="button" onClick={saveSvg} disabled={!chart}>
          {t('charts.save.svg')}
        </button>
        <button type="button" onClick={() => void savePng()} disabled={!chart || saving}>
          {t('charts.save.png')}
        </button>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {t('charts.table.show')}
        </button>
      </div>
      {!mod && !loadError && <p className="loading">{t('charts.loading')}</p>}
      {failure && (
        <p className="empty-state" role="alert">
          {t('charts.loadFailed', { reason: failure })}
        </p>
      )}
      <div className="chart-canvas" ref={holder} />
      {(asTable || failure) && <ChartTable {...props.table} />}
    </figure>
  );
}
