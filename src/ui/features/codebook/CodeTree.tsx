import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '../../../domain/codebook';
import type { Guid } from '../../../domain/model';
import { NameInput } from './NameInput';
import type { MoveDirection, VisibleRow } from './tree-rows';

export interface CodeTreeHandle {
  /** Moves keyboard focus to a code's row, now or as soon as the row appears. */
  focusCode(guid: Guid): void;
  focusFirst(): void;
}

interface CodeTreeProps {
  readonly ref?: Ref<CodeTreeHandle>;
  readonly rows: readonly VisibleRow[];
  /** Codings per code, sub-codes included. */
  readonly totals: ReadonlyMap<Guid, number>;
  readonly selectedGuid: Guid | null;
  readonly canApply: boolean;
  /** False while filtering: every row is expanded then. */
  readonly canCollapse: boolean;
  /** Shown instead of the tree when there are no rows. */
  readonly emptyText: string;
  onSelect(guid: Guid): void;
  onActivate(guid: Guid): void;
  onExpand(guid: Guid, expanded: boolean): void;
  onRename(guid: Guid, name: string): Promise<boolean>;
  onMove(guid: Guid, direction: MoveDirection): void;
  onDelete(guid: Guid): void;
}

const ALT_MOVES: Readonly<Record<string, MoveDirection>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'out',
  ArrowRight: 'in',
};

/** How long typed letters add up to one search for a code name (type-ahead). */
const TYPEAHEAD_MS = 700;

/**
 * The codebook as an ARIA tree (a flat list of treeitems with aria-level) with a roving tabindex:
 * one row is in the tab order, arrow keys move between rows. Rows never take the document's
 * text selection away on mouse down, so that clicking a code can apply it to selected text.
 */
