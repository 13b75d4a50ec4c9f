import { useEffect, useRef, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useProject } from '../../shell/project-context';
import { ConnectedView } from './ConnectedView';
import { ConnectForm } from './ConnectForm';
import { useTeamLink } from './useSyncStatus';
import './sync.css';

/**
 * "Team server…" in the Project menu: connects the project to the team's own CouchDB (the lead),
 * or, once connected, shows how it syncs and what can be done about it. While a connection is being
 * made the dialog cannot be dismissed.
 */
export function TeamServerDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && close()} isDismissable={!busy} isKeyboardDismissDisabled={busy} className="modal-overlay">
      <Modal className="modal sync-modal">
        <Dialog className="dialog sync-dialog">{isOpen && <TeamServerFlow onBusy={setBusy} onClose={close} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function TeamServerFlow({ onBusy, onClose }: { onBusy(busy: boolean): void; onClose(): void }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const link = useTeamLink(db, project.guid);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const view = link === undefined ? 'loading' : link === null ? 'connect' : 'connected';
  const shown = useRef<string | null>(null);

  // Connecting replaces the form by the connected view (and disconnecting the other way round):
  // the focus moves to the heading, so that it is neither lost nor unannounced.
  useEffect(() => {
    if (view === 'loading') return;
    if (shown.current !== null && shown.current !== view) headingRef.current?.focus();
    shown.current = view;
  }, [view]);

  return (
    <>
      <Heading slot="title" ref={headingRef} tabIndex={-1}>
        {t('sync.title')}
      </Heading>
      {view === 'loading' && <p className="hint">{t('common.loading')}</p>}
      {view === 'connect' && <ConnectForm onBusy={onBusy} onCancel={onClose} />}
      {link && <ConnectedView link={link} onClose={onClose} />}
    </>
  );
}
