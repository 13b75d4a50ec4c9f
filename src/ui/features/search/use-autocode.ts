import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { autocode } from '../../../commands/autocode';
import type { DocumentRange } from '../../../domain/analysis/scope';
import type { Guid } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/**
 * Codes ranges with a code as one undoable step for the coder in this browser, and tells the
 * user what was added. `note` is added to the message (e.g. hits that fell back to a paragraph).
 */
export function useAutocode() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder, codes } = useProject();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (codeGuid: Guid, ranges: readonly DocumentRange[], note?: string) => {
      setBusy(true);
      try {
        const r = await autocode({ projectGuid: project.guid, coderGuid: coder.guid, codeGuid, ranges }, db);
        if (!r.ok) {
          notify('error', failureText(t, r));
          return false;
        }
        const name = codes.find((c) => c.guid === codeGuid)?.name ?? '';
        const text = t('search.done', { code: name, segments: r.value.segmentsAdded, codings: r.value.codingsAdded, already: r.value.alreadyCoded });
        notify('info', note ? `${text} ${note}` : text);
        return true;
      } finally {
        setBusy(false);
      }
    },
    [db, project.guid, coder.guid, codes, notify, t],
  );
  return { run, busy };
}
