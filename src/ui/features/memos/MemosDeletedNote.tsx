import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { countMemosDeletedWith } from '../../../commands/memos';
import type { Guid } from '../../../domain/model';
import { useProject } from '../../shell/project-context';

/**
 * For the question before deleting a document or a code: how many memos go with it (nothing
 * when none). `removingCodings`: the code's codings are removed rather than moved.
 */
export function MemosDeletedNote({ kind, guid, removingCodings = false }: { kind: 'document' | 'code'; guid: Guid; removingCodings?: boolean }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const count = useLiveQuery(
    () => countMemosDeletedWith(db, project.guid, kind === 'document' ? { kind, guid } : { kind, guid, removingCodings }),
    [db, project.guid, kind, guid, removingCodings],
  );
  if (!count) return null;
  return <p className="memos-deleted-note">{t(`memos.deletedWith.${kind}`, { count })}</p>;
}
