/**
 * The coder lens (domain/lens.ts) applied where the project screen reads coding: hooks that give
 * a view only the work of the coders the lens shows, and the words that say whose that is. With
 * the lens on everyone they return what they are given, at no cost.
 */
import type { TFunction } from 'i18next';
import { useContext, useMemo } from 'react';
import { applyLens, type CoderLens } from '../../../domain/lens';
import type { Coder, Coding, Guid, Segment } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { useTranslation } from 'react-i18next';
import { useLens } from '../../shell/lens-context';
import { ProjectContext } from '../../shell/project-context';

interface CodedDocument {
  readonly segments: readonly Segment[];
  readonly codingsBySegment: ReadonlyMap<Guid, readonly Coding[]>;
}

/** A document's segments, and their codings, of the coders `keep` accepts (the lens, an exercise's hiding). */
export function codedBy<T extends CodedDocument>(coded: T, keep: (coderGuid: Guid) => boolean): T {
  const segments = coded.segments.filter((s) => keep(s.coderGuid));
  const codingsBySegment = new Map<Guid, readonly Coding[]>();
  for (const s of segments) {
    const codings = coded.codingsBySegment.get(s.guid)?.filter((c) => keep(c.coderGuid));
    if (codings?.length) codingsBySegment.set(s.guid, codings);
  }
  return { ...coded, segments, codingsBySegment };
}

/** A document's segments and codings under the lens (the transcript, its margin, the segment panel). */
export function useLensCodings<T extends CodedDocument>(coded: T | null): T | null {
  const { shown } = useLens();
  return useMemo(() => (!coded || shown === null ? coded : codedBy(coded, (g) => shown.has(g))), [coded, shown]);
}

/** The whole project under the lens (every analysis tab, the report). */
export function useLensData(data: ProjectData): ProjectData;
export function useLensData(data: ProjectData | undefined): ProjectData | undefined;
export function useLensData(data: ProjectData | undefined): ProjectData | undefined {
  const { shown } = useLens();
  return useMemo(() => (data ? applyLens(data, shown) : data), [data, shown]);
}

/** Whose coding the lens shows, in a sentence's words: "je eigen codering (Anna)", "de codering van Anna, Bram", … */
export function lensLabel(t: TFunction, lens: CoderLens, coders: readonly Pick<Coder, 'guid' | 'name'>[], me: Pick<Coder, 'name'>): string {
  switch (lens.kind) {
    case 'mine':
      return t('lens.label.mine', { name: me.name });
    case 'everyone':
      return t('lens.label.everyone');
    case 'consensus':
      return t('lens.label.consensus');
    case 'coders': {
      const names = coders.filter((c) => lens.coderGuids.includes(c.guid)).map((c) => c.name);
      return names.length === 0 ? t('lens.label.nobody') : t('lens.label.coders', { names: names.join(', '), count: names.length });
    }
  }
}

/** The line an exported report carries to say whose coding it counts: "Codering: de consensus". */
export function useLensLine(): string {
  const { t } = useTranslation();
  // Outside a project screen (a tab rendered on its own) the lens is everyone's.
  const project = useContext(ProjectContext);
  const { lens } = useLens();
  return t('lens.reportLine', { label: project ? lensLabel(t, lens, project.coders, project.coder) : t('lens.label.everyone') });
}
