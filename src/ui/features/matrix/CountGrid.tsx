import { createColumnHelper, createExpandedRowModel, rowExpandingFeature, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guid } from '../../../domain/model';
import { MAX_HEADER_LINES, useColumnLayout } from './useColumnLayout';

/** A code of the grid's rows, with the codes below it. */
export interface GridRow {
  readonly id: Guid;
  readonly name: string;
  readonly depth: number;
  readonly children: GridRow[];
}

export interface GridColumn {
  readonly key: string;
  readonly label: string;
  /** Shown on hover and read with the header, e.g. "12 documents". */
  readonly title?: string;
}

/** The code tree as nested rows (the input is in tree order with depths). */
export function treeRows(rows: readonly { codeGuid: Guid; name: string; depth: number; parentGuid: Guid | null }[]): GridRow[] {
  const byGuid = new Map<Guid, GridRow>();
  const roots: GridRow[] = [];
  for (const r of rows) {
    const row: GridRow = { id: r.codeGuid, name: r.name, depth: r.depth, children: [] };
    byGuid.set(r.codeGuid, row);
    const parent = r.parentGuid !== null ? byGuid.get(r.parentGuid) : undefined;
    if (parent && r.depth > 0) parent.children.push(row);
    else roots.push(row);
  }
  return roots;
}

const features = tableFeatures({ rowExpandingFeature, expandedRowModel: createExpandedRowModel() });
const helper = createColumnHelper<typeof features, GridRow>();

const ROW_HEIGHT = 32;
/** A column's width until the labels are measured. */
const COLUMN_WIDTH = 112;

/**
 * A large code x something grid: rows are the code tree (collapsible), columns anything; only
 * the rows and columns in view are rendered (TanStack Table for the tree, TanStack Virtual for
 * rows and columns). The header row and the code column stay in place while scrolling.
 *
 * The columns share the grid's width (useColumnLayout): column headers wrap at word boundaries
 * into a few lines, or are rotated when the columns are too many for upright labels; each shows its
 * full name on hover (title), and the focused cell's code and column are named below the grid.
 *
 * Keyboard (a treegrid with one tab stop): arrow keys, Home/End, PageUp/PageDown move between
 * cells; on a code, Right/Left expand/collapse and Enter toggles; on a count, Enter or Space opens
 * it (onOpen).
 */
