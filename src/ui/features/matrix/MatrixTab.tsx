import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, type AnalysisFilter } from '../../../domain/analysis/filter';
import {
  cellSegments,
  computeCooccurrence,
  computeMatrix,
  cooccurrenceAt,
  cooccurrenceSegments,
  quotationMatrix,
  type CooccurrenceOptions,
  type MatrixColumns,
  type MatrixCount,
} from '../../../domain/analysis/matrix';
import type { Guid, Segment } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { variableList } from '../../../domain/variables';
import { quotationMatrixHtml } from '../../../io/reports/matrix-html';
import { toCsv, toXlsx, type TableData } from '../../../io/tables';
import { useNotify } from '../../shell/notify';
import { FilterBar } from '../analysis/FilterBar';
import { useLensLine } from '../project/lens';
import type { AnalysisTabProps } from '../analysis/types';
import { downloadBytes } from '../bundles/download';
import { CountGrid, treeRows, type GridColumn } from './CountGrid';
import { cooccurrenceCsvTable, cooccurrenceTables, matrixTable, quotationTable } from './matrix-export';
import { QuotationsDialog, type QuotationItem } from './QuotationsDialog';
import { QuotationView } from './QuotationView';
import './matrix.css';
import { citation } from '../../../domain/analysis/citation';

type View = 'counts' | 'quotations' | 'cooccurrence';
const VIEWS: readonly View[] = ['counts', 'quotations', 'cooccurrence'];
const COUNTS: readonly MatrixCount[] = ['segments', 'documents', 'words'];

/** "documents", "groups" or "variable:NAME" as the domain's column choice. */
function columnsOf(choice: string): MatrixColumns {
  if (choice.startsWith('variable:')) return { kind: 'variable', name: choice.slice('variable:'.length) };
  return { kind: choice === 'groups' ? 'groups' : 'documents' };
}

/** A file name from a title: characters file systems refuse become spaces. */
function fileName(title: string, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'matrix';
  return `${base}.${extension}`;
}

/**
 * Matrices: codes against documents, groups or the values of a variable (counts), the same with
 * the quotations in the cells (the within-case matrix), and codes against codes (co-occurrence),
 * each under the shared filter; cells open their quotations; exports to CSV, XLSX and HTML.
 */
