import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarkeerDb } from '../../../storage/db';
import { useNotify } from '../../shell/notify';

/** Started once per page, whatever React does with effects (StrictMode runs them twice). */
let started: Promise<void> | null = null;

/**
 * Starts the sync engines of the connected projects when the app opens. The sync code and PouchDB
 * load only when the database, once open, names a connected project: a browser without one loads
 * neither and makes no request. A failure is shown, never thrown.
 */
export function TeamSyncStarter({ db }: { db: MarkeerDb }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  useEffect(() => {
    started ??= startEngines(db).catch((e: unknown) => {
      notify('error', t('sync.startFailed') + ` (${e instanceof Error ? e.message : String(e)})`);
    });
  }, [db, notify, t]);
  return null;
}

async function startEngines(db: MarkeerDb): Promise<void> {
  try {
    await db.open();
  } catch {
    // The database cannot open (another tab upgrades it, a newer version): the app says so elsewhere.
    return;
  }
  if (db.teamProjects.size === 0) return;
  const { teamSync } = await import('../../../sync/manager');
  await teamSync.startAll();
}

/** For tests: let the next render start the engines again. */
export function resetTeamSyncStarter(): void {
  started = null;
}
