import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FeedbackResult } from '../../../commands/exercises';
import type { ProjectData } from '../../../domain/project-data';
import { readProjectData } from '../../../storage/project-data';
import { useProject } from '../../shell/project-context';
import { AttemptsTable } from './AttemptsTable';
import { ProgressChart } from './ProgressChart';
import { FeedbackView, type JumpTarget } from './FeedbackView';
import './exercises.css';

/**
 * The student's feedback, just asked for (`result`), and their progress over every attempt; with
 * no result, the progress only. A jump to a passage closes the dialog.
 */
export function FeedbackDialog({ result, onClose, onJump }: { result: FeedbackResult | null; onClose(): void; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const { db, project, coder } = useProject();
  // The whole project, the reference included: feedback shows it next to the student's coding.
  const [data, setData] = useState<ProjectData | null>(null);
  useEffect(() => {
    let live = true;
    void readProjectData(db, project.guid).then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [db, project.guid, result]);
  const attempts = useLiveQuery(
    async () => (await db.attempts.where('[projectGuid+coderGuid]').equals([project.guid, coder.guid]).toArray()).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)),
    [db, project.guid, coder.guid],
  );
  const names = new Map((data?.documents ?? []).map((d) => [d.guid, d.name]));
  const jump = (target: JumpTarget) => {
    onClose();
    // Closing gives the focus back to the opening button a frame later; the jump comes after it.
    requestAnimationFrame(() => requestAnimationFrame(() => onJump(target)));
  };

  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay exercise-overlay">
      <Modal className="modal exercise-modal">
        <Dialog className="dialog exercise-dialog">
          <div className="exercise-dialog-head">
            <Heading slot="title">{result ? t('exercises.fb.title') : t('exercises.progress.title')}</Heading>
            <button type="button" onClick={onClose}>
              {t('exercises.close')}
            </button>
          </div>
          <div className="exercise-dialog-body">
            {result && (
              <p className="hint">
                {t('exercises.fb.scope', { documents: result.attempt.documentGuids.map((d) => names.get(d) ?? '').join(', ') })}
              </p>
            )}
            {result && (data ? <FeedbackView feedback={result.feedback} data={data} studentGuid={coder.guid} documentGuids={result.attempt.documentGuids} onJump={jump} /> : <p>{t('common.loading')}</p>)}
            <section className="fb-progress" aria-label={t('exercises.progress.title')}>
              <h3>{t('exercises.progress.title')}</h3>
              {attempts && attempts.length > 0 ? (
                <>
                  <ProgressChart attempts={attempts} />
                  <AttemptsTable attempts={attempts} documentNames={names} caption={t('exercises.progress.caption')} />
                </>
              ) : (
                <p className="hint">{t('exercises.progress.none')}</p>
              )}
            </section>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
