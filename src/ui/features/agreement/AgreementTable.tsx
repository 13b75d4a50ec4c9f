import {
  createColumnHelper,
  createExpandedRowModel,
  createSortedRowModel,
  rowExpandingFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ExpandedState,
  type Updater,
} from '@tanstack/react-table';
import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementReport, AgreementStats, CodeAgreement } from '../../../domain/agreement';
import { ancestors } from '../../../domain/codebook';
import type { Code, Coder, Guid } from '../../../domain/model';
import { Figure } from './Figure';
import { figureFormat } from './format';
import type { ReviewTarget } from './ReviewPanel';

/** A code pooled over the documents, with its documents as sub-rows while it is expanded. */
interface Row {
  readonly id: string;
  readonly codeGuid: Guid;
  /** null on a code's pooled row. */
  readonly documentGuid: Guid | null;
  readonly name: string;
  readonly stats: AgreementStats;
  /** On a code's pooled row: the figures of its documents. */
  readonly perDocument?: CodeAgreement['documents'];
  /**
   * Its documents as rows, only while it is expanded: 34 codes over W3's 1,200 documents are 40,800
   * rows, which the table made into rows of its own at every report (120 ms of a click on W3).
   */
  readonly documents?: readonly Row[];
}

const features = tableFeatures({
  rowSortingFeature,
  rowExpandingFeature,
  sortedRowModel: createSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();

type StatKey = keyof AgreementStats;
const COUNTS: readonly StatKey[] = ['both', 'onlyA', 'onlyB', 'neither'];
const COEFFICIENTS: readonly StatKey[] = ['percentAgreement', 'cohenKappa', 'alphaBinary'];

/** Every code collapsed: the table's state at each new report. */
const COLLAPSED: ExpandedState = {};

function rowsOf(report: AgreementReport, expanded: ExpandedState): Row[] {
  return report.codes.map((code) => ({
    id: code.guid,
    codeGuid: code.guid,
    documentGuid: null,
    name: code.name,
    stats: code.pooled,
    perDocument: code.documents,
    ...(expanded === true || expanded[code.guid]
      ? { documents: code.documents.map((d) => ({ id: `${code.guid}/${d.guid}`, codeGuid: code.guid, documentGuid: d.guid, name: d.name, stats: d })) }
      : {}),
  }));
}

/**
 * The agreement per code, pooled over the chosen documents, each expandable into its documents;
 * every column sorts. A click on a name opens that code (and document) for review. `coders`: the
 * report's. Rendered again only when a prop changes: a click elsewhere in the dialog (ticking a
 * coder, whose figures come later) leaves its hundreds of cells alone.
 */
export const AgreementTable = memo(function AgreementTable(props: {
  report: AgreementReport;
  codes: readonly Code[];
  coders: readonly Coder[];
  onReview(target: ReviewTarget): void;
}) {
  const { report, coders, onReview } = props;
  const { t, i18n } = useTranslation();
  // Which codes are expanded, for the report they were expanded in: a new report starts collapsed.
  const [expansion, setExpansion] = useState<{ readonly report: AgreementReport; readonly expanded: ExpandedState }>({ report, expanded: COLLAPSED });
  const expanded = expansion.report === report ? expansion.expanded : COLLAPSED;
  const onExpandedChange = useCallback(
    (change: Updater<ExpandedState>) =>
      setExpansion((before) => ({ report, expanded: typeof change === 'function' ? change(before.report === report ? before.expanded : COLLAPSED) : change })),
    [report],
  );
  const data = useMemo(() => rowsOf(report, expanded), [report, expanded]);
  const depth = useMemo(() => new Map(props.codes.map((c) => [c.guid, ancestors(props.codes, c.guid).length])), [props.codes]);
  const pair = coders.length === 2;
  const columns = useMemo(() => {
    const undefinedText = t('agreement.undefined');
    const number = figureFormat(i18n.language, 3);
    const percent = figureFormat(i18n.language, 1);
    const stat = (key: StatKey) =>
      helper.accessor((row) => row.stats[key] ?? undefined, {
        id: key,
        header: t(`agreement.table.${key === 'both' && !pair ? 'all' : key}`),
        sortUndefined: 'last',
        sortDescFirst: true,
        cell: (info) => (
          <Figure value={info.getValue() ?? null} format={(v) => (key === 'percentAgreement' ? `${percent.format(v)}%` : number.format(v))} undefinedText={undefinedText} />
        ),
      });
    return helper.columns([
      helper.accessor('name', { id: 'name', header: t('agreement.table.code'), sortFn: 'alphanumeric', cell: () => null }),
      ...COUNTS.map(stat),
      ...COEFFICIENTS.map(stat),
    ]);
  }, [t, i18n.language, pair]);

  const table = useTable({
    features,
    columns,
    data,
    getRowId: (row) => row.id,
    getSubRows: (row) => row.documents,
    getRowCanExpand: (row) => (row.original.perDocument?.length ?? 0) > 0,
    state: { expanded },
    onExpandedChange,
    // Expanding a code changes the rows (its documents are added): that must not collapse it again.
    autoResetExpanded: false,
  });

  // Codes are indented as in the codebook while the table keeps the codebook order.
  const unsorted = table.state.sorting.length === 0;

  return (
    <div className="agreement-table-wrap">
      <table className="agreement-table">
        <caption>
          {t('agreement.table.caption')}{' '}
          <span className="muted">
            {coders.length >= 2 ? t('agreement.table.legend', { a: coders[0]?.name ?? '', b: coders[1]?.name ?? '' }) : ''}
          </span>
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    <button type="button" className="agreement-sort" onClick={header.column.getToggleSortingHandler()}>
                      <table.FlexRender header={header} />
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const { original } = row;
            const pooled = original.documentGuid === null;
            return (
              <tr key={row.id} className={pooled ? 'agreement-code-row' : 'agreement-document-row'}>
                {row.getAllCells().map((cell) =>
                  cell.column.id === 'name' ? (
                    <th key={cell.id} scope="row" style={unsorted ? { paddingLeft: `${(pooled ? 0.5 : 2.2) + (depth.get(original.codeGuid) ?? 0)}rem` } : undefined}>
                      {pooled ? (
                        <button
                          type="button"
                          className="agreement-expand"
                          aria-expanded={row.getIsExpanded()}
                          aria-label={t('agreement.table.expand', { code: original.name })}
                          onClick={() => row.toggleExpanded()}
                          disabled={!row.getCanExpand()}
                        >
                          <span aria-hidden="true">{row.getIsExpanded() ? '▾' : '▸'}</span>
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="link-button"
                        title={t('agreement.table.review')}
                        onClick={() =>
                          onReview({ codeGuid: original.codeGuid, documentGuid: original.documentGuid ?? reviewDocument(original) })
                        }
                      >
                        {original.name}
                      </button>
                      {pooled && <span className="muted"> ({t('agreement.table.pooled')})</span>}
                    </th>
                  ) : (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint agreement-explain">{t('agreement.table.explain')}</p>
    </div>
  );
});

/** For a code's pooled row: its document where the first two coders differ most. */
function reviewDocument(row: Row): Guid {
  const documents = [...(row.perDocument ?? [])].sort((a, b) => b.onlyA + b.onlyB - (a.onlyA + a.onlyB));
  return documents[0]?.guid ?? '';
}
