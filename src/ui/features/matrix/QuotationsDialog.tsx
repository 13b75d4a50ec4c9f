import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Guid } from '../../../domain/model';
import type { JumpTarget } from '../analysis/types';

export interface QuotationItem {
  readonly segmentGuid: Guid;
  readonly documentGuid: Guid;
  readonly documentName: string;
  readonly coderName: string;
  readonly citation: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The quotations behind a matrix cell, each with a button that shows it in its document. */
export function QuotationsDialog(props: { title: string | null; items: readonly QuotationItem[]; onJump: (target: JumpTarget) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen={props.title !== null} onOpenChange={(open) => !open && props.onClose()} isDismissable className="modal-overlay">
      <Modal className="modal matrix-quotes-modal">
        <Dialog className="dialog matrix-quotes">
          <Heading slot="title">{props.title}</Heading>
          <p className="muted">{t('matrix.quotes.count', { count: props.items.length })}</p>
          {props.items.length === 0 ? (
            <p>{t('matrix.quotes.none')}</p>
          ) : (
            <ol className="matrix-quote-list">
              {props.items.map((q) => (
                <li key={q.segmentGuid}>
                  <blockquote>{q.text}</blockquote>
                  <div className="matrix-quote-meta">
                    <span>
                      {q.citation !== q.documentName ? `${q.documentName} ${q.citation}` : q.documentName} · {t('matrix.quotes.by', { coder: q.coderName })}
                    </span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        props.onClose();
                        props.onJump({ documentGuid: q.documentGuid, start: q.start, end: q.end });
                      }}
                    >
                      {t('matrix.quotes.show')}
                    </button>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={props.onClose} autoFocus>
              {t('matrix.quotes.close')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
