import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_PALETTE } from '../../../domain/codebook';

interface CodeColorPickerProps {
  readonly color: string;
  onChange(color: string): void;
}

/**
 * The palette as a toolbar of swatch buttons (one tab stop, arrow keys move between swatches,
 * Enter or Space applies) plus the browser's colour picker for any other colour.
 */
export function CodeColorPicker({ color, onChange }: CodeColorPickerProps) {
  const { t } = useTranslation();
  const current = color.toLowerCase();
  const currentIndex = CODE_PALETTE.indexOf(current);
  const [focusIndex, setFocusIndex] = useState(Math.max(0, currentIndex));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const picker = useRef<HTMLInputElement>(null);

  // The picker is uncontrolled so that dragging stays smooth; a new stored colour resets it.
  useEffect(() => {
    if (picker.current) picker.current.value = current;
  }, [current]);

  // The native picker fires `input` while the user drags and `change` once they settle on a
  // colour; only the latter becomes a command, so that one choice is one undo step.
  useEffect(() => {
    const input = picker.current;
    if (!input) return;
    const commit = () => {
      if (input.value.toLowerCase() !== current) onChange(input.value);
    };
    input.addEventListener('change', commit);
    return () => input.removeEventListener('change', commit);
  }, [current, onChange]);

  const onKeyDown = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? CODE_PALETTE.length - 1 : undefined;
    if (step === undefined && jump === undefined) return;
    event.preventDefault();
    const next = jump ?? (focusIndex + (step ?? 0) + CODE_PALETTE.length) % CODE_PALETTE.length;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="cb-colors">
      <div role="toolbar" aria-label={t('codebook.color')} className="cb-palette" onKeyDown={onKeyDown}>
        {CODE_PALETTE.map((swatch, index) => (
          <button
            key={swatch}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="cb-palette-swatch"
            style={{ backgroundColor: swatch }}
            tabIndex={index === focusIndex ? 0 : -1}
            aria-label={t('codebook.paletteColor', { number: index + 1, total: CODE_PALETTE.length })}
            aria-pressed={swatch === current}
            title={swatch}
            onFocus={() => setFocusIndex(index)}
            onClick={() => {
              if (swatch !== current) onChange(swatch);
            }}
          />
        ))}
      </div>
      <input
        ref={picker}
        type="color"
        className="cb-color-input"
        defaultValue={current}
        aria-label={t('codebook.colorPicker')}
        title={t('codebook.colorPicker')}
      />
    </div>
  );
}
