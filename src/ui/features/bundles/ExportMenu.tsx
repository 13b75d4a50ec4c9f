import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BundleKind } from '../../../io/bundle/types';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { MakeExerciseEntry } from '../exercises/ExerciseMenu';
import { ReportDialog } from '../phases/ReportDialog';
import { bundleFailureText } from './bundle-errors';
import { downloadBytes } from './download';
import './bundles.css';

/** A Markeer bundle, a REFI-QDA project or a REFI-QDA codebook. */
type ExportKind = BundleKind | 'qdpx' | 'qdc';

const KINDS: readonly ExportKind[] = ['full', 'handout', 'qdpx', 'qdc'];

/** A REFI-QDA file made but not yet downloaded: first what it cannot carry. */
interface Pending {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly lost: readonly string[];
}

/**
 * "Export…" in the project menu: a dialog to download the project as a full bundle, a hand-out,
 * a REFI-QDA project (`.qdpx`) or its codebook (`.qdc`). Before a REFI-QDA file is downloaded,
 * the dialog lists what it cannot carry.
 */
export function ExportDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <ExportForm onClose={onClose} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ExportForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder } = useProject();
  const name = useId();
  const [kind, setKind] = useState<ExportKind>('full');
  const [utf16, setUtf16] = useState(false);
  const [uniqueNames, setUniqueNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  const download = (bytes: Uint8Array, fileName: string, type?: string) => {
    downloadBytes(bytes, fileName, type);
    notify('info', t('bundles.exported', { file: fileName }));
    onClose();
  };

  const exportRefiFile = async (format: 'qdpx' | 'qdpx-utf16' | 'qdc') => {
    const { exportRefi } = await import('../../../commands/refi');
    const result = await exportRefi(project.guid, format, db, { uniqueCodeNames: uniqueNames });
    setBusy(false);
    if (!result.ok) {
      notify('error', bundleFailureText(t, result));
      return;
    }
    if (result.value.lost.length > 0) setPending(result.value);
    else download(result.value.bytes, result.value.fileName, format === 'qdc' ? 'application/xml' : undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Only this form's own submit: a dialog opened from it (Make exercise…) is a portal whose
    // events React passes up through this form.
    if (e.target !== e.currentTarget) return;
    setBusy(true);
    if (kind === 'qdpx' || kind === 'qdc') {
      await exportRefiFile(kind === 'qdc' ? 'qdc' : utf16 ? 'qdpx-utf16' : 'qdpx');
      return;
    }
    // The zip code loads on first use, not with the coding screen.
    const { exportBundle } = await import('../../../commands/bundles');
    const result = await exportBundle(project.guid, kind, db, { guid: coder.guid, name: coder.name }, { handoutSuffix: t('bundles.handoutSuffix') });
    setBusy(false);
    if (!result.ok) {
      notify('error', bundleFailureText(t, result));
      return;
    }
    download(result.value.bytes, result.value.fileName);
  };

  if (pending) {
    return (
      <>
        <Heading slot="title">{t('bundles.lostTitle')}</Heading>
        <p id={`${name}-lost`}>{t('bundles.lostText', { file: pending.fileName })}</p>
        <ul className="bundle-lost" aria-labelledby={`${name}-lost`}>
          {pending.lost.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            autoFocus
            onClick={() => download(pending.bytes, pending.fileName, pending.fileName.endsWith('.qdc') ? 'application/xml' : undefined)}
          >
            {t('bundles.downloadAnyway')}
          </button>
        </div>
      </>
    );
  }

  return (
    <form onSubmit={submit}>
      <Heading slot="title">{t('bundles.exportTitle')}</Heading>
      <fieldset className="bundle-kinds">
        <legend>{t('bundles.exportKind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="bundle-kind">
            <input type="radio" name={name} value={k} checked={kind === k} onChange={() => setKind(k)} aria-describedby={`${name}-${k}`} />
            <span>
              <strong>{t(`bundles.${k}`)}</strong>
              <span id={`${name}-${k}`} className="hint">
                {t(`bundles.${k}Hint`)}
              </span>
            </span>
          </label>
        ))}
        {(kind === 'qdpx' || kind === 'qdc') && (
          <label className="bundle-utf16">
            <input type="checkbox" checked={uniqueNames} onChange={(e) => setUniqueNames(e.target.checked)} aria-describedby={`${name}-unique`} />
            <span>
              {t('bundles.uniqueNames')}
              <span id={`${name}-unique`} className="hint">
                {' '}
                {t('bundles.uniqueNamesHint')}
              </span>
            </span>
          </label>
        )}
        {kind === 'qdpx' && (
          <label className="bundle-utf16">
            <input type="checkbox" checked={utf16} onChange={(e) => setUtf16(e.target.checked)} aria-describedby={`${name}-utf16`} />
            <span>
              {t('bundles.utf16')}
              <span id={`${name}-utf16`} className="hint">
                {' '}
                {t('bundles.utf16Hint')}
              </span>
            </span>
          </label>
        )}
      </fieldset>
      <MakeExerciseEntry onDone={onClose} />
      <ThemesReportEntry onDone={onClose} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.loading') : t('bundles.download')}
        </button>
      </div>
    </form>
  );
}

/** "Themes report…": the report of phase 6 (HTML or Word), also from here, where exports are looked for. */
function ThemesReportEntry({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="exercise-entry">
      <button type="button" onClick={() => setOpen(true)} aria-describedby={`${id}-hint`}>
        {t('bundles.themesReport')}
      </button>
      <span id={`${id}-hint`} className="hint">
        {t('bundles.themesReportHint')}
      </span>
      <ReportDialog
        isOpen={open}
        onClose={() => {
          setOpen(false);
          onDone();
        }}
      />
    </div>
  );
}
