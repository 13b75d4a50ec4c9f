import { useEffect, useRef, useState } from 'react';

interface NameInputProps {
  readonly label: string;
  readonly initial?: string;
  /**
   * Saves the name; resolves to whether it was saved (the field stays open when not).
   * `byKeyboard` is false when leaving the field saved it: focus then stays where the user went.
   */
  onCommit(name: string, byKeyboard: boolean): Promise<boolean>;
  onCancel(byKeyboard: boolean): void;
  readonly className?: string;
}

/**
 * A one-line name editor that takes focus when it appears: Enter saves, Escape cancels, and
 * leaving the field saves a changed name (or cancels when it is blank or unchanged).
 */
export function NameInput({ label, initial = '', onCommit, onCancel, className }: NameInputProps) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  // Enter saves and the field then unmounts, which blurs it: that blur must not save again.
  const settled = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const commit = async (byKeyboard: boolean) => {
    if (settled.current) return;
    settled.current = true;
    const name = value.trim();
    if (name === '' || name === initial.trim()) onCancel(byKeyboard);
    else if (!(await onCommit(name, byKeyboard))) settled.current = false;
  };

  return (
    <input
      ref={ref}
      className={className ?? 'cb-name-input'}
      type="text"
      value={value}
      aria-label={label}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => void commit(false)}
      onKeyDown={(e) => {
        // Keys typed here belong to the field, not to the tree or the app's shortcuts.
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          settled.current = true;
          onCancel(true);
        }
      }}
    />
  );
}
