import type { Code, Coder, Coding, DocumentRecord, DocumentText, Project, Segment } from './model';

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
}
