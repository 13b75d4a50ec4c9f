import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { createTheme, deleteTheme, nestTheme, placeCode, recolorTheme, renameTheme } from '../../../commands/themes';
import type { AnalysisFilter } from '../../../domain/analysis/filter';
import { CODE_PALETTE } from '../../../domain/codebook';
import type { Code, Guid, Theme } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { canNest, codeSegmentCounts, codesWithoutTheme, themeTree } from '../../../domain/themes';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/** The column of codes without a theme. */
export const NO_THEME = 'none';
const COLUMN = 'col:';

type Columns = Record<string, Guid[]>;

/** Each column's codes in board order: "no theme" first (codebook order), then every theme in tree order. */
function columnsOf(codes: readonly Code[], themes: readonly Theme[]): Columns {
  const known = new Set(codes.map((c) => c.guid));
  const placed = new Set<Guid>();
  const columns: Columns = { [NO_THEME]: [] };
  for (const { theme } of themeTree(themes)) {
    columns[theme.guid] = theme.codeGuids.filter((g) => known.has(g) && !placed.has(g) && placed.add(g));
  }
  columns[NO_THEME] = codesWithoutTheme(codes, themes)
    .map((c) => c.guid)
    .filter((g) => !placed.has(g));
  return columns;
}

function containerOf(columns: Columns, id: UniqueIdentifier | undefined): string | null {
  if (id === undefined) return null;
  const s = String(id);
  if (s.startsWith(COLUMN)) return s.slice(COLUMN.length);
  for (const [key, list] of Object.entries(columns)) if (list.includes(s)) return key;
  return null;
}

/**
 * Phase 3: the theme board. Columns are candidate themes (and the codes without one); cards are
 * codes with their colour and number of segments. A card moves by mouse (drag), by keyboard
 * (space/Enter to pick up, arrows to move, space/Enter to drop, Escape to cancel, announced to
 * screen readers), or through its "Move to…" menu.
 */
