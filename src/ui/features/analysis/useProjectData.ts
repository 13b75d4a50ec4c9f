import { useEffect, useMemo, useState } from 'react';
import { withoutHidden } from '../../../domain/exercise';
import type { ProjectData } from '../../../domain/project-data';
import { projectSnapshot, subscribeProjectSnapshot } from '../../../storage/project-snapshot';
import { useProject } from '../../shell/project-context';

/** How long changes gather before the screens on the whole project render again. */
const SETTLE_MS = 150;

/**
 * The whole open project as held in memory (storage/project-snapshot.ts): read once, kept current
 * by the changes every write publishes, here and in other tabs. Screens render again at most a few
 * times a second while changes stream in (a merge, a team's sync). Undefined while the first read
 * runs. Everything in it, the hidden reference of an exercise included.
 */
export function useProjectSnapshot(): ProjectData | undefined {
  const { db, project } = useProject();
  const [data, setData] = useState<ProjectData | undefined>(() => projectSnapshot(db, project.guid) ?? undefined);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest: ProjectData | null | undefined;
    let first = true;
    const off = subscribeProjectSnapshot(db, project.guid, (d) => {
      latest = d;
      // The first read shows at once; later changes gather for a moment.
      if (first) {
        first = false;
        setData(d ?? undefined);
        return;
      }
      timer ??= setTimeout(() => {
        timer = null;
        setData(latest ?? undefined);
      }, SETTLE_MS);
    });
    // Read before this effect ran (the workspace reads the project ahead, when idle).
    const now = projectSnapshot(db, project.guid);
    if (now !== undefined) {
      first = false;
      setData(now ?? undefined);
    }
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [db, project.guid]);
  return data;
}

/**
 * The open project for analyses: the snapshot above without what a student must not see (an
 * exercise's hidden reference, domain/exercise.ts). Undefined while the first read runs.
 */
export function useProjectData(): ProjectData | undefined {
  const data = useProjectSnapshot();
  return useMemo(() => data && withoutHidden(data), [data]);
}
