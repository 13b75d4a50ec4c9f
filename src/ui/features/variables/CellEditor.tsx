import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VariableDefinition } from '../../../domain/model';
import { useNotify } from '../../shell/notify';
import { invalidText, ValueInput } from './ValueInput';

/**
 * The field of one cell while it is edited: Enter saves (a value that does not fit its type says
 * why and stays open), Escape cancels, leaving the field saves a value that fits and otherwise
 * says why it was not saved.
 */
export function CellEditor(props: {
  variable: VariableDefinition;
  label: string;
  initial: string;
  suggestions: readonly string[];
  onSave(draft: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const errorId = useId();
  const [draft, setDraft] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  // Enter or Escape end the edit; the blur that follows must not end it again.
  const done = useRef(false);

  const save = (fromBlur: boolean) => {
    if (done.current) return;
    const message = invalidText(t, props.variable, draft);
    if (message && !fromBlur) {
      setError(message);
      return;
    }
    done.current = true;
    if (message) {
      notify('error', message);
      props.onCancel();
    } else props.onSave(draft);
  };

  return (
    <>
      <ValueInput
        className="vars-editor"
        type={props.variable.type}
        value={draft}
        onValue={(v) => {
          setDraft(v);
          setError(null);
        }}
        suggestions={props.suggestions}
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoFocus
        onFocus={(e) => {
          // Typing on a cell replaces its value: the caret goes after what was typed.
          const field: HTMLElement = e.currentTarget;
          if (field instanceof HTMLInputElement && field.type === 'text') field.setSelectionRange(draft.length, draft.length);
        }}
        onBlur={() => save(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save(false);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            done.current = true;
            props.onCancel();
          }
        }}
      />
      {error && (
        <span id={errorId} className="vars-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
