import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTargetMemos, type MemoTarget } from '../../../commands/memos';
import type { Guid, Memo } from '../../../domain/model';
import { onCommitted } from '../../../storage/changes';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { MemoDialog } from './MemoDialog';
import { formatMemoDate, memoHeading, segmentExcerpt } from './memo-list';
import './memos.css';

type TargetOfMemos = Exclude<MemoTarget, { kind: 'project' }>;

/**
 * The memos on one document, code or segment, in its side panel: how many, each one to open,
 * and a button to write a new one. `name` names the target in the dialog's title (its start,
 * for a segment's text).
 */
export function TargetMemos({ target, name }: { target: TargetOfMemos; name: string }) {
  const { t, i18n } = useTranslation();
  const { db, project, coders } = useProject();
  const headingId = useId();
  const memos = useLiveQuery(() => listTargetMemos(db, project.guid, target.guid), [db, project.guid, target.guid]);
  const [open, setOpen] = useState<{ guid: Guid | null } | null>(null);
  useSegmentMemoLossNotice(target);

  const authorName = (memo: Memo) => coders.find((c) => c.guid === memo.authorGuid)?.name ?? t('memos.unknownAuthor');
  return (
    <section className="target-memos" aria-labelledby={headingId}>
      <h3 id={headingId} className="target-memos-heading">
        {t('memos.targetHeading', { count: memos?.length ?? 0 })}
      </h3>
      {memos && memos.length > 0 && (
        <ul className="target-memos-list">
          {memos.map((memo) => (
            <li key={memo.guid}>
              <button type="button" className="link-button" onClick={() => setOpen({ guid: memo.guid })}>
                {memoHeading(memo) || t('memos.untitled')}
              </button>
              <span className="muted">
                {' '}
                {t('memos.byOn', { name: authorName(memo), date: formatMemoDate(memo.updatedAt, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => setOpen({ guid: null })}>
        {t(`memos.add.${target.kind}`)}
      </button>
      {open && (
        <MemoDialog
          title={t(open.guid ? `memos.dialogTitle.${target.kind}` : `memos.newDialogTitle.${target.kind}`, { name: segmentExcerpt(name) })}
          memoGuid={open.guid}
          target={target}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

/**
 * Removing a segment's last code removes the segment and its memos without a question (one
 * undo brings all back): say so when that happened to memos.
 */
function useSegmentMemoLossNotice(target: TargetOfMemos) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  useEffect(() => {
    if (target.kind !== 'segment') return;
    return onCommitted((changes) => {
      const segmentGone = changes.some((c) => c.table === 'segments' && c.after === undefined && c.before?.guid === target.guid);
      const memos = changes.filter((c) => c.table === 'memos' && c.after === undefined && c.before?.targetGuid === target.guid).length;
      if (segmentGone && memos > 0) notify('info', t('memos.segmentRemoved', { count: memos }));
    });
  }, [target.kind, target.guid, notify, t]);
}
