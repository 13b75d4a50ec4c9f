import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** A modal question with a confirm and a cancel button; focus is trapped and Escape cancels. */
export function ConfirmDialog(props: {
  isOpen: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen={props.isOpen} onOpenChange={(open) => !open && props.onCancel()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{props.title}</Heading>
          <div className="dialog-body">{props.children}</div>
          <div className="dialog-actions">
            <button type="button" onClick={props.onCancel}>
              {t('common.cancel')}
            </button>
            <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} autoFocus>
              {props.confirmLabel}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