export function ThemeBoard({ data, filter }: { data: ProjectData; filter: AnalysisFilter }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const rows = useMemo(() => themeTree(data.themes), [data.themes]);
  const base = useMemo(() => columnsOf(data.codes, data.themes), [data.codes, data.themes]);
  const counts = useMemo(() => codeSegmentCounts(data, filter), [data, filter]);
  const codes = useMemo(() => new Map(data.codes.map((c) => [c.guid, c])), [data.codes]);
  // While dragging, and after a drop until the project is read back, the board shows this.
  const [moving, setMoving] = useState<{ base: Columns; columns: Columns } | null>(null);
  const columns = moving && moving.base === base ? moving.columns : base;
  const current = useRef(columns);
  current.current = columns;
  const startColumns = useRef<Columns | null>(null);
  const [newName, setNewName] = useState('');
  const formId = useId();

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const columnName = (key: string | null) => (key === null ? '' : key === NO_THEME ? t('themes.noTheme') : (data.themes.find((x) => x.guid === key)?.name ?? ''));
  const codeName = (id: UniqueIdentifier) => codes.get(String(id))?.name ?? '';
  const where = (id: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
    const cols = current.current;
    const key = containerOf(cols, overId);
    if (key === null) return null;
    const list = cols[key] ?? [];
    const at = list.indexOf(String(id));
    return { column: columnName(key), position: (at === -1 ? list.length : at) + 1, total: list.length + (at === -1 ? 1 : 0) };
  };
  // Only a change of column or position is announced (dnd-kit also reports the card being over itself).
  const lastSaid = useRef('');
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const w = where(active.id, active.id);
      lastSaid.current = JSON.stringify(w);
      return w ? t('themes.announce.start', { code: codeName(active.id), ...w }) : undefined;
    },
    onDragOver: ({ active, over }) => {
      const w = over ? where(active.id, over.id) : null;
      if (JSON.stringify(w) === lastSaid.current) return undefined;
      lastSaid.current = JSON.stringify(w);
      return w ? t('themes.announce.over', { code: codeName(active.id), ...w }) : t('themes.announce.overNothing', { code: codeName(active.id) });
    },
    onDragEnd: ({ active, over }) => {
      const w = over ? where(active.id, active.id) : null;
      return w ? t('themes.announce.end', { code: codeName(active.id), ...w }) : t('themes.announce.endNothing', { code: codeName(active.id) });
    },
    onDragCancel: ({ active }) => t('themes.announce.cancel', { code: codeName(active.id) }),
  };

  const report = (r: { ok: true } | { ok: false; reason: string; detail?: string }) => {
    if (!r.ok) {
      setMoving(null);
      notify('error', failureText(t, r));
    }
    return r.ok;
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const cols = current.current;
    const from = containerOf(cols, active.id);
    const to = containerOf(cols, over?.id);
    if (from === null || to === null || from === to) return;
    const id = String(active.id);
    const target = cols[to] ?? [];
    const overIndex = over ? target.indexOf(String(over.id)) : -1;
    const at = overIndex === -1 ? target.length : overIndex;
    const next = { ...cols, [from]: (cols[from] ?? []).filter((g) => g !== id), [to]: [...target.slice(0, at), id, ...target.slice(at)] };
    current.current = next;
    setMoving({ base, columns: next });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const cols = current.current;
    const before = startColumns.current ?? base;
    startColumns.current = null;
    const id = String(active.id);
    const to = containerOf(cols, over?.id);
    if (to === null) {
      setMoving(null);
      return;
    }
    let list = cols[to] ?? [];
    let index = list.indexOf(id);
    const overIndex = over ? list.indexOf(String(over.id)) : -1;
    if (index !== -1 && overIndex !== -1 && overIndex !== index) {
      list = arrayMove(list, index, overIndex);
      index = overIndex;
    }
    const next = { ...cols, [to]: list };
    current.current = next;
    const from = containerOf(before, id);
    if (from === to && (before[to] ?? []).indexOf(id) === index) {
      setMoving(null);
      return;
    }
    if (to === NO_THEME && from === NO_THEME) {
      setMoving(null);
      return;
    }
    setMoving({ base, columns: next });
    report(await placeCode(project.guid, id, to === NO_THEME ? null : to, to === NO_THEME ? undefined : index, db));
  };

  const moveTo = async (code: Code, key: string) => {
    const r = await placeCode(project.guid, code.guid, key === NO_THEME ? null : key, undefined, db);
    if (report(r)) notify('info', t('themes.moved', { code: code.name, target: columnName(key) }));
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    const r = await createTheme(project.guid, { name }, db);
    if (report(r)) {
      setNewName('');
      notify('info', t('themes.created', { name }));
    }
  };

  const moveTargets = [{ key: NO_THEME, label: t('themes.noTheme') }, ...rows.map((r) => ({ key: r.theme.guid, label: `${'— '.repeat(r.depth)}${r.theme.name}` }))];
  const keys = [NO_THEME, ...rows.map((r) => r.theme.guid)];

  return (
    <div className="theme-board-wrap">
      <form className="theme-new" onSubmit={create}>
        <div>
          <label className="theme-label" htmlFor={`${formId}-new`}>
            {t('themes.newThemeName')}
          </label>
          <input id={`${formId}-new`} value={newName} onChange={(e) => setNewName(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={newName.trim() === ''}>
          {t('themes.create')}
        </button>
      </form>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('themes.dragHint') } }}
        onDragStart={() => {
          startColumns.current = columns;
          setMoving({ base, columns });
        }}
        onDragOver={onDragOver}
        onDragEnd={(e) => void onDragEnd(e)}
        onDragCancel={() => {
          startColumns.current = null;
          setMoving(null);
        }}
      >
        <div className="theme-board">
          {keys.map((key, col) => {
            const row = rows.find((r) => r.theme.guid === key);
            return (
              <BoardColumn
                key={key}
                columnKey={key}
                index={col}
                theme={row?.theme ?? null}
                parentName={row?.theme.parentGuid ? (data.themes.find((x) => x.guid === row.theme.parentGuid)?.name ?? null) : null}
                themes={data.themes}
                codes={(columns[key] ?? []).flatMap((g) => codes.get(g) ?? [])}
                counts={counts}
                moveTargets={moveTargets}
                onMove={(code, to) => void moveTo(code, to)}
                report={report}
              />
            );
          })}
        </div>
      </DndContext>
    </div>
  );
}

