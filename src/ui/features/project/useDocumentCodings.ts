import { useEffect, useMemo, useState } from 'react';
import type { Coding, Guid, Segment } from '../../../domain/model';
import { onCommitted, type Change } from '../../../storage/changes';
import type { MarkeerDb } from '../../../storage/db';
import { listDocumentCodings, listDocumentSegments } from '../../../storage/queries';

interface State {
  readonly segments: ReadonlyMap<Guid, Segment>;
  readonly codings: ReadonlyMap<Guid, Coding>;
}

function patch(state: State, changes: readonly Change[], documentGuid: Guid): State {
  let segments: Map<Guid, Segment> | null = null;
  let codings: Map<Guid, Coding> | null = null;
  for (const c of changes) {
    if (c.table !== 'segments' && c.table !== 'codings') continue;
    const row = (c.after ?? c.before) as { guid: Guid; documentGuid: Guid } | undefined;
    if (!row || row.documentGuid !== documentGuid) continue;
    if (c.table === 'segments') {
      segments ??= new Map(state.segments);
      if (c.after) segments.set(row.guid, c.after as unknown as Segment);
      else segments.delete(row.guid);
    } else {
      codings ??= new Map(state.codings);
      if (c.after) codings.set(row.guid, c.after as unknown as Coding);
      else codings.delete(row.guid);
    }
  }
  return segments || codings ? { segments: segments ?? state.segments, codings: codings ?? state.codings } : state;
}

/**
 * A document's segments and codings, kept live: read once, then patched with the rows that
 * commands commit in this tab or another (storage/changes.ts), so that a new coding paints
 * without reading and tracking 10,000 records again, as a live query would after every write.
 */
export function useDocumentCodings(db: MarkeerDb, projectGuid: Guid, documentGuid: Guid) {
  const [state, setState] = useState<State | null>(null);
  useEffect(() => {
    setState(null);
    let live = true;
    // Changes that arrive while the first read is under way are applied on top of it.
    const early: Change[] = [];
    const off = onCommitted((changes) => {
      if (!live) return;
      early.push(...changes);
      setState((prev) => (prev ? patch(prev, changes, documentGuid) : prev));
    });
    void db
      .transaction('r', db.segments, db.codings, () =>
        Promise.all([listDocumentSegments(db, projectGuid, documentGuid), listDocumentCodings(db, projectGuid, documentGuid)]),
      )
      .then(([segments, codings]) => {
        if (!live) return;
        const first = { segments: new Map(segments.map((s) => [s.guid, s])), codings: new Map(codings.map((c) => [c.guid, c])) };
        setState(patch(first, early, documentGuid));
      });
    return () => {
      live = false;
      off();
    };
  }, [db, projectGuid, documentGuid]);

  return useMemo(() => {
    if (!state) return null;
    const codingsBySegment = new Map<Guid, Coding[]>();
    for (const c of state.codings.values()) {
      const list = codingsBySegment.get(c.segmentGuid);
      if (list) list.push(c);
      else codingsBySegment.set(c.segmentGuid, [c]);
    }
    return { segments: [...state.segments.values()], codingsBySegment };
  }, [state]);
}
