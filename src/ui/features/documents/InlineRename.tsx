import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A name with a Rename button that turns into a small form in place. Enter saves, Escape cancels;
 * focus returns to the Rename button afterwards, so that keyboard users keep their place.
 */
export function InlineRename(props: {
  value: string;
  /** Accessible name of the text field. */
  inputLabel: string;
  /** Visible text and accessible name of the Rename button. */
  buttonText: string;
  buttonLabel?: string;
  /** Saves the new (trimmed) name; resolves to false to keep the form open, e.g. after an error. */
  onSave(name: string): Promise<boolean>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.value);
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    setEditing(false);
    // After the form is gone and the button is back.
    requestAnimationFrame(() => buttonRef.current?.focus());
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const name = draft.trim();
    if (name === props.value) return close();
    setBusy(true);
    const saved = await props.onSave(name);
    setBusy(false);
    if (saved) close();
  };

  if (editing) {
    return (
      <form className="doc-inline-form" onSubmit={save}>
        <input
          aria-label={props.inputLabel}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              // Keep Escape from closing a surrounding dialog or panel.
              e.stopPropagation();
              close();
            }
          }}
          autoFocus
        />
        <button type="submit" disabled={busy}>
          {t('documents.details.save')}
        </button>
        <button type="button" onClick={close}>
          {t('documents.details.cancel')}
        </button>
      </form>
    );
  }
  return (
    <div className="doc-inline-view">
      {props.children}
      <button
        ref={buttonRef}
        type="button"
        className="doc-small-button"
        aria-label={props.buttonLabel}
        onClick={() => {
          setDraft(props.value);
          setEditing(true);
        }}
      >
        {props.buttonText}
      </button>
    </div>
  );
}
