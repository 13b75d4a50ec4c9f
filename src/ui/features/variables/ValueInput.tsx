import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { VariableType } from '../../../domain/model';
import { canonicalValue, VARIABLE_TYPES } from '../../../domain/variables';

/** A stored value as a reader expects it: numbers and dates in the interface language, yes/no in words. */
export function formatValue(t: TFunction, lang: string, type: VariableType, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (type === 'boolean') return value === 'true' ? t('variables.yes') : value === 'false' ? t('variables.no') : value;
  if (type === 'number') {
    const n = Number(value);
    return Number.isFinite(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: 10 }).format(n) : value;
  }
  if (type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return value;
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  }
  return value;
}

/** What a person would type for a stored value: "3,5" for 3.5 in Dutch, the stored form otherwise. */
export function editableValue(lang: string, type: VariableType, value: string | undefined): string {
  if (value === undefined) return '';
  return type === 'number' && lang.startsWith('nl') ? value.replace('.', ',') : value;
}

/** The message for a value that does not fit its variable, or null when it fits. */
export function invalidText(t: TFunction, variable: { name: string; type: VariableType }, draft: string): string | null {
  if (canonicalValue(variable.type, draft) !== null) return null;
  return t('variables.invalid', { value: draft.trim(), name: variable.name, type: t(`variables.type.${variable.type}`), hint: t(`variables.hint.${variable.type}`) });
}

type Props = {
  readonly type: VariableType;
  readonly value: string;
  readonly onValue: (value: string) => void;
  /** Existing values, offered while typing text. */
  readonly suggestions?: readonly string[];
  readonly inputRef?: Ref<HTMLInputElement & HTMLSelectElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement & HTMLSelectElement>, 'type' | 'value' | 'onChange' | 'list'>;

/**
 * The field that fits a variable's type: a text field with suggestions, a decimal field (a comma
 * or a point), the browser's date field, or a yes/no choice. The value is what the person typed;
 * canonicalValue checks and stores it.
 */
export function ValueInput({ type, value, onValue, suggestions, inputRef, ...rest }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  if (type === 'boolean') {
    return (
      <select ref={inputRef} {...rest} value={canonicalValue('boolean', value) ?? ''} onChange={(e) => onValue(e.target.value)}>
        <option value="">{t('variables.noValue')}</option>
        <option value="true">{t('variables.yes')}</option>
        <option value="false">{t('variables.no')}</option>
      </select>
    );
  }
  if (type === 'date') {
    return <input ref={inputRef} {...rest} type="date" value={canonicalValue('date', value) ?? value} onChange={(e) => onValue(e.target.value)} />;
  }
  if (type === 'number') {
    return <input ref={inputRef} {...rest} type="text" inputMode="decimal" autoComplete="off" value={value} onChange={(e) => onValue(e.target.value)} />;
  }
  return (
    <>
      <input ref={inputRef} {...rest} type="text" autoComplete="off" value={value} onChange={(e) => onValue(e.target.value)} list={suggestions && suggestions.length > 0 ? listId : undefined} />
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** A choice of variable type. */
export function TypeSelect(props: { value: VariableType; onChange(type: VariableType): void; label?: string; id?: string }) {
  const { t } = useTranslation();
  return (
    <select id={props.id} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as VariableType)}>
      {VARIABLE_TYPES.map((type) => (
        <option key={type} value={type}>
          {t(`variables.type.${type}`)}
        </option>
      ))}
    </select>
  );
}
