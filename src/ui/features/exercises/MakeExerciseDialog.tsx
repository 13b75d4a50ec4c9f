import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DEFAULT_THRESHOLD } from '../../../domain/exercise';
import type { FeedbackMoment, Guid } from '../../../domain/model';
import { listDocuments } from '../../../storage/queries';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { downloadBytes } from '../bundles/download';
import { LazyMemoEditor } from '../memos/MemoEditor.lazy';
import './exercises.css';

/** Problems that keep the exercise from being made, said next to the field. */
type Problem = 'documents' | 'threshold' | null;

/**
 * "Make exercise…": the teacher picks documents, the coder whose coding is the reference (the
 * project's own coder by default), codebook or open coding, instructions (rich text), when
 * feedback may be asked for and the threshold; the exercise file downloads. The teacher's project
 * is not changed.
 */
export function MakeExerciseDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder, coders } = useProject();
  const id = useId();
  const documents = useLiveQuery(() => listDocuments(db, project.guid), [db, project.guid]);
  // Passages per coder and document, to warn about a reference without any on the chosen documents.
  const passages = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    for (const s of await db.segments.where('projectGuid').equals(project.guid).toArray()) counts.set(`${s.coderGuid}|${s.documentGuid}`, (counts.get(`${s.coderGuid}|${s.documentGuid}`) ?? 0) + 1);
    return counts;
  }, [db, project.guid]);
  const [name, setName] = useState(() => t('exercises.make.defaultName', { name: project.name }));
  const [chosen, setChosen] = useState<ReadonlySet<Guid> | null>(null);
  const [reference, setReference] = useState<Guid>(coder.guid);
  const [codebook, setCodebook] = useState(true);
  const [instructions, setInstructions] = useState<{ text: string; rich: string | null }>({ text: '', rich: null });
  const [moment, setMoment] = useState<FeedbackMoment>('per-document');
  const [threshold, setThreshold] = useState(String(DEFAULT_THRESHOLD));
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);

  const selected = useMemo(() => chosen ?? new Set((documents ?? []).map((d) => d.guid)), [chosen, documents]);
  const referencePassages = (documents ?? []).filter((d) => selected.has(d.guid)).reduce((n, d) => n + (passages?.get(`${reference}|${d.guid}`) ?? 0), 0);
  const toggle = (guid: Guid, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(guid);
    else next.delete(guid);
    setChosen(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The dialog is a portal inside the export dialog's form: React would carry this submit on to
    // that form, which downloaded the whole project beside the exercise.
    e.stopPropagation();
    if (busy) return;
    const value = Number(threshold.replace(',', '.'));
    if (selected.size === 0) return setProblem('documents');
    if (!(value > 0 && value <= 1)) return setProblem('threshold');
    setProblem(null);
    setBusy(true);
    const { exportExercise } = await import('../../../commands/exercises');
    const result = await exportExercise(
      project.guid,
      {
        name,
        documentGuids: [...selected],
        includeCodebook: codebook,
        referenceCoderGuid: reference,
        instructions: instructions.text,
        instructionsRich: instructions.rich,
        feedback: moment,
        threshold: value,
        fileSuffix: t('exercises.make.fileSuffix'),
      },
      db,
    );
    setBusy(false);
    if (!result.ok) {
      notify('error', failureText(t, result));
      return;
    }
    downloadBytes(result.value.bytes, result.value.fileName);
    notify('info', t('exercises.make.downloaded', { file: result.value.fileName }));
    onClose();
  };

  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal exercise-make-modal">
        <Dialog className="dialog">
          <form onSubmit={submit} className="exercise-make" noValidate>
            <Heading slot="title">{t('exercises.make.title')}</Heading>
            <p className="hint">{t('exercises.make.intro')}</p>
            <label className="stack-label">
              {t('exercises.make.name')}
              <input value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
            <fieldset aria-describedby={problem === 'documents' ? `${id}-documents` : undefined}>
              <legend>{t('exercises.make.documents')}</legend>
              <ul className="exercise-checks">
                {(documents ?? []).map((d) => (
                  <li key={d.guid}>
                    <label>
                      <input type="checkbox" checked={selected.has(d.guid)} onChange={(e) => toggle(d.guid, e.target.checked)} />
                      {d.name}
                    </label>
                  </li>
                ))}
              </ul>
              {problem === 'documents' && (
                <p id={`${id}-documents`} className="field-error" role="alert">
                  {t('exercises.make.needDocument')}
                </p>
              )}
            </fieldset>
            <label className="stack-label">
              {t('exercises.make.reference')}
              <select value={reference} onChange={(e) => setReference(e.target.value)} aria-describedby={`${id}-reference`}>
                {coders.map((c) => (
                  <option key={c.guid} value={c.guid}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <p id={`${id}-reference`} className={referencePassages === 0 ? 'field-warning' : 'hint'}>
              {referencePassages === 0 ? t('exercises.make.referenceEmpty') : t('exercises.make.referencePassages', { count: referencePassages })}
            </p>
            <fieldset>
              <legend>{t('exercises.make.codes')}</legend>
              <label className="exercise-radio">
                <input type="radio" name={`${id}-codebook`} checked={codebook} onChange={() => setCodebook(true)} />
                {t('exercises.make.withCodebook')}
              </label>
              <label className="exercise-radio">
                <input type="radio" name={`${id}-codebook`} checked={!codebook} onChange={() => setCodebook(false)} />
                {t('exercises.make.openCoding')}
              </label>
            </fieldset>
            <div className="exercise-instructions-field">
              <LazyMemoEditor initialText="" initialRich={null} label={t('exercises.make.instructions')} onChange={(c) => setInstructions({ text: c.text, rich: c.rich })} />
            </div>
            <fieldset>
              <legend>{t('exercises.make.moment')}</legend>
              <label className="exercise-radio">
                <input type="radio" name={`${id}-moment`} checked={moment === 'per-document'} onChange={() => setMoment('per-document')} />
                {t('exercises.make.perDocument')}
              </label>
              <label className="exercise-radio">
                <input type="radio" name={`${id}-moment`} checked={moment === 'end'} onChange={() => setMoment('end')} />
                {t('exercises.make.atEnd')}
              </label>
            </fieldset>
            <label className="stack-label">
              {t('exercises.make.threshold')}
              <input
                type="number"
                min={0.05}
                max={1}
                step={0.05}
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
                aria-invalid={problem === 'threshold'}
                aria-describedby={`${id}-threshold`}
              />
            </label>
            <p id={`${id}-threshold`} className={problem === 'threshold' ? 'field-error' : 'hint'} role={problem === 'threshold' ? 'alert' : undefined}>
              {problem === 'threshold' ? t('exercises.make.badThreshold') : t('exercises.make.thresholdHint')}
            </p>
            <p className="exercise-notice">{t('exercises.make.hiddenNotSecret')}</p>
            <div className="dialog-actions">
              <button type="button" onClick={onClose}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" aria-disabled={busy}>
                {busy ? t('common.loading') : t('exercises.make.download')}
              </button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
