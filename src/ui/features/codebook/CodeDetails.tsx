import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canMove } from '../../../domain/codebook';
import type { Code, Guid } from '../../../domain/model';
import { TargetMemos } from '../memos/TargetMemos';
import { CodeColorPicker } from './CodeColorPicker';
import { NameInput } from './NameInput';
import { indentedOptions, moveTarget, type MoveDirection } from './tree-rows';
import type { CodeCommands } from './use-code-commands';

interface CodeDetailsProps {
  readonly code: Code;
  readonly codes: readonly Code[];
  /** Codings of the code itself, and including its sub-codes. */
  readonly ownCount: number;
  readonly totalCount: number;
  readonly commands: CodeCommands;
  onAdded(guid: Guid, parentGuid: Guid | null): void;
  onMove(guid: Guid, direction: MoveDirection): void;
  onDelete(guid: Guid): void;
}

const SHORTCUT_KEYS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The selected code's properties, all editable: name, colour, definition, key, place in the tree. */
export function CodeDetails({ code, codes, ownCount, totalCount, commands, onAdded, onMove, onDelete }: CodeDetailsProps) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [addingChild, setAddingChild] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const addChildButton = useRef<HTMLButtonElement>(null);

  const parentOptions = indentedOptions(codes, (c) => c.guid !== code.guid && canMove(codes, code.guid, c.guid));
  const holderOf = (key: number) => codes.find((c) => c.shortcut === key && c.guid !== code.guid);
  const canGo = (direction: MoveDirection) => moveTarget(codes, code.guid, direction) !== null;

  return (
    <div className="cb-details-body">
      <div className="cb-details-head">
        <span className="cb-swatch cb-swatch-large" aria-hidden="true" style={{ backgroundColor: code.color }} />
        {renaming ? (
          <NameInput
            label={t('codebook.renameLabel', { name: code.name })}
            initial={code.name}
            onCommit={async (name, byKeyboard) => {
              const saved = await commands.rename(code.guid, name);
              if (saved) {
                setRenaming(false);
                if (byKeyboard) renameButton.current?.focus();
              }
              return saved;
            }}
            onCancel={(byKeyboard) => {
              setRenaming(false);
              if (byKeyboard) renameButton.current?.focus();
            }}
          />
        ) : (
          <h3 className="cb-details-name">{code.name}</h3>
        )}
      </div>

      <div className="cb-actions">
        <button ref={addChildButton} type="button" onClick={() => setAddingChild(true)}>
          {t('codebook.addChild')}
        </button>
        <button ref={renameButton} type="button" onClick={() => setRenaming(true)}>
          {t('codebook.rename')}
        </button>
        <button type="button" className="cb-danger" onClick={() => onDelete(code.guid)}>
          {t('codebook.delete')}
        </button>
      </div>

      {addingChild ? (
        <NameInput
          label={t('codebook.newChildLabel', { parent: code.name })}
          onCommit={async (name) => {
            const guid = await commands.add(name, code.guid);
            if (!guid) return false;
            setAddingChild(false);
            onAdded(guid, code.guid);
            return true;
          }}
          onCancel={(byKeyboard) => {
            setAddingChild(false);
            if (byKeyboard) addChildButton.current?.focus();
          }}
        />
      ) : null}

      <dl className="cb-counts">
        <div>
          <dt>{t('codebook.countsOwn')}</dt>
          <dd>{ownCount}</dd>
        </div>
        <div>
          <dt>{t('codebook.countsTotal')}</dt>
          <dd>{totalCount}</dd>
        </div>
      </dl>

      <DefinitionEditor key={code.guid} code={code} onSave={(definition) => commands.define(code.guid, definition)} />
      <TargetMemos target={{ kind: 'code', guid: code.guid }} name={code.name} />

      <div className="cb-field">
        <span className="cb-label" aria-hidden="true">
          {t('codebook.color')}
        </span>
        <CodeColorPicker color={code.color} onChange={(color) => void commands.recolor(code.guid, color)} />
      </div>

      <div className="cb-field-row">
        <label className="cb-field">
          <span className="cb-label">{t('codebook.shortcut')}</span>
          <select
            value={code.shortcut ?? ''}
            onChange={(e) => void commands.setShortcut(code.guid, e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('codebook.shortcutNone')}</option>
            {SHORTCUT_KEYS.map((key) => {
              const holder = holderOf(key);
              return (
                <option key={key} value={key}>
                  {holder ? t('codebook.shortcutTaken', { key, name: holder.name }) : key}
                </option>
              );
            })}
          </select>
        </label>

        <label className="cb-field cb-grow">
          <span className="cb-label">{t('codebook.parent')}</span>
          <select
            value={code.parentGuid ?? ''}
            onChange={(e) => void commands.move(code.guid, e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('codebook.topLevel')}</option>
            {parentOptions.map((option) => (
              <option key={option.guid} value={option.guid}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="cb-actions">
        {(['up', 'down'] as const).map((direction) => (
          <button
            key={direction}
            type="button"
            // aria-disabled rather than disabled: a button that disables itself must keep focus.
            aria-disabled={!canGo(direction)}
            onClick={() => {
              if (canGo(direction)) onMove(code.guid, direction);
            }}
          >
            {t(direction === 'up' ? 'codebook.moveUp' : 'codebook.moveDown')}
          </button>
        ))}
      </div>
    </div>
  );
}

function DefinitionEditor({ code, onSave }: { code: Code; onSave(definition: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(code.definition);
  const [stored, setStored] = useState(code.definition);
  // A definition changed elsewhere (undo, another tab) replaces the draft unless it has edits.
  if (stored !== code.definition) {
    setStored(code.definition);
    if (draft === stored) setDraft(code.definition);
  }
  const dirty = draft !== code.definition;
  const save = () => {
    if (dirty) void onSave(draft);
  };

  return (
    <div className="cb-field">
      <label className="cb-label" htmlFor={`${id}-definition`}>
        {t('codebook.definition')}
        {dirty ? <span className="cb-unsaved"> · {t('codebook.unsaved')}</span> : null}
      </label>
      <textarea
        id={`${id}-definition`}
        className="cb-definition"
        rows={4}
        value={draft}
        placeholder={t('codebook.definitionPlaceholder')}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      <div className="cb-actions">
        <button type="button" aria-disabled={!dirty} onClick={save}>
          {t('codebook.saveDefinition')}
        </button>
      </div>
    </div>
  );
}
