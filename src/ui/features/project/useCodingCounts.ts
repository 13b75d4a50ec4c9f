import { useEffect, useState } from 'react';
import type { Coding } from '../../../domain/model';
import { onCommitted } from '../../../storage/changes';
import { useProject } from '../../shell/project-context';

/**
 * Number of codings per code in the project (not rolled up), kept live: counted once from the
 * index, then adjusted by the codings that commands commit here or in another tab, so that
 * applying a code does not count every code again before the highlight can paint.
 */
export function useCodingCounts(): ReadonlyMap<string, number> {
  const { db, project, codes } = useProject();
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const codeList = codes.map((c) => c.guid).join(',');
  useEffect(() => {
    let live = true;
    const adjust = (map: Map<string, number>, code: string, by: number) => {
      const n = (map.get(code) ?? 0) + by;
      if (n > 0) map.set(code, n);
      else map.delete(code);
    };
    const off = onCommitted((changes) => {
      const deltas: [string, number][] = [];
      for (const c of changes) {
        if (c.table !== 'codings') continue;
        const before = c.before as unknown as Coding | undefined;
        const after = c.after as unknown as Coding | undefined;
        if (before?.projectGuid === project.guid) deltas.push([before.codeGuid, -1]);
        if (after?.projectGuid === project.guid) deltas.push([after.codeGuid, 1]);
      }
      if (deltas.length === 0 || !live) return;
      setCounts((prev) => {
        const next = new Map(prev);
        for (const [code, by] of deltas) adjust(next, code, by);
        return next;
      });
    });
    void Promise.all(
      codeList
        .split(',')
        .filter(Boolean)
        .map(async (guid) => [guid, await db.codings.where('[projectGuid+codeGuid]').equals([project.guid, guid]).count()] as const),
    ).then((entries) => {
      if (!live) return;
      // The counts include whatever was committed before they were read; they replace the deltas.
      setCounts(new Map(entries.filter(([, n]) => n > 0)));
    });
    return () => {
      live = false;
      off();
    };
  }, [db, project.guid, codeList]);
  return counts;
}
