import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { MemoTarget } from '../../../commands/memos';
import type { Guid } from '../../../domain/model';
import { MemoForm } from './MemoForm';
import './memos.css';

/**
 * A memo in a dialog, opened from a document, code or segment. Escape, a click outside and the
 * Close button all close it; unsaved changes are saved on closing (see MemoForm).
 */
export function MemoDialog(props: { title: string; memoGuid: Guid | null; target: MemoTarget; onClose(): void }) {
  return (
    <ModalOverlay isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal-overlay">
      <Modal className="modal memo-modal">
        <Dialog className="dialog memo-dialog">
          <Heading slot="title">{props.title}</Heading>
          <MemoForm memoGuid={props.memoGuid} target={props.target} onClose={props.onClose} autoFocus />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
