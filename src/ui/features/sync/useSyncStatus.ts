import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../sync/engine';
import { teamSync } from '../../../sync/manager';
import { teamLink } from '../../../sync/team';
import type { TeamLink } from '../../../sync/engine';
import type { MarkeerDb } from '../../../storage/db';

const STARTING: SyncStatus = { state: { kind: 'starting' }, refused: [], conflicts: [] };

/**
 * A connected project's sync status, kept current. Before its engine runs (the app is opening, or
 * the engine could not start) it is `starting`.
 */
export function useSyncStatus(projectGuid: string): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>(() => current(projectGuid));
  useEffect(() => {
    const read = () => setStatus(current(projectGuid));
    read();
    return teamSync.subscribe(read);
  }, [projectGuid]);
  return status;
}

/** The engine's status; when the engine could not start, why (as a refusal, status 0). */
function current(projectGuid: string): SyncStatus {
  const failure = teamSync.failure(projectGuid);
  return teamSync.status(projectGuid) ?? (failure === null ? STARTING : { ...STARTING, state: { kind: 'refused', status: 0, reason: failure } });
}

/** The project's team server link in this browser: undefined while reading, null when not connected. */
export function useTeamLink(db: MarkeerDb, projectGuid: string): TeamLink | null | undefined {
  return useLiveQuery(() => teamLink(projectGuid, db), [db, projectGuid]);
}
