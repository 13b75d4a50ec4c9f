import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { setCoderColor } from '../../../commands/coders';
import type { Guid } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/**
 * The project's coders with their colours, each changeable: the colour that marks a coder's work in
 * the margin, in Retrieve and in the agreement screen. Saving writes each changed colour as one
 * undoable step.
 */
export function CodersDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">{isOpen && <CodersForm onClose={onClose} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function CodersForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coders, coder: me } = useProject();
  const [draft, setDraft] = useState<ReadonlyMap<Guid, string>>(new Map());
  const save = async () => {
    for (const [guid, color] of draft) {
      if (coders.find((c) => c.guid === guid)?.color === color) continue;
      const r = await setCoderColor(project.guid, guid, color, db);
      if (!r.ok) {
        notify('error', failureText(t, r));
        return;
      }
    }
    onClose();
  };
  return (
    <>
      <Heading slot="title">{t('coders.title')}</Heading>
      <p className="hint">{t('coders.hint')}</p>
      <ul className="coders-list">
        {coders.map((c) => (
          <li key={c.guid}>
            <label>
              <input
                type="color"
                value={draft.get(c.guid) ?? c.color}
                onChange={(e) => setDraft((d) => new Map(d).set(c.guid, e.target.value))}
                aria-label={t('coders.color', { name: c.name })}
              />{' '}
              {c.name}
              {c.couchUser !== undefined && <span className="muted"> {t('coders.account', { user: c.couchUser })}</span>}
              {c.guid === me.guid && <span className="muted"> {t('coders.you')}</span>}
            </label>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('coders.save')}
        </button>
      </div>
    </>
  );
}
