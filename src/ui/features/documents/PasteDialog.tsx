import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { editDocumentText } from '../../../commands/documents';
import { getDocumentText } from '../../../storage/queries';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { navigate } from '../../shell/route';
import { LazyPlainTextEditor } from '../../shell/PlainTextEditor.lazy';
import { useAddDocuments } from './use-add-documents';
import './documents.css';

export type PasteDialogProps =
  /** Creates a document from pasted or typed text, then opens it. */
  | { readonly mode: 'create'; readonly isOpen: boolean; onClose(): void }
  /** Replaces the text of a document without segments (the command refuses once it has one). */
  | { readonly mode: 'edit'; readonly isOpen: boolean; onClose(): void; readonly documentGuid: string; readonly documentName: string };

/** A modal with a name field and a large plain-text editor; Escape cancels. */
export function PasteDialog(props: PasteDialogProps) {
  return (
    <ModalOverlay isOpen={props.isOpen} onOpenChange={(open) => !open && props.onClose()} className="modal-overlay">
      <Modal className="modal doc-paste-modal">
        <Dialog className="dialog doc-paste-dialog">
          {props.mode === 'create' ? <CreateForm onClose={props.onClose} /> : <EditForm documentGuid={props.documentGuid} documentName={props.documentName} onClose={props.onClose} />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function CreateForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { project } = useProject();
  const add = useAddDocuments();
  const nameId = useId();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [nameInvalid, setNameInvalid] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNameInvalid(!name.trim());
    if (!name.trim()) return setError(t('documents.paste.nameRequired'));
    if (!text.trim()) return setError(t('documents.paste.textRequired'));
    setBusy(true);
    const result = await add([{ name: name.trim(), text }]);
    setBusy(false);
    if (!result.ok) return setError(failureText(t, result));
    notify('info', t('documents.paste.created', { name: name.trim() }));
    onClose();
    const guid = result.value[0];
    if (guid) navigate({ name: 'project', projectGuid: project.guid, documentGuid: guid });
  };

  return (
    <form onSubmit={submit} className="doc-paste-form" noValidate>
      <Heading slot="title">{t('documents.paste.createTitle')}</Heading>
      <div className="doc-field">
        <label htmlFor={nameId}>{t('documents.paste.name')}</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} autoFocus required aria-invalid={nameInvalid || undefined} />
      </div>
      <TextField initialText="" onChange={setText} />
      <FormFooter error={error} busy={busy} submitLabel={t('documents.paste.create')} onCancel={onClose} />
    </form>
  );
}

function EditForm({ documentGuid, documentName, onClose }: { documentGuid: string; documentName: string; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  // Read once: the editor owns the text from then on.
  const stored = useLiveQuery(async () => (await getDocumentText(db, project.guid, documentGuid)) ?? null, [db, project.guid, documentGuid]);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text === null || text === stored?.text) return onClose();
    if (!text.trim()) return setError(t('documents.paste.textRequired'));
    setBusy(true);
    const result = await editDocumentText(project.guid, documentGuid, text, db);
    setBusy(false);
    // 'document-frozen': a segment was added meanwhile (another tab); the message says why.
    if (!result.ok) return setError(failureText(t, result));
    notify('info', t('documents.paste.saved'));
    onClose();
  };

  return (
    <form onSubmit={submit} className="doc-paste-form" noValidate>
      <Heading slot="title">{t('documents.paste.editTitle', { name: documentName })}</Heading>
      {stored === undefined ? (
        <p>{t('documents.details.loading')}</p>
      ) : stored === null ? (
        <p role="alert">{t('documents.details.notFound')}</p>
      ) : (
        <TextField initialText={stored.text} onChange={setText} autoFocus />
      )}
      <FormFooter error={error} busy={busy || !stored} submitLabel={t('documents.paste.save')} onCancel={onClose} />
    </form>
  );
}

function TextField(props: { initialText: string; onChange(text: string): void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <div className="doc-field">
      {/* The editor is a contenteditable: it takes its name from aria-label, this is its visible caption. */}
      <span className="doc-field-label" aria-hidden="true">
        {t('documents.paste.text')}
      </span>
      <LazyPlainTextEditor initialText={props.initialText} onChange={props.onChange} label={t('documents.paste.text')} minRows={14} autoFocus={props.autoFocus} describedBy={hintId} />
      <p id={hintId} className="doc-field-hint muted">
        {t('documents.paste.textHint')}
      </p>
    </div>
  );
}

function FormFooter(props: { error: string | null; busy: boolean; submitLabel: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <>
      {props.error && (
        <p className="doc-form-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {t('documents.paste.cancel')}
        </button>
        <button type="submit" className="primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}
