import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptAgreements, decisionKey, resolveDisagreement, type ConsensusChoice, type ConsensusDecisions } from '../../../commands/consensus';
import { disagreements, type CodeAgreement, type Disagreement } from '../../../domain/agreement';
import type { Code, Coder, DocumentRecord, Guid } from '../../../domain/model';
import type { TextRange } from '../../../domain/ranges';
import { getDocumentText } from '../../../storage/queries';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { coderCoverage, decisionState, type ProjectWork } from './agreement-data';
import type { JumpTarget } from './AgreementDialog';
import { CompareText } from './CompareText';
import { DisagreementList } from './DisagreementList';

export interface ReviewTarget {
  readonly codeGuid: Guid;
  readonly documentGuid: Guid;
}

/**
 * One code in one document, before any figure: the text side by side with each coder's segments
 * of the code, and the stretches where they differ, biggest first, each with a jump to the text
 * and the consensus choices. Its text and list are rendered again only when what they show
 * changes: ticking another coder for the figures leaves the pair under review as it is.
 */
export const ReviewPanel = memo(function ReviewPanel(props: {
  work: ProjectWork;
  codes: readonly Code[];
  /** The codes in the report, in its order. */
  reportCodes: readonly CodeAgreement[];
  documents: readonly DocumentRecord[];
  /** The chosen coders (two or more). */
  coders: readonly Coder[];
  target: ReviewTarget;
  onTarget(target: ReviewTarget): void;
  consensus: Coder | null;
  decisions: ConsensusDecisions;
  onJump(target: JumpTarget): void;
}) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const id = useId();
  const { work, codes, target, consensus } = props;
  const { codeGuid, documentGuid } = target;

  const [pairChoice, setPairChoice] = useState<readonly [Guid, Guid] | null>(null);
  const chosen = new Set(props.coders.map((c) => c.guid));
  const [a, b] =
    pairChoice && chosen.has(pairChoice[0]) && chosen.has(pairChoice[1]) ? pairChoice : ([props.coders[0]?.guid ?? '', props.coders[1]?.guid ?? ''] as const);
  const coderA = props.coders.find((c) => c.guid === a);
  const coderB = props.coders.find((c) => c.guid === b);
  const code = codes.find((c) => c.guid === codeGuid);

  const stored = useLiveQuery(() => getDocumentText(db, project.guid, documentGuid), [db, project.guid, documentGuid]);
  const text = stored?.documentGuid === documentGuid ? stored.text : null;

  const list = useMemo(() => {
    if (a === b) return [];
    const documents = props.documents.filter((d) => d.guid === documentGuid).map((d) => ({ guid: d.guid, name: d.name, length: d.length }));
    return disagreements({ documents, codes, coders: [a, b], segments: work.segments, codings: work.codings }, codeGuid, documentGuid);
  }, [a, b, props.documents, codes, work, codeGuid, documentGuid]);
  const coverageA = useMemo(() => coderCoverage(work, codes, a, documentGuid, codeGuid), [work, codes, a, documentGuid, codeGuid]);
  const coverageB = useMemo(() => coderCoverage(work, codes, b, documentGuid, codeGuid), [work, codes, b, documentGuid, codeGuid]);
  const coverageConsensus = useMemo(
    () => (consensus ? coderCoverage(work, codes, consensus.guid, documentGuid, codeGuid) : []),
    [work, codes, consensus, documentGuid, codeGuid],
  );
  const states = useMemo(
    () => list.map((d) => decisionState(d, a, b, coverageConsensus, props.decisions[decisionKey({ documentGuid, codeGuid, coderA: a, coderB: b, ...d })])),
    [list, a, b, coverageConsensus, props.decisions, documentGuid, codeGuid],
  );
  const [active, setActive] = useState<TextRange | null>(null);

  // The consensus is settled between two other coders than the consensus coder itself.
  const canDecide = a !== b && a !== consensus?.guid && b !== consensus?.guid;
  const writing = useRef(false);
  const write = useCallback(
    async (run: () => Promise<{ ok: true } | { ok: false; reason: string; detail?: string }>) => {
      if (writing.current) return;
      writing.current = true;
      try {
        const result = await run();
        if (!result.ok) notify('error', failureText(t, result));
      } finally {
        writing.current = false;
      }
    },
    [notify, t],
  );
  const decide = useCallback(
    (d: Disagreement, keep: ConsensusChoice) =>
      void write(() =>
        resolveDisagreement({ projectGuid: project.guid, documentGuid, codeGuid, start: d.start, end: d.end, keep, coderA: a, coderB: b, consensusCoderGuid: consensus?.guid }, db),
      ),
    [write, project.guid, documentGuid, codeGuid, a, b, consensus, db],
  );
  const { onJump } = props;
  const jump = useCallback((d: Disagreement) => onJump({ documentGuid, start: d.start, end: d.end }), [onJump, documentGuid]);
  // The same arrays while the pair stays: CompareText and DisagreementList compare their props.
  const pair = useMemo(() => (coderA && coderB ? ([coderA, coderB] as const) : null), [coderA, coderB]);
  const coverage = useMemo(() => [coverageA, coverageB] as const, [coverageA, coverageB]);
  const accept = () =>
    write(async () => {
      const result = await acceptAgreements(project.guid, documentGuid, codeGuid, a, b, db, consensus?.guid);
      if (result.ok) notify('info', t('agreement.review.accepted', { count: result.value.characters }));
      return result;
    });

  const pick = (which: 0 | 1, guid: Guid) => setPairChoice(which === 0 ? [guid, b] : [a, guid]);

  return (
    <div className="agreement-review">
      <div className="agreement-review-controls">
        <label className="stack-label">
          {t('agreement.review.code')}
          <select value={codeGuid} onChange={(e) => props.onTarget({ codeGuid: e.target.value, documentGuid })}>
            {props.reportCodes.map((c) => (
              <option key={c.guid} value={c.guid}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="stack-label">
          {t('agreement.review.document')}
          <select value={documentGuid} onChange={(e) => props.onTarget({ codeGuid, documentGuid: e.target.value })}>
            {props.documents.map((d) => (
              <option key={d.guid} value={d.guid}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        {([0, 1] as const).map((which) => (
          <label key={which} className="stack-label">
            {t(which === 0 ? 'agreement.review.coderA' : 'agreement.review.coderB')}
            <select value={which === 0 ? a : b} onChange={(e) => pick(which, e.target.value)}>
              {props.coders.map((c) => (
                <option key={c.guid} value={c.guid}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {a === b && <p className="agreement-notice">{t('agreement.review.samePair')}</p>}
      {pair && a !== b && code && (
        <div className="agreement-review-grid">
          <CompareText
            id={`${id}-compare`}
            text={text}
            codeName={code.name}
            coders={pair}
            coverage={coverage}
            active={active}
          />
          <div className="agreement-review-side">
            <div className="agreement-consensus-bar">
              {canDecide ? (
                <>
                  <p className="hint">{t('agreement.review.consensusHint')}</p>
                  <button type="button" onClick={() => void accept()}>
                    {t('agreement.review.acceptAgreements')}
                  </button>
                </>
              ) : (
                <p className="hint">{t('agreement.review.consensusCompared')}</p>
              )}
            </div>
            {text === null ? (
              <p className="muted">{t('common.loading')}</p>
            ) : (
              <DisagreementList
                key={`${documentGuid}/${codeGuid}/${a}/${b}`}
                text={text}
                list={list}
                states={states}
                pair={pair}
                canDecide={canDecide}
                onShow={setActive}
                onJump={jump}
                onDecide={decide}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
});
