import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BundleKind } from '../../../io/bundle/types';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { bundleFailureText } from './bundle-errors';
import { downloadBytes } from './download';
import './bundles.css';

const KINDS: readonly BundleKind[] = ['full', 'handout'];

/** "Export…" in the project header: a dialog to download the project as a full bundle or a hand-out. */
export function ExportMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('bundles.export')}
      </button>
      <ModalOverlay isOpen={open} onOpenChange={setOpen} isDismissable className="modal-overlay">
        <Modal className="modal">
          <Dialog className="dialog">
            <ExportForm onClose={() => setOpen(false)} />
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

function ExportForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder } = useProject();
  const name = useId();
  const [kind, setKind] = useState<BundleKind>('full');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // The zip code loads on first use, not with the coding screen.
    const { exportBundle } = await import('../../../commands/bundles');
    const result = await exportBundle(project.guid, kind, db, { guid: coder.guid, name: coder.name }, { handoutSuffix: t('bundles.handoutSuffix') });
    setBusy(false);
    if (!result.ok) {
      notify('error', bundleFailureText(t, result));
      return;
    }
    downloadBytes(result.value.bytes, result.value.fileName);
    notify('info', t('bundles.exported', { file: result.value.fileName }));
    onClose();
  };

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
      </fieldset>
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
