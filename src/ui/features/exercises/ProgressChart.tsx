import { useTranslation } from 'react-i18next';
import type { Attempt } from '../../../domain/model';
import { usePercent } from './format';

/**
 * The drawing's own units (the viewBox): it is drawn at this size when there is room and scales
 * down with its container (width 100%), so it always fits the dialog.
 */
const WIDTH = 560;
const HEIGHT = 220;
const PLOT = { left: 64, right: WIDTH - 16, top: 12, bottom: HEIGHT - 56 };
/** Space between the plot's edge and the first and last attempt. */
const INSET = 18;
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Attempt numbers at least this far apart (viewBox units); the dates under them need more room. */
const MIN_TICK_GAP = 28;
const MIN_DATE_GAP = 64;

type Figure = 'recall' | 'precision';

/**
 * Recall ("Found") and precision ("Right") over a student's attempts, 0% to 100% up the y axis and
 * the attempts, numbered and dated, along the x axis. Screen readers get the figures from the
 * label (and the attempts table that follows the chart); from two attempts on.
 */
export function ProgressChart({ attempts }: { attempts: readonly Attempt[] }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  if (attempts.length < 2) return null;
  const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short' });
  const n = attempts.length;
  const x = (i: number) => PLOT.left + INSET + (i * (PLOT.right - PLOT.left - 2 * INSET)) / (n - 1);
  const y = (v: number) => PLOT.bottom - v * (PLOT.bottom - PLOT.top);
  const gap = (PLOT.right - PLOT.left - 2 * INSET) / (n - 1);
  const step = Math.ceil(MIN_TICK_GAP / gap);
  const dated = gap * step >= MIN_DATE_GAP;
  const ticks = attempts.map((a, i) => ({ a, i })).filter(({ i }) => i % step === 0 || i === n - 1);
  const points = (key: Figure) => attempts.flatMap((a, i) => (a.overall[key] === null ? [] : [[x(i), y(a.overall[key] as number)] as const]));
  const values = (key: Figure) => attempts.map((a) => (a.overall[key] === null ? '—' : percent(a.overall[key] as number))).join(', ');
  const dateOf = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : day.format(d);
  };

  return (
    <figure className="fb-chart">
      <figcaption>
        <span className="fb-chart-title">{t('exercises.progress.chartTitle')}</span>{' '}
        <span className="hint fb-chart-key">
          <span className="fb-key fb-key-recall" aria-hidden="true" /> {t('exercises.fb.recall')} <span className="fb-key fb-key-precision" aria-hidden="true" /> {t('exercises.fb.precision')}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('exercises.progress.sparkline', { recall: values('recall'), precision: values('precision') })}>
        <g className="fb-chart-y">
          {Y_TICKS.map((v) => (
            <g key={v}>
              <line x1={PLOT.left} x2={PLOT.right} y1={y(v)} y2={y(v)} className={v === 0 ? 'fb-chart-axis' : 'fb-chart-grid'} />
              <text x={PLOT.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
                {percent(v)}
              </text>
            </g>
          ))}
          <text className="fb-chart-title-y" transform={`translate(14 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`} textAnchor="middle" dominantBaseline="middle">
            {t('exercises.progress.axisY')}
          </text>
        </g>
        <g className="fb-chart-x">
          <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} className="fb-chart-axis" />
          {ticks.map(({ a, i }) => (
            <g key={a.guid}>
              <line x1={x(i)} x2={x(i)} y1={PLOT.bottom} y2={PLOT.bottom + 4} className="fb-chart-axis" />
              <text x={x(i)} y={PLOT.bottom + 16} textAnchor="middle">
                {i + 1}
              </text>
              {dated && (
                <text x={x(i)} y={PLOT.bottom + 30} textAnchor="middle" className="fb-chart-date">
                  {dateOf(a.createdAt)}
                </text>
              )}
            </g>
          ))}
          <text x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 4} textAnchor="middle" className="fb-chart-title-x">
            {t('exercises.progress.number')}
          </text>
        </g>
        {(['recall', 'precision'] as const).map((key) => (
          <g key={key} className={`fb-chart-${key}`}>
            <polyline points={points(key).map((p) => p.join(',')).join(' ')} fill="none" />
            {points(key).map(([px, py], i) => (
              <circle key={i} cx={px} cy={py} r={3.5} />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
