import { useMemo } from 'react';
import { Button, ComboBox, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ancestors, flattenTree, foldForSearch } from '../../../domain/codebook';
import type { Code, Guid } from '../../../domain/model';

interface Option {
  readonly id: Guid;
  readonly code: Code;
  readonly depth: number;
  /** Parents' names and the code's, what the search looks in. */
  readonly path: string;
}

/** Matches ignoring case and diacritics, in the code's name or its parents' names. */
const matches = (text: string, input: string) => foldForSearch(text).includes(foldForSearch(input.trim()));

/**
 * A searchable code list (a combo box): type part of a name, arrow to a code, Enter chooses it;
 * Enter right after typing chooses the first code that matches.
 * Codes are listed in codebook order, indented under their parents.
 */
export function CodePicker(props: { codes: readonly Code[]; value: Guid | null; label: string; onChange(guid: Guid | null): void }) {
  const { t } = useTranslation();
  const options = useMemo<Option[]>(
    () => flattenTree(props.codes).map(({ code, depth }) => ({ id: code.guid, code, depth, path: [...ancestors(props.codes, code.guid).map((a) => a.name), code.name].join(' › ') })),
    [props.codes],
  );
  return (
    <ComboBox
      className="query-picker"
      aria-label={props.label}
      defaultItems={options}
      value={props.value}
      onChange={(key) => props.onChange(key === null ? null : String(key))}
      defaultFilter={matches}
      menuTrigger="focus"
    >
      <div className="query-picker-field">
        <Input
          placeholder={t('query.codePlaceholder')}
          onKeyDown={(e) => {
            // Enter without arrowing to a code picks the first code that matches what was typed.
            if (e.key !== 'Enter' || e.currentTarget.getAttribute('aria-activedescendant')) return;
            const typed = e.currentTarget.value;
            const first = typed.trim() ? options.find((o) => matches(o.path, typed)) : undefined;
            if (first) props.onChange(first.id);
          }}
        />
        <Button aria-label={t('query.openCodes')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Popover className="query-picker-popover" placement="bottom start">
        <ListBox<Option> className="query-picker-list" renderEmptyState={() => <p className="muted">{t('query.noCodes')}</p>}>
          {(option) => (
            <ListBoxItem id={option.id} textValue={option.path} className="query-picker-option" style={{ paddingLeft: `${0.5 + option.depth}rem` }}>
              <span className="swatch" style={{ background: option.code.color }} aria-hidden="true" />
              {option.code.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