function BoardColumn(props: {
  columnKey: string;
  index: number;
  theme: Theme | null;
  parentName: string | null;
  themes: readonly Theme[];
  codes: readonly Code[];
  counts: ReadonlyMap<Guid, number>;
  moveTargets: readonly { key: string; label: string }[];
  onMove(code: Code, key: string): void;
  report(r: { ok: true } | { ok: false; reason: string; detail?: string }): boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN}${props.columnKey}` });
  const [editing, setEditing] = useState(false);
  const { theme } = props;
  const title = theme ? theme.name : t('themes.noTheme');
  return (
    <section className={`theme-column${isOver ? ' is-over' : ''}`} aria-labelledby={`${id}-h`} data-column={props.index} style={theme ? { borderTopColor: theme.color } : undefined}>
      <div className="theme-column-head">
        <h3 id={`${id}-h`}>
          {theme && <span className="theme-swatch" style={{ background: theme.color }} aria-hidden="true" />}
          {title}
        </h3>
        <span className="muted theme-column-count">
          {t('themes.codesCount', { count: props.codes.length })}
          {props.parentName !== null && <> · {t('themes.subThemeOf', { name: props.parentName })}</>}
        </span>
        {theme && !editing && (
          <button type="button" className="theme-edit-button" aria-label={t('themes.editLabel', { name: theme.name })} onClick={() => setEditing(true)}>
            {t('themes.edit')}
          </button>
        )}
      </div>
      {theme && editing && <ThemeEditor theme={theme} themes={props.themes} onDone={() => setEditing(false)} report={props.report} />}
      <SortableContext id={props.columnKey} items={props.codes.map((c) => c.guid)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="theme-cards" aria-labelledby={`${id}-h`}>
          {props.codes.map((code, row) => (
            <CodeCard
              key={code.guid}
              code={code}
              row={row}
              count={props.counts.get(code.guid) ?? 0}
              targets={props.moveTargets.filter((m) => m.key !== props.columnKey)}
              onMove={(to) => props.onMove(code, to)}
            />
          ))}
          {props.codes.length === 0 && <li className="theme-cards-empty muted">{theme ? t('themes.themeEmpty') : t('themes.noThemeEmpty')}</li>}
        </ul>
      </SortableContext>
    </section>
  );
}

function CodeCard(props: { code: Code; row: number; count: number; targets: readonly { key: string; label: string }[]; onMove(key: string): void }) {
  const { t } = useTranslation();
  const { code } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: code.guid });
  const segments = t('themes.segments', { count: props.count });
  return (
    <li
      ref={setNodeRef}
      className={`theme-card${isDragging ? ' is-dragging' : ''}`}
      data-row={props.row}
      data-code={code.guid}
      style={{ transform: CSS.Translate.toString(transform), transition, borderLeftColor: code.color }}
    >
      <button type="button" ref={setActivatorNodeRef} className="theme-card-handle" {...attributes} {...listeners}>
        <span className="theme-grip" aria-hidden="true">
          ⠿
        </span>
        <span className="theme-card-name">{code.name}</span>
        <span className="visually-hidden">, </span>
        <span className="theme-card-count muted">{segments}</span>
      </button>
      <MenuTrigger>
        <Button className="theme-card-menu" aria-label={t('themes.moveToLabel', { name: code.name })}>
          {t('themes.moveTo')}
        </Button>
        <Popover className="theme-popover" placement="bottom end">
          <Menu className="theme-menu" onAction={(key) => props.onMove(String(key))}>
            {props.targets.map((m) => (
              <MenuItem key={m.key} id={m.key} className="theme-menu-item">
                {m.label}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
    </li>
  );
}

/** Rename, recolour, nest under another theme, or delete. */
function ThemeEditor(props: { theme: Theme; themes: readonly Theme[]; onDone(): void; report(r: { ok: true } | { ok: false; reason: string; detail?: string }): boolean }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const { theme } = props;
  const [name, setName] = useState(theme.name);
  const [color, setColor] = useState(theme.color);
  const [parent, setParent] = useState(theme.parentGuid ?? '');
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  const parents = themeTree(props.themes).filter((r) => r.theme.guid !== theme.guid && canNest(props.themes, theme.guid, r.theme.guid));
  const palette = CODE_PALETTE.includes(theme.color) ? CODE_PALETTE : [theme.color, ...CODE_PALETTE];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() !== theme.name && !props.report(await renameTheme(project.guid, theme.guid, name, db))) return;
    if (color !== theme.color && !props.report(await recolorTheme(project.guid, theme.guid, color, db))) return;
    const to = parent === '' ? null : parent;
    if (to !== theme.parentGuid) {
      const r = await nestTheme(project.guid, theme.guid, to, undefined, db);
      if (!r.ok && r.reason === 'invalid-move') {
        notify('error', t('themes.invalidNest'));
        return;
      }
      if (!props.report(r)) return;
    }
    props.onDone();
  };

  return (
    <form className="theme-editor" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onDone()}>
      <label className="theme-label" htmlFor={`${id}-name`}>
        {t('themes.name')}
      </label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <label className="theme-label" htmlFor={`${id}-color`}>
        {t('themes.color')}
      </label>
      <span className="theme-color-row">
        <span className="theme-swatch" style={{ background: color }} aria-hidden="true" />
        <select id={`${id}-color`} value={color} onChange={(e) => setColor(e.target.value)}>
            {palette.map((c, i) => (
              <option key={c} value={c}>
                {t('themes.colorName', { n: i + 1 })} ({c})
              </option>
          ))}
        </select>
      </span>
      <label className="theme-label" htmlFor={`${id}-parent`}>
        {t('themes.parent')}
      </label>
      <select id={`${id}-parent`} value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">{t('themes.topLevel')}</option>
          {parents.map((r) => (
            <option key={r.theme.guid} value={r.theme.guid}>
              {'— '.repeat(r.depth)}
              {r.theme.name}
          </option>
        ))}
      </select>
      <div className="theme-editor-actions">
        <button type="submit" className="primary">
          {t('themes.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('themes.cancel')}
        </button>
        <button type="button" className="danger" aria-label={t('themes.deleteLabel', { name: theme.name })} onClick={() => setConfirming(true)}>
          {t('themes.delete')}
        </button>
      </div>
      <ConfirmDialog
        isOpen={confirming}
        title={t('themes.deleteTitle', { name: theme.name })}
        confirmLabel={t('themes.delete')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          if (props.report(await deleteTheme(project.guid, theme.guid, db))) props.onDone();
        }}
      >
        <p>{t('themes.deleteBody')}</p>
      </ConfirmDialog>
    </form>
  );
}
