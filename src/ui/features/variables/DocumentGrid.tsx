import { createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, tableFeatures, useTable } from '@tanstack/react-table';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { addToGroup, removeFromGroup } from '../../../commands/groups';
import { setVariableValue } from '../../../commands/variables';
import type { DocumentGroup, DocumentRecord, Guid, VariableDefinition } from '../../../domain/model';
import { recordOf } from '../../../domain/records';
import { canonicalValue, compareValues, documentValue, variableValues } from '../../../domain/variables';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { CellEditor } from './CellEditor';
import { editableValue, formatValue } from './ValueInput';

/** One document with what the grid shows of it; values and memberships include edits not read back yet. */
interface Row {
  readonly doc: DocumentRecord;
  readonly segments: number;
  readonly values: Readonly<Record<string, string>>;
  readonly groups: ReadonlySet<Guid>;
}

export type VariableAction = 'rename' | 'retype' | 'moveLeft' | 'moveRight' | 'delete';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();

const valueKey = (doc: Guid, name: string) => `${doc}\u0000${name}`;
const cellKey = (row: Guid, col: string) => `${row}|${col}`;
const variableColumn = (name: string) => `v:${name}`;
const groupColumn = (guid: Guid) => `g:${guid}`;

/**
 * All documents (those passing the filter) as rows, with their length, segments, one column per
 * variable and one per group. A grid: one cell is in the tab order, the arrow keys, Home and End
 * move between cells; Enter or F2 (or typing) edits a value with the field of its type, Enter
 * saves, Escape cancels, Delete clears; Space ticks a group. Every column sorts, values by type.
 */
