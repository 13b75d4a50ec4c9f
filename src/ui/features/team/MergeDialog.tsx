import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { MergeFile, MergeOutcome, MergePreparation } from '../../../commands/merge';
import type { Guid } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useProject } from '../../shell/project-context';
import { MergePlanView, type UnreadableFile } from './MergePlanView';
import { MergeReportView } from './MergeReportView';
import './team.css';

type MergeModule = typeof import('../../../commands/merge');

type Stage =
  | { readonly name: 'pick' }
  | { readonly name: 'reading'; readonly progress: number }
  | { readonly name: 'plan'; readonly prep: MergePreparation; readonly unreadable: readonly UnreadableFile[]; readonly error?: string }
  | { readonly name: 'writing'; readonly prep: MergePreparation; readonly unreadable: readonly UnreadableFile[]; readonly progress: number }
  | { readonly name: 'report'; readonly prep: MergePreparation; readonly outcome: MergeOutcome };

/**
 * Merging coders' bundles, or their REFI-QDA projects (`.qdpx`) from other tools, into the open project: pick files -> read and plan them -> a
 * confirmation screen (nothing is written before it) where the lead decides the codes matched
 * by name -> one undoable write -> a report of what was added, matched and skipped.
 */
export function MergeDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const [stage, setStage] = useState<Stage>({ name: 'pick' });
  const busy = stage.name === 'reading' || stage.name === 'writing';
  const close = () => {
    if (busy) return;
    setStage({ name: 'pick' });
    onClose();
  };
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && close()} isDismissable={!busy} isKeyboardDismissDisabled={busy} className="modal-overlay">
      <Modal className="modal merge-modal">
        <Dialog className="dialog merge-dialog">
          <MergeFlow stage={stage} setStage={setStage} onClose={close} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function MergeFlow({ stage, setStage, onClose }: { stage: Stage; setStage(s: Stage): void; onClose(): void }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const [mod, setMod] = useState<MergeModule | null>(null);
  /** Incoming code and coder GUIDs whose match by name the lead unticked; every other name match is accepted. */
  const [rejected, setRejected] = useState<ReadonlySet<Guid>>(new Set());
  /** Why the lead's project could not be read (a storage failure), shown on the first screen. */
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstStage = useRef(true);

  // Each screen replaces the one before: move focus to its heading, so it is neither lost nor unannounced.
  useEffect(() => {
    if (firstStage.current) {
      firstStage.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [stage.name]);

  const prep = stage.name === 'plan' || stage.name === 'writing' ? stage.prep : null;
  // Re-planned when a name match is unticked: a later file's codes may then match other codes.
  const plans = useMemo(
    () => (prep && mod ? mod.planMerges(prep.lead, mod.parsedData(prep.files), (g) => !rejected.has(g)) : []),
    [prep, mod, rejected],
  );

  const read = async (list: readonly File[]) => {
    if (list.length === 0) return;
    setError(null);
    setStage({ name: 'reading', progress: 0 });
    // The zip code loads on first use, not with the coding screen.
    const loaded = mod ?? (await import('../../../commands/merge'));
    setMod(loaded);
    const files: MergeFile[] = [];
    const unreadable: UnreadableFile[] = [];
    for (const file of list) {
      try {
        files.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      } catch (e) {
        unreadable.push({ name: file.name, detail: e instanceof Error ? e.message : String(e) });
      }
    }
    const result = await loaded.prepareMerge(project.guid, files, db, { onProgress: (progress) => setStage({ name: 'reading', progress }) });
    setRejected(new Set());
    if (!result.ok) {
      setStage({ name: 'pick' });
      setError(failureText(t, result));
      return;
    }
    setStage({ name: 'plan', prep: result.value, unreadable });
  };

  const merge = async () => {
    if (stage.name !== 'plan' || !mod) return;
    const { prep: prepared, unreadable } = stage;
    const accept = mod.acceptedNameMatches(plans, (g) => !rejected.has(g));
    setStage({ name: 'writing', prep: prepared, unreadable, progress: 0 });
    const result = await mod.mergeBundles(project.guid, mod.parsedData(prepared.files), accept, db, {
      onProgress: (progress) => setStage({ name: 'writing', prep: prepared, unreadable, progress }),
    });
    if (result.ok) setStage({ name: 'report', prep: prepared, outcome: result.value });
    else setStage({ name: 'plan', prep: prepared, unreadable, error: failureText(t, result) });
  };

  const toggle = (guid: Guid) =>
    setRejected((old) => {
      const next = new Set(old);
      if (next.has(guid)) next.delete(guid);
      else next.add(guid);
      return next;
    });

  const title = (key: string) => (
    <Heading slot="title" ref={headingRef} tabIndex={-1}>
      {t(key)}
    </Heading>
  );

  switch (stage.name) {
    case 'pick':
      return (
        <>
          {title('team.merge.title')}
          <PickFiles onFiles={(files) => void read(files)} />
          {error && (
            <p className="merge-problem" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      );
    case 'reading':
      return (
        <>
          {title('team.merge.title')}
          <Progress label={t('team.merge.reading')} value={stage.progress} />
        </>
      );
    case 'plan':
    case 'writing': {
      const mergeable = stage.prep.files.some((f) => f.ok);
      return (
        <>
          {title('team.merge.checkTitle')}
          <MergePlanView prep={stage.prep} plans={plans} unreadable={stage.unreadable} rejected={rejected} onToggle={toggle} disabled={stage.name === 'writing'} />
          {stage.name === 'plan' && stage.error && (
            <p className="merge-problem" role="alert">
              {stage.error}
            </p>
          )}
          {stage.name === 'writing' ? (
            <Progress label={t('team.merge.merging')} value={stage.progress} />
          ) : (
            <div className="dialog-actions">
              <button type="button" onClick={onClose}>
                {t('common.cancel')}
              </button>
              {mergeable && (
                <button type="button" className="primary" onClick={() => void merge()}>
                  {t('team.merge.confirm')}
                </button>
              )}
            </div>
          )}
        </>
      );
    }
    case 'report':
      return (
        <>
          {title('team.merge.reportTitle')}
          <MergeReportView prep={stage.prep} outcome={stage.outcome} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      );
  }
}

/** A button that opens the file chooser (several files at once), and a place to drop files on. */
function PickFiles({ onFiles }: { onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFiles([...e.dataTransfer.files]);
  };
  return (
    <div
      className={over ? 'merge-drop merge-drop-over' : 'merge-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{t('team.merge.intro')}</p>
      <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
        {t('team.merge.choose')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".markeer,.zip,.qdpx,.qde"
        multiple
        hidden
        aria-label={t('team.merge.choose')}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so that choosing the same files again still reads them.
          e.target.value = '';
          onFiles(files);
        }}
      />
      <p className="hint">{t('team.merge.drop')}</p>
    </div>
  );
}

function Progress({ label, value }: { label: string; value: number }) {
  return (
    <label className="merge-progress">
      {label}
      <progress value={value} max={1} />
    </label>
  );
}
