import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadProjectScreen } from './App';
import { parseRoute } from './shell/route';
import { installedVersion, LATEST_VERSION } from '../storage/db';
import { DatabaseTooNewScreen } from './shell/DatabaseTooNew';
import { initI18n } from './i18n';
import './styles/app.css';

initI18n();
const root = document.getElementById('root');

/** A database from a newer Markeer is never opened (opening could change it): say so instead. */
async function start(element: HTMLElement) {
  const [version] = await Promise.all([
    installedVersion().catch(() => null),
    parseRoute(window.location.hash).name === 'project' ? preloadProjectScreen().catch(() => undefined) : undefined,
  ]);
  const tooNew = version !== null && version > LATEST_VERSION;
  createRoot(element).render(<StrictMode>{tooNew ? <DatabaseTooNewScreen version={version} /> : <App />}</StrictMode>);
}

if (root) void start(root);
