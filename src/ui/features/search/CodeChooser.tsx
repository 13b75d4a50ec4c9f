import { useId, useMemo, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { addCode } from '../../../commands/codes';
import { ancestors, flattenTree, foldForSearch } from '../../../domain/codebook';
import type { Guid } from '../../../domain/model';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

interface CodeItem {
  readonly id: Guid;
  readonly name: string;
  readonly color: string;
  readonly depth: number;
  readonly path: string;
}

/**
 * Chooses the code to apply: a combo box over the codebook (type to filter, ignoring case and
 * accents; arrows and Enter to choose), or a new code made by name.
 */
export function CodeChooser(props: { value: Guid | null; onChange: (codeGuid: Guid | null) => void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, codes } = useProject();
  const newId = useId();
  const items = useMemo(
    (): CodeItem[] =>
      flattenTree(codes).map(({ code, depth }) => ({
        id: code.guid,
        name: code.name,
        color: code.color,
        depth,
        path: ancestors(codes, code.guid).map((a) => a.name).join(' › '),
      })),
    [codes],
  );
  const [newName, setNewName] = useState('');

  const create = async () => {
    const name = newName.trim();
    if (!name) return;
    const r = await addCode(project.guid, { name, parentGuid: null }, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    setNewName('');
    props.onChange(r.value);
    notify('info', t('search.codePicker.created', { name }));
  };

  return (
    <div className="code-chooser">
      <ComboBox
        className="code-combobox"
        defaultItems={items}
        selectedKey={props.value}
        onSelectionChange={(key) => props.onChange(key === null ? null : String(key))}
        defaultFilter={(text, typed) => foldForSearch(text).includes(foldForSearch(typed.trim()))}
      >
        <Label>{t('search.codePicker.label')}</Label>
        <div className="code-combobox-field">
          <Input placeholder={t('search.codePicker.placeholder')} />
          <Button aria-label={t('search.codePicker.showAll')}>▾</Button>
        </div>
        <Popover className="code-combobox-popover" placement="bottom start">
          <ListBox className="code-combobox-list" renderEmptyState={() => <span className="muted">{t('search.codePicker.none')}</span>}>
            {(item: CodeItem) => (
              <ListBoxItem id={item.id} textValue={item.name} className="code-combobox-item" style={{ paddingInlineStart: `${0.4 + item.depth * 0.9}rem` }}>
                <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
                <span>{item.name}</span>
                {item.path && <span className="muted code-combobox-path"> — {item.path}</span>}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <div className="code-chooser-new">
        <label htmlFor={newId}>{t('search.codePicker.newCode')}</label>
        <input
          id={newId}
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void create();
            }
          }}
        />
        <button type="button" disabled={!newName.trim()} onClick={() => void create()}>
          {t('search.codePicker.create')}
        </button>
      </div>
    </div>
  );
}
