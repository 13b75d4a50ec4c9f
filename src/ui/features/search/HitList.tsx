import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hitContext, type SearchHit } from '../../../domain/analysis/search';
import type { Guid } from '../../../domain/model';
import type { JumpTarget } from '../analysis/types';

export interface HitDocument {
  readonly name: string;
  readonly text: string;
}

/** Hits rendered at first and added with each "show more": thousands of rows stay responsive. */
export const HITS_PER_PAGE = 200;

/**
 * The hits grouped by document, each in context with a checkbox and a button that opens it in its
 * document. Only the first `shown` hits are rendered. Up and down arrows move between checkboxes.
 */
export function HitList(props: {
  hits: readonly SearchHit[];
  documents: ReadonlyMap<Guid, HitDocument>;
  excluded: ReadonlySet<number>;
  onToggle: (index: number) => void;
  focused: number;
  onFocusHit: (index: number) => void;
  onJump: (target: JumpTarget) => void;
  shown: number;
  onShowMore: () => void;
}) {
  const { t } = useTranslation();
  const { hits, documents, shown } = props;
  const groups = useMemo(() => {
    const perDocument = new Map<Guid, number>();
    for (const h of hits) perDocument.set(h.documentGuid, (perDocument.get(h.documentGuid) ?? 0) + 1);
    const result: { documentGuid: Guid; total: number; indexes: number[] }[] = [];
    for (let i = 0; i < Math.min(shown, hits.length); i++) {
      const h = hits[i]!;
      const last = result[result.length - 1];
      if (last && last.documentGuid === h.documentGuid) last.indexes.push(i);
      else result.push({ documentGuid: h.documentGuid, total: perDocument.get(h.documentGuid) ?? 0, indexes: [i] });
    }
    return result;
  }, [hits, shown]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const target = e.target as HTMLElement;
    if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return;
    const boxes = [...e.currentTarget.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const next = boxes[boxes.indexOf(target) + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const left = hits.length - shown;
  return (
    <div className="hit-results" onKeyDown={onKeyDown}>
      {groups.map((g) => {
        const doc = documents.get(g.documentGuid);
        const name = doc?.name ?? g.documentGuid;
        return (
          <section key={`${g.documentGuid}-${g.indexes[0]}`} className="hit-document" aria-label={name}>
            <h4>
              {name} <span className="muted">({t('search.documentHits', { count: g.total })})</span>
            </h4>
            <ul className="hit-list">
              {g.indexes.map((i) => {
                const hit = hits[i]!;
                const c = doc ? hitContext(doc.text, hit.start, hit.end) : null;
                const id = `hit-${i}`;
                return (
                  <li key={i} className={i === props.focused ? 'hit focused' : 'hit'} onFocus={() => props.onFocusHit(i)} onClick={() => props.onFocusHit(i)}>
                    <input type="checkbox" id={id} checked={!props.excluded.has(i)} onChange={() => props.onToggle(i)} />
                    <label htmlFor={id} className="hit-context">
                      {c && (
                        <>
                          {c.moreBefore && '… '}
                          {c.before}
                          <mark>{c.hit}</mark>
                          {c.after}
                          {c.moreAfter && ' …'}
                        </>
                      )}
                    </label>
                    <button type="button" className="link-button" aria-label={t('search.openLabel', { n: i + 1, document: name })} onClick={() => props.onJump(hit)}>
                      {t('search.open')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {left > 0 && (
        <button type="button" onClick={props.onShowMore}>
          {t('search.showMore', { count: Math.min(HITS_PER_PAGE, left), left })}
        </button>
      )}
    </div>
  );
}
