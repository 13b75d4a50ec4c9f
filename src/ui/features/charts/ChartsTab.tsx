import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, filteredDocuments, type AnalysisFilter } from '../../../domain/analysis/filter';
import { computeCooccurrence, computeMatrix, MatrixError, type MatrixColumns, type MatrixCount } from '../../../domain/analysis/matrix';
import { flattenTree } from '../../../domain/codebook';
import type { ProjectData } from '../../../domain/project-data';
import { documentValue, variableList, variableValues } from '../../../domain/variables';
import { FilterBar } from '../analysis/FilterBar';
import type { AnalysisTabProps } from '../analysis/types';
import {
  barChartFromMatrix,
  chosenCodes,
  hasBars,
  heatmapFromCooccurrence,
  largestBar,
  largestPair,
  parentCodes,
  type BarChartData,
  type CodeChoice,
  type HeatmapData,
} from './chart-data';
import type { ChartTableProps } from './ChartTable';
import { ChartView, type ChartSpec } from './ChartView';
import type { BarLayout } from './draw';
import './charts.css';

type Kind = 'bars' | 'heatmap';
const COUNTS: readonly MatrixCount[] = ['segments', 'documents', 'words'];

/** "groups", "documents" or "variable:NAME": the value of the "By" choice. */
type AcrossKey = string;

function acrossColumns(key: AcrossKey): MatrixColumns {
  if (key === 'groups' || key === 'documents') return { kind: key };
  return { kind: 'variable', name: key.slice('variable:'.length) };
}

function defaultAcross(data: ProjectData, variableNames: readonly string[]): AcrossKey {
  if (data.groups.length > 0) return 'groups';
  const first = variableNames[0];
  return first === undefined ? 'documents' : `variable:${first}`;
}

