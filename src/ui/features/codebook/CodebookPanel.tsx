import { useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ancestors } from '../../../domain/codebook';
import type { Guid } from '../../../domain/model';
import { useProject } from '../../shell/project-context';
import { CodebookExport } from './CodebookExport';
import { CodeDetails } from './CodeDetails';
import { CodeTree, type CodeTreeHandle } from './CodeTree';
import { DeleteCodeDialog } from './DeleteCodeDialog';
import { NameInput } from './NameInput';
import { moveTarget, rolledUpCounts, visibleRows, type MoveDirection } from './tree-rows';
import { useCodeCommands } from './use-code-commands';
import './codebook.css';

export interface CodebookPanelProps {
  /** Codings per code GUID, of the code itself (the panel adds up sub-codes). */
  readonly codingCounts: ReadonlyMap<string, number>;
  readonly selectedCodeGuid: string | null;
  onSelectCode(guid: string | null): void;
  /**
   * A code was clicked, or Enter pressed on it: the screen applies it to the selected text when
   * there is one. (The panel selects the code too: on click always, on Enter when !canApply.)
   */
  onActivateCode(guid: string): void;
  /** Whether text is selected in the transcript, so that activating a code applies it. */
  readonly canApply: boolean;
}

function without(set: ReadonlySet<Guid>, guids: Iterable<Guid>): ReadonlySet<Guid> {
  const next = new Set(set);
  let changed = false;
  for (const guid of guids) changed = next.delete(guid) || changed;
  return changed ? next : set;
}

/**
 * The codebook sidebar: a filterable code tree with coding counts, the selected code's properties
 * beside or below it, and every codebook change (add, rename, recolour, define, key, move,
 * delete) through the codebook commands.
 */
