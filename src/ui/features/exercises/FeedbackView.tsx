import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SEGMENT_SHARE, segmentAgreement } from '../../../domain/agreement';
import { alignOpenCodes, boundaryDifferences, type BoundaryDifference } from '../../../domain/exercise';
import type { CodeFeedback, Feedback, MissedSegment } from '../../../domain/feedback';
import type { Code, Guid, Segment } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { Figure, useDecimal, usePercent } from './format';
import { PassagePair, windowAround, type ColumnMarks, type Range } from './PassagePair';

export interface JumpTarget {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
}

export interface FeedbackViewProps {
  readonly feedback: Feedback;
  /** The whole exercise project, the reference included. */
  readonly data: ProjectData;
  readonly studentGuid: Guid;
  /** The documents the feedback is about, in order. */
  readonly documentGuids: readonly Guid[];
  onJump(target: JumpTarget): void;
}

/** Segments and the codes on them, per coder and document, to mark passages. */
function useIndex(data: ProjectData, studentGuid: Guid) {
  return useMemo(() => {
    const aligned = alignOpenCodes(data, studentGuid);
    const focalCodes = new Map<Guid, Set<Guid>>();
    for (const c of aligned) focalCodes.set(c.segmentGuid, new Set([...(focalCodes.get(c.segmentGuid) ?? []), c.codeGuid]));
    const ownCodes = new Map<Guid, Guid[]>();
    for (const c of data.codings) ownCodes.set(c.segmentGuid, [...(ownCodes.get(c.segmentGuid) ?? []), c.codeGuid]);
    const segments = new Map<string, Segment[]>();
    for (const s of data.segments) {
      const key = `${s.coderGuid}|${s.documentGuid}`;
      segments.set(key, [...(segments.get(key) ?? []), s]);
    }
    const codes = new Map(data.codes.map((c) => [c.guid, c]));
    return {
      aligned,
      texts: new Map(data.texts.map((t) => [t.documentGuid, t.text])),
      documents: new Map(data.documents.map((d) => [d.guid, d])),
      codes,
      /** What a coder did around a passage, with `codeGuid` as the chosen code. */
      marks(coderGuid: Guid, documentGuid: Guid, window: Range, passage: Range, codeGuid: Guid): ColumnMarks {
        const near = (segments.get(`${coderGuid}|${documentGuid}`) ?? []).filter((s) => s.start < window.end && s.end > window.start);
        const focal = near.filter((s) => focalCodes.get(s.guid)?.has(codeGuid));
        const names = new Set<string>();
        for (const s of near) {
          if (s.start >= passage.end || s.end <= passage.start) continue;
          for (const g of ownCodes.get(s.guid) ?? []) names.add(codes.get(g)?.name ?? g);
        }
        return { focal, other: near.filter((s) => !focal.includes(s)), codes: [...names] };
      },
    };
  }, [data, studentGuid]);
}

/**
 * Feedback on a student's coding against the reference: per code how much was found, missed and
 * extra (worded for students), then for the chosen code every missed and extra passage and every
 * boundary difference in its text, the student's coding and the reference's side by side, and for
 * a confusion both codes' definitions next to each other. Every passage can be opened in its document.
 */
