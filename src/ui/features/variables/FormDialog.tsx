import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** A modal form: focus is trapped, Escape cancels, Enter submits; it stays open while submit says false. */
export function FormDialog(props: {
  isOpen: boolean;
  title: string;
  submitLabel: string;
  submitDisabled?: boolean;
  children: ReactNode;
  onSubmit(): Promise<boolean>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || props.submitDisabled) return;
    setBusy(true);
    try {
      await props.onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalOverlay isOpen={props.isOpen} onOpenChange={(open) => !open && props.onCancel()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog vars-dialog">
          <form onSubmit={(e) => void submit(e)}>
            <Heading slot="title">{props.title}</Heading>
            <div className="dialog-body">{props.children}</div>
            <div className="dialog-actions">
              <button type="button" onClick={props.onCancel}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={busy || props.submitDisabled}>
                {props.submitLabel}
              </button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
