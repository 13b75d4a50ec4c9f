import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setDocumentVariable } from '../../../commands/documents';
import type { DocumentRecord } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/**
 * A document's free variables as a small table: values are edited in place (saved on Enter or when
 * leaving the field), variables are added and removed. Names used by other documents are offered,
 * so that the whole project shares one spelling of "school".
 */
export function DocumentVariables(props: { document: DocumentRecord; knownNames: readonly string[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const entries = Object.entries(props.document.variables).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="doc-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('documents.details.variables')}</h3>
      <p className="doc-section-hint muted">{t('documents.details.variablesHint')}</p>
      {entries.length === 0 ? (
        <p className="muted">{t('documents.details.noVariables')}</p>
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
            {entries.map(([name, value]) => (
              <VariableRow key={name} documentGuid={props.document.guid} name={name} value={value} />
            ))}
          </tbody>
        </table>
      )}
      <AddVariable document={props.document} knownNames={props.knownNames} />
    </section>
  );
}

function VariableRow(props: { documentGuid: string; name: string; value: string }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [draft, setDraft] = useState(props.value);
  // A change from elsewhere (undo, another tab) replaces the draft.
  const [base, setBase] = useState(props.value);
  // The value last sent, so that Enter followed by leaving the field saves once (one undo step).
  const [sent, setSent] = useState<string | null>(null);
  if (base !== props.value) {
    setBase(props.value);
    setDraft(props.value);
    setSent(null);
  }
  const commit = async () => {
    if (draft === props.value || draft === sent) return;
    setSent(draft);
    const r = await setDocumentVariable(project.guid, props.documentGuid, props.name, draft, db);
    if (!r.ok) {
      setSent(null);
      notify('error', failureText(t, r));
    }
  };
  const remove = async () => {
    const r = await setDocumentVariable(project.guid, props.documentGuid, props.name, null, db);
    if (!r.ok) notify('error', failureText(t, r));
  };
  return (
    <tr>
      <th scope="row">{props.name}</th>
      <td>
        <input
          aria-label={t('documents.details.valueOf', { name: props.name })}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            } else if (e.key === 'Escape' && draft !== props.value) {
              e.preventDefault();
              e.stopPropagation();
              setDraft(props.value);
            }
          }}
        />
      </td>
      <td>
        <button type="button" className="doc-small-button danger-text" onClick={() => void remove()} aria-label={t('documents.details.removeVariableLabel', { name: props.name })}>
          {t('documents.details.removeVariable')}
        </button>
      </td>
    </tr>
  );
}

function AddVariable(props: { document: DocumentRecord; knownNames: readonly string[] }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const listId = useId();
  const headingId = useId();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const suggestions = props.knownNames.filter((n) => !Object.hasOwn(props.document.variables, n));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const key = name.trim();
    if (Object.hasOwn(props.document.variables, key)) {
      notify('error', t('documents.details.variableExists', { name: key }));
      return;
    }
    const r = await setDocumentVariable(project.guid, props.document.guid, key, value.trim(), db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    setName('');
    setValue('');
    nameRef.current?.focus();
  };

  return (
    <form className="doc-add-variable" onSubmit={add} aria-labelledby={headingId}>
      <span id={headingId} className="visually-hidden">
        {t('documents.details.addVariable')}
      </span>
      <input ref={nameRef} aria-label={t('documents.details.newVariableName')} placeholder={t('documents.details.variableName')} value={name} onChange={(e) => setName(e.target.value)} list={listId} />
      <datalist id={listId}>
        {suggestions.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <input aria-label={t('documents.details.newVariableValue')} placeholder={t('documents.details.variableValue')} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit">{t('documents.details.add')}</button>
    </form>
  );
}
