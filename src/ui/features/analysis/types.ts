import type { Guid } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';

/** A passage to show in its document: the analysis screen opens the document there. */
export interface JumpTarget {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
}

/** What every tab of the analysis screen receives. */
export interface AnalysisTabProps {
  /** The whole project, kept current. */
  readonly data: ProjectData;
  readonly onJump: (target: JumpTarget) => void;
}