function choiceKey(choice: CodeChoice): string {
  return choice.kind === 'children' ? `children:${choice.parentGuid}` : choice.kind;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Code frequencies as bars and code co-occurrence as a heat map, over the shared filter. */
export default function ChartsTab({ data }: AnalysisTabProps) {
  const { t } = useTranslation();
  const ids = useId();
  const [kind, setKind] = useState<Kind>('bars');
  const [choice, setChoice] = useState<CodeChoice>({ kind: 'top' });
  const [acrossState, setAcross] = useState<AcrossKey | null>(null);
  const [count, setCount] = useState<MatrixCount>('segments');
  const [layout, setLayout] = useState<BarLayout>('grouped');
  const [rollUp, setRollUp] = useState(true);
  const [split, setSplit] = useState<{ name: string; value: string } | null>(null);
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);

  const variables = useMemo(() => variableList(data.project.guid, data.variables, data.documents), [data]);
  const parents = useMemo(() => parentCodes(data.codes), [data.codes]);
  const tree = useMemo(() => flattenTree(data.codes), [data.codes]);
  const splitOptions = useMemo(
    () =>
      variables.map((v) => ({
        name: v.name,
        values: [...variableValues(v, data.documents), ...(data.documents.some((d) => documentValue(d, v.name) === '') ? [''] : [])],
      })),
    [variables, data.documents],
  );

  const acrossKeys: AcrossKey[] = [...(data.groups.length > 0 ? ['groups'] : []), ...variables.map((v) => `variable:${v.name}`), 'documents'];
  const across = acrossState !== null && acrossKeys.includes(acrossState) ? acrossState : defaultAcross(data, variables.map((v) => v.name));
  const acrossName = (key: AcrossKey) => (key === 'groups' ? t('charts.across.groups') : key === 'documents' ? t('charts.across.documents') : key.slice('variable:'.length));
  const validChoice = useMemo((): CodeChoice => (choice.kind === 'children' && !parents.some((p) => p.code.guid === choice.parentGuid) ? { kind: 'top' } : choice), [choice, parents]);
  const codes = useMemo(() => chosenCodes(data.codes, validChoice), [data.codes, validChoice]);
  const activeSplit = split && splitOptions.some((o) => o.name === split.name && o.values.includes(split.value)) ? split : null;
  const noDocuments = useMemo(() => filteredDocuments(data, filter).length === 0, [data, filter]);
  const splitLabel = (value: string) => (value === '' ? t('charts.noValue') : value);

  const bars = useMemo((): Outcome<BarChartData> | null => {
    if (kind !== 'bars') return null;
    try {
      const matrix = computeMatrix(data, { columns: acrossColumns(across), count, filter });
      const variable = across.startsWith('variable:');
      return { ok: true, value: barChartFromMatrix(matrix, codes, (c) => (variable && c.key === '' ? t('charts.noValue') : c.label)) };
    } catch (e) {
      if (e instanceof MatrixError) return { ok: false, message: e.subject };
      throw e;
    }
  }, [kind, data, across, count, filter, codes, t]);

  const heatmap = useMemo((): Outcome<HeatmapData> | null => {
    if (kind !== 'heatmap') return null;
    try {
      const m = computeCooccurrence(data, { filter, rollUp, ...(activeSplit ? { splitBy: activeSplit.name } : {}) });
      return { ok: true, value: heatmapFromCooccurrence(m, activeSplit ? activeSplit.value : '', codes) };
    } catch (e) {
      if (e instanceof MatrixError) return { ok: false, message: e.subject };
      throw e;
    }
  }, [kind, data, filter, rollUp, activeSplit, codes]);

  const acrossLabel = acrossName(across);
  const chart = useMemo((): { spec: ChartSpec; title: string; description: string; table: ChartTableProps } | { empty: string } => {
    if (codes.length === 0) return { empty: t('charts.empty.noCodes') };
    if (noDocuments) return { empty: t('charts.empty.noDocuments') };
    if (bars) {
      if (!bars.ok) return { empty: t('charts.empty.error', { reason: bars.message }) };
      const d = bars.value;
      if (across === 'groups' && d.categories.length === 0) return { empty: t('charts.empty.noGroups') };
      if (!hasBars(d)) return { empty: t('charts.empty.nothing') };
      const title = t(`charts.title.bars.${count}`, { across: acrossLabel });
      const top = largestBar(d);
      const description = [
        t('charts.summary.bars', { count: d.series.length, across: acrossLabel, columns: d.categories.length }),
        top ? t('charts.summary.largest', { code: top.series.label, category: top.category.label, value: top.value }) : '',
      ].join(' ');
      return {
        spec: { kind: 'bars', data: d, layout, valueLabel: t(`charts.axis.${count}`) },
        title,
        description,
        table: {
          caption: title,
          rowHeader: t('charts.table.code'),
          columns: d.categories,
          rows: d.series.map((s) => ({ key: s.key, label: s.label, values: d.categories.map((c) => d.values[s.key]?.[c.key] ?? 0) })),
        },
      };
    }
    if (heatmap) {
      if (!heatmap.ok) return { empty: t('charts.empty.error', { reason: heatmap.message }) };
      const d = heatmap.value;
      if (!d.codes.some((a) => (d.values[a.key]?.[a.key] ?? 0) > 0)) return { empty: t('charts.empty.nothing') };
      const title = activeSplit
        ? t('charts.title.heatmapFor', { name: activeSplit.name, value: activeSplit.value === '' ? t('charts.noValue') : activeSplit.value })
        : t('charts.title.heatmap');
      const pair = largestPair(d);
      const description = [
        t('charts.summary.heatmap', { count: d.codes.length }),
        pair ? t('charts.summary.pair', { a: pair.a.label, b: pair.b.label, value: pair.value }) : t('charts.summary.noPair'),
      ].join(' ');
      return {
        spec: { kind: 'heatmap', data: d, rampLabel: t('charts.legend.heatmap'), diagonalLabel: t('charts.legend.diagonal') },
        title,
        description,
        table: {
          caption: title,
          rowHeader: t('charts.table.code'),
          columns: d.codes,
          rows: d.codes.map((a) => ({ key: a.key, label: a.label, values: d.codes.map((b) => d.values[a.key]?.[b.key] ?? 0) })),
        },
      };
    }
    return { empty: t('charts.empty.nothing') };
  }, [codes, noDocuments, bars, heatmap, across, acrossLabel, count, layout, activeSplit, t]);

  const id = (name: string) => `${ids}-${name}`;
  const pickedGuids = validChoice.kind === 'pick' ? validChoice.codeGuids : [];
  const togglePick = (guid: string) =>
    setChoice({ kind: 'pick', codeGuids: pickedGuids.includes(guid) ? pickedGuids.filter((g) => g !== guid) : [...pickedGuids, guid] });

  return (
    <div className="charts">
      <h2 className="visually-hidden">{t('charts.heading')}</h2>
      <div className="chart-settings" role="group" aria-label={t('charts.settings')}>
        <div className="chart-field">
          <label htmlFor={id('kind')}>{t('charts.kind.label')}</label>
          <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="bars">{t('charts.kind.bars')}</option>
            <option value="heatmap">{t('charts.kind.heatmap')}</option>
          </select>
        </div>
        <div className="chart-field">
          <label htmlFor={id('codes')}>{t('charts.codes.label')}</label>
          <select
            id={id('codes')}
            value={choiceKey(validChoice)}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'top') setChoice({ kind: 'top' });
              else if (v === 'pick') setChoice({ kind: 'pick', codeGuids: codes.map((c) => c.guid) });
              else setChoice({ kind: 'children', parentGuid: v.slice('children:'.length) });
            }}
          >
            <option value="top">{t('charts.codes.top')}</option>
            {parents.map((p) => (
              <option key={p.code.guid} value={`children:${p.code.guid}`}>
                {'\u00a0\u00a0'.repeat(p.depth)}
                {t('charts.codes.children', { name: p.code.name })}
              </option>
            ))}
            <option value="pick">{t('charts.codes.pick')}</option>
          </select>
        </div>
        {validChoice.kind === 'pick' && (
          <details className="chart-pick">
            <summary>{t('charts.codes.picked', { count: pickedGuids.length })}</summary>
            <fieldset>
              <legend className="visually-hidden">{t('charts.codes.pickLegend')}</legend>
              {tree.map((r) => (
                <label key={r.code.guid} style={{ paddingInlineStart: `${r.depth * 1.2}em` }}>
                  <input type="checkbox" checked={pickedGuids.includes(r.code.guid)} onChange={() => togglePick(r.code.guid)} /> {r.code.name}
                </label>
              ))}
            </fieldset>
          </details>
        )}
        {kind === 'bars' ? (
          <>
            <div className="chart-field">
              <label htmlFor={id('across')}>{t('charts.across.label')}</label>
              <select id={id('across')} value={across} onChange={(e) => setAcross(e.target.value)}>
                {acrossKeys.map((k) => (
                  <option key={k} value={k}>
                    {acrossName(k)}
                  </option>
                ))}
              </select>
            </div>
            <div className="chart-field">
              <label htmlFor={id('count')}>{t('charts.count.label')}</label>
              <select id={id('count')} value={count} onChange={(e) => setCount(e.target.value as MatrixCount)}>
                {COUNTS.map((c) => (
                  <option key={c} value={c}>
                    {t(`charts.count.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="chart-field">
              <label htmlFor={id('layout')}>{t('charts.layout.label')}</label>
              <select id={id('layout')} value={layout} onChange={(e) => setLayout(e.target.value as BarLayout)}>
                <option value="grouped">{t('charts.layout.grouped')}</option>
                <option value="stacked">{t('charts.layout.stacked')}</option>
              </select>
            </div>
          </>
        ) : (
          <>
            <div className="chart-field">
              <label htmlFor={id('split')}>{t('charts.split.label')}</label>
              <select
                id={id('split')}
                value={activeSplit ? JSON.stringify([activeSplit.name, activeSplit.value]) : ''}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v === '') return setSplit(null);
                  const [name, value] = JSON.parse(v) as [string, string];
                  setSplit({ name, value });
                }}
              >
                <option value="">{t('charts.split.all')}</option>
                {splitOptions.map((o) => (
                  <optgroup key={o.name} label={o.name}>
                    {o.values.map((value) => (
                      <option key={value} value={JSON.stringify([o.name, value])}>
                        {t('charts.split.value', { name: o.name, value: splitLabel(value) })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <label className="chart-check">
              <input type="checkbox" checked={rollUp} onChange={(e) => setRollUp(e.target.checked)} /> {t('charts.rollUp')}
            </label>
          </>
        )}
      </div>
      <FilterBar data={data} value={filter} onChange={setFilter} />
      {'empty' in chart ? (
        <p className="empty-state" role="status">
          {chart.empty}
        </p>
      ) : (
        <ChartView title={chart.title} description={chart.description} spec={chart.spec} table={chart.table} />
      )}
    </div>
  );
}
