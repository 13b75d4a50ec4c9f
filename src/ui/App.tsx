import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../storage/db';
import { LANGS, setLang, type Lang } from './i18n';
import { ConnectionNotice } from './shell/DatabaseTooNew';
import { lazyPreload } from './shell/lazy-preload';
import { NotifyProvider } from './shell/notify';
import { useRoute, type AnalysisTab } from './shell/route';
import { StartScreen } from './features/projects/StartScreen';
import { requestPersistentStorage } from './shell/persist';
import { TeamSyncStarter } from './features/sync/TeamSyncStarter';

type ProjectScreenProps = { db: ReturnType<typeof getDb>; projectGuid: string; documentGuid: string | null; analysis?: AnalysisTab | null };

/**
 * The project screen is its own chunk. It is fetched before the first render when the app opens on
 * a project (React would otherwise show the fallback and hold the screen back for its 300 ms
 * fallback throttle), and in idle time on the start screen. One loader for both (lazyPreload): a
 * separate `lazy` beside the preload made the screen a new component type once the preload
 * arrived after a project had opened, and the next route change remounted it, losing all it held.
 */
const { Component: ProjectScreen, preload: preloadProjectScreen } = lazyPreload<ProjectScreenProps>(() => import('./features/project/ProjectScreen'));
export { preloadProjectScreen };

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const db = getDb();

  useEffect(() => {
    void requestPersistentStorage();
    const idle = globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => void preloadProjectScreen().catch(() => undefined));
  }, []);

  return (
    <NotifyProvider>
      <ConnectionNotice db={db} />
      <TeamSyncStarter db={db} />
      <div className="app">
        <header className="app-header">
          <a className="brand" href="#/">
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <span>Markeer</span>
          </a>
          <div id="header-slot" className="header-slot" />
          <label className="lang-switch">
            <span className="visually-hidden">{t('app.language')}</span>
            <select value={i18n.language} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('app.language')}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`app.lang.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </header>
        {route.name !== 'project' ? (
          <StartScreen db={db} joinUrl={route.name === 'join' ? route.url : null} />
        ) : (
          <Suspense fallback={<main className="loading">{t('common.loading')}</main>}>
            <ProjectScreen db={db} projectGuid={route.projectGuid} documentGuid={route.documentGuid} analysis={route.analysis ?? null} />
          </Suspense>
        )}
      </div>
    </NotifyProvider>
  );
}
