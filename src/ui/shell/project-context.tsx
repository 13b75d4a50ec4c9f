import { createContext, useContext } from 'react';
import type { Code, Coder, Project } from '../../domain/model';
import type { MarkeerDb } from '../../storage/db';

/** What every part of the project screen needs: the open project, its coders and codebook. */
export interface ProjectContextValue {
  readonly db: MarkeerDb;
  readonly project: Project;
  /** The coder working in this browser; every new segment and coding records this coder. */
  readonly coder: Coder;
  readonly coders: readonly Coder[];
  readonly codes: readonly Code[];
}

export const ProjectContext = createContext<ProjectContextValue | null>(null);

export function useProject(): ProjectContextValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error('useProject outside a ProjectContext');
  return value;
}
