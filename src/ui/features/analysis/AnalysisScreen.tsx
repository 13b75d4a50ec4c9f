import { Suspense, useEffect, type ComponentType } from 'react';
import { whenIdle } from '../../shell/after-paint';
import { canFetchAhead, lazyPreload } from '../../shell/lazy-preload';
import { useTranslation } from 'react-i18next';
import { useProject } from '../../shell/project-context';
import { ANALYSIS_TABS, navigate, type AnalysisTab } from '../../shell/route';
import type { AnalysisTabProps, JumpTarget } from './types';
import { useMatrixAhead } from './useMatrixAhead';
import { useProjectData } from './useProjectData';
import { LensControl } from '../project/LensControl';
import { useLensData } from '../project/lens';
import './analysis.css';

/** Each tab is its own chunk, fetched when it is first opened or when the browser is idle. */
const TAB_CODE: Record<AnalysisTab, { Component: ComponentType<AnalysisTabProps>; preload(): Promise<void> }> = {
  documents: lazyPreload(() => import('../variables/VariablesTab')),
  matrix: lazyPreload(() => import('../matrix/MatrixTab')),
  charts: lazyPreload(() => import('../charts/ChartsTab')),
  query: lazyPreload(() => import('../query/QueryTab')),
  search: lazyPreload(() => import('../search/SearchTab')),
  memos: lazyPreload(() => import('../memos/MemosTab')),
  themes: lazyPreload(() => import('../themes/ThemesTab')),
};

/** Loads the code of the tabs most used on large projects (the matrices), before a click asks for it. */
export function preloadAnalysisTabs(): Promise<void> {
  return TAB_CODE.matrix.preload();
}

/**
 * The research lead's screen: documents with their variables and groups, matrices, queries,
 * search and autocoding, memos. Every tab works on the whole project, kept current.
 */
export function AnalysisScreen({ tab, onJump }: { tab: AnalysisTab; onJump: (target: JumpTarget) => void }) {
  const { t } = useTranslation();
  const { project } = useProject();
  // Every tab sees the project through the coder lens chosen in the header.
  const data = useLensData(useProjectData());
  useMatrixAhead(data);
  const Tab = TAB_CODE[tab].Component;
  // The other tabs' code, once this one has its data and the browser is idle: a click on a tab
  // then renders it at once (the Matrices tab spent a tenth of a second fetching its chunk).
  const ready = !!data;
  useEffect(() => {
    if (!ready) return;
    let live = true;
    void whenIdle().then(() => {
      if (live && canFetchAhead()) for (const code of Object.values(TAB_CODE)) void code.preload().catch(() => undefined);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  const go = (next: AnalysisTab) => navigate({ name: 'project', projectGuid: project.guid, documentGuid: null, analysis: next });
  return (
    <main id="main" className="analysis">
      <div role="tablist" className="tabs analysis-tabs" aria-label={t('analysis.title')}>
        {ANALYSIS_TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`analysis-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="analysis-panel"
            tabIndex={tab === k ? 0 : -1}
            onClick={() => go(k)}
            onKeyDown={(e) => {
              const i = ANALYSIS_TABS.indexOf(k);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              const next = ANALYSIS_TABS[(i + step + ANALYSIS_TABS.length) % ANALYSIS_TABS.length] ?? k;
              go(next);
              requestAnimationFrame(() => document.getElementById(`analysis-tab-${next}`)?.focus());
            }}
          >
            {t(`analysis.tab.${k}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id="analysis-panel" aria-labelledby={`analysis-tab-${tab}`} className="analysis-panel">
        <LensControl />
        {data ? (
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <Tab data={data} onJump={onJump} />
          </Suspense>
        ) : (
          <p className="loading">{t('common.loading')}</p>
        )}
      </section>
    </main>
  );
}
