import { useSyncExternalStore } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { MarkeerDb } from '../../storage/db';

export function DatabaseTooNewScreen({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <main className="start" id="main">
      <h1>{t('app.tooNewTitle')}</h1>
      <p>{t('app.tooNewText', { version })}</p>
    </main>
  );
}

/**
 * What this tab says when another tab changes the database under it: a newer Markeer upgraded it
 * (this tab has stopped writing and must reload: an alert dialog that nothing else can be done
 * behind), or this tab waits for a tab of an older Markeer to let go (a status line).
 */
export function ConnectionNotice({ db }: { db: MarkeerDb }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(
    (cb) => db.onConnectionState(cb),
    () => db.connectionState(),
  );
  if (state === 'blocked')
    return (
      <p role="status" className="connection-blocked">
        {t('app.connection.blocked')}
      </p>
    );
  if (state !== 'outdated') return null;
  return (
    <ModalOverlay isOpen isDismissable={false} isKeyboardDismissDisabled className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{t('app.connection.outdatedTitle')}</Heading>
          <p>{t('app.connection.outdatedText')}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={() => window.location.reload()}>
              {t('app.connection.reload')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