export function CodebookPanel({ codingCounts, selectedCodeGuid, onSelectCode, onActivateCode, canApply }: CodebookPanelProps) {
  const { t } = useTranslation();
  const { codes } = useProject();
  const keyed = useMemo(() => codes.filter((c) => c.shortcut !== null).sort((a, b) => (a.shortcut ?? 0) - (b.shortcut ?? 0)), [codes]);
  const commands = useCodeCommands();
  const id = useId();
  const tree = useRef<CodeTreeHandle>(null);
  const newCodeButton = useRef<HTMLButtonElement>(null);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<Guid>>(() => new Set());
  const [addingTop, setAddingTop] = useState(false);
  const [deletingGuid, setDeletingGuid] = useState<Guid | null>(null);

  // A code selected from elsewhere (the transcript) shows: its collapsed ancestors open.
  const [revealed, setRevealed] = useState<Guid | null>(null);
  if (revealed !== selectedCodeGuid) {
    setRevealed(selectedCodeGuid);
    if (selectedCodeGuid) setCollapsed((c) => without(c, ancestors(codes, selectedCodeGuid).map((a) => a.guid)));
  }

  const filtering = filter.trim() !== '';
  const rows = useMemo(() => visibleRows(codes, collapsed, filter), [codes, collapsed, filter]);
  const totals = useMemo(() => rolledUpCounts(codes, codingCounts), [codes, codingCounts]);
  const selected = codes.find((c) => c.guid === selectedCodeGuid) ?? null;
  const deleting = codes.find((c) => c.guid === deletingGuid) ?? null;

  const expand = (guid: Guid, expanded: boolean) => {
    setCollapsed((c) => {
      if (expanded) return without(c, [guid]);
      const next = new Set(c);
      next.add(guid);
      return next;
    });
  };

  const added = (guid: Guid, parentGuid: Guid | null) => {
    if (parentGuid) setCollapsed((c) => without(c, [parentGuid]));
    onSelectCode(guid);
    tree.current?.focusCode(guid);
  };

  /** `focusRow`: the move came from the tree, whose row keeps focus wherever it goes. */
  const move = async (guid: Guid, direction: MoveDirection, focusRow: boolean) => {
    const target = moveTarget(codes, guid, direction);
    if (!target) return;
    if (target.parentGuid) setCollapsed((c) => without(c, [target.parentGuid as Guid]));
    if ((await commands.move(guid, target.parentGuid, target.index)) && focusRow) tree.current?.focusCode(guid);
  };

  const confirmDelete = async (guid: Guid, moveCodingsTo: Guid | null) => {
    // Focus goes to the row that takes the deleted one's place (its first child, or the next row).
    const at = rows.findIndex((row) => row.code.guid === guid);
    const neighbour = rows[at + 1]?.code.guid ?? rows[at - 1]?.code.guid ?? null;
    if (!(await commands.remove(guid, moveCodingsTo))) return;
    // Close the dialog first, so that it does not hand focus back to the deleted code's row.
    flushSync(() => setDeletingGuid(null));
    if (selectedCodeGuid === guid) onSelectCode(null);
    if (neighbour) tree.current?.focusCode(neighbour);
    else newCodeButton.current?.focus();
  };

  return (
    <section className="cb-panel" aria-labelledby={`${id}-title`}>
      <div className="cb-header">
        <h2 id={`${id}-title`} className="cb-title">
          {t('codebook.title')}
        </h2>
        <button ref={newCodeButton} type="button" className="cb-new" onClick={() => setAddingTop(true)}>
          <span aria-hidden="true">+ </span>
          {t('codebook.newCode')}
        </button>
        <CodebookExport />
      </div>

      {addingTop ? (
        <NameInput
          label={t('codebook.newCodeLabel')}
          onCommit={async (name) => {
            const guid = await commands.add(name, null);
            if (!guid) return false;
            setAddingTop(false);
            added(guid, null);
            return true;
          }}
          onCancel={(byKeyboard) => {
            setAddingTop(false);
            if (byKeyboard) newCodeButton.current?.focus();
          }}
        />
      ) : null}

      <div className="cb-filter">
        <input
          type="search"
          value={filter}
          aria-label={t('codebook.filterLabel')}
          placeholder={t('codebook.filterPlaceholder')}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              tree.current?.focusFirst();
            } else if (e.key === 'Escape' && filter) {
              e.preventDefault();
              setFilter('');
            }
          }}
        />
      </div>

      <div className="cb-body">
        <div className="cb-tree-scroll">
          <CodeTree
            ref={tree}
            rows={rows}
            totals={totals}
            selectedGuid={selectedCodeGuid}
            canApply={canApply}
            canCollapse={!filtering}
            emptyText={filtering ? t('codebook.noMatch', { query: filter.trim() }) : t('codebook.empty')}
            onSelect={onSelectCode}
            onActivate={onActivateCode}
            onExpand={expand}
            onRename={commands.rename}
            onMove={(guid, direction) => void move(guid, direction, true)}
            onDelete={setDeletingGuid}
          />
        </div>

        <div className="cb-details" role="region" aria-label={t('codebook.details')}>
          {selected ? (
            <CodeDetails
              key={selected.guid}
              code={selected}
              codes={codes}
              ownCount={codingCounts.get(selected.guid) ?? 0}
              totalCount={totals.get(selected.guid) ?? 0}
              commands={commands}
              onAdded={added}
              onMove={(guid, direction) => void move(guid, direction, false)}
              onDelete={setDeletingGuid}
            />
          ) : (
            <p className="cb-empty">{t('codebook.noSelection')}</p>
          )}
        </div>
      </div>

      <details className="cb-keys">
        <summary>{t('codebook.keysTitle')}</summary>
        <ul>
          <li>{t('codebook.keysNavigate')}</li>
          <li>{t('codebook.keysApply')}</li>
          <li>{t('codebook.keysRename')}</li>
          <li>{t('codebook.keysMove')}</li>
          <li>{t('codebook.keysProject')}</li>
          <li>
            {t('codebook.keysCodes')}
            {keyed.length > 0 ? (
              <ul className="cb-keys-codes">
                {keyed.map((c) => (
                  <li key={c.guid}>{t('codebook.keyOfCode', { key: c.shortcut, name: c.name })}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('codebook.keysNone')}</p>
            )}
          </li>
        </ul>
      </details>

      <DeleteCodeDialog
        code={deleting}
        knownCount={deleting ? (codingCounts.get(deleting.guid) ?? 0) : 0}
        onCancel={() => setDeletingGuid(null)}
        onConfirm={confirmDelete}
      />
    </section>
  );
}
