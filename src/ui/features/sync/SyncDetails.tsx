import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SyncStatus, TeamLink } from '../../../sync/engine';
import { teamSync } from '../../../sync/manager';
import { parseDocId } from '../../../sync/docs';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { describeRecord, refusalText } from './records';
import { fullStateText } from './status-text';

/**
 * The details behind the header's sync status: the state in full, the changes the server refused
 * (each named, with the reason, until the user says they understood), and the records in conflict,
 * each opening the versions to choose from.
 */
export function SyncDetails({ projectGuid, link, status, onConflict, onSignIn }: { projectGuid: string; link: TeamLink; status: SyncStatus; onConflict(id: string): void; onSignIn(): void }) {
  const { t, i18n } = useTranslation();
  const { db } = useProject();
  const { notify } = useNotify();
  const [dismissing, setDismissing] = useState(false);
  const id = useId();
  const ids = [...status.refused.map((r) => r.id), ...status.conflicts];
  // The records as they are here now, named for people ("segment ‘Ik zag…’ by Anna").
  const names = useLiveQuery(
    async () => {
      const out = new Map<string, string>();
      for (const docId of ids) {
        const parsed = parseDocId(docId);
        out.set(docId, parsed ? await describeRecord(t, db, projectGuid, parsed.table, parsed.key) : docId);
      }
      return out;
    },
    [db, projectGuid, ids.join('\n'), t],
  );
  const nameOf = (id: string) => names?.get(id) ?? '…';

  const dismiss = async () => {
    const engine = teamSync.engine(projectGuid);
    if (!engine || dismissing) return;
    setDismissing(true);
    try {
      await engine.dismissRefused(status.refused.map((r) => r.id));
    } catch (e) {
      notify('error', t('sync.failure.unexpected') + ` ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setDismissing(false);
    }
  };

  return (
    <div className="sync-details">
      <Heading slot="title" className="sync-details-title">
        {t('sync.details.title')}
      </Heading>
      <p>{fullStateText(t, status.state, i18n.language)}</p>
      {status.state.kind === 'signed-out' && (
        <button type="button" className="primary" onClick={onSignIn}>
          {t('sync.details.signIn')}
        </button>
      )}
      <p className="hint sync-where">{t('sync.details.where', { url: link.url, user: link.user, role: t(`sync.role.${link.role}`) })}</p>

      {status.refused.length > 0 && (
        <section className="sync-details-section" aria-labelledby={`${id}-refused`}>
          <h3 id={`${id}-refused`}>{t('sync.refused.title', { count: status.refused.length })}</h3>
          <ul className="sync-list">
            {status.refused.map((r) => (
              <li key={r.id}>
                <strong className="sync-record">{nameOf(r.id)}</strong>
                <span className="sync-reason">{refusalText(t, r.reason)}</span>
              </li>
            ))}
          </ul>
          <p className="hint">{t('sync.refused.kept')}</p>
          <button type="button" onClick={() => void dismiss()} aria-disabled={dismissing || undefined}>
            {t('sync.refused.understood')}
          </button>
        </section>
      )}

      {status.conflicts.length > 0 && (
        <section className="sync-details-section" aria-labelledby={`${id}-conflicts`}>
          <h3 id={`${id}-conflicts`}>{t('sync.conflicts.title', { count: status.conflicts.length })}</h3>
          <p className="hint">{t('sync.conflicts.hint')}</p>
          <ul className="sync-list">
            {status.conflicts.map((docId) => (
              <li key={docId}>
                <button type="button" className="sync-conflict-button" onClick={() => onConflict(docId)}>
                  {t('sync.conflicts.open', { name: nameOf(docId) })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
