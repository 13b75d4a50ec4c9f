import { useTranslation } from 'react-i18next';
import { markRead, unmarkRead } from '../../../commands/phases';
import type { DocumentRecord } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import './phases.css';

/** Whether the coder working in this browser marked the document as read. */
export function useReadByMe(document: Pick<DocumentRecord, 'readBy'>): boolean {
  const { coder } = useProject();
  return document.readBy?.includes(coder.guid) ?? false;
}

/** The small "read" tick in the document list (phase 1, familiarising); nothing when unread. */
export function ReadTick({ document }: { document: Pick<DocumentRecord, 'readBy'> }) {
  // The translation hook only where there is a tick: the list of a large project has 1,200 rows.
  return useReadByMe(document) ? <Tick /> : null;
}

function Tick() {
  const { t } = useTranslation();
  return (
    <span className="read-tick" title={t('phases.read.tick')}>
      <span aria-hidden="true">✓</span>
      <span className="visually-hidden">{t('phases.read.tick')}</span>
    </span>
  );
}

/** A toggle button that marks the document as read by this coder, or takes the mark back. */
export function ReadToggle({ document }: { document: Pick<DocumentRecord, 'guid' | 'name' | 'readBy'> }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder } = useProject();
  const read = useReadByMe(document);
  const toggle = async () => {
    const r = await (read ? unmarkRead : markRead)(project.guid, document.guid, coder.guid, db);
    if (!r.ok) notify('error', failureText(t, r));
    else notify('info', t(read ? 'phases.read.unmarked' : 'phases.read.marked', { name: document.name }));
  };
  return (
    <button type="button" className={`read-toggle${read ? ' read-toggle-on' : ''}`} aria-pressed={read} title={read ? t('phases.read.unmarkTitle') : undefined} onClick={() => void toggle()}>
      {read ? t('phases.read.unmark') : t('phases.read.mark')}
    </button>
  );
}
