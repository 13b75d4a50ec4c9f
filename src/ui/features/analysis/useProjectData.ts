import { useEffect, useState } from 'react';
import { withoutHidden } from '../../../domain/exercise';
import type { ProjectData } from '../../../domain/project-data';
import { onCommitted } from '../../../storage/changes';
import { readProjectData } from '../../../storage/project-data';
import { useProject } from '../../shell/project-context';

/**
 * The whole open project, read in one transaction, and read again (at most a few times a second)
 * after any change committed to it here or in another tab. Analyses compute on this snapshot.
 * Undefined while the first read runs.
 */
export function useProjectData(): ProjectData | undefined {
  const { db, project } = useProject();
  const [data, setData] = useState<ProjectData | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      void readProjectData(db, project.guid).then((d) => {
        // A student's analyses leave the exercise's hidden reference out (domain/exercise.ts).
        if (live && d) setData(withoutHidden(d));
      });
    };
    read();
    const off = onCommitted((changes) => {
      const ours = changes.some((c) => ((c.after ?? c.before) as { projectGuid?: string; guid?: string } | undefined)?.projectGuid === project.guid || (c.table === 'projects' && (c.after ?? c.before)?.guid === project.guid));
      if (ours && timer === null) timer = setTimeout(read, 150);
    });
    return () => {
      live = false;
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [db, project.guid]);
  return data;
}
