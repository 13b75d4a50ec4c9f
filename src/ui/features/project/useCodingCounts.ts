import { useLiveQuery } from 'dexie-react-hooks';
import { useProject } from '../../shell/project-context';

/** Number of codings per code in the project (not rolled up), kept live. */
export function useCodingCounts(): ReadonlyMap<string, number> {
  const { db, project } = useProject();
  return (
    useLiveQuery(async () => {
      const counts = new Map<string, number>();
      const codes = await db.codes.where('projectGuid').equals(project.guid).primaryKeys();
      await Promise.all(
        codes.map(async ([, guid]) => {
          const n = await db.codings.where('[projectGuid+codeGuid]').equals([project.guid, guid]).count();
          if (n > 0) counts.set(guid, n);
        }),
      );
      return counts;
    }, [db, project.guid]) ?? new Map<string, number>()
  );
}
