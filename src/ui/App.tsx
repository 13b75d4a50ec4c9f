import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../storage/db';
import { LANGS, setLang, type Lang } from './i18n';
import { NotifyProvider } from './shell/notify';
import { useRoute } from './shell/route';
import { StartScreen } from './features/projects/StartScreen';
import { requestPersistentStorage } from './shell/persist';

const ProjectScreen = lazy(() => import('./features/project/ProjectScreen'));

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const db = getDb();

  useEffect(() => {
    void requestPersistentStorage();
  }, []);

  return (
    <NotifyProvider>
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
        {route.name === 'home' ? (
          <StartScreen db={db} />
        ) : (
          <Suspense fallback={<main className="loading">{t('common.loading')}</main>}>
            <ProjectScreen db={db} projectGuid={route.projectGuid} documentGuid={route.documentGuid} />
          </Suspense>
        )}
      </div>
    </NotifyProvider>
  );
}
