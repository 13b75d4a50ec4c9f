import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Memo, Project, Segment, Theme, VariableDefinition } from './model';

/**
 * Everything stored for one project, as plain records: what a bundle carries and what a restore
 * writes back. Arrays are in no particular order.
 */
export interface ProjectData {
  readonly project: Project;
  readonly coders: readonly Coder[];
  readonly documents: readonly DocumentRecord[];
  /** One per document: its normalised text and detected turns. */
  readonly texts: readonly DocumentText[];
  readonly codes: readonly Code[];
  readonly segments: readonly Segment[];
  readonly codings: readonly Coding[];
  /** Definitions of the documents' variables (name and type). */
  readonly variables: readonly VariableDefinition[];
  readonly groups: readonly DocumentGroup[];
  readonly memos: readonly Memo[];
  readonly themes: readonly Theme[];
  /** Feedback requests of students in an exercise. */
  readonly attempts: readonly Attempt[];
}

const byGuid = <T>(rows: readonly T[], key: (row: T) => string): T[] => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The same data with every list in GUID order, to compare two projects regardless of order. */
export function inGuidOrder(d: ProjectData): ProjectData {
  return {
    ...d,
    coders: byGuid(d.coders, (x) => x.guid),
    documents: byGuid(d.documents, (x) => x.guid),
    texts: byGuid(d.texts, (x) => x.documentGuid),
    codes: byGuid(d.codes, (x) => x.guid),
    segments: byGuid(d.segments, (x) => x.guid),
    codings: byGuid(d.codings, (x) => x.guid),
    variables: byGuid(d.variables, (x) => x.guid),
    groups: byGuid(d.groups, (x) => x.guid).map((g) => ({ ...g, documentGuids: [...g.documentGuids].sort() })),
    memos: byGuid(d.memos, (x) => x.guid),
    themes: byGuid(d.themes, (x) => x.guid),
    attempts: byGuid(d.attempts, (x) => x.guid),
  };
}
