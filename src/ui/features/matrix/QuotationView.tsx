import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotationMatrix } from '../../../domain/analysis/matrix';
import type { Guid } from '../../../domain/model';
import type { JumpTarget } from '../analysis/types';

/**
 * The within-case matrix on screen: codes down, columns across, the coded texts in the cells.
 * Rows are virtualised with measured heights; each quotation is a button that shows it in its
 * document.
 */
export function QuotationView(props: {
  matrix: QuotationMatrix;
  label: string;
  skipEmpty: boolean;
  columnLabel: (key: string, label: string) => string;
  coderName: (guid: Guid) => string;
  onJump: (target: JumpTarget) => void;
}) {
  const { t } = useTranslation();
  const { matrix, skipEmpty } = props;
  const rows = useMemo(() => (skipEmpty ? matrix.rows.filter((r) => matrix.columns.some((c) => (r.cells[c.key]?.length ?? 0) > 0)) : matrix.rows), [matrix, skipEmpty]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 96, overscan: 4 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  if (rows.length === 0) return <p className="muted">{t('matrix.empty.quotations')}</p>;
  return (
    <div className="matrix-grid-wrap matrix-quotation-wrap" ref={scrollRef}>
      <table className="matrix-quotations" aria-label={props.label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="matrix-corner">
              {t('matrix.code')}
            </th>
            {matrix.columns.map((c) => (
              <th key={c.key} scope="col">
                {props.columnLabel(c.key, c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="matrix-pad-row">
              <td style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={row.codeGuid} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                <th scope="row" className="matrix-code">
                  <span className="matrix-code-inner" style={{ paddingLeft: `${row.depth * 1.1}rem` }}>
                    {row.name}
                  </span>
                </th>
                {matrix.columns.map((c) => (
                  <td key={c.key}>
                    {(row.cells[c.key] ?? []).map((q) => (
                      <button
                        key={q.segmentGuid}
                        type="button"
                        className="matrix-quote"
                        title={t('matrix.quotes.show')}
                        onClick={() => props.onJump({ documentGuid: q.documentGuid, start: q.start, end: q.end })}
                      >
                        <span className="matrix-quote-text">{q.text}</span>
                        <span className="matrix-quote-cite">
                          {q.citation} · {props.coderName(q.coderGuid)}
                        </span>
                      </button>
                    ))}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="matrix-pad-row">
              <td style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
