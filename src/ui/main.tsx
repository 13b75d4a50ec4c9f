import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadProjectScreen } from './App';
import { parseRoute } from './shell/route';
import { getDb, installedVersion, LATEST_VERSION } from '../storage/db';
import { readDocumentAhead } from '../storage/document-ahead';
import { DatabaseTooNewScreen } from './shell/DatabaseTooNew';
import { initI18n } from './i18n';
import './styles/app.css';

initI18n();
const root = document.getElementById('root');

/** A database from a newer Markeer is never opened (opening could change it): say so instead. */
async function start(element: HTMLElement) {
  const route = parseRoute(window.location.hash);
  const [version] = await Promise.all([
    installedVersion()
      .then((version) => {
        // The document the page opens with: its segments and codings are read while the screens
        // load (storage/document-ahead.ts), in a database this Markeer may open. Only a help: when
        // it cannot begin, the transcript reads them itself.
        try {
          if ((version === null || version <= LATEST_VERSION) && route.name === 'project' && route.documentGuid) readDocumentAhead(getDb(), route.projectGuid, route.documentGuid);
        } catch {
          // the transcript reads them when it opens
        }
        return version;
      })
      .catch(() => null),
    route.name === 'project' ? preloadProjectScreen().catch(() => undefined) : undefined,
  ]);
  const tooNew = version !== null && version > LATEST_VERSION;
  createRoot(element).render(<StrictMode>{tooNew ? <DatabaseTooNewScreen version={version} /> : <App />}</StrictMode>);
}

if (root) void start(root);
