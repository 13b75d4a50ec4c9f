import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addVariable, deleteVariable, misfits, renameVariable, setVariableType } from '../../../commands/variables';
import type { DocumentRecord, VariableDefinition, VariableType } from '../../../domain/model';
import { documentValue } from '../../../domain/variables';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { FormDialog } from './FormDialog';
import { TypeSelect } from './ValueInput';

/** Which dialog is open, and for which variable. */
export type VariableDialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'rename' | 'retype' | 'delete'; readonly variable: VariableDefinition }
  | null;

/** The dialogs behind "Add variable…" and a column's menu: add, rename, change type, delete. */
export function VariableDialogs(props: { dialog: VariableDialog; documents: readonly DocumentRecord[]; onClose(): void }) {
  const { dialog } = props;
  if (!dialog) return null;
  if (dialog.kind === 'add') return <AddVariableDialog onClose={props.onClose} />;
  if (dialog.kind === 'rename') return <RenameVariableDialog key={dialog.variable.name} variable={dialog.variable} onClose={props.onClose} />;
  if (dialog.kind === 'retype') return <RetypeVariableDialog key={dialog.variable.name} variable={dialog.variable} documents={props.documents} onClose={props.onClose} />;
  return <DeleteVariableDialog variable={dialog.variable} documents={props.documents} onClose={props.onClose} />;
}

function AddVariableDialog(props: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('text');
  return (
    <FormDialog
      isOpen
      title={t('variables.add.title')}
      submitLabel={t('variables.add.submit')}
      onCancel={props.onClose}
      onSubmit={async () => {
        const r = await addVariable(project.guid, { name, type }, db);
        if (!r.ok) {
          notify('error', failureText(t, r));
          return false;
        }
        notify('info', t('variables.add.added', { name: name.trim() }));
        props.onClose();
        return true;
      }}
    >
      <label className="vars-field">
        {t('variables.add.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="off" />
      </label>
      <label className="vars-field">
        {t('variables.typeLabel')}
        <TypeSelect value={type} onChange={setType} />
      </label>
    </FormDialog>
  );
}

function RenameVariableDialog(props: { variable: VariableDefinition; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [name, setName] = useState(props.variable.name);
  return (
    <FormDialog
      isOpen
      title={t('variables.rename.title', { name: props.variable.name })}
      submitLabel={t('common.rename')}
      onCancel={props.onClose}
      onSubmit={async () => {
        const r = await renameVariable(project.guid, props.variable.name, name, db);
        if (!r.ok) {
          notify('error', failureText(t, r));
          return false;
        }
        props.onClose();
        return true;
      }}
    >
      <label className="vars-field">
        {t('variables.rename.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="off" />
      </label>
      <p className="muted">{t('variables.rename.hint')}</p>
    </FormDialog>
  );
}

/** Says before the change which documents' values would not fit, so the user can fix them first. */
function RetypeVariableDialog(props: { variable: VariableDefinition; documents: readonly DocumentRecord[]; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [type, setType] = useState<VariableType>(props.variable.type);
  const bad = misfits(type, props.variable.name, props.documents);
  const count = props.documents.filter((d) => documentValue(d, props.variable.name) !== '').length;
  return (
    <FormDialog
      isOpen
      title={t('variables.retype.title', { name: props.variable.name })}
      submitLabel={t('variables.retype.submit')}
      submitDisabled={bad.length > 0 || type === props.variable.type}
      onCancel={props.onClose}
      onSubmit={async () => {
        const r = await setVariableType(project.guid, props.variable.name, type, db);
        if (!r.ok) {
          notify('error', failureText(t, r));
          return false;
        }
        props.onClose();
        return true;
      }}
    >
      <label className="vars-field">
        {t('variables.typeLabel')}
        <TypeSelect value={type} onChange={setType} />
      </label>
      {bad.length > 0 ? (
        <div role="status">
          <p>{t('variables.retype.misfits', { count: bad.length, type: t(`variables.type.${type}`) })}</p>
          <ul className="vars-misfits">
            {bad.map((m) => (
              <li key={m.documentGuid}>{t('variables.retype.misfit', { document: m.documentName, value: m.value })}</li>
            ))}
          </ul>
        </div>
      ) : (
        type !== props.variable.type && <p role="status">{t('variables.retype.fits', { count })}</p>
      )}
    </FormDialog>
  );
}

function DeleteVariableDialog(props: { variable: VariableDefinition; documents: readonly DocumentRecord[]; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const count = props.documents.filter((d) => documentValue(d, props.variable.name) !== '').length;
  return (
    <ConfirmDialog
      isOpen
      danger
      title={t('variables.delete.title', { name: props.variable.name })}
      confirmLabel={t('variables.delete.confirm')}
      onCancel={props.onClose}
      onConfirm={() => {
        props.onClose();
        void deleteVariable(project.guid, props.variable.name, db).then((r) => {
          if (!r.ok) notify('error', failureText(t, r));
        });
      }}
    >
      <p>{t('variables.delete.text', { count })}</p>
    </ConfirmDialog>
  );
}
