import { Fragment, memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coder } from '../../../domain/model';
import { overlaps, type TextRange } from '../../../domain/ranges';
import { lines, markLine } from './agreement-data';

/**
 * A document's text twice, side by side, one line per row: each column marks its coder's
 * segments of one code. Marked strongly where only that coder coded, underlined where only the
 * other did. Plain <mark> elements: one code in one document is few ranges. Rendered again only
 * when a prop changes (it lays out a document twice).
 */
export const CompareText = memo(function CompareText(props: {
  id: string;
  /** null while the text loads. */
  text: string | null;
  codeName: string;
  coders: readonly [Coder, Coder];
  /** Per coder, the stretches coded: sorted and joined. */
  coverage: readonly [readonly TextRange[], readonly TextRange[]];
  /** The disagreement shown: marked and scrolled into view. */
  active: TextRange | null;
}) {
  const { t } = useTranslation();
  const { text, coverage, active } = props;
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    if (text === null) return [];
    return lines(text)
      .filter((line) => line.end > line.start)
      .map((line) => ({ line, pieces: [markLine(line, coverage[0], coverage[1]), markLine(line, coverage[1], coverage[0])] as const }));
  }, [text, coverage]);

  useEffect(() => {
    const mark = scroller.current?.querySelector('.ag-active');
    mark?.scrollIntoView?.({ block: 'center' });
  }, [active, rows]);

  return (
    <div className="agreement-compare" ref={scroller} id={props.id} tabIndex={0} role="region" aria-label={t('agreement.compare.label', { code: props.codeName })}>
      <p className="hint agreement-compare-legend">{t('agreement.compare.legend', { code: props.codeName })}</p>
      {text === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {props.coders.map((coder, i) => (
                <th key={coder.guid} scope="col">
                  <span className="coder-dot" style={{ background: coder.color }} aria-hidden="true" />
                  {t(i === 0 ? 'agreement.compare.coderA' : 'agreement.compare.coderB', { name: coder.name })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line, pieces }) => (
              <tr key={line.start}>
                {pieces.map((column, i) => (
                  <td key={i}>
                    {column.map((piece) => {
                      const chunk = text.slice(piece.start, piece.end);
                      const isActive = active !== null && overlaps(piece, active);
                      const className = [piece.own ? (piece.other ? 'ag-both' : 'ag-only') : piece.other ? 'ag-missing' : '', isActive ? 'ag-active' : '']
                        .filter(Boolean)
                        .join(' ');
                      if (piece.own) return <mark key={piece.start} className={className}>{chunk}</mark>;
                      return className ? <span key={piece.start} className={className}>{chunk}</span> : <Fragment key={piece.start}>{chunk}</Fragment>;
                    })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
});
