import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SEGMENT_SHARE, segmentAgreement, type AgreementInput, type SegmentCounts } from '../../../domain/agreement';
import type { Code, Coder } from '../../../domain/model';
import { Figure } from './Figure';
import { figureFormat } from './format';

/**
 * Agreement per segment, as MAXQDA reports it (domain/agreement/segments.ts): for coders A and B,
 * per code as applied and overall, how many of each coder's segments the other matched with the
 * same code by at least the chosen overlap, percent agreement and Brennan and Prediger's kappa.
 */
export function SegmentTable({ input, codes, coders }: { input: AgreementInput; codes: readonly Code[]; coders: readonly Coder[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [percent, setPercent] = useState(String(DEFAULT_SEGMENT_SHARE * 100));
  const share = Math.min(100, Math.max(1, Number(percent.replace(',', '.')) || DEFAULT_SEGMENT_SHARE * 100)) / 100;
  const [a, b] = input.coders;
  const codeGuids = useMemo(() => input.codeGuids ?? [...new Set(input.codings.map((c) => c.codeGuid))], [input]);
  const report = useMemo(
    () => (a && b ? segmentAgreement({ coders: [a, b], segments: input.segments, codings: input.codings, codeGuids, share, ...(input.documentGuids ? { documentGuids: input.documentGuids } : {}) }) : null),
    [a, b, input, codeGuids, share],
  );
  const number = useMemo(() => figureFormat(i18n.language, 3), [i18n.language]);
  const pct = useMemo(() => figureFormat(i18n.language, 1), [i18n.language]);
  if (!report) return null;
  const names = new Map(codes.map((c) => [c.guid, c.name]));
  const name = (guid: string | undefined) => coders.find((c) => c.guid === guid)?.name ?? '';
  const cells = (c: SegmentCounts) => (
    <>
      <td>{t('agreement.segments.matchedOf', { matched: c.matchedA, total: c.segmentsA })}</td>
      <td>{t('agreement.segments.matchedOf', { matched: c.matchedB, total: c.segmentsB })}</td>
      <td>
        <Figure value={c.percentAgreement} format={(v) => `${pct.format(v)}%`} />
      </td>
      <td>
        <Figure value={c.kappa} format={(v) => number.format(v)} />
      </td>
    </>
  );
  return (
    <div className="agreement-table-wrap">
      <label className="agreement-share" htmlFor={`${id}-share`}>
        {t('agreement.segments.share')}{' '}
        <input id={`${id}-share`} type="number" min={1} max={100} step={1} value={percent} onChange={(e) => setPercent(e.target.value)} aria-describedby={`${id}-explain`} /> %
      </label>
      <table className="agreement-table">
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
      <p id={`${id}-explain`} className="hint agreement-explain">
        {t('agreement.segments.explain', { share: Math.round(share * 100) })}
      </p>
    </div>
  );
}
