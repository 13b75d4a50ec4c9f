import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Guid } from '../../../domain/model';
import type { RefiReport } from '../../../io/refi/types';
import type { MarkeerDb } from '../../../storage/db';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { useNotify } from '../../shell/notify';
import { navigate } from '../../shell/route';
import { bundleFailureText } from './bundle-errors';
import { RefiReportView } from './RefiReportView';
import './bundles.css';

/** REFI-QDA files (other tools' projects and codebooks), told apart from bundles by their extension. */
const isRefiFile = (name: string): boolean => /\.(qdpx|qde|qdc)$/i.test(name);

/** Progress shows only for an import that takes longer than this: a quick one should not flicker. */
const PROGRESS_DELAY_MS = 300;

type Stage =
  | { readonly name: 'idle' }
  | { readonly name: 'busy'; readonly progress: number }
  /** The project exists here with other work: offer a copy. */
  | { readonly name: 'exists'; readonly bytes: Uint8Array; readonly project: string }
  /** A hand-out: ask who is going to code. */
  | { readonly name: 'coder'; readonly bytes: Uint8Array; readonly exercise: boolean }
  /** A REFI-QDA file was imported: what it left out, before the project opens. */
  | { readonly name: 'refi-report'; readonly projectGuid: Guid; readonly project: string; readonly file: string; readonly report: RefiReport };

/**
 * "Import project…": reads a `.markeer` bundle or a REFI-QDA file and restores its project, with progress for a large
 * file, a copy offered when the project exists here with other work, and the coder's name asked
 * for a hand-out. A REFI-QDA file (`.qdpx`, `.qde`, `.qdc`) becomes a new project, and what it
 * left out is listed. Opens the project when done.
 */
export function ImportBundleButton({ db, coderName = '' }: { db: MarkeerDb; coderName?: string }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const inputRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [showProgress, setShowProgress] = useState(false);
  const busy = stage.name === 'busy';

  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setShowProgress(true), PROGRESS_DELAY_MS);
    return () => {
      clearTimeout(timer);
      setShowProgress(false);
    };
  }, [busy]);

  const run = async (bytes: Uint8Array, options: { asCopy?: boolean; coderName?: string } = {}) => {
    setStage({ name: 'busy', progress: 0 });
    // The zip code loads on first use, not with the start screen.
    const { importBundle } = await import('../../../commands/bundles');
    const result = await importBundle(bytes, {
      db,
      asCopy: options.asCopy,
      copySuffix: t('bundles.copySuffix'),
      coderName: options.coderName ?? (coderName.trim() || undefined),
      onProgress: (progress) => setStage({ name: 'busy', progress }),
    });
    if (result.ok) {
      setStage({ name: 'idle' });
      notify('info', t('bundles.imported'));
      navigate({ name: 'project', projectGuid: result.value, documentGuid: null });
    } else if (result.reason === 'bundle-project-exists' && !options.asCopy) {
      setStage({ name: 'exists', bytes, project: result.detail ?? '' });
    } else if (result.reason === 'bundle-needs-coder') {
      setStage({ name: 'coder', bytes, exercise: result.detail === 'exercise' });
    } else {
      setStage({ name: 'idle' });
      notify(result.reason === 'bundle-already-imported' ? 'info' : 'error', bundleFailureText(t, result));
    }
  };

  const runRefi = async (fileName: string, bytes: Uint8Array) => {
    setStage({ name: 'busy', progress: 0 });
    const { importRefiProject } = await import('../../../commands/refi');
    const result = await importRefiProject(fileName, bytes, { db, onProgress: (progress) => setStage({ name: 'busy', progress }) });
    if (!result.ok) {
      setStage({ name: 'idle' });
      notify('error', bundleFailureText(t, result));
      return;
    }
    const project = (await db.projects.get(result.value.projectGuid))?.name ?? '';
    setStage({ name: 'refi-report', projectGuid: result.value.projectGuid, project, file: fileName, report: result.value.report });
  };

  const openImported = (projectGuid: Guid) => {
    setStage({ name: 'idle' });
    notify('info', t('bundles.imported'));
    navigate({ name: 'project', projectGuid, documentGuid: null });
  };

  const open = async (file: File) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      notify('error', t('bundles.unreadable', { detail: e instanceof Error ? e.message : String(e) }));
      return;
    }
    if (isRefiFile(file.name)) await runRefi(file.name, bytes);
    else await run(bytes);
  };

  return (
    <div className="bundle-import">
      {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus. */}
      <button type="button" onClick={() => !busy && inputRef.current?.click()} aria-disabled={busy}>
        {t('bundles.import')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".markeer,.zip,.qdpx,.qde,.qdc"
        hidden
        aria-label={t('bundles.import')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that choosing the same file again still imports it.
          e.target.value = '';
          if (file) void open(file);
        }}
      />
      {busy && showProgress && (
        <label className="bundle-progress">
          {t('bundles.importing')}
          <progress value={stage.progress} max={1} />
        </label>
      )}
      <ConfirmDialog
        isOpen={stage.name === 'exists'}
        title={t('bundles.existsTitle', { name: stage.name === 'exists' ? stage.project : '' })}
        confirmLabel={t('bundles.importAsCopy')}
        onCancel={() => setStage({ name: 'idle' })}
        onConfirm={() => stage.name === 'exists' && void run(stage.bytes, { asCopy: true })}
      >
        <p>{t('bundles.existsText')}</p>
      </ConfirmDialog>
      <CoderDialog
        isOpen={stage.name === 'coder'}
        initialName={coderName}
        exercise={stage.name === 'coder' && stage.exercise}
        onCancel={() => setStage({ name: 'idle' })}
        onSubmit={(name) => stage.name === 'coder' && void run(stage.bytes, { coderName: name })}
      />
      {stage.name === 'refi-report' && (
        <RefiReportDialog
          project={stage.project}
          file={stage.file}
          report={stage.report}
          onClose={() => openImported(stage.projectGuid)}
        />
      )}
    </div>
  );
}

function CoderDialog(props: { isOpen: boolean; initialName: string; exercise: boolean; onCancel(): void; onSubmit(name: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(props.initialName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) props.onSubmit(name.trim());
  };
  return (
    <ModalOverlay isOpen={props.isOpen} onOpenChange={(open) => !open && props.onCancel()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog" aria-describedby={`${id}-text`}>
          <form onSubmit={submit} className="bundle-coder-form">
            <Heading slot="title">{t(props.exercise ? 'exercises.studentTitle' : 'bundles.coderTitle')}</Heading>
            <p id={`${id}-text`}>{t(props.exercise ? 'exercises.studentText' : 'bundles.coderText')}</p>
            <label>
              {t('bundles.coderName')}
              <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="name" />
            </label>
            <div className="dialog-actions">
              <button type="button" onClick={props.onCancel}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('bundles.importAction')}
              </button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** After a REFI-QDA import: every element left out, what was repaired, and the positions found. */
function RefiReportDialog(props: { project: string; file: string; report: RefiReport; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && props.onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog refi-report-dialog">
          <Heading slot="title">{t('bundles.refiReportTitle')}</Heading>
          <p>{t('bundles.refiImported', { name: props.project, file: props.file })}</p>
          <RefiReportView report={props.report} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={props.onClose} autoFocus>
              {t('bundles.openProject')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
