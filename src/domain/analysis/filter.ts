/**
 * Which documents and whose work an analysis looks at. Every analysis (matrices, queries, search,
 * charts, retrieval) takes the same filter, so that "only school 1's parents, coder Anna" means
 * the same everywhere.
 */
import type { Coding, DocumentRecord, Guid, Segment } from '../model';
import type { ProjectData } from '../project-data';
import { documentValue } from '../variables';

export interface VariableCondition {
  /** The variable's name (the key in DocumentRecord.variables). */
  readonly name: string;
  /** Stored (canonical) values any of which a document must have; empty = any value. */
  readonly values: readonly string[];
}

export interface AnalysisFilter {
  /** Only these documents; null = all. */
  readonly documentGuids: readonly Guid[] | null;
  /** Only documents in at least one of these groups; empty = no restriction. */
  readonly groupGuids: readonly Guid[];
  /** Documents must meet every condition. */
  readonly variables: readonly VariableCondition[];
  /** Only segments and codings of these coders; empty = every coder. */
  readonly coderGuids: readonly Guid[];
}

export const NO_FILTER: AnalysisFilter = { documentGuids: null, groupGuids: [], variables: [], coderGuids: [] };

/** The documents that pass the filter, in the project's document order. */
export function filteredDocuments(data: Pick<ProjectData, 'documents' | 'groups'>, filter: AnalysisFilter): DocumentRecord[] {
  const only = filter.documentGuids ? new Set(filter.documentGuids) : null;
  const inGroups = filter.groupGuids.length > 0 ? new Set(data.groups.filter((g) => filter.groupGuids.includes(g.guid)).flatMap((g) => g.documentGuids)) : null;
  return [...data.documents]
    .filter((d) => (!only || only.has(d.guid)) && (!inGroups || inGroups.has(d.guid)))
    .filter((d) => filter.variables.every((c) => c.values.length === 0 || c.values.includes(documentValue(d, c.name))))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** Whether a coder's work counts under the filter. */
export function coderPasses(filter: AnalysisFilter, coderGuid: Guid): boolean {
  return filter.coderGuids.length === 0 || filter.coderGuids.includes(coderGuid);
}

/** The segments and codings that pass the filter (documents and coders). */
export function filteredWork(
  data: Pick<ProjectData, 'documents' | 'groups' | 'segments' | 'codings'>,
  filter: AnalysisFilter,
): { documents: DocumentRecord[]; segments: Segment[]; codings: Coding[] } {
  const documents = filteredDocuments(data, filter);
  const docs = new Set(documents.map((d) => d.guid));
  const segments = data.segments.filter((s) => docs.has(s.documentGuid) && coderPasses(filter, s.coderGuid));
  const codings = data.codings.filter((c) => docs.has(c.documentGuid) && coderPasses(filter, c.coderGuid));
  return { documents, segments, codings };
}
