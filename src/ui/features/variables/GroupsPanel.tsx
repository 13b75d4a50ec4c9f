import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addGroup, deleteGroup, describeGroup, renameGroup } from '../../../commands/groups';
import type { DocumentGroup, Guid } from '../../../domain/model';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { FormDialog } from './FormDialog';

/** Which group dialog is open: a new group (perhaps of given documents), or editing or deleting one. */
export type GroupDialog =
  | { readonly kind: 'new'; readonly documentGuids: readonly Guid[] }
  | { readonly kind: 'edit' | 'delete'; readonly group: DocumentGroup }
  | null;

/** The project's groups: create, rename and describe, delete. Membership is ticked in the table. */
export function GroupsPanel(props: { groups: readonly DocumentGroup[]; onDialog(dialog: GroupDialog): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="vars-groups" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('variables.groups.title')}</h3>
      <p className="muted">{t('variables.groups.hint')}</p>
      {props.groups.length === 0 ? (
        <p className="muted">{t('variables.groups.none')}</p>
      ) : (
        <ul className="vars-group-list">
          {props.groups.map((g) => (
            <li key={g.guid}>
              <span className="vars-group-name">{g.name}</span> <span className="muted">({t('variables.groups.members', { count: g.documentGuids.length })})</span>
              {g.description && <span className="vars-group-description"> {g.description}</span>}
              <span className="vars-group-actions">
                <button type="button" className="link-button" aria-label={t('variables.groups.renameLabel', { name: g.name })} onClick={() => props.onDialog({ kind: 'edit', group: g })}>
                  {t('variables.groups.rename')}
                </button>
                <button type="button" className="link-button danger-text" aria-label={t('variables.groups.deleteLabel', { name: g.name })} onClick={() => props.onDialog({ kind: 'delete', group: g })}>
                  {t('variables.groups.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => props.onDialog({ kind: 'new', documentGuids: [] })}>
        {t('variables.groups.add')}
      </button>
    </section>
  );
}

export function GroupDialogs(props: { dialog: GroupDialog; onClose(): void }) {
  const { dialog } = props;
  if (!dialog) return null;
  if (dialog.kind === 'delete') return <DeleteGroupDialog group={dialog.group} onClose={props.onClose} />;
  return <GroupForm key={dialog.kind === 'edit' ? dialog.group.guid : 'new'} dialog={dialog} onClose={props.onClose} />;
}

function GroupForm(props: { dialog: Exclude<GroupDialog, null | { kind: 'delete' }>; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const editing = props.dialog.kind === 'edit' ? props.dialog.group : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const refused = (r: { ok: boolean; reason?: string; detail?: string }) => {
    if (!r.ok) notify('error', failureText(t, { reason: r.reason ?? 'unknown', detail: r.detail }));
    return !r.ok;
  };
  const submit = async () => {
    if (editing) {
      // Name and description are two steps of the history, each only when it changed.
      if (name.trim() !== editing.name && refused(await renameGroup(project.guid, editing.guid, name, db))) return false;
      if (description.trim() !== editing.description && refused(await describeGroup(project.guid, editing.guid, description, db))) return false;
    } else {
      const documentGuids = props.dialog.kind === 'new' ? props.dialog.documentGuids : [];
      if (refused(await addGroup(project.guid, { name, description, documentGuids }, db))) return false;
      notify('info', t('variables.groups.created', { name: name.trim() }));
    }
    props.onClose();
    return true;
  };
  const count = props.dialog.kind === 'new' ? props.dialog.documentGuids.length : 0;
  return (
    <FormDialog
      isOpen
      title={editing ? t('variables.groups.edit', { name: editing.name }) : count > 0 ? t('variables.groups.fromFilter', { count }).replace(/…$/, '') : t('variables.groups.newTitle')}
      submitLabel={editing ? t('common.save') : t('variables.groups.submit')}
      onCancel={props.onClose}
      onSubmit={submit}
    >
      <label className="vars-field">
        {t('variables.groups.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="off" />
      </label>
      <label className="vars-field">
        {t('variables.groups.description')}
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
    </FormDialog>
  );
}

function DeleteGroupDialog(props: { group: DocumentGroup; onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  return (
    <ConfirmDialog
      isOpen
      danger
      title={t('variables.groups.deleteTitle', { name: props.group.name })}
      confirmLabel={t('variables.groups.delete')}
      onCancel={props.onClose}
      onConfirm={() => {
        props.onClose();
        void deleteGroup(project.guid, props.group.guid, db).then((r) => {
          if (!r.ok) notify('error', failureText(t, r));
        });
      }}
    >
      <p>{t('variables.groups.deleteText')}</p>
    </ConfirmDialog>
  );
}