export function CountGrid(props: {
  label: string;
  rows: GridRow[];
  columns: readonly GridColumn[];
  value: (rowId: Guid, columnKey: string) => number;
  format: (value: number, columnKey: string) => string;
  /** Accessible text of a cell, e.g. "3 of 5". */
  describe?: (value: number, columnKey: string) => string;
  onOpen: (rowId: Guid, columnKey: string) => void;
  firstHeader: string;
}) {
  const { t } = useTranslation();
  const { rows: data, columns, value, format, onOpen } = props;
  const tableColumns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', { id: '__code', header: props.firstHeader }),
        ...columns.map((c) => helper.display({ id: `c:${c.key}`, header: c.label, cell: (info) => format(value(info.row.original.id, c.key), c.key) })),
      ]),
    [columns, value, format, props.firstHeader],
  );
  const table = useTable({
    features,
    columns: tableColumns,
    data,
    getRowId: (row) => row.id,
    getSubRows: (row) => (row.children.length > 0 ? row.children : undefined),
    initialState: { expanded: true },
    autoResetExpanded: false,
  });
  const rows = table.getRowModel().rows;

  // Shading: each count against the largest count in the grid.
  const max = useMemo(() => {
    let m = 0;
    const visit = (r: GridRow) => {
      for (const c of columns) m = Math.max(m, value(r.id, c.key));
      r.children.forEach(visit);
    };
    data.forEach(visit);
    return m;
  }, [data, columns, value]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const labels = useMemo(() => columns.map((c) => c.label), [columns]);
  // The widest count a column shows, to keep columns at least that wide.
  const countSamples = useMemo(() => [...new Set(columns.map((c) => format(max, c.key)))], [columns, format, max]);
  const layout = useColumnLayout(scrollRef, labels, countSamples);
  const widths = layout?.widths;
  const rowVirtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => widths?.[i] ?? COLUMN_WIDTH,
    overscan: 3,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [columnVirtualizer, widths]);
  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const columnWidth = (index: number) => widths?.[index] ?? COLUMN_WIDTH;
  const padTop = virtualRows[0]?.start ?? 0;
  const padBottom = rowVirtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const padLeft = virtualColumns[0]?.start ?? 0;
  const padRight = columnVirtualizer.getTotalSize() - (virtualColumns[virtualColumns.length - 1]?.end ?? 0);

  // The one cell that takes focus: [row index, column index]; column 0 is the code.
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const [focused, setFocused] = useState(false);
  const focusPending = useRef(false);
  const [r0, c0] = [Math.min(active[0], Math.max(rows.length - 1, 0)), Math.min(active[1], columns.length)];
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${r0}:${c0}"]`);
    if (cell) {
      focusPending.current = false;
      cell.focus({ preventScroll: false });
    }
  });
  useEffect(() => {
    if (active[0] !== r0 || active[1] !== c0) setActive([r0, c0]);
  }, [active, r0, c0]);

  // The tab stop: the active cell, or the first code in view when the active cell is scrolled away.
  const tabRow = virtualRows.some((v) => v.index === r0) ? r0 : (virtualRows[0]?.index ?? 0);
  const tabCol = tabRow === r0 && (c0 === 0 || virtualColumns.some((v) => v.index === c0 - 1)) ? c0 : 0;

  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(0, Math.min(columns.length, col));
    focusPending.current = true;
    setActive([r, c]);
    rowVirtualizer.scrollToIndex(r);
    if (c > 0) columnVirtualizer.scrollToIndex(c - 1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const row = rows[r0];
    if (!row) return;
    const onCode = c0 === 0;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(r0 + 1, c0),
      ArrowUp: () => moveTo(r0 - 1, c0),
      ArrowRight: () => (onCode && row.getCanExpand() && !row.getIsExpanded() ? row.toggleExpanded(true) : moveTo(r0, c0 + 1)),
      ArrowLeft: () => {
        if (onCode && row.getCanExpand() && row.getIsExpanded()) row.toggleExpanded(false);
        else if (onCode && row.parentId !== undefined) moveTo(rows.findIndex((r) => r.id === row.parentId), 0);
        else moveTo(r0, c0 - 1);
      },
      Home: () => moveTo(e.ctrlKey ? 0 : r0, 0),
      End: () => moveTo(e.ctrlKey ? rows.length - 1 : r0, columns.length),
      PageDown: () => moveTo(r0 + 10, c0),
      PageUp: () => moveTo(r0 - 10, c0),
      Enter: () => (onCode ? row.getCanExpand() && row.toggleExpanded() : onOpen(row.original.id, columns[c0 - 1]?.key ?? '')),
      ' ': () => (onCode ? row.getCanExpand() && row.toggleExpanded() : onOpen(row.original.id, columns[c0 - 1]?.key ?? '')),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const onBlur = (e: FocusEvent<HTMLTableElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
  };
  const activeRow = rows[r0]?.original.name;
  const activeColumn = c0 > 0 ? columns[c0 - 1]?.label : undefined;
  const tableStyle: CSSProperties & Record<`--${string}`, string> = {
    width: `calc(var(--matrix-code-width) + ${columnVirtualizer.getTotalSize()}px)`,
    ...(layout?.rotated ? { '--matrix-head-height': `${layout.headerHeight}px`, '--matrix-head-lines': String(layout.lines) } : { '--matrix-head-lines': String(MAX_HEADER_LINES) }),
  };

  return (
    <>
      <div className="matrix-grid-wrap" ref={scrollRef}>
        <table
          role="treegrid"
          className={layout?.rotated ? 'matrix-grid matrix-rotated' : 'matrix-grid'}
          aria-label={props.label}
          aria-rowcount={rows.length + 1}
          aria-colcount={columns.length + 1}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={onBlur}
          style={tableStyle}
        >
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="matrix-corner" aria-colindex={1}>
                {props.firstHeader}
              </th>
              {padLeft > 0 && <th aria-hidden="true" style={{ width: padLeft }} className="matrix-pad" />}
              {virtualColumns.map((vc) => {
                const c = columns[vc.index];
                return c ? (
                  <th
                    key={c.key}
                    scope="col"
                    aria-colindex={vc.index + 2}
                    title={c.title ? `${c.label} (${c.title})` : c.label}
                    className={focused && c0 === vc.index + 1 ? 'matrix-col is-active' : 'matrix-col'}
                    style={{ width: columnWidth(vc.index) }}
                  >
                    <span className="matrix-col-label">{c.label}</span>
                    {c.title && <span className="visually-hidden"> ({c.title})</span>}
                  </th>
                ) : null;
              })}
              {padRight > 0 && <th aria-hidden="true" style={{ width: padRight }} className="matrix-pad" />}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" className="matrix-pad-row">
                <td style={{ height: padTop }} />
              </tr>
            )}
            {virtualRows.map((vr) => {
              const row = rows[vr.index];
              if (!row) return null;
              const cells = row.getAllCells();
              const canExpand = row.getCanExpand();
              const expanded = row.getIsExpanded();
              return (
                <tr key={row.id} aria-rowindex={vr.index + 2} aria-level={row.depth + 1} aria-expanded={canExpand ? expanded : undefined} style={{ height: ROW_HEIGHT }}>
                  <th
                    scope="row"
                    aria-colindex={1}
                    className="matrix-code"
                    data-cell={`${vr.index}:0`}
                    tabIndex={tabRow === vr.index && tabCol === 0 ? 0 : -1}
                    onFocus={() => setActive([vr.index, 0])}
                    title={row.original.name}
                  >
                    <span className="matrix-code-inner" style={{ paddingLeft: `${row.depth * 1.1}rem` }}>
                      {canExpand ? (
                        <button
                          type="button"
                          tabIndex={-1}
                          className="matrix-toggle"
                          aria-label={t(expanded ? 'matrix.grid.collapse' : 'matrix.grid.expand', { code: row.original.name })}
                          onClick={() => row.toggleExpanded()}
                        >
                          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                        </button>
                      ) : (
                        <span className="matrix-toggle-space" aria-hidden="true" />
                      )}
                      <span className="matrix-code-name">{row.original.name}</span>
                    </span>
                  </th>
                  {padLeft > 0 && <td aria-hidden="true" className="matrix-pad" />}
                  {virtualColumns.map((vc) => {
                    const c = columns[vc.index];
                    const cell = cells[vc.index + 1];
                    if (!c || !cell) return null;
                    const n = value(row.original.id, c.key);
                    const ratio = max > 0 ? n / max : 0;
                    return (
                      <td
                        key={c.key}
                        role="gridcell"
                        aria-colindex={vc.index + 2}
                        data-cell={`${vr.index}:${vc.index + 1}`}
                        tabIndex={tabRow === vr.index && tabCol === vc.index + 1 ? 0 : -1}
                        className={n > 0 ? 'matrix-count has-value' : 'matrix-count'}
                        style={n > 0 ? { backgroundColor: `rgb(29 78 137 / ${(0.06 + 0.5 * ratio).toFixed(3)})` } : undefined}
                        aria-label={props.describe ? props.describe(n, c.key) : undefined}
                        onFocus={() => setActive([vr.index, vc.index + 1])}
                        onClick={() => {
                          setActive([vr.index, vc.index + 1]);
                          onOpen(row.original.id, c.key);
                        }}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                  {padRight > 0 && <td aria-hidden="true" className="matrix-pad" />}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" className="matrix-pad-row">
                <td style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {/* The focused cell's code and column in full, however their headers are cut. Screen readers hear the headers with the cell. */}
      <p className="matrix-where muted" aria-hidden="true">
        {focused && activeRow !== undefined ? (activeColumn !== undefined ? t('matrix.grid.where', { code: activeRow, column: activeColumn }) : t('matrix.grid.whereCode', { code: activeRow })) : ''}
      </p>
    </>
  );
}
