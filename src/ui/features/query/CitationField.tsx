import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { citation, DOCUMENT_PLACEHOLDER, unknownPlaceholders } from '../../../domain/analysis/citation';
import type { DocumentRecord } from '../../../domain/model';
import { setCitationTemplate } from '../../../commands/projects';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/**
 * The project's citation template, with the citation of an example document as it is typed and
 * the placeholders that name no variable. Saved (one undoable step) with Enter, the button or on
 * leaving the field.
 */
export function CitationField(props: { saved: string; variableNames: readonly string[]; example: DocumentRecord | undefined }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const id = useId();
  const [draft, setDraft] = useState(props.saved);
  // A template changed elsewhere (undo, another tab) shows here unless the user is typing.
  const [lastSaved, setLastSaved] = useState(props.saved);
  if (lastSaved !== props.saved) {
    setLastSaved(props.saved);
    if (draft === lastSaved) setDraft(props.saved);
  }
  const unknown = unknownPlaceholders(draft, props.variableNames);
  const dirty = draft.trim() !== props.saved.trim();
  const save = async () => {
    if (!dirty) return;
    const result = await setCitationTemplate(project.guid, draft, db);
    if (result.ok) notify('info', t('query.citation.saved'));
    else notify('error', failureText(t, result));
  };
  const names = [DOCUMENT_PLACEHOLDER, ...props.variableNames].map((n) => `{${n}}`).join(', ');
  const sample = props.variableNames.slice(0, 2).map((n) => `{${n}}`).join(', ') || `{${DOCUMENT_PLACEHOLDER}}`;
  return (
    <div className="query-citation">
      <label htmlFor={`${id}-input`}>{t('query.citation.label')}</label>
      <div className="query-citation-row">
        <input
          id={`${id}-input`}
          type="text"
          value={draft}
          placeholder={`({${DOCUMENT_PLACEHOLDER}})`}
          aria-describedby={`${id}-hint ${id}-example ${id}-unknown`}
          aria-invalid={unknown.length > 0 || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            }
          }}
        />
        <button type="button" onClick={() => void save()} disabled={!dirty}>
          {t('query.citation.save')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('query.citation.hint', { example: sample, names })}
      </p>
      <p id={`${id}-example`} className="query-citation-example" aria-live="polite">
        {props.example ? t('query.citation.example', { citation: citation(draft, props.example, props.variableNames) }) : ''}
      </p>
      <p id={`${id}-unknown`} className="query-citation-unknown" role={unknown.length > 0 ? 'alert' : undefined}>
        {unknown.length > 0 ? t('query.citation.unknown', { count: unknown.length, names: unknown.map((n) => `{${n}}`).join(', ') }) : ''}
      </p>
    </div>
  );
}