export function DocumentGrid(props: {
  documents: readonly DocumentRecord[];
  segmentCounts: ReadonlyMap<Guid, number>;
  variables: readonly VariableDefinition[];
  groups: readonly DocumentGroup[];
  /** All documents of the project, for suggestions of existing values. */
  allDocuments: readonly DocumentRecord[];
  /** Changes whenever the project is read anew, which shows every edit made here. */
  version: unknown;
  onVariableAction(action: VariableAction, variable: VariableDefinition): void;
}) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const lang = i18n.language;
  const { documents, variables, groups } = props;

  // Edits made here, shown until the project is read anew with them.
  const [values, setValues] = useState(() => new Map<string, string>());
  const [members, setMembers] = useState(() => new Map<string, boolean>());
  const [seen, setSeen] = useState(props.version);
  if (seen !== props.version) {
    setSeen(props.version);
    setValues(new Map());
    setMembers(new Map());
  }

  const data = useMemo<Row[]>(
    () =>
      documents.map((doc) => {
        // Keyed by variable names: a record without a prototype, so `constructor` is a name like any other.
        const v = recordOf(Object.entries(doc.variables));
        for (const def of variables) {
          const edited = values.get(valueKey(doc.guid, def.name));
          if (edited !== undefined) v[def.name] = edited;
        }
        const g = new Set(groups.filter((grp) => members.get(valueKey(grp.guid, doc.guid)) ?? grp.documentGuids.includes(doc.guid)).map((grp) => grp.guid));
        return { doc, segments: props.segmentCounts.get(doc.guid) ?? 0, values: v, groups: g };
      }),
    [documents, variables, groups, values, members, props.segmentCounts],
  );

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((r) => r.doc.name, { id: 'name', header: t('variables.table.document'), sortFn: 'alphanumeric' }),
        helper.accessor((r) => r.doc.length, { id: 'length', header: t('variables.table.length'), sortFn: 'basic', sortDescFirst: true }),
        helper.accessor((r) => r.segments, { id: 'segments', header: t('variables.table.segments'), sortFn: 'basic', sortDescFirst: true }),
        ...variables.map((def) =>
          helper.accessor((r) => r.values[def.name] || undefined, {
            id: variableColumn(def.name),
            header: def.name,
            sortUndefined: 'last',
            sortFn: (a, b, id) => compareValues(def.type, String(a.getValue(id) ?? ''), String(b.getValue(id) ?? '')),
          }),
        ),
        ...groups.map((g) =>
          helper.accessor((r) => (r.groups.has(g.guid) ? 1 : 0), { id: groupColumn(g.guid), header: g.name, sortFn: 'basic', sortDescFirst: true }),
        ),
      ]),
    [t, variables, groups],
  );

  const table = useTable({ features, columns, data, getRowId: (r) => r.doc.guid });
  const rows = table.getRowModel().rows;
  const columnIds = table.getAllLeafColumns().map((c) => c.id);

  const suggestions = useMemo(() => new Map(variables.map((def) => [def.name, variableValues(def, props.allDocuments)])), [variables, props.allDocuments]);
  const byColumn = useMemo(() => new Map(variables.map((def) => [variableColumn(def.name), def])), [variables]);
  const groupByColumn = useMemo(() => new Map(groups.map((g) => [groupColumn(g.guid), g])), [groups]);

  const [active, setActive] = useState<{ row: Guid; col: string } | null>(null);
  const [editing, setEditing] = useState<{ row: Guid; col: string; initial: string } | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const activeRow = rows.find((r) => r.id === active?.row)?.id ?? rows[0]?.id ?? null;
  const activeCol = active && columnIds.includes(active.col) ? active.col : 'name';

  // The cell to focus once it is rendered: in the same task as the key press, so that the next key
  // (typed at once by a fast typist or a test) already lands on it.
  const [focusing, setFocusing] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (focusing === null) return;
    setFocusing(null);
    [...(gridRef.current?.querySelectorAll<HTMLElement>('[data-cell]') ?? [])].find((e) => e.dataset.cell === focusing)?.focus();
  }, [focusing]);
  const focusCell = (row: Guid, col: string) => {
    setActive({ row, col });
    setFocusing(cellKey(row, col));
  };

  const saveValue = async (doc: DocumentRecord, def: VariableDefinition, draft: string) => {
    const canonical = canonicalValue(def.type, draft);
    const key = valueKey(doc.guid, def.name);
    const current = values.get(key) ?? documentValue(doc, def.name);
    if (canonical === null || canonical === current) return;
    setValues((m) => new Map(m).set(key, canonical));
    const r = await setVariableValue(project.guid, doc.guid, def.name, draft, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      setValues((m) => {
        const next = new Map(m);
        next.delete(key);
        return next;
      });
    }
  };

  const toggleMember = async (doc: DocumentRecord, group: DocumentGroup, member: boolean) => {
    const key = valueKey(group.guid, doc.guid);
    setMembers((m) => new Map(m).set(key, !member));
    const r = member ? await removeFromGroup(project.guid, group.guid, [doc.guid], db) : await addToGroup(project.guid, group.guid, [doc.guid], db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      setMembers((m) => {
        const next = new Map(m);
        next.delete(key);
        return next;
      });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).dataset?.cell;
    if (!cell || editing) return;
    const [rowId, col] = [cell.slice(0, cell.indexOf('|')), cell.slice(cell.indexOf('|') + 1)];
    const r = rows.findIndex((x) => x.id === rowId);
    const c = columnIds.indexOf(col);
    if (r < 0 || c < 0) return;
    const move = (dr: number, dc: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, r + dr))];
      const next = columnIds[Math.max(0, Math.min(columnIds.length - 1, c + dc))];
      if (row && next) focusCell(row.id, next);
    };
    const def = byColumn.get(col);
    const row = rows[r]?.original;
    switch (e.key) {
      case 'ArrowUp':
        return void (e.preventDefault(), move(-1, 0));
      case 'ArrowDown':
        return void (e.preventDefault(), move(1, 0));
      case 'ArrowLeft':
        return void (e.preventDefault(), move(0, -1));
      case 'ArrowRight':
        return void (e.preventDefault(), move(0, 1));
      case 'Home':
        return void (e.preventDefault(), e.ctrlKey ? move(-r, -c) : move(0, -c));
      case 'End':
        return void (e.preventDefault(), e.ctrlKey ? move(rows.length, columnIds.length) : move(0, columnIds.length));
      case 'PageUp':
        return void (e.preventDefault(), move(-10, 0));
      case 'PageDown':
        return void (e.preventDefault(), move(10, 0));
    }
    if (def && row) {
      if (e.key === 'Enter' || e.key === 'F2') {
        e.preventDefault();
        setEditing({ row: rowId, col, initial: editableValue(lang, def.type, row.values[def.name]) });
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        void saveValue(row.doc, def, '');
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && (def.type === 'text' || def.type === 'number')) {
        // Typing on a cell starts editing with what was typed, as in a spreadsheet.
        e.preventDefault();
        setEditing({ row: rowId, col, initial: e.key });
      }
    }
    const group = groupByColumn.get(col);
    if (group && row && e.key === 'Enter') {
      e.preventDefault();
      void toggleMember(row.doc, group, row.groups.has(group.guid));
    }
  };

  return (
    <div className="vars-grid-wrap">
      <table ref={gridRef} role="grid" className="vars-grid" aria-describedby="vars-grid-help" onKeyDown={onKeyDown}>
        <caption className="visually-hidden">{t('variables.table.caption')}</caption>
        <thead>
          <tr>
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const def = byColumn.get(header.column.id);
              const group = groupByColumn.get(header.column.id);
              const name = def?.name ?? group?.name ?? String(header.column.columnDef.header ?? '');
              return (
                <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined} className={group ? 'vars-group-col' : undefined}>
                  <span className="vars-head">
                    <button type="button" className="vars-sort" onClick={header.column.getToggleSortingHandler()} title={t('variables.table.sortBy', { name })}>
                      {name}
                      {def && <span className="vars-type"> {t(`variables.type.${def.type}`)}</span>}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                    {def && <VariableMenu variable={def} first={variables[0] === def} last={variables[variables.length - 1] === def} onAction={props.onVariableAction} />}
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = row.original;
            return (
              <tr key={row.id}>
                {columnIds.map((col) => {
                  const key = cellKey(row.id, col);
                  const tabIndex = row.id === activeRow && col === activeCol ? 0 : -1;
                  const common = { 'data-cell': key, tabIndex, onFocus: () => setActive({ row: row.id, col }) };
                  if (col === 'name') {
                    return (
                      <th key={col} scope="row" {...common}>
                        {r.doc.name}
                      </th>
                    );
                  }
                  if (col === 'length' || col === 'segments') {
                    return (
                      <td key={col} role="gridcell" className="vars-number" {...common}>
                        {new Intl.NumberFormat(lang).format(col === 'length' ? r.doc.length : r.segments)}
                      </td>
                    );
                  }
                  const group = groupByColumn.get(col);
                  if (group) {
                    const member = r.groups.has(group.guid);
                    return (
                      <td key={col} role="gridcell" className="vars-member">
                        <input
                          type="checkbox"
                          {...common}
                          checked={member}
                          aria-label={t('variables.table.member', { document: r.doc.name, group: group.name })}
                          onChange={() => void toggleMember(r.doc, group, member)}
                        />
                      </td>
                    );
                  }
                  const def = byColumn.get(col) as VariableDefinition;
                  const value = r.values[def.name];
                  if (editing?.row === row.id && editing.col === col) {
                    return (
                      <td key={col} role="gridcell" className="vars-editing">
                        <CellEditor
                          variable={def}
                          label={t('variables.table.valueOf', { name: def.name, document: r.doc.name })}
                          initial={editing.initial}
                          suggestions={suggestions.get(def.name) ?? []}
                          onSave={(draft) => {
                            setEditing(null);
                            focusCell(row.id, col);
                            void saveValue(r.doc, def, draft);
                          }}
                          onCancel={() => {
                            setEditing(null);
                            focusCell(row.id, col);
                          }}
                        />
                      </td>
                    );
                  }
                  return (
                    <td
                      key={col}
                      role="gridcell"
                      {...common}
                      className={def.type === 'number' ? 'vars-number vars-value' : 'vars-value'}
                      aria-label={value ? undefined : t('variables.table.valueOf', { name: def.name, document: r.doc.name })}
                      onDoubleClick={() => setEditing({ row: row.id, col, initial: editableValue(lang, def.type, value) })}
                    >
                      {formatValue(t, lang, def.type, value)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VariableMenu(props: { variable: VariableDefinition; first: boolean; last: boolean; onAction(action: VariableAction, variable: VariableDefinition): void }) {
  const { t } = useTranslation();
  const disabled: VariableAction[] = [...(props.first ? (['moveLeft'] as const) : []), ...(props.last ? (['moveRight'] as const) : [])];
  return (
    <MenuTrigger>
      <Button className="vars-menu-button" aria-label={t('variables.menu.label', { name: props.variable.name })}>
        <span aria-hidden="true">⋯</span>
      </Button>
      <Popover className="vars-popover" placement="bottom end">
        <Menu className="vars-menu" disabledKeys={disabled} onAction={(key) => props.onAction(key as VariableAction, props.variable)}>
          <MenuItem id="rename" className="vars-menu-item">
            {t('variables.menu.rename')}
          </MenuItem>
          <MenuItem id="retype" className="vars-menu-item">
            {t('variables.menu.retype')}
          </MenuItem>
          <MenuItem id="moveLeft" className="vars-menu-item">
            {t('variables.menu.moveLeft')}
          </MenuItem>
          <MenuItem id="moveRight" className="vars-menu-item">
            {t('variables.menu.moveRight')}
          </MenuItem>
          <MenuItem id="delete" className="vars-menu-item danger-text">
            {t('variables.menu.delete')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
