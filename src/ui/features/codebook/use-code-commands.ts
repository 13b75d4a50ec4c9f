import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../domain/assert';
import type { Guid } from '../../../domain/model';
import {
  addCode,
  deleteCode,
  moveCode,
  recolorCode,
  renameCode,
  setCodeDefinition,
  setCodeShortcut,
} from '../../../commands/codes';
import { useNotify } from '../../shell/notify';
import { failureText } from '../../shell/errors';
import { useProject } from '../../shell/project-context';

/**
 * The codebook commands bound to the open project. Each returns whether it succeeded (addCode: the
 * new code's GUID or null); a failure has already been shown to the user.
 */
export function useCodeCommands() {
  const { db, project } = useProject();
  const { notify } = useNotify();
  const { t } = useTranslation();
  const projectGuid = project.guid;

  return useMemo(() => {
    async function run<T>(pending: Promise<Result<T, string>>): Promise<Result<T, string>> {
      const result = await pending;
      if (!result.ok) notify('error', failureText(t, result));
      return result;
    }
    const succeeded = async (pending: Promise<Result<unknown, string>>) => (await run(pending)).ok;

    return {
      add: async (name: string, parentGuid: Guid | null): Promise<Guid | null> => {
        const result = await run(addCode(projectGuid, { name, parentGuid }, db));
        return result.ok ? result.value : null;
      },
      rename: (guid: Guid, name: string) => succeeded(renameCode(projectGuid, guid, name, db)),
      recolor: (guid: Guid, color: string) => succeeded(recolorCode(projectGuid, guid, color, db)),
      define: (guid: Guid, definition: string) => succeeded(setCodeDefinition(projectGuid, guid, definition, db)),
      setShortcut: (guid: Guid, key: number | null) => succeeded(setCodeShortcut(projectGuid, guid, key, db)),
      move: (guid: Guid, parentGuid: Guid | null, index?: number) => succeeded(moveCode(projectGuid, guid, parentGuid, index, db)),
      remove: (guid: Guid, moveCodingsTo: Guid | null) => succeeded(deleteCode(projectGuid, guid, moveCodingsTo, db)),
    };
  }, [db, projectGuid, notify, t]);
}

export type CodeCommands = ReturnType<typeof useCodeCommands>;
