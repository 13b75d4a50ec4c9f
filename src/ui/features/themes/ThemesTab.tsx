import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, type AnalysisFilter } from '../../../domain/analysis/filter';
import type { Guid } from '../../../domain/model';
import { FilterBar } from '../analysis/FilterBar';
import type { AnalysisTabProps } from '../analysis/types';
import { ThemeBoard } from './ThemeBoard';
import { ThemeDefine } from './ThemeDefine';
import { ThemeReview } from './ThemeReview';
import './themes.css';

/** React Flow and dagre are fetched only when the map is opened. */
const ThemeMap = lazy(() => import('./ThemeMap'));

const VIEWS = ['board', 'map', 'review', 'define'] as const;
type View = (typeof VIEWS)[number];

/**
 * Themes (Braun & Clarke phases 3-5): the board where codes are gathered into candidate themes,
 * the thematic map, the review of a theme's segments, and the definitions.
 */
export default function ThemesTab({ data, onJump }: AnalysisTabProps) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<View>('board');
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [reviewed, setReviewed] = useState<Guid | null>(null);
  const go = (next: View, focus = false) => {
    setView(next);
    if (focus) requestAnimationFrame(() => document.getElementById(`${id}-tab-${next}`)?.focus());
  };
  return (
    <div className="themes-tab">
      <div role="tablist" className="tabs themes-views" aria-label={t('themes.views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`${id}-tab-${v}`}
            aria-selected={view === v}
            aria-controls={`${id}-panel`}
            tabIndex={view === v ? 0 : -1}
            onClick={() => go(v)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              go(VIEWS[(VIEWS.indexOf(v) + step + VIEWS.length) % VIEWS.length] ?? v, true);
            }}
          >
            {t(`themes.view.${v}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${view}`} className="themes-panel">
        <p className="muted themes-phase">{t(`themes.phase.${view}`)}</p>
        {(view === 'board' || view === 'review') && <FilterBar data={data} value={filter} onChange={setFilter} />}
        {view === 'board' && <ThemeBoard data={data} filter={filter} />}
        {view === 'map' && (
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <ThemeMap data={data} />
          </Suspense>
        )}
        {view === 'review' && <ThemeReview data={data} filter={filter} themeGuid={reviewed} onTheme={setReviewed} onJump={onJump} />}
        {view === 'define' && <ThemeDefine data={data} />}
      </div>
    </div>
  );
}
