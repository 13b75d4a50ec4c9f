import { memo, useEffect, useId, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SEGMENT_SHARE, packAgreementInput, packedSegmentAgreement, type AgreementInput, type SegmentAgreementReport, type SegmentCounts } from '../../../domain/agreement';
import type { Code, Coder } from '../../../domain/model';
import { agreementRunner } from './agreement-runner';
import { Figure } from './Figure';
import { figureFormat } from './format';

/**
 * The segment table of `input` at `share`. At the default share it comes from the worker that
 * computed the figures (agreement-runner.ts), which sends it after them: on a large project it
 * took this thread 80 ms (W2) while nothing answered. At another share, without workers, or when
 * the worker could not give it, it is computed here. `computing`: the table shown, if any, is of
 * an input before.
 */
function useSegmentTable(input: AgreementInput, share: number): { readonly table: SegmentAgreementReport | null; readonly computing: boolean } {
  const runner = useMemo(agreementRunner, []);
  const slot = useMemo(() => (share === DEFAULT_SEGMENT_SHARE ? (runner?.segmentTable(input) ?? null) : null), [runner, input, share]);
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!slot || slot.value !== undefined) return;
    let live = true;
    void slot.promise.then(() => live && arrived());
    return () => {
      live = false;
    };
  }, [slot]);
  const here = !slot || slot.value === null;
  const computedHere = useMemo(() => (here ? packedSegmentAgreement(packAgreementInput(input), share) : null), [here, input, share]);
  // While the worker's table is on its way, the one before stays, greyed.
  const [last, setLast] = useState<SegmentAgreementReport | null>(null);
  if (slot && slot.value === undefined) return { table: last, computing: true };
  const table = here ? computedHere : (slot.value ?? null);
  if (table && table !== last) setLast(table);
  return { table, computing: false };
}

/**
 * Agreement per segment, as MAXQDA reports it (domain/agreement/segments.ts): for coders A and B,
 * per code as applied and overall, how many of each coder's segments the other matched with the
 * same code by at least the chosen overlap, percent agreement and Brennan and Prediger's kappa.
 */
export const SegmentTable = memo(function SegmentTable({ input, codes, coders }: { input: AgreementInput; codes: readonly Code[]; coders: readonly Coder[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [percent, setPercent] = useState(String(DEFAULT_SEGMENT_SHARE * 100));
  const share = Math.min(100, Math.max(1, Number(percent.replace(',', '.')) || DEFAULT_SEGMENT_SHARE * 100)) / 100;
  const [a, b] = input.coders;
  const { table: report, computing } = useSegmentTable(input, share);
  const number = useMemo(() => figureFormat(i18n.language, 3), [i18n.language]);
  const pct = useMemo(() => figureFormat(i18n.language, 1), [i18n.language]);
  if (!report && !computing) return null;
  const names = new Map(codes.map((c) => [c.guid, c.name]));
  const name = (guid: string | undefined) => coders.find((c) => c.guid === guid)?.name ?? '';
  const undefinedText = t('agreement.undefined');
  const cells = (c: SegmentCounts) => (
    <>
      <td>{t('agreement.segments.matchedOf', { matched: c.matchedA, total: c.segmentsA })}</td>
      <td>{t('agreement.segments.matchedOf', { matched: c.matchedB, total: c.segmentsB })}</td>
      <td>
        <Figure value={c.percentAgreement} format={(v) => `${pct.format(v)}%`} undefinedText={undefinedText} />
      </td>
      <td>
        <Figure value={c.kappa} format={(v) => number.format(v)} undefinedText={undefinedText} />
      </td>
    </>
  );
  return (
    <div className="agreement-table-wrap">
      <label className="agreement-share" htmlFor={`${id}-share`}>
        {t('agreement.segments.share')}{' '}
        <input id={`${id}-share`} type="number" min={1} max={100} step={1} value={percent} onChange={(e) => setPercent(e.target.value)} aria-describedby={`${id}-explain`} /> %
      </label>
      {computing && (
        <p className="muted" role="status">
          {t('agreement.computing')}
        </p>
      )}
      {report && (
        <table className={computing ? 'agreement-table agreement-segments-stale' : 'agreement-table'}>
          <caption>
            {t('agreement.segments.caption')} <span className="muted">{t('agreement.segments.legend', { a: name(a), b: name(b) })}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('agreement.table.code')}</th>
              <th scope="col">{t('agreement.segments.ofA')}</th>
              <th scope="col">{t('agreement.segments.ofB')}</th>
              <th scope="col">{t('agreement.segments.percent')}</th>
              <th scope="col">{t('agreement.segments.kappa')}</th>
            </tr>
          </thead>
          <tbody>
            {report.codes
              .filter((c) => c.segmentsA + c.segmentsB > 0)
              .map((c) => (
                <tr key={c.codeGuid}>
                  <th scope="row">{names.get(c.codeGuid) ?? c.codeGuid}</th>
                  {cells(c)}
                </tr>
              ))}
            <tr className="agreement-total">
              <th scope="row">{t('agreement.segments.overall', { count: report.overall.categories })}</th>
              {cells(report.overall)}
            </tr>
          </tbody>
        </table>
      )}
      <p id={`${id}-explain`} className="hint agreement-explain">
        {t('agreement.segments.explain', { share: Math.round(share * 100) })}
      </p>
    </div>
  );
});
