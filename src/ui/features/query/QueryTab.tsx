import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, filteredDocuments, type AnalysisFilter } from '../../../domain/analysis/filter';
import { describeQuery, runQuery } from '../../../domain/analysis/query';
import { variableList } from '../../../domain/variables';
import { toCsv, toXlsx } from '../../../io/tables';
import { useNotify } from '../../shell/notify';
import { FilterBar } from '../analysis/FilterBar';
import type { AnalysisTabProps } from '../analysis/types';
import { downloadBytes } from '../bundles/download';
import { emptyQuery, groupExpr, type BuilderGroup } from './builder';
import { CitationField } from './CitationField';
import { QueryBuilder } from './QueryBuilder';
import { QueryResults, useResultTable } from './QueryResults';
import { resultRows, resultTable } from './result-rows';
import './query.css';

/** A file name without characters that file systems refuse. */
const fileSafe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'markeer';

/**
 * Queries on codes: lines of codes joined by AND, OR, AND NOT and OVERLAPS (in groups where the
 * order matters), restricted by the shared filter; the results with context and citation,
 * sortable, each opening its passage; exports to CSV and XLSX in the order shown.
 */
export default function QueryTab({ data, onJump }: AnalysisTabProps) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const id = useId();
  const [query, setQuery] = useState<BuilderGroup>(emptyQuery);
  const [withDescendants, setWithDescendants] = useState(true);
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  /** The variable shown (and sortable) as a column of its own; the citation shows the others. */
  const [variableColumn, setVariableColumn] = useState('');

  const variables = useMemo(() => variableList(data.project.guid, data.variables, data.documents), [data]);
  const variableNames = useMemo(() => variables.map((v) => v.name), [variables]);
  const expr = useMemo(() => groupExpr(query, withDescendants), [query, withDescendants]);
  const deferredExpr = useDeferredValue(expr);
  const deferredFilter = useDeferredValue(filter);
  const outcome = useMemo(() => (deferredExpr ? runQuery(data, deferredExpr, deferredFilter) : null), [data, deferredExpr, deferredFilter]);
  const rows = useMemo(() => (outcome?.ok ? resultRows(data, outcome.value) : []), [data, outcome]);
  const shownVariables = useMemo(() => variables.filter((v) => v.name === variableColumn), [variables, variableColumn]);
  const table = useResultTable(rows, shownVariables);
  const codeName = (guid: string) => data.codes.find((c) => c.guid === guid)?.name ?? '?';
  // Whether sub-codes count is the checkbox above, for every line alike: not repeated per code.
  const words = { and: t('query.words.and'), or: t('query.words.or'), not: t('query.words.not'), overlaps: t('query.words.overlaps'), withDescendants: '' };
  const example = rows[0] ? data.documents.find((d) => d.guid === rows[0]?.hit.documentGuid) : filteredDocuments(data, filter)[0];

  const exportAs = async (format: 'csv' | 'xlsx') => {
    const sheet = resultTable(
      table.getRowModel().rows.map((r) => r.original),
      {
        document: t('query.column.document'),
        citation: t('query.column.citation'),
        codes: t('query.column.codes'),
        coder: t('query.column.coder'),
        start: t('query.column.start'),
        end: t('query.column.end'),
        text: t('query.column.text'),
      },
      t('query.sheet'),
    );
    const file = `${fileSafe(data.project.name)}-${t('query.fileName')}.${format}`;
    try {
      if (format === 'csv') downloadBytes(new TextEncoder().encode(toCsv(sheet)), file, 'text/csv;charset=utf-8');
      else downloadBytes(new Uint8Array(await (await toXlsx([sheet])).arrayBuffer()), file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      notify('info', t('query.exported', { file }));
    } catch (e) {
      notify('error', t('query.exportFailed', { detail: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div className="query-tab">
      <h2 className="visually-hidden">{t('query.title')}</h2>
      <fieldset className="query-builder" aria-describedby={`${id}-precedence`}>
        <legend>{t('query.builder')}</legend>
        <p id={`${id}-precedence`} className="hint">
          {t('query.precedence')}
        </p>
        <QueryBuilder codes={data.codes} value={query} onChange={setQuery} />
        <label className="query-descendants">
          <input type="checkbox" checked={withDescendants} onChange={(e) => setWithDescendants(e.target.checked)} /> {t('query.withDescendants')}
        </label>
        <p className="query-reads" aria-live="polite">
          {expr ? (
            <>
              <span className="muted">{t('query.reads')}</span> <strong>{describeQuery(expr, codeName, words)}</strong>
            </>
          ) : (
            <span className="muted">{t('query.incomplete')}</span>
          )}
        </p>
      </fieldset>

      <FilterBar data={data} value={filter} onChange={setFilter} />
      <CitationField saved={data.project.citationTemplate ?? ''} variableNames={variableNames} example={example} />

      {outcome && !outcome.ok && (
        <p className="query-problem" role="alert">
          {t(`query.problem.${outcome.reason}`, { detail: outcome.detail ?? '' })}
        </p>
      )}
      <div className="query-actions">
        <p className="query-count" role="status">
          {expr ? t('query.count', { count: rows.length }) : ''}
        </p>
        {variables.length > 0 && (
          <label className="query-variable-column">
            {t('query.variableColumn')}{' '}
            <select value={variableColumn} onChange={(e) => setVariableColumn(e.target.value)}>
              <option value="">{t('query.noVariableColumn')}</option>
              {variables.map((v) => (
                <option key={v.guid} value={v.name}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" disabled={rows.length === 0} onClick={() => void exportAs('csv')}>
          {t('query.exportCsv')}
        </button>
        <button type="button" disabled={rows.length === 0} onClick={() => void exportAs('xlsx')}>
          {t('query.exportXlsx')}
        </button>
      </div>
      {rows.length > 0 && <QueryResults table={table} onJump={onJump} />}
    </div>
  );
}
