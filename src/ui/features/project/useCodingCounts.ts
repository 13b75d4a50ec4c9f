import { useEffect, useState } from 'react';
import type { Coding } from '../../../domain/model';
import { onCommitted } from '../../../storage/changes';
import { countInChunks } from '../../../storage/queries';
import { afterPaint, whenIdle } from '../../shell/after-paint';
import { useLens } from '../../shell/lens-context';
import { useProject } from '../../shell/project-context';

/** Codes counted per read transaction (countInChunks). */
const CODE_COUNT_CHUNK = 4;

/**
 * Number of codings per code in the project (not rolled up) under the coder lens, kept live:
 * counted once (from the index when the lens shows everyone), then adjusted by the codings that
 * commands commit here or in another tab, so that applying a code does not count every code
 * again before the highlight can paint.
 */
export function useCodingCounts(): ReadonlyMap<string, number> {
  const { db, project, codes } = useProject();
  const { shown } = useLens();
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const codeList = codes.map((c) => c.guid).join(',');
  // The lens as a value, so that an equal set chosen again does not count again.
  const shownList = shown === null ? null : [...shown].sort().join(',');
  useEffect(() => {
    const coders = shownList === null ? null : new Set(shownList.split(',').filter(Boolean));
    const counted = (c: Coding | undefined): c is Coding => c?.projectGuid === project.guid && (coders === null || coders.has(c.coderGuid));
    let live = true;
    let reads = 0;
    const adjust = (map: Map<string, number>, code: string, by: number) => {
      const n = (map.get(code) ?? 0) + by;
      if (n > 0) map.set(code, n);
      else map.delete(code);
    };
    // Counted a few codes at a time (storage/queries.ts countInChunks): the codes counted so far,
    // and the writes to them heard while the rest is counted, added to the counts read.
    const countedAlready = new Set<string>();
    const late: [string, number][] = [];
    const off = onCommitted((changes) => {
      const deltas: [string, number][] = [];
      for (const c of changes) {
        if (c.table !== 'codings') continue;
        const before = c.before as unknown as Coding | undefined;
        const after = c.after as unknown as Coding | undefined;
        if (counted(before)) deltas.push([before.codeGuid, -1]);
        if (counted(after)) deltas.push([after.codeGuid, 1]);
      }
      if (deltas.length === 0 || !live) return;
      // Codes counted before this write committed: their counts being read do not have it.
      if (reads === 0) for (const d of deltas) if (countedAlready.has(d[0])) late.push(d);
      // After the frame that paints the coding: the counts are not what the coder waits for. A
      // count read meanwhile replaces what came before it, as it would have replaced the deltas.
      const epoch = reads;
      afterPaint(() => {
        if (!live || epoch !== reads) return;
        setCounts((prev) => {
          const next = new Map(prev);
          for (const [code, by] of deltas) adjust(next, code, by);
          return next;
        });
      });
    });
    const read = async (): Promise<Map<string, number> | null> => {
      // Counting a large project's codings can wait until the document it opens is painted, and
      // stops when the codebook has gone.
      await whenIdle();
      if (coders === null) {
        // A few codes per read transaction (storage/queries.ts, countInChunks): a code of a large
        // project has 12,000 codings to count.
        const guids = codeList.split(',').filter(Boolean);
        const counts = await countInChunks(db, db.codings, guids, (guid) => db.codings.where('[projectGuid+codeGuid]').equals([project.guid, guid]).count(), {
          chunk: CODE_COUNT_CHUNK,
          stopped: () => !live,
          onChunk: (chunk) => chunk.forEach((g) => countedAlready.add(g)),
        });
        if (!counts) return null;
        const read = new Map(guids.map((g, i) => [g, counts[i] ?? 0] as const).filter(([, n]) => n > 0));
        for (const [code, by] of late) adjust(read, code, by);
        return read;
      }
      const out = new Map<string, number>();
      await db.codings.where('projectGuid').equals(project.guid).each((c) => {
        if (coders.has(c.coderGuid)) out.set(c.codeGuid, (out.get(c.codeGuid) ?? 0) + 1);
      });
      return out;
    };
    read().then(
      (next) => {
        if (next === null) return;
        // The counts include whatever was committed before they were read; they replace the deltas.
        reads++;
        if (live) setCounts(next);
      },
      // A database closed meanwhile (the screen is gone): there is nothing to show.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [db, project.guid, codeList, shownList]);
  return counts;
}
