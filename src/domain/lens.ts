/**
 * The coder lens: whose coding a view shows. One choice per project (remembered in this browser),
 * applied by every view the same way: the transcript and its margin, code counts, Retrieve,
 * matrices, co-occurrence, queries, charts, themes and the report.
 *
 * - `mine`: the coder working in this browser (the project's owner coder).
 * - `coders`: the coders chosen by GUID (one or more).
 * - `everyone`: no restriction.
 * - `consensus`: the consensus coder's work, recorded in the agreement review; nothing when there
 *   is none yet.
 *
 * The lens restricts segments and codings (and the memos and theme quotations on segments it
 * leaves out). Documents, codes, variables and memos on anything else are the project's and are
 * never hidden by it.
 */
import type { Coder, Guid } from './model';
import type { ProjectData } from './project-data';

/** The coder of consensus decisions (commands/consensus.ts), found by this name. */
export const CONSENSUS_CODER_NAME = 'Consensus';

export function isConsensusCoder(coder: Pick<Coder, 'name'>): boolean {
  return coder.name === CONSENSUS_CODER_NAME;
}

export type CoderLens =
  | { readonly kind: 'mine' }
  | { readonly kind: 'everyone' }
  | { readonly kind: 'consensus' }
  | { readonly kind: 'coders'; readonly coderGuids: readonly Guid[] };

export const EVERYONE: CoderLens = { kind: 'everyone' };
export const LENS_KINDS = ['mine', 'coders', 'everyone', 'consensus'] as const;

/**
 * The coders whose work the lens shows, or null for everyone. `me` is the coder working in this
 * browser. Chosen coders that are no longer in the project are ignored; when none is left the set
 * is empty (the view shows nothing and says whose coding it is looking for).
 */
export function lensCoders(lens: CoderLens, coders: readonly Pick<Coder, 'guid' | 'name'>[], me: Guid): ReadonlySet<Guid> | null {
  switch (lens.kind) {
    case 'everyone':
      return null;
    case 'mine':
      return new Set([me]);
    case 'consensus':
      return new Set(coders.filter(isConsensusCoder).map((c) => c.guid));
    case 'coders': {
      const known = new Set(coders.map((c) => c.guid));
      return new Set(lens.coderGuids.filter((g) => known.has(g)));
    }
  }
}

/** Whether a record of this coder shows under the coder set of `lensCoders`. */
export const lensShows = (set: ReadonlySet<Guid> | null, coderGuid: Guid): boolean => set === null || set.has(coderGuid);

/** The project as the lens shows it: only the chosen coders' segments and codings. */
export function applyLens(data: ProjectData, set: ReadonlySet<Guid> | null): ProjectData {
  if (set === null) return data;
  const segments = data.segments.filter((s) => set.has(s.coderGuid));
  const kept = new Set(segments.map((s) => s.guid));
  return {
    ...data,
    segments,
    codings: data.codings.filter((c) => set.has(c.coderGuid) && kept.has(c.segmentGuid)),
    memos: data.memos.filter((m) => m.targetKind !== 'segment' || (m.targetGuid !== null && kept.has(m.targetGuid))),
    themes: data.themes.map((t) => ({ ...t, quoteSegmentGuids: t.quoteSegmentGuids.filter((g) => kept.has(g)) })),
  };
}

/**
 * A stored lens read back, or null when the value is not one (an older or damaged preference):
 * the caller then uses its default.
 */
export function parseLens(value: unknown): CoderLens | null {
  if (typeof value !== 'object' || value === null) return null;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'mine' || kind === 'everyone' || kind === 'consensus') return { kind };
  if (kind === 'coders') {
    const guids = (value as { coderGuids?: unknown }).coderGuids;
    if (Array.isArray(guids) && guids.every((g): g is string => typeof g === 'string')) return { kind, coderGuids: [...new Set(guids)] };
  }
  return null;
}
