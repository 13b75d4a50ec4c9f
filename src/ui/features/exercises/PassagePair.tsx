import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** What one coder did in a passage's surroundings: the chosen code's stretches, others', and the codes on the passage. */
export interface ColumnMarks {
  readonly focal: readonly Range[];
  readonly other: readonly Range[];
  /** Names of the codes this coder gave the passage itself. */
  readonly codes: readonly string[];
}

/** The stretch of text shown around a passage: its paragraph, at most `room` characters either side, cut at a space. */
export function windowAround(text: string, start: number, end: number, room = 160): Range {
  let from = Math.min(start, text.lastIndexOf('\n', Math.max(0, start - 1)) + 1);
  if (text[start - 1] === undefined) from = 0;
  if (start - from > room) {
    const space = text.indexOf(' ', start - room);
    from = space >= 0 && space < start ? space + 1 : start - room;
  }
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  if (to - end > room) {
    const space = text.lastIndexOf(' ', end + room);
    to = space > end ? space : end + room;
  }
  return { start: from, end: Math.max(to, end) };
}

const inside = (ranges: readonly Range[], at: number) => ranges.some((r) => r.start <= at && at < r.end);

/** The window cut at every range boundary; each piece knows whether a focal or another range covers it. */
function pieces(window: Range, marks: ColumnMarks) {
  const cuts = new Set([window.start, window.end]);
  for (const r of [...marks.focal, ...marks.other]) {
    if (r.start > window.start && r.start < window.end) cuts.add(r.start);
    if (r.end > window.start && r.end < window.end) cuts.add(r.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((start, i) => ({ start, end: sorted[i + 1] as number, focal: inside(marks.focal, start), other: inside(marks.other, start) }));
}

function Column({ text, window, marks, caption, codeName }: { text: string; window: Range; marks: ColumnMarks; caption: string; codeName: string }) {
  const { t } = useTranslation();
  return (
    <figure className="fb-column">
      <figcaption>{caption}</figcaption>
      <p className="fb-passage">
        {window.start > 0 && '… '}
        {pieces(window, marks).map((p) => {
          const chunk = text.slice(p.start, p.end);
          if (p.focal)
            return (
              <mark key={p.start} className="fb-focal" title={codeName}>
                {chunk}
              </mark>
            );
          if (p.other)
            return (
              <span key={p.start} className="fb-other">
                {chunk}
              </span>
            );
          return <Fragment key={p.start}>{chunk}</Fragment>;
        })}
        {window.end < text.length && ' …'}
      </p>
      <p className="fb-codes hint">{marks.codes.length ? t('exercises.fb.codesHere', { codes: marks.codes.join(', ') }) : t('exercises.fb.noCodesHere')}</p>
    </figure>
  );
}

/**
 * The same passage twice, side by side: the student's coding and the reference's. The chosen
 * code is marked; other codes of that coder are underlined; below each, the codes given there.
 */
export function PassagePair(props: { text: string; window: Range; student: ColumnMarks; reference: ColumnMarks; codeName: string; studentName: string }) {
  const { t } = useTranslation();
  return (
    <div className="fb-pair">
      <Column text={props.text} window={props.window} marks={props.student} caption={t('exercises.fb.yourColumn', { name: props.studentName })} codeName={props.codeName} />
      <Column text={props.text} window={props.window} marks={props.reference} caption={t('exercises.fb.referenceColumn')} codeName={props.codeName} />
    </div>
  );
}