export default function MatrixTab({ data, onJump }: AnalysisTabProps) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const lensLine = useLensLine();
  const ids = { view: useId(), columns: useId(), count: useId(), split: useId(), splitKey: useId(), keys: useId() };
  const [view, setView] = useState<View>('counts');
  const [columnChoice, setColumnChoice] = useState('documents');
  const [count, setCount] = useState<MatrixCount>('segments');
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [splitBy, setSplitBy] = useState('');
  const [splitKey, setSplitKey] = useState('');
  const [rollUp, setRollUp] = useState(true);
  const [acrossCoders, setAcrossCoders] = useState(false);
  const [skipEmpty, setSkipEmpty] = useState(true);
  const [opened, setOpened] = useState<{ title: string; items: QuotationItem[] } | null>(null);

  const variables = useMemo(() => variableList(data.project.guid, data.variables, data.documents), [data]);
  // A variable removed elsewhere: back to documents (and no split).
  const choice = columnChoice.startsWith('variable:') && !variables.some((v) => `variable:${v.name}` === columnChoice) ? 'documents' : columnChoice;
  const split = splitBy !== '' && variables.some((v) => v.name === splitBy) ? splitBy : '';
  const columns = useMemo(() => columnsOf(choice), [choice]);

  // Heavy work follows the controls a moment later, so that typing and clicking stay quick.
  const inputs = useMemo(() => ({ data, view, columns, count, filter, split, rollUp, acrossCoders }), [data, view, columns, count, filter, split, rollUp, acrossCoders]);
  const deferred = useDeferredValue(inputs);
  const coderNames = useMemo(() => new Map(data.coders.map((c) => [c.guid, c.name])), [data]);
  const noValue = t('matrix.noValue');
  const columnLabel = useCallback((key: string, label: string) => (columns.kind === 'variable' && key === '' ? noValue : label), [columns, noValue]);
  const columnsName = choice === 'documents' ? t('matrix.columns.documents') : choice === 'groups' ? t('matrix.columns.groups') : choice.slice('variable:'.length);

  const result = useMemo(() => {
    const d = deferred;
    try {
      if (d.view === 'counts') return { kind: 'counts' as const, matrix: computeMatrix(d.data, { columns: d.columns, count: d.count, filter: d.filter }) };
      if (d.view === 'quotations') return { kind: 'quotations' as const, matrix: quotationMatrix(d.data, { columns: d.columns, filter: d.filter }) };
      const options: CooccurrenceOptions = { filter: d.filter, rollUp: d.rollUp, acrossCoders: d.acrossCoders, ...(d.split ? { splitBy: d.split } : {}) };
      return { kind: 'cooccurrence' as const, matrix: computeCooccurrence(d.data, options), options };
    } catch (e) {
      return { kind: 'error' as const, reason: e instanceof Error ? e.message : String(e) };
    }
  }, [deferred]);

  // Benchmarks and tests: the computed matrix is on screen (a frame, then a task after it).
  const current = deferred === inputs;
  useEffect(() => {
    if (current && result.kind !== 'error') markMatrixReady(result.kind);
  }, [current, result]);

  const quotationItems = useCallback(
    (segments: readonly Segment[]): QuotationItem[] => {
      const docs = new Map(data.documents.map((x) => [x.guid, x]));
      return segments.map((s) => {
        const doc = docs.get(s.documentGuid);
        return {
          segmentGuid: s.guid,
          documentGuid: s.documentGuid,
          documentName: doc?.name ?? '',
          coderName: coderNames.get(s.coderGuid) ?? '?',
          citation: doc ? citation(data.project.citationTemplate, doc, data.variables.map((v) => v.name)) : '',
          start: s.start,
          end: s.end,
          text: s.text,
        };
      });
    },
    [data, coderNames],
  );
  const codeName = useCallback((guid: Guid) => data.codes.find((c) => c.guid === guid)?.name ?? '', [data]);

  const exportLabels = (name: string) => ({
    name,
    code: t('matrix.code'),
    path: t('matrix.path'),
    total: t('matrix.total'),
    column: (key: string, label: string, documents: number) =>
      count === 'documents' && view === 'counts' && columns.kind !== 'documents' ? `${columnLabel(key, label)} (${t('matrix.documentsInColumn', { count: documents })})` : columnLabel(key, label),
  });

  const save = async (format: 'csv' | 'xlsx' | 'html') => {
    try {
      const project = data.project.name;
      if (result.kind === 'error') return;
      const title =
        result.kind === 'counts'
          ? t('matrix.export.fileCounts', { project })
          : result.kind === 'quotations'
            ? t('matrix.export.fileQuotations', { project })
            : t('matrix.export.fileCooccurrence', { project });
      const sheet = t(`matrix.view.${result.kind}`);
      let tables: TableData[];
      if (format === 'html') {
        if (result.kind !== 'quotations') return;
        const html = quotationMatrixHtml(
          result.matrix,
          {
            title: t('matrix.html.title', { project }),
            subtitle: [lensLine, describeFilter(data, filter, t), `${t('matrix.columns.label')}: ${columnsName}`, t('matrix.html.made', { date: new Date().toLocaleDateString(i18n.language) })],
            code: t('matrix.code'),
            lang: i18n.language,
            columnLabel,
            coderName: (g) => coderNames.get(g),
          },
          { skipEmpty },
        );
        downloadBytes(new TextEncoder().encode(html), fileName(title, 'html'), 'text/html;charset=utf-8');
        notify('info', fileName(title, 'html'));
        return;
      }
      if (result.kind === 'counts') tables = [matrixTable(result.matrix, exportLabels(sheet))];
      else if (result.kind === 'quotations') tables = [quotationTable(result.matrix, exportLabels(sheet))];
      else {
        const labels = { ...exportLabels(sheet), split: (key: string, label: string) => (key === '' ? noValue : label), splitHeader: split };
        tables = format === 'csv' ? [cooccurrenceCsvTable(result.matrix, labels)] : cooccurrenceTables(result.matrix, labels);
      }
      if (format === 'csv') {
        const first = tables[0];
        if (!first) return;
        downloadBytes(new TextEncoder().encode(toCsv(first)), fileName(title, 'csv'), 'text/csv;charset=utf-8');
        notify('info', fileName(title, 'csv'));
      } else {
        const blob = await toXlsx(tables);
        downloadBytes(new Uint8Array(await blob.arrayBuffer()), fileName(title, 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        notify('info', fileName(title, 'xlsx'));
      }
    } catch (e) {
      notify('error', t('matrix.export.failed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  const openCell = useCallback(
    (codeGuid: Guid, columnKey: string) => {
      const column = result.kind === 'counts' ? result.matrix.columns.find((c) => c.key === columnKey) : undefined;
      const segments = cellSegments(data, { columns, filter }, codeGuid, columnKey);
      setOpened({ title: t('matrix.quotes.title', { code: codeName(codeGuid), column: columnLabel(columnKey, column?.label ?? columnKey) }), items: quotationItems(segments) });
    },
    [data, columns, filter, result, t, codeName, columnLabel, quotationItems],
  );
  const openPair = useCallback(
    (options: CooccurrenceOptions, a: Guid, b: Guid) => {
      const segments = cooccurrenceSegments(data, options, a, b, splitKey);
      const title = t('matrix.quotes.title', { code: codeName(a), column: codeName(b) });
      setOpened({ title, items: quotationItems(segments) });
    },
    [data, splitKey, t, codeName, quotationItems],
  );

  return (
    <div className="matrix-tab">
      <h2 className="visually-hidden">{t('matrix.title')}</h2>
      <div className="matrix-controls">
        <label htmlFor={ids.view}>{t('matrix.view.label')}</label>
        <select id={ids.view} value={view} onChange={(e) => setView(e.target.value as View)}>
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`matrix.view.${v}`)}
            </option>
          ))}
        </select>
        {view !== 'cooccurrence' && (
          <>
            <label htmlFor={ids.columns}>{t('matrix.columns.label')}</label>
            <select id={ids.columns} value={choice} onChange={(e) => setColumnChoice(e.target.value)}>
              <option value="documents">{t('matrix.columns.documents')}</option>
              <option value="groups">{t('matrix.columns.groups')}</option>
              {variables.map((v) => (
                <option key={v.guid} value={`variable:${v.name}`}>
                  {t('matrix.columns.variable', { name: v.name })}
                </option>
              ))}
            </select>
          </>
        )}
        {view === 'counts' && (
          <>
            <label htmlFor={ids.count}>{t('matrix.count.label')}</label>
            <select id={ids.count} value={count} onChange={(e) => setCount(e.target.value as MatrixCount)}>
              {COUNTS.map((c) => (
                <option key={c} value={c}>
                  {t(`matrix.count.${c}`)}
                </option>
              ))}
            </select>
          </>
        )}
        {view === 'cooccurrence' && (
          <>
            <label htmlFor={ids.split}>{t('matrix.split.label')}</label>
            <select
              id={ids.split}
              value={split}
              onChange={(e) => {
                setSplitBy(e.target.value);
                setSplitKey('');
              }}
            >
              <option value="">{t('matrix.split.none')}</option>
              {variables.map((v) => (
                <option key={v.guid} value={v.name}>
                  {v.name}
                </option>
              ))}
            </select>
            <label className="matrix-check">
              <input type="checkbox" checked={rollUp} onChange={(e) => setRollUp(e.target.checked)} /> {t('matrix.rollUp')}
            </label>
            <label className="matrix-check">
              <input type="checkbox" checked={acrossCoders} onChange={(e) => setAcrossCoders(e.target.checked)} /> {t('matrix.acrossCoders')}
            </label>
          </>
        )}
        {view === 'quotations' && (
          <label className="matrix-check">
            <input type="checkbox" checked={skipEmpty} onChange={(e) => setSkipEmpty(e.target.checked)} /> {t('matrix.skipEmpty')}
          </label>
        )}
      </div>
      <FilterBar data={data} value={filter} onChange={setFilter} />
      <div className="matrix-actions" role="group" aria-label={t('matrix.export.label')}>
        <span className="muted">{t('matrix.export.label')}:</span>
        <button type="button" onClick={() => void save('csv')} disabled={result.kind === 'error'}>
          {t('matrix.export.csv')}
        </button>
        <button type="button" onClick={() => void save('xlsx')} disabled={result.kind === 'error'}>
          {t('matrix.export.xlsx')}
        </button>
        {view === 'quotations' && (
          <button type="button" onClick={() => void save('html')} disabled={result.kind !== 'quotations'}>
            {t('matrix.export.html')}
          </button>
        )}
      </div>
      {result.kind === 'error' ? (
        <p role="alert">{t('matrix.error', { reason: result.reason })}</p>
      ) : data.codes.length === 0 ? (
        <p className="muted">{t('matrix.empty.codes')}</p>
      ) : result.kind === 'counts' ? (
        <CountsView
          matrix={result.matrix}
          count={deferred.count}
          columnsKind={deferred.columns.kind}
          label={t('matrix.grid.counts', { columns: columnsName, count: t(`matrix.count.${deferred.count}`) })}
          columnLabel={columnLabel}
          onOpen={openCell}
          keysId={ids.keys}
        />
      ) : result.kind === 'quotations' ? (
        result.matrix.columns.length === 0 ? (
          <p className="muted">{t(deferred.columns.kind === 'groups' && data.groups.length === 0 ? 'matrix.empty.groups' : 'matrix.empty.documents')}</p>
        ) : (
          <QuotationView
            matrix={result.matrix}
            label={t('matrix.grid.quotations', { columns: columnsName })}
            skipEmpty={skipEmpty}
            columnLabel={columnLabel}
            coderName={(g) => coderNames.get(g) ?? '?'}
            onJump={onJump}
          />
        )
      ) : (
        <>
          {result.matrix.splits.length > 1 || result.options.splitBy !== undefined ? (
            <div className="matrix-controls">
              <label htmlFor={ids.splitKey}>{t('matrix.split.table')}</label>
              <select id={ids.splitKey} value={result.matrix.splits.some((s) => s.key === splitKey) ? splitKey : (result.matrix.splits[0]?.key ?? '')} onChange={(e) => setSplitKey(e.target.value)}>
                {result.matrix.splits.map((s) => (
                  <option key={s.key} value={s.key}>
                    {`${s.key === '' ? noValue : s.label} (${t('matrix.documentsInColumn', { count: s.documents })})`}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <p className="muted matrix-explain">{t('matrix.explain.cooccurrence')}</p>
          <CooccurrenceView
            result={result}
            splitKey={result.matrix.splits.some((s) => s.key === splitKey) ? splitKey : (result.matrix.splits[0]?.key ?? '')}
            label={t('matrix.grid.cooccurrence')}
            onOpen={openPair}
            keysId={ids.keys}
          />
        </>
      )}
      <QuotationsDialog title={opened?.title ?? null} items={opened?.items ?? []} onJump={onJump} onClose={() => setOpened(null)} />
    </div>
  );
}

function CountsView(props: {
  matrix: ReturnType<typeof computeMatrix>;
  count: MatrixCount;
  columnsKind: MatrixColumns['kind'];
  label: string;
  columnLabel: (key: string, label: string) => string;
  onOpen: (codeGuid: Guid, columnKey: string) => void;
  keysId: string;
}) {
  const { t, i18n } = useTranslation();
  const { matrix, count, columnsKind, columnLabel } = props;
  const rows = useMemo(() => treeRows(matrix.rows), [matrix]);
  const cells = useMemo(() => new Map(matrix.rows.map((r) => [r.codeGuid, r.cells])), [matrix]);
  const sizes = useMemo(() => new Map(matrix.columns.map((c) => [c.key, c.documents])), [matrix]);
  const columns: GridColumn[] = useMemo(
    () =>
      matrix.columns.map((c) => ({
        key: c.key,
        label: columnLabel(c.key, c.label),
        ...(columnsKind !== 'documents' ? { title: t('matrix.documentsInColumn', { count: c.documents }) } : {}),
      })),
    [matrix, columnLabel, columnsKind, t],
  );
  const value = useCallback((row: Guid, key: string) => cells.get(row)?.[key] ?? 0, [cells]);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const nOfN = count === 'documents' && columnsKind !== 'documents';
  const format = useCallback(
    (n: number, key: string) => (nOfN ? t('matrix.nOfN', { n: number.format(n), total: number.format(sizes.get(key) ?? 0) }) : n === 0 ? '·' : number.format(n)),
    [nOfN, t, number, sizes],
  );
  const describe = useCallback((n: number, key: string) => (nOfN ? t('matrix.nOfN', { n, total: sizes.get(key) ?? 0 }) : String(n)), [nOfN, t, sizes]);
  if (matrix.columns.length === 0) return <p className="muted">{t(columnsKind === 'groups' ? 'matrix.empty.groups' : 'matrix.empty.documents')}</p>;
  return (
    <>
      <p className="muted matrix-explain" id={props.keysId}>
        {t(`matrix.explain.${count}`)} {t('matrix.grid.keys')}
      </p>
      <CountGrid label={props.label} rows={rows} columns={columns} value={value} format={format} describe={describe} onOpen={props.onOpen} firstHeader={t('matrix.code')} />
    </>
  );
}

function CooccurrenceView(props: {
  result: { matrix: ReturnType<typeof computeCooccurrence>; options: CooccurrenceOptions };
  splitKey: string;
  label: string;
  onOpen: (options: CooccurrenceOptions, a: Guid, b: Guid) => void;
  keysId: string;
}) {
  const { t, i18n } = useTranslation();
  const { matrix, options } = props.result;
  const rows = useMemo(() => treeRows(matrix.codes), [matrix]);
  const columns: GridColumn[] = useMemo(() => matrix.codes.map((c) => ({ key: c.codeGuid, label: c.name })), [matrix]);
  const value = useCallback((a: Guid, b: string) => cooccurrenceAt(matrix, props.splitKey, a, b), [matrix, props.splitKey]);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const format = useCallback((n: number) => (n === 0 ? '·' : number.format(n)), [number]);
  const onOpen = props.onOpen;
  const open = useCallback((a: Guid, b: string) => onOpen(options, a, b), [onOpen, options]);
  return (
    <>
      <p className="muted matrix-explain" id={props.keysId}>
        {t('matrix.grid.keys')}
      </p>
      <CountGrid label={props.label} rows={rows} columns={columns} value={value} format={format} describe={(n) => String(n)} onOpen={open} firstHeader={t('matrix.code')} />
    </>
  );
}

/** Marks (User Timing) the first moment after the frame that shows a computed matrix. */
function markMatrixReady(view: string): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => setTimeout(() => performance.mark('markeer:matrix-ready', { detail: { view } }), 0));
}

/** The filter in words, for the heading of an exported report. */
function describeFilter(data: ProjectData, filter: AnalysisFilter, t: ReturnType<typeof useTranslation>['t']): string {
  const parts: string[] = [];
  if (filter.coderGuids.length > 0) parts.push(t('matrix.html.coders', { names: data.coders.filter((c) => filter.coderGuids.includes(c.guid)).map((c) => c.name).join(', ') }));
  if (filter.groupGuids.length > 0) parts.push(t('matrix.html.groups', { names: data.groups.filter((g) => filter.groupGuids.includes(g.guid)).map((g) => g.name).join(', ') }));
  for (const c of filter.variables) if (c.values.length > 0) parts.push(`${c.name} = ${c.values.join(' / ')}`);
  if (filter.documentGuids) parts.push(data.documents.filter((d) => filter.documentGuids?.includes(d.guid)).map((d) => d.name).join(', '));
  return parts.length > 0 ? t('matrix.html.filter', { filter: parts.join('; ') }) : t('matrix.html.noFilter');
}