export function FeedbackView({ feedback, data, studentGuid, documentGuids, onJump }: FeedbackViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const index = useIndex(data, studentGuid);
  const firstWithWork = feedback.codes.find((c) => c.missed.length > 0 || c.extra > 0) ?? feedback.codes[0];
  const [chosen, setChosen] = useState<Guid | null>(firstWithWork?.guid ?? null);
  const code = feedback.codes.find((c) => c.guid === chosen) ?? null;
  const percent = usePercent();
  const decimal = useDecimal();
  const o = feedback.overall;
  // Agreement per passage as MAXQDA reports it: the reference (A) against the student (B), with the
  // student's open codes aligned to the reference's by name.
  const reference = data.project.exercise?.referenceCoderGuid ?? null;
  const perSegment = useMemo(() => {
    if (!reference) return null;
    const students = new Set(data.segments.filter((s) => s.coderGuid === studentGuid).map((s) => s.guid));
    const codings = [...data.codings.filter((c) => c.coderGuid === reference), ...index.aligned.filter((c) => students.has(c.segmentGuid))];
    return segmentAgreement({ coders: [reference, studentGuid], segments: data.segments, codings, codeGuids: feedback.codes.map((c) => c.guid), documentGuids }).overall;
  }, [reference, data, index, studentGuid, feedback, documentGuids]);

  return (
    <div className="feedback">
      <p className="fb-summary">
        {o.reference === 0 ? t('exercises.fb.noReference') : t('exercises.fb.summaryFound', { found: o.found, count: o.reference })}{' '}
        {o.student === 0 ? t('exercises.fb.noStudent') : t('exercises.fb.summaryMatch', { matching: o.student - o.extra, count: o.student })}
      </p>
      {feedback.codes.length === 0 ? (
        <p>{t('exercises.fb.nothing')}</p>
      ) : (
        <div className="fb-table-wrap">
          <table className="fb-table">
            <caption>{t('exercises.fb.perCode')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exercises.fb.code')}</th>
                <th scope="col">{t('exercises.fb.found')}</th>
                <th scope="col">{t('exercises.fb.missed')}</th>
                <th scope="col">{t('exercises.fb.extra')}</th>
                <th scope="col">{t('exercises.fb.recall')}</th>
                <th scope="col">{t('exercises.fb.precision')}</th>
                <th scope="col">{t('exercises.fb.agreement')}</th>
                <th scope="col">{t('exercises.fb.kappa')}</th>
              </tr>
            </thead>
            <tbody>
              {feedback.codes.map((c) => (
                <tr key={c.guid} className={c.guid === chosen ? 'fb-chosen' : undefined}>
                  <th scope="row">
                    <button type="button" className="fb-code-button" aria-pressed={c.guid === chosen} aria-controls={`${id}-detail`} onClick={() => setChosen(c.guid)}>
                      <span className="coder-dot" style={{ background: index.codes.get(c.guid)?.color }} aria-hidden="true" />
                      {c.name}
                    </button>
                  </th>
                  <td>{c.reference === 0 ? '—' : t('exercises.fb.foundOf', { found: c.found, count: c.reference })}</td>
                  <td>{c.missed.length}</td>
                  <td>{c.extra}</td>
                  <td>
                    <Figure value={c.recall} format={percent} />
                  </td>
                  <td>
                    <Figure value={c.precision} format={percent} />
                  </td>
                  <td>
                    <Figure value={c.percentAgreement === null ? null : c.percentAgreement / 100} format={percent} />
                  </td>
                  <td>
                    <Figure value={c.cohenKappa} format={decimal} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('exercises.fb.legend', { threshold: percent(feedback.threshold) })}</p>
          {perSegment && perSegment.segmentsA + perSegment.segmentsB > 0 && (
            <p className="fb-segments">
              {t('exercises.fb.segments', {
                share: percent(DEFAULT_SEGMENT_SHARE),
                matchedA: perSegment.matchedA,
                segmentsA: perSegment.segmentsA,
                matchedB: perSegment.matchedB,
                segmentsB: perSegment.segmentsB,
                percent: perSegment.percentAgreement === null ? '—' : percent(perSegment.percentAgreement / 100),
                kappa: perSegment.kappa === null ? '—' : decimal(perSegment.kappa),
              })}
            </p>
          )}
        </div>
      )}
      <section id={`${id}-detail`} className="fb-detail" aria-live="polite">
        {code && <CodeDetail code={code} index={index} data={data} studentGuid={studentGuid} documentGuids={documentGuids} onJump={onJump} />}
      </section>
    </div>
  );
}

type Index = ReturnType<typeof useIndex>;

function CodeDetail({ code, index, data, studentGuid, documentGuids, onJump }: { code: CodeFeedback; index: Index; data: ProjectData; studentGuid: Guid; documentGuids: readonly Guid[]; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const [showReference, setShowReference] = useState(false);
  const reference = data.project.exercise?.referenceCoderGuid ?? '';
  const studentName = data.coders.find((c) => c.guid === studentGuid)?.name ?? '';
  const own = index.codes.get(code.guid);
  const boundaries = useMemo(
    () => boundaryDifferences({ segments: data.segments, codings: index.aligned, reference, student: studentGuid, codeGuid: code.guid, documentGuids, missed: code.missed, texts: index.texts }),
    [data.segments, index, reference, studentGuid, code, documentGuids],
  );

  const pair = (documentGuid: Guid, passage: Range, window?: Range) => {
    const text = index.texts.get(documentGuid) ?? '';
    const w = window ?? windowAround(text, passage.start, passage.end);
    return (
      <PassagePair
        text={text}
        window={w}
        student={index.marks(studentGuid, documentGuid, w, passage, code.guid)}
        reference={index.marks(reference, documentGuid, w, passage, code.guid)}
        codeName={code.name}
        studentName={studentName}
      />
    );
  };
  const where = (p: MissedSegment | BoundaryDifference, range: Range) => (
    <div className="fb-where">
      <strong>{index.documents.get(p.documentGuid)?.name ?? ''}</strong>
      <button type="button" onClick={() => onJump({ documentGuid: p.documentGuid, start: range.start, end: range.end })}>
        {t('exercises.fb.jump')}
      </button>
    </div>
  );

  return (
    <>
      <h3>
        <span className="coder-dot" style={{ background: own?.color }} aria-hidden="true" />
        {code.name}
      </h3>
      {own?.definition && <p className="fb-definition">{own.definition}</p>}
      {code.confusedWith.map((c) => (
        <Confusion key={c.codeGuid} code={own} codeName={code.name} other={index.codes.get(c.codeGuid)} count={c.count} />
      ))}
      <h4>{t('exercises.fb.missedHeading', { count: code.missed.length })}</h4>
      {code.missed.length === 0 ? (
        <p className="hint">{code.reference === 0 ? t('exercises.fb.noReferenceCode') : t('exercises.fb.noneMissed')}</p>
      ) : (
        <ol className="fb-list">
          {code.missed.map((m) => (
            <li key={`${m.documentGuid}|${m.start}`}>
              {where(m, m)}
              {pair(m.documentGuid, m)}
            </li>
          ))}
        </ol>
      )}
      <h4>{t('exercises.fb.extraHeading', { count: code.extraSegments.length })}</h4>
      {code.extraSegments.length === 0 ? (
        <p className="hint">{t('exercises.fb.noneExtra')}</p>
      ) : (
        <ol className="fb-list">
          {code.extraSegments.map((m) => (
            <li key={`${m.documentGuid}|${m.start}`}>
              {where(m, m)}
              {pair(m.documentGuid, m)}
            </li>
          ))}
        </ol>
      )}
      <h4>{t('exercises.fb.boundaryHeading', { count: boundaries.length })}</h4>
      {boundaries.length === 0 ? (
        <p className="hint">{t('exercises.fb.noneBoundary')}</p>
      ) : (
        <ol className="fb-list">
          {boundaries.map((b) => (
            <li key={`${b.documentGuid}|${b.reference.start}`}>
              {where(b, b.reference)}
              <p>{`${shift(t, 'start', b.startShift, b.startWords)} ${shift(t, 'end', b.endShift, b.endWords)}`}</p>
              {pair(b.documentGuid, { start: Math.min(b.student.start, b.reference.start), end: Math.max(b.student.end, b.reference.end) })}
            </li>
          ))}
        </ol>
      )}
      <label className="fb-toggle">
        <input type="checkbox" checked={showReference} onChange={(e) => setShowReference(e.target.checked)} />
        {t('exercises.fb.showReference', { code: code.name })}
      </label>
      {showReference &&
        documentGuids.map((d) => {
          const text = index.texts.get(d) ?? '';
          return (
            <div key={d} className="fb-full">
              <h4>{index.documents.get(d)?.name ?? ''}</h4>
              {pair(d, { start: 0, end: text.length }, { start: 0, end: text.length })}
            </div>
          );
        })}
    </>
  );
}

function shift(t: (key: string, options?: Record<string, unknown>) => string, side: 'start' | 'end', chars: number, words: number): string {
  if (chars === 0) return t(`exercises.fb.${side}Same`);
  const amount = t('exercises.fb.amount', { chars: t('exercises.fb.chars', { count: Math.abs(chars) }), words: t('exercises.fb.words', { count: words }) });
  return t(`exercises.fb.${side}${chars < 0 ? 'Earlier' : 'Later'}`, { amount });
}

/** A missed passage the student gave another code: both definitions next to each other. */
function Confusion({ code, codeName, other, count }: { code: Code | undefined; codeName: string; other: Code | undefined; count: number }) {
  const { t } = useTranslation();
  const otherName = other?.name ?? '?';
  return (
    <div className="fb-confusion">
      <p>{t('exercises.fb.confused', { count, code: codeName, other: otherName })}</p>
      <dl className="fb-definitions">
        <div>
          <dt>{codeName}</dt>
          <dd>{code?.definition || t('exercises.fb.noDefinition')}</dd>
        </div>
        <div>
          <dt>{otherName}</dt>
          <dd>{other?.definition || t('exercises.fb.noDefinition')}</dd>
        </div>
      </dl>
    </div>
  );
}
