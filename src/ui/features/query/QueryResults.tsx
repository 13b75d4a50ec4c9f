import { createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, tableFeatures, useTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VariableDefinition } from '../../../domain/model';
import { compareValues, documentValue } from '../../../domain/variables';
import type { JumpTarget } from '../analysis/types';
import type { ResultRow } from './result-rows';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, ResultRow>();

/** Fixed column widths, so that header and virtualised rows line up. */
const WIDTHS: Record<string, string> = { open: '4.5rem', document: 'minmax(8rem, 1fr)', citation: 'minmax(8rem, 1fr)', codes: 'minmax(8rem, 1fr)', coder: '7rem', length: '5rem', text: 'minmax(18rem, 3fr)' };

/** The results table: its columns, and its sorting (kept here, so that exports follow it). */
export function useResultTable(data: readonly ResultRow[], variables: readonly VariableDefinition[]) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({ id: 'open', header: t('query.column.open'), enableSorting: false }),
        helper.accessor('documentName', { id: 'document', header: t('query.column.document'), sortFn: 'alphanumeric' }),
        helper.accessor('citation', { id: 'citation', header: t('query.column.citation'), sortFn: 'alphanumeric' }),
        helper.accessor('codes', { id: 'codes', header: t('query.column.codes'), sortFn: 'alphanumeric' }),
        helper.accessor('coders', { id: 'coder', header: t('query.column.coder'), sortFn: 'alphanumeric' }),
        helper.accessor('length', { id: 'length', header: t('query.column.length'), sortFn: 'basic', sortDescFirst: true }),
        ...variables.map((v) =>
          helper.accessor((row) => documentValue(row, v.name), {
            id: `var:${v.name}`,
            header: v.name,
            sortFn: (a, b, id) => compareValues(v.type, String(a.getValue(id)), String(b.getValue(id))),
          }),
        ),
        helper.accessor((row) => row.hit.text, { id: 'text', header: t('query.column.text'), sortFn: 'alphanumeric' }),
      ]),
    [t, variables],
  );
  return useTable({
    features,
    columns,
    data: data as ResultRow[],
    getRowId: (row) => row.id,
    // A variable column that was sorted on and then taken away no longer sorts.
    state: { sorting: sorting.filter((s) => columns.some((c) => c.id === s.id)) },
    onSortingChange: setSorting,
  });
}

export type ResultTable = ReturnType<typeof useResultTable>;

/**
 * The results: one row per hit, every column sortable (a click or Enter on its heading), rows
 * rendered only near the viewport so that thousands stay quick. Unsorted, the rows are in
 * document order and then text order. Each row opens its passage in the document.
 */
export function QueryResults({ table, onJump }: { table: ResultTable; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 72,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const template = table
    .getAllLeafColumns()
    .map((c) => WIDTHS[c.id] ?? 'minmax(6rem, 0.7fr)')
    .join(' ');

  return (
    <div className="query-results-scroll" ref={scroller}>
      <table className="query-results" aria-label={t('query.results')} aria-rowcount={rows.length + 1} style={{ ['--query-columns' as string]: template }}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort() && header.column.id !== 'open';
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {canSort ? (
                      <button type="button" className="query-sort" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      <span className="visually-hidden">
                        <table.FlexRender header={header} />
                      </span>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const r = row.original;
            return (
              <tr key={row.id} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2} style={{ transform: `translateY(${item.start}px)` }}>
                {row.getAllCells().map((cell) => {
                  switch (cell.column.id) {
                    case 'open':
                      return (
                        <td key={cell.id}>
                          <button
                            type="button"
                            className="query-open"
                            aria-label={t('query.openLabel', { document: r.documentName, text: r.hit.text.slice(0, 60) })}
                            title={t('query.open')}
                            onClick={() => onJump({ documentGuid: r.hit.documentGuid, start: r.hit.start, end: r.hit.end })}
                          >
                            <span aria-hidden="true">↗</span>
                          </button>
                        </td>
                      );
                    case 'text':
                      return (
                        <td key={cell.id} className="query-text">
                          <span className="muted">{r.context.before}</span>
                          <mark>{r.context.match}</mark>
                          <span className="muted">{r.context.after}</span>
                          {r.hit.kind === 'passage' && <span className="query-kind"> ({t('query.passage')})</span>}
                        </td>
                      );
                    default:
                      return (
                        <td key={cell.id} className={cell.column.id === 'length' ? 'n' : undefined}>
                          {String(cell.getValue() ?? '')}
                        </td>
                      );
                  }
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
