import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENSUS_CHOICES, type ConsensusChoice } from '../../../commands/consensus';
import type { Disagreement } from '../../../domain/agreement';
import type { Guid } from '../../../domain/model';
import { contextAround, ELLIPSIS } from '../../../domain/ranges';
import type { DecisionState } from './agreement-data';

const PAGE = 50;
/** Longer stretches are shown by their beginning and end. */
const LONGEST_EXCERPT = 320;

/**
 * The disagreements of one code in one document, biggest first, each to look at and settle.
 * Rendered again only when a prop changes: ticking another coder for the figures leaves the
 * pair under review, and its list, as they are.
 */
export const DisagreementList = memo(function DisagreementList(props: {
  text: string;
  list: readonly Disagreement[];
  /** Per disagreement (same order), what the consensus coder has. */
  states: readonly DecisionState[];
  /** Coders A and B. */
  pair: readonly [{ readonly guid: Guid; readonly name: string }, { readonly guid: Guid; readonly name: string }];
  canDecide: boolean;
  onShow(d: Disagreement): void;
  onJump(d: Disagreement): void;
  onDecide(d: Disagreement, keep: ConsensusChoice): void;
}) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const { list, states } = props;
  const open = states.filter((s) => s.kind === 'open').length;
  const [a, b] = props.pair.map((c) => c.name);
  const nameOf = new Map(props.pair.map((c) => [c.guid, c.name]));
  const names = (guids: readonly Guid[]) => guids.map((g) => nameOf.get(g) ?? g).join(', ');

  if (list.length === 0) return <p className="muted">{t('agreement.review.none')}</p>;
  // The same for every disagreement: translated once, not once per row.
  const show = t('agreement.review.show');
  const jump = t('agreement.review.jump');
  const choices = t('agreement.review.choices');
  const choice = CONSENSUS_CHOICES.map((keep) => ({ keep, label: t(`agreement.choice.${keep}`), title: t(`agreement.choice.${keep}Title`, { a, b }) }));
  return (
    <>
      <p className="muted" aria-live="polite">
        {t('agreement.review.count', { count: list.length })} · {t('agreement.review.open', { count: open })}
      </p>
      <ol className="agreement-disagreements">
        {list.slice(0, limit).map((d, i) => {
          const context = contextAround(props.text, d.start, d.end, 40);
          const state = states[i] ?? { kind: 'open' };
          return (
            <li key={`${d.start}-${d.end}`} className={state.kind === 'open' ? undefined : 'agreement-decided'}>
              <div className="agreement-disagreement-head">
                <strong>{t('agreement.review.size', { count: d.end - d.start })}</strong>
                <span>{t('agreement.review.codedBy', { coded: names(d.coded), notCoded: names(d.notCoded) })}</span>
              </div>
              <button type="button" className="agreement-excerpt" title={show} onClick={() => props.onShow(d)}>
                <span className="muted">{context.before}</span>
                <mark>{shorten(context.match)}</mark>
                <span className="muted">{context.after}</span>
              </button>
              <div className="agreement-disagreement-actions">
                <button type="button" onClick={() => props.onJump(d)}>
                  {jump}
                </button>
                {props.canDecide && (
                  <div role="group" aria-label={choices} className="agreement-choices">
                    {choice.map(({ keep, label, title }) => (
                      <button
                        key={keep}
                        type="button"
                        aria-pressed={state.kind === 'decided' && state.choice === keep}
                        title={title}
                        onClick={() => props.onDecide(d, keep)}
                      >
                        {label}
                      </button>
                    ))}
                  </div>
                )}
                <span className="agreement-state">{stateText(t, state)}</span>
              </div>
            </li>
          );
        })}
      </ol>
      {list.length > limit && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          {t('agreement.review.more', { count: Math.min(PAGE, list.length - limit) })}
        </button>
      )}
    </>
  );
});

function shorten(match: string): string {
  if (match.length <= LONGEST_EXCERPT) return match;
  const half = LONGEST_EXCERPT / 2;
  return `${match.slice(0, half)} ${ELLIPSIS} ${match.slice(-half)}`;
}

function stateText(t: (key: string, options?: Record<string, unknown>) => string, state: DecisionState): string {
  switch (state.kind) {
    case 'open':
      return t('agreement.state.open');
    case 'partly':
      return t('agreement.state.partly');
    case 'decided':
      if (state.choice) return t('agreement.state.decided', { choice: t(`agreement.choice.${state.choice}`) });
      return t(state.coded ? 'agreement.state.coded' : 'agreement.state.notCoded');
  }
}
