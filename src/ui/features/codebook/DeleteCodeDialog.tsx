import { useId, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { childrenOf } from '../../../domain/codebook';
import type { Code, Guid } from '../../../domain/model';
import { countCodings } from '../../../commands/codes';
import { useProject } from '../../shell/project-context';
import { MemosDeletedNote } from '../memos/MemosDeletedNote';
import { indentedOptions } from './tree-rows';

interface DeleteCodeDialogProps {
  /** The code to delete; the dialog is open while this is set. */
  readonly code: Code | null;
  /** The code's own codings as the panel knows them, shown until the exact count arrives. */
  readonly knownCount: number;
  onCancel(): void;
  onConfirm(guid: Guid, moveCodingsTo: Guid | null): Promise<void>;
}

/**
 * Asks before a code is deleted, says what happens to its sub-codes (they move up) and, when the
 * code has codings, lets the user move them to another code instead of deleting them.
 */
export function DeleteCodeDialog({ code, knownCount, onCancel, onConfirm }: DeleteCodeDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay cb-overlay"
      isOpen={code !== null}
      isDismissable
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
    >
      <Modal className="modal cb-modal">
        {code ? <DeleteQuestion key={code.guid} code={code} knownCount={knownCount} onCancel={onCancel} onConfirm={onConfirm} /> : null}
      </Modal>
    </ModalOverlay>
  );
}

function DeleteQuestion({ code, knownCount, onCancel, onConfirm }: DeleteCodeDialogProps & { code: Code }) {
  const { t } = useTranslation();
  const { db, project, codes } = useProject();
  const id = useId();
  const counted = useLiveQuery(() => countCodings(db, project.guid, code.guid), [db, project.guid, code.guid]);
  const count = counted ?? knownCount;
  const parent = codes.find((c) => c.guid === code.parentGuid) ?? null;
  const children = childrenOf(codes, code.guid);
  // Moving the codings up to the parent keeps their meaning best; a top-level code has none.
  const [moveTo, setMoveTo] = useState<Guid | ''>(parent?.guid ?? '');
  const [busy, setBusy] = useState(false);
  const targets = indentedOptions(codes, (c) => c.guid !== code.guid);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    await onConfirm(code.guid, count > 0 && moveTo !== '' ? moveTo : null);
    setBusy(false);
  };

  return (
    <Dialog role="alertdialog" className="dialog cb-dialog">
      <Heading slot="title" className="cb-dialog-title">
        {t('codebook.deleteTitle', { name: code.name })}
      </Heading>
      {children.length > 0 ? (
        <p>
          {parent
            ? t('codebook.deleteChildrenToParent', { count: children.length, parent: parent.name })
            : t('codebook.deleteChildrenToTop', { count: children.length })}
        </p>
      ) : null}
      <p>{counted === undefined && knownCount === 0 ? t('codebook.counting') : count > 0 ? t('codebook.deleteCodings', { count }) : t('codebook.deleteNoCodings')}</p>
      <MemosDeletedNote kind="code" guid={code.guid} removingCodings={count > 0 && moveTo === ''} />
      {count > 0 ? (
        <div className="cb-field">
          <label className="cb-label" htmlFor={`${id}-move`}>
            {t('codebook.deleteCodingsLabel')}
          </label>
          <select id={`${id}-move`} autoFocus value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
            <option value="">{t('codebook.deleteCodingsRemove')}</option>
            <optgroup label={t('codebook.deleteCodingsMoveGroup')}>
              {targets.map((option) => (
                <option key={option.guid} value={option.guid}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      ) : null}
      <div className="dialog-actions cb-dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('codebook.cancel')}
        </button>
        <button type="button" className="danger" aria-disabled={busy} autoFocus={count === 0} onClick={() => void confirm()}>
          {t('codebook.deleteConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