export function CodeTree(props: CodeTreeProps) {
  const { ref, rows, totals, selectedGuid, canApply, canCollapse } = props;
  const { t } = useTranslation();
  const idBase = useId();
  const treeRef = useRef<HTMLDivElement>(null);
  const rowElements = useRef(new Map<Guid, HTMLElement>());
  const pendingFocus = useRef<Guid | null>(null);
  const typeahead = useRef({ text: '', at: 0 });
  const [focusedGuid, setFocusedGuid] = useState<Guid | null>(null);
  const [renamingGuid, setRenamingGuid] = useState<Guid | null>(null);

  const isShown = (guid: Guid | null) => guid !== null && rows.some((row) => row.code.guid === guid);
  const tabbableGuid = isShown(focusedGuid) ? focusedGuid : isShown(selectedGuid) ? selectedGuid : (rows[0]?.code.guid ?? null);

  const focusCode = useCallback((guid: Guid) => {
    setFocusedGuid(guid);
    pendingFocus.current = guid;
    const element = rowElements.current.get(guid);
    if (element) element.focus();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      focusCode,
      focusFirst: () => {
        const first = rows[0];
        if (first) focusCode(first.code.guid);
      },
    }),
    [focusCode, rows],
  );

  // A row asked for focus may appear only after the database change arrives, and a row that
  // moves in the DOM loses focus: focus it once the rows change, unless the user went elsewhere.
  useEffect(() => {
    const guid = pendingFocus.current;
    if (!guid) return;
    const element = rowElements.current.get(guid);
    if (!element) return;
    const active = document.activeElement;
    if (active !== element && (active === null || active === document.body || treeRef.current?.contains(active))) element.focus();
    pendingFocus.current = null;
  }, [rows]);

  // A code selected elsewhere (say, by clicking its coding in the transcript) scrolls into view.
  useEffect(() => {
    if (selectedGuid) rowElements.current.get(selectedGuid)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedGuid]);

  const focusIndex = (index: number) => {
    const row = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (row) focusCode(row.code.guid);
  };

  const findByTyping = (index: number, key: string) => {
    const now = Date.now();
    const state = typeahead.current;
    state.text = now - state.at < TYPEAHEAD_MS ? state.text + key : key;
    state.at = now;
    const needle = foldForSearch(state.text);
    // A repeated first letter cycles through the matches; a longer text refines the current one.
    const start = state.text.length === 1 ? index + 1 : index;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[(start + i) % rows.length];
      if (row && foldForSearch(row.code.name).startsWith(needle)) {
        focusCode(row.code.guid);
        return;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, row: VisibleRow) => {
    // Keys typed in the rename field are the field's.
    if (event.target !== event.currentTarget) return;
    const guid = row.code.guid;
    const { key } = event;
    const altMove = ALT_MOVES[key];
    if (event.altKey && altMove && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      props.onMove(guid, altMove);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    let handled = true;
    switch (key) {
      case 'ArrowDown':
        focusIndex(index + 1);
        break;
      case 'ArrowUp':
        focusIndex(index - 1);
        break;
      case 'Home':
        focusIndex(0);
        break;
      case 'End':
        focusIndex(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) props.onExpand(guid, true);
        else if (row.expanded) focusIndex(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded && canCollapse) props.onExpand(guid, false);
        else if (row.parentGuid) focusCode(row.parentGuid);
        break;
      case 'Enter':
        props.onActivate(guid);
        if (!canApply) props.onSelect(guid);
        break;
      case ' ':
        props.onSelect(guid);
        break;
      case 'F2':
        setRenamingGuid(guid);
        break;
      case 'Delete':
        props.onDelete(guid);
        break;
      default:
        handled = key.length === 1 && /\p{L}/u.test(key);
        if (handled) findByTyping(index, key);
    }
    if (handled) event.preventDefault();
  };

  const onMouseDown = (event: MouseEvent) => {
    // Keep the transcript's text selection (and focus) so that the click can apply the code to it.
    if (!(event.target as Element).closest('input')) event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>, guid: Guid) => {
    if ((event.target as Element).closest('input')) return;
    props.onActivate(guid);
    props.onSelect(guid);
    setFocusedGuid(guid);
    // With text selected, focus stays in the transcript so that the coder can go on selecting.
    if (!canApply) event.currentTarget.focus();
  };

  const endRename = (guid: Guid, byKeyboard: boolean) => {
    setRenamingGuid(null);
    if (byKeyboard) focusCode(guid);
  };

  // An empty tree has nothing to focus; the component stays mounted to keep pending focus.
  if (rows.length === 0) return <p className="cb-empty">{props.emptyText}</p>;

  return (
    <div ref={treeRef} role="tree" aria-label={t('codebook.treeLabel')} className="cb-tree">
      {rows.map((row, index) => {
        const { code } = row;
        const guid = code.guid;
        const total = totals.get(guid) ?? 0;
        const renaming = renamingGuid === guid;
        const nameId = `${idBase}-name-${guid}`;
        const descriptionId = `${idBase}-desc-${guid}`;
        const description = [
          t('codebook.codingCount', { count: total }),
          ...(code.shortcut ? [t('codebook.shortcutDescription', { key: code.shortcut })] : []),
        ].join(', ');
        return (
          <div
            key={guid}
            ref={(element) => {
              if (element) rowElements.current.set(guid, element);
              else rowElements.current.delete(guid);
            }}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-posinset={row.posInSet}
            aria-setsize={row.setSize}
            aria-expanded={row.hasChildren ? row.expanded : undefined}
            aria-selected={guid === selectedGuid}
            aria-labelledby={renaming ? undefined : nameId}
            aria-label={renaming ? code.name : undefined}
            aria-describedby={descriptionId}
            tabIndex={guid === tabbableGuid ? 0 : -1}
            title={code.definition.trim() || undefined}
            className="cb-row"
            data-code-guid={guid}
            style={{ '--cb-depth': row.depth } as CSSProperties}
            onMouseDown={onMouseDown}
            onClick={(event) => onClick(event, guid)}
            onKeyDown={(event) => onKeyDown(event, index, row)}
            onFocus={(event) => {
              if (event.target === event.currentTarget) setFocusedGuid(guid);
            }}
          >
            <span
              className="cb-toggle"
              aria-hidden="true"
              data-open={row.hasChildren ? row.expanded : undefined}
              title={row.hasChildren && canCollapse ? t(row.expanded ? 'codebook.collapse' : 'codebook.expand') : undefined}
              onClick={(event) => {
                if (!row.hasChildren) return;
                event.stopPropagation();
                if (canCollapse) props.onExpand(guid, !row.expanded);
              }}
            />
            <span className="cb-swatch" aria-hidden="true" style={{ backgroundColor: code.color }} />
            {renaming ? (
              <NameInput
                label={t('codebook.renameLabel', { name: code.name })}
                initial={code.name}
                onCommit={async (name, byKeyboard) => {
                  const saved = await props.onRename(guid, name);
                  if (saved) endRename(guid, byKeyboard);
                  return saved;
                }}
                onCancel={(byKeyboard) => endRename(guid, byKeyboard)}
              />
            ) : (
              <span id={nameId} className="cb-name">
                {code.name}
              </span>
            )}
            {/* Count and key are drawn by CSS from data attributes: they are read once, through the
                row's description, and stay out of its name. */}
            <span className="cb-count" data-zero={total === 0 || undefined} data-value={total} aria-hidden="true" />
            {code.shortcut ? <kbd className="cb-key" data-value={code.shortcut} aria-hidden="true" /> : null}
            {/* Hidden, yet still read as the row's description through aria-describedby. */}
            <span id={descriptionId} hidden>
              {description}
            </span>
          </div>
        );
      })}
    </div>
  );
}
