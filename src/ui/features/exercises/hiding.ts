/**
 * Hiding the reference coding from a student (domain/exercise.ts): hooks applied where the coding
 * screen reads segments, codings, counts and codes. Outside a student's exercise they return what
 * they are given, at no cost.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { hiddenCodeGuids, hiddenCoderGuid } from '../../../domain/exercise';
import type { Code, Coding, Guid, Project, Segment } from '../../../domain/model';
import type { MarkeerDb } from '../../../storage/db';
import { useLens } from '../../shell/lens-context';
import { useProject } from '../../shell/project-context';
import { codedBy } from '../project/lens';

interface CodedDocument {
  readonly segments: readonly Segment[];
  readonly codingsBySegment: ReadonlyMap<Guid, readonly Coding[]>;
}

const NOTHING: ReadonlySet<Guid> = new Set();

/** A document's segments and codings without the hidden coder's (the transcript, margin bars, segment panel). */
export function useVisibleCodings<T extends CodedDocument>(coded: T | null): T | null {
  const { project } = useProject();
  const hidden = hiddenCoderGuid(project);
  return useMemo(() => (!coded || !hidden ? coded : codedBy(coded, (g) => g !== hidden)), [coded, hidden]);
}

/** Codings per code without the hidden coder's (the codebook's counts). */
export function useVisibleCounts(counts: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  const { db, project } = useProject();
  // A lens of chosen coders never holds the hidden coder: its counts have nothing to take away.
  const { shown } = useLens();
  const hidden = shown === null ? hiddenCoderGuid(project) : null;
  const hiddenCounts = useLiveQuery(async () => {
    if (!hidden) return null;
    const codings = await db.codings.where('projectGuid').equals(project.guid).toArray();
    const out = new Map<string, number>();
    for (const c of codings) if (c.coderGuid === hidden) out.set(c.codeGuid, (out.get(c.codeGuid) ?? 0) + 1);
    return out;
  }, [db, project.guid, hidden]);
  return useMemo(() => {
    if (!hidden) return counts;
    const out = new Map<string, number>();
    // Until the hidden coder's counts are read, no count shows rather than one that gives it away.
    if (!hiddenCounts) return out;
    for (const [code, n] of counts) {
      const left = n - (hiddenCounts.get(code) ?? 0);
      if (left > 0) out.set(code, left);
    }
    return out;
  }, [counts, hidden, hiddenCounts]);
}

/**
 * The codes an open-coding student does not see (those only the reference used); an empty set
 * when nothing is hidden, null while they are being read (so that they never flash up).
 */
export function useHiddenCodes(db: MarkeerDb, project: Project | null | undefined, codes: readonly Code[] | undefined): ReadonlySet<Guid> | null {
  const relevant = !!project && !!project.exercise?.openCoding && hiddenCoderGuid(project) !== null;
  const found = useLiveQuery(
    async () => (relevant && project && codes ? hiddenCodeGuids(project, codes, await db.codings.where('projectGuid').equals(project.guid).toArray()) : NOTHING),
    [db, relevant, project, codes],
  );
  return relevant ? (found ?? null) : NOTHING;
}

/** The codebook without the hidden codes. */
export function visibleCodes<T extends Code>(codes: readonly T[], hidden: ReadonlySet<Guid>): readonly T[] {
  return hidden.size === 0 ? codes : codes.filter((c) => !hidden.has(c.guid));
}

/** Segments per document without the hidden coder's (the document list's counts). */
export function useVisibleSegmentCounts(counts: ReadonlyMap<Guid, number> | undefined): ReadonlyMap<Guid, number> | undefined {
  const { db, project } = useProject();
  const { shown } = useLens();
  const hidden = shown === null ? hiddenCoderGuid(project) : null;
  const hiddenCounts = useLiveQuery(async () => {
    if (!hidden) return null;
    const out = new Map<Guid, number>();
    for (const s of await db.segments.where('projectGuid').equals(project.guid).toArray()) if (s.coderGuid === hidden) out.set(s.documentGuid, (out.get(s.documentGuid) ?? 0) + 1);
    return out;
  }, [db, project.guid, hidden]);
  return useMemo(() => {
    if (!hidden || !counts) return counts;
    if (!hiddenCounts) return undefined;
    return new Map([...counts].map(([d, n]) => [d, Math.max(0, n - (hiddenCounts.get(d) ?? 0))]));
  }, [counts, hidden, hiddenCounts]);
}
