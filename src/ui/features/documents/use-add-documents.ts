import { useCallback } from 'react';
import { addDocuments, type NewDocument } from '../../../commands/documents';
import { listDocuments } from '../../../storage/queries';
import { useProject } from '../../shell/project-context';

/**
 * Adds documents to the open project after the ones already there, as one undoable step.
 * New documents go after the highest position, so that they never share one after a deletion.
 */
export function useAddDocuments() {
  const { db, project } = useProject();
  return useCallback(
    async (inputs: readonly NewDocument[]) => {
      const existing = await listDocuments(db, project.guid);
      const firstOrder = existing.reduce((max, d) => Math.max(max, d.order + 1), existing.length);
      return addDocuments(project.guid, inputs, { db, firstOrder });
    },
    [db, project.guid],
  );
}
