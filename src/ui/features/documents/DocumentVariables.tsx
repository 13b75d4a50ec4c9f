import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findVariable, setVariableValue } from '../../../commands/variables';
import type { DocumentRecord, VariableDefinition, VariableType } from '../../../domain/model';
import { canonicalValue, documentValue } from '../../../domain/variables';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { editableValue, invalidText, TypeSelect, ValueInput } from '../variables/ValueInput';

/**
 * A document's values of the project's variables, each in the field of its type (saved on Enter,
 * on leaving the field, or on choosing yes/no or a date; a value that does not fit says why and is
 * not saved). Existing values are offered for text, so that the project shares one spelling of a
 * school. A new variable is added with its type and this document's value in one step.
 */
export function DocumentVariables(props: { document: DocumentRecord; variables: readonly VariableDefinition[]; suggestions: ReadonlyMap<string, readonly string[]> }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="doc-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('documents.details.variables')}</h3>
      <p className="doc-section-hint muted">{t('variables.panel.hint')}</p>
      {props.variables.length === 0 ? (
        <p className="muted">{t('variables.panel.none')}</p>
      ) : (
        <table className="doc-variables">
          <thead>
            <tr>
              <th scope="col">{t('documents.details.variableName')}</th>
              <th scope="col">{t('documents.details.variableValue')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('documents.details.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.variables.map((v) => (
              <VariableRow key={v.name} document={props.document} variable={v} value={documentValue(props.document, v.name)} suggestions={props.suggestions.get(v.name) ?? []} />
            ))}
          </tbody>
        </table>
      )}
      <AddVariable document={props.document} variables={props.variables} />
    </section>
  );
}

function useSave(documentGuid: string) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  return async (variable: { name: string; type: VariableType }, draft: string, isNew = false): Promise<boolean> => {
    const message = invalidText(t, variable, draft);
    if (message) {
      notify('error', message);
      return false;
    }
    const r = await setVariableValue(project.guid, documentGuid, variable.name, draft, db, isNew ? variable.type : undefined);
    if (!r.ok) notify('error', failureText(t, r));
    return r.ok;
  };
}

function VariableRow(props: { document: DocumentRecord; variable: VariableDefinition; value: string; suggestions: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const { variable } = props;
  const shown = editableValue(i18n.language, variable.type, props.value);
  const [draft, setDraft] = useState(shown);
  // A change from elsewhere (undo, another tab, the table) replaces the draft.
  const [base, setBase] = useState(props.value);
  // The value last sent, so that Enter followed by leaving the field saves once (one undo step).
  const sent = useRef<string | null>(null);
  if (base !== props.value) {
    setBase(props.value);
    setDraft(shown);
    sent.current = null;
  }
  const save = useSave(props.document.guid);
  const commit = async (value: string) => {
    if (canonicalValue(variable.type, value) === props.value || value === sent.current) return;
    sent.current = value;
    if (!(await save(variable, value))) sent.current = null;
  };
  // A choice (yes/no, a date) is a whole value: saved as soon as it is made.
  const immediate = variable.type === 'boolean' || variable.type === 'date';
  return (
    <tr>
      <th scope="row">
        {variable.name} <span className="muted doc-variable-type">{t(`variables.type.${variable.type}`)}</span>
      </th>
      <td>
        <ValueInput
          type={variable.type}
          value={draft}
          suggestions={props.suggestions}
          aria-label={t('documents.details.valueOf', { name: variable.name })}
          onValue={(v) => {
            setDraft(v);
            if (immediate && (v !== '' || variable.type === 'boolean')) void commit(v);
          }}
          onBlur={() => void commit(draft)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit(draft);
            } else if (e.key === 'Escape' && draft !== shown) {
              e.preventDefault();
              e.stopPropagation();
              setDraft(shown);
            }
          }}
        />
      </td>
      <td>
        {props.value !== '' && (
          <button type="button" className="doc-small-button danger-text" onClick={() => void commit('')} aria-label={t('variables.panel.clearLabel', { name: variable.name })}>
            {t('variables.panel.clear')}
          </button>
        )}
      </td>
    </tr>
  );
}

function AddVariable(props: { document: DocumentRecord; variables: readonly VariableDefinition[] }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const headingId = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('text');
  const [value, setValue] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const save = useSave(props.document.guid);
  const existing = name.trim() ? findVariable(props.variables, name) : undefined;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (existing && documentValue(props.document, existing.name) !== '') {
      notify('error', t('documents.details.variableExists', { name: existing.name }));
      return;
    }
    if (!(await save(existing ?? { name: name.trim(), type }, value, !existing))) return;
    setName('');
    setValue('');
    setType('text');
    nameRef.current?.focus();
  };

  return (
    <form className="doc-add-variable" onSubmit={add} aria-labelledby={headingId}>
      <span id={headingId} className="visually-hidden">
        {t('variables.panel.addTitle')}
      </span>
      <input ref={nameRef} aria-label={t('variables.panel.newName')} placeholder={t('documents.details.variableName')} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
      {!existing && <TypeSelect value={type} onChange={setType} label={t('variables.panel.newType')} />}
      <ValueInput type={existing?.type ?? type} value={value} onValue={setValue} aria-label={t('variables.panel.newValue')} placeholder={t('documents.details.variableValue')} />
      <button type="submit">{t('variables.panel.add')}</button>
    </form>
  );
}
