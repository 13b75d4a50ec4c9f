import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackResult } from '../../../commands/exercises';
import { documentsDone, hiddenCoderGuid } from '../../../domain/exercise';
import type { Guid } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import type { JumpTarget } from './FeedbackView';
import { RichText } from './RichText';
import './exercises.css';

// The dialogs load on first use, not with the coding screen.
const MakeExerciseDialog = lazy(() => import('./MakeExerciseDialog').then((m) => ({ default: m.MakeExerciseDialog })));
const FeedbackDialog = lazy(() => import('./FeedbackDialog').then((m) => ({ default: m.FeedbackDialog })));

/**
 * "Make exercise…" in the export dialog (the teacher's; not offered to a student): opens the
 * exercise dialog; when that closes, so does the export dialog.
 */
export function MakeExerciseEntry({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { project } = useProject();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (hiddenCoderGuid(project) !== null) return null;
  return (
    <div className="exercise-entry">
      <button type="button" onClick={() => setOpen(true)} aria-describedby={`${id}-hint`}>
        {t('exercises.makeOpen')}
      </button>
      <span id={`${id}-hint`} className="hint">
        {t('exercises.makeHint')}
      </span>
      {open && (
        <Suspense fallback={null}>
          <MakeExerciseDialog
            onClose={() => {
              setOpen(false);
              onDone();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

/**
 * What a student sees of an exercise, above the coding screen: the instructions (and that the
 * reference travels hidden in the file, not secret), progress, "Ask for feedback" (on the open
 * document, or on all documents at the end, as the teacher chose) and their attempts so far.
 */
export function ExerciseBanner({ documentGuid, onJump }: { documentGuid: Guid | null; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder } = useProject();
  const id = useId();
  const student = hiddenCoderGuid(project) !== null;
  const live = useLiveQuery(async () => {
    if (!student) return null;
    const [documents, attempts, segments] = await Promise.all([
      db.documents.where('projectGuid').equals(project.guid).toArray(),
      db.attempts.where('[projectGuid+coderGuid]').equals([project.guid, coder.guid]).toArray(),
      db.segments.where('projectGuid').equals(project.guid).toArray(),
    ]);
    return { documents: documents.sort((a, b) => a.order - b.order), attempts, coded: new Set(segments.filter((s) => s.coderGuid === coder.guid).map((s) => s.documentGuid)) };
  }, [db, project.guid, coder.guid, student]);
  const [instructionsOpen, setInstructionsOpen] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<{ result: FeedbackResult | null } | null>(null);
  const exercise = project.exercise;
  if (!student || !exercise || !live) return null;

  const perDocument = exercise.feedback === 'per-document';
  const done = perDocument ? documentsDone(live.attempts, coder.guid) : live.coded;
  const doneCount = live.documents.filter((d) => done.has(d.guid)).length;
  const showInstructions = instructionsOpen ?? live.attempts.length === 0;
  const openDocument = live.documents.find((d) => d.guid === documentGuid) ?? null;

  const ask = async (documentGuids: Guid[]) => {
    setBusy(true);
    const { requestFeedback } = await import('../../../commands/exercises');
    const result = await requestFeedback(project.guid, coder.guid, documentGuids, db);
    setBusy(false);
    if (!result.ok) notify('error', failureText(t, result));
    else setDialog({ result: result.value });
  };

  return (
    <section className="exercise-banner" aria-label={t('exercises.banner')}>
      <div className="exercise-row">
        <strong>{t('exercises.exercise')}</strong>
        <button type="button" aria-expanded={showInstructions} aria-controls={`${id}-instructions`} onClick={() => setInstructionsOpen(!showInstructions)}>
          {t('exercises.instructions')}
        </button>
        <span className="exercise-progress">{t(perDocument ? 'exercises.doneDocuments' : 'exercises.codedDocuments', { done: doneCount, count: live.documents.length })}</span>
        {perDocument ? (
          openDocument ? (
            <button type="button" className="primary" aria-disabled={busy} onClick={() => !busy && void ask([openDocument.guid])}>
              {t('exercises.askDocument', { name: openDocument.name })}
            </button>
          ) : (
            <span className="hint">{t('exercises.openToAsk')}</span>
          )
        ) : (
          <button type="button" className="primary" aria-disabled={busy} onClick={() => !busy && void ask(live.documents.map((d) => d.guid))}>
            {t('exercises.askAll')}
          </button>
        )}
        {live.attempts.length > 0 && (
          <button type="button" onClick={() => setDialog({ result: null })}>
            {t('exercises.progress.open', { count: live.attempts.length })}
          </button>
        )}
      </div>
      {showInstructions && (
        <div id={`${id}-instructions`} className="exercise-instructions">
          <RichText rich={exercise.instructionsRich} text={exercise.instructions || t('exercises.noInstructions')} />
          <p className="hint">{t(perDocument ? 'exercises.howPerDocument' : 'exercises.howEnd')}</p>
          <p className="hint">{t(exercise.openCoding ? 'exercises.openCodingNote' : 'exercises.codebookNote')}</p>
          <p className="exercise-notice">{t('exercises.hiddenNotSecret')}</p>
        </div>
      )}
      {dialog && (
        <Suspense fallback={null}>
          <FeedbackDialog result={dialog.result} onClose={() => setDialog(null)} onJump={onJump} />
        </Suspense>
      )}
    </section>
  );
}
