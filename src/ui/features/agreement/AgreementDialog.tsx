import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { findConsensusCoder, isConsensusCoder, readConsensusDecisions, type ConsensusDecisions } from '../../../commands/consensus';
import type { AgreementReport } from '../../../domain/agreement';
import type { Guid } from '../../../domain/model';
import { sortDocuments } from '../../../storage/queries';
import { afterPaint, whenIdle } from '../../shell/after-paint';
import { useProject } from '../../shell/project-context';
import { useProjectSnapshot } from '../analysis/useProjectData';
import { downloadBytes } from '../bundles/download';
import { agreementCsv } from './agreement-csv';
import { agreementInput, comparedWork, defaultCoders, orderCoders, sameComparedWork, segmentCounts, usedCodes, type ProjectWork } from './agreement-data';
import { AgreementSelection } from './AgreementSelection';
import { AgreementTable } from './AgreementTable';
import { DomainTable } from './DomainTable';
import { SegmentTable } from './SegmentTable';
import { ReviewPanel, type ReviewTarget } from './ReviewPanel';
import { agreementRunner } from './agreement-runner';
import { useAgreementReport } from './useAgreementReport';
import './agreement.css';

export interface JumpTarget {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
}

const NO_DECISIONS: ConsensusDecisions = {};

/**
 * Inter-coder agreement (issue 4), in a dialog as large as the screen: choose coders, documents
 * and codes; review where two coders differ, side by side, and settle each difference for the
 * consensus coder; then the figures per code and document and per domain, and their CSV.
 */
export function AgreementDialog({ isOpen, onClose, onJump }: { isOpen: boolean; onClose(): void; onJump(target: JumpTarget): void }) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay agreement-overlay">
      <Modal className="modal agreement-modal">
        <Dialog className="dialog agreement-dialog">
          <AgreementView
            onClose={onClose}
            onJump={(target) => {
              onClose();
              // Closing gives the focus back to the button that opened the dialog, in the next
              // animation frame (react-aria's FocusScope); jumping a frame later leaves it in the text.
              requestAnimationFrame(() => requestAnimationFrame(() => onJump(target)));
            }}
          />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function AgreementView({ onClose, onJump }: { onClose(): void; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const { db, project, codes, coders } = useProject();
  const id = useId();
  // The project as held in memory (read ahead while the workspace was idle, kept current by every
  // write): opening the dialog reads nothing more.
  const snapshot = useProjectSnapshot();
  const documents = snapshot?.documents;
  const sortedDocuments = useMemo(() => documents && sortDocuments(documents), [documents]);
  const segments = snapshot?.segments;
  const codings = snapshot?.codings;
  const work = useMemo((): ProjectWork | undefined => (sortedDocuments && segments && codings ? { documents: sortedDocuments, segments, codings } : undefined), [sortedDocuments, segments, codings]);
  const decisions = useLiveQuery(() => readConsensusDecisions(db, project.guid), [db, project.guid]) ?? NO_DECISIONS;

  // null: the default choice, which follows the data (the two busiest coders, every document, every code used).
  const [coderChoice, setCoderChoice] = useState<readonly Guid[] | null>(null);
  const [documentChoice, setDocumentChoice] = useState<ReadonlySet<Guid> | null>(null);
  const [codeChoice, setCodeChoice] = useState<ReadonlySet<Guid> | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);

  const counts = useMemo(() => segmentCounts(work?.segments ?? []), [work]);
  const ordered = useMemo(() => orderCoders(coders, counts), [coders, counts]);
  const chosenCoders = useMemo(
    () => (coderChoice ? ordered.filter((c) => coderChoice.includes(c.guid)).map((c) => c.guid) : defaultCoders(ordered)),
    [coderChoice, ordered],
  );
  // The figures depend on the chosen coders' work only; kept as long as that stays the same.
  const compared = useMemo(() => (work ? comparedWork(work, chosenCoders) : null), [work, chosenCoders]);
  const [stable, setStable] = useState(compared);
  if (compared !== stable && !(compared && stable && sameComparedWork(compared, stable))) setStable(compared);
  const used = useMemo(() => (stable ? usedCodes(codes, stable) : []), [codes, stable]);
  const input = useMemo(
    () => (stable && stable.coders.length >= 2 ? agreementInput(codes, stable, { documents: documentChoice, codes: codeChoice }, used) : null),
    [codes, stable, documentChoice, codeChoice, used],
  );
  // The figures take a moment on a large project: they are computed off this thread, and the
  // dialog shows "computing…" (and the figures before, greyed) meanwhile.
  const { report, of: deferred, computing } = useAgreementReport(input);
  // Benchmarks and tests: the figures are on screen (a frame, then a task after it).
  useEffect(() => {
    if (report && deferred && !computing) markAgreementReady(deferred.coders.length, report.codes.length);
  }, [report, deferred, computing]);
  // The agreement per segment, below the figures, and the review above them are computed and
  // shown in the frame after the figures (null until the figures were first painted).
  const [segmentsOf, setSegmentsOf] = useState<typeof deferred>(null);
  useEffect(() => {
    if (!deferred || computing) return;
    let live = true;
    afterPaint(() => {
      if (live) setSegmentsOf(deferred);
    });
    return () => {
      live = false;
    };
  }, [deferred, computing]);

  // Every coder together is the lead's likely next look (ticking the others): computed ahead,
  // off this thread, once the figures of this choice and their segment table are on screen.
  const everyCoder = useMemo(() => ordered.filter((c) => !isConsensusCoder(c)).map((c) => c.guid), [ordered]);
  useEffect(() => {
    if (!work || !segmentsOf || computing || everyCoder.length < 3 || everyCoder.every((guid) => chosenCoders.includes(guid))) return;
    let live = true;
    afterPaint(() => {
      void whenIdle().then(() => {
        if (!live) return;
        const compared = comparedWork(work, everyCoder);
        agreementRunner()?.ahead(agreementInput(codes, compared, { documents: documentChoice, codes: codeChoice }, usedCodes(codes, compared)));
      });
    });
    return () => {
      live = false;
    };
  }, [work, segmentsOf, computing, everyCoder, chosenCoders, codes, documentChoice, codeChoice]);

  // The same arrays while the choice (the report shown) stays: the tables and the review are memos.
  const chosenCoderRecords = useMemo(() => ordered.filter((c) => chosenCoders.includes(c.guid)), [ordered, chosenCoders]);
  const reportCoderGuids = deferred?.coders;
  const reportCoders = useMemo(() => (reportCoderGuids ? ordered.filter((c) => reportCoderGuids.includes(c.guid)) : []), [ordered, reportCoderGuids]);
  const consensus = findConsensusCoder(coders) ?? null;
  const chosenDocuments = useMemo(() => (work?.documents ?? []).filter((d) => !documentChoice || documentChoice.has(d.guid)), [work, documentChoice]);
  const target = useMemo(() => reviewTarget(review, report, chosenDocuments.map((d) => d.guid)), [review, report, chosenDocuments]);

  const exportCsv = useCallback(() => {
    if (!report) return;
    // A byte-order mark, so that spreadsheet programs read the names as UTF-8.
    const bytes = new TextEncoder().encode(`\ufeff${agreementCsv(report)}`);
    downloadBytes(bytes, t('agreement.csv.fileName', { project: project.name }), 'text/csv;charset=utf-8');
  }, [report, project.name, t]);

  const selectForReview = useCallback((next: ReviewTarget) => {
    setReview(next);
    document.getElementById(`${id}-review`)?.scrollIntoView?.({ block: 'start' });
  }, [id]);

  return (
    <>
      <div className="agreement-head">
        <Heading slot="title">{t('agreement.title')}</Heading>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {!work ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <div className="agreement-body">
          <AgreementSelection
            coders={ordered}
            counts={counts}
            chosenCoders={chosenCoders}
            onCoders={setCoderChoice}
            documents={work.documents}
            chosenDocuments={documentChoice}
            onDocuments={setDocumentChoice}
            codes={used}
            chosenCodes={codeChoice}
            onCodes={setCodeChoice}
          />
          <div className="agreement-main">
            {chosenCoders.length < 2 ? (
              <p className="agreement-notice">{t('agreement.choose.needTwo')}</p>
            ) : chosenDocuments.length === 0 ? (
              <p className="agreement-notice">{t('agreement.choose.needDocument')}</p>
            ) : (
              <>
                <section id={`${id}-review`} aria-labelledby={`${id}-review-heading`} className="agreement-section">
                  <h3 id={`${id}-review-heading`}>{t('agreement.review.heading')}</h3>
                  {report && report.codes.length === 0 && <p className="muted">{t('agreement.empty')}</p>}
                  {/* In the frame after the figures, as the per-segment table is: it derives the pair's
                      disagreements and coverage from every segment, and lays out a document twice. */}
                  {report && target && segmentsOf && (
                    <ReviewPanel
                      work={work}
                      codes={codes}
                      reportCodes={report.codes}
                      documents={chosenDocuments}
                      coders={chosenCoderRecords}
                      target={target}
                      onTarget={setReview}
                      consensus={consensus}
                      decisions={decisions}
                      onJump={onJump}
                    />
                  )}
                </section>
                <section aria-labelledby={`${id}-numbers-heading`} className="agreement-section">
                  <div className="agreement-section-head">
                    <h3 id={`${id}-numbers-heading`}>{t('agreement.numbers.heading')}</h3>
                    <button type="button" onClick={exportCsv} disabled={!report || computing}>
                      {t('agreement.csv.export')}
                    </button>
                  </div>
                  <p className="muted" role="status">
                    {computing ? t('agreement.computing') : ''}
                  </p>
                  {report && (
                    <div className={computing ? 'agreement-stale' : undefined}>
                      <AgreementTable report={report} codes={codes} coders={reportCoders} onReview={selectForReview} />
                      {segmentsOf && <SegmentTable input={segmentsOf} codes={codes} coders={coders} />}
                      <DomainTable domains={report.domains} coders={coders} />
                    </div>
                  )}
                </section>
              </>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** Marks (User Timing) the first moment after the frame that shows a computed report. */
function markAgreementReady(coders: number, codes: number): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => setTimeout(() => performance.mark('markeer:agreement-ready', { detail: { coders, codes } }), 0));
}

/**
 * The code and document under review: the one chosen while still reported, else the first code
 * and its document where the first two coders differ most.
 */
function reviewTarget(chosen: ReviewTarget | null, report: AgreementReport | null, documents: readonly Guid[]): ReviewTarget | null {
  if (!report) return null;
  const code = report.codes.find((c) => c.guid === chosen?.codeGuid) ?? report.codes[0];
  if (!code) return null;
  if (chosen && chosen.codeGuid === code.guid && documents.includes(chosen.documentGuid)) return chosen;
  const busiest = [...code.documents].sort((a, b) => b.onlyA + b.onlyB - (a.onlyA + a.onlyB))[0];
  const documentGuid = busiest?.guid ?? documents[0];
  return documentGuid ? { codeGuid: code.guid, documentGuid } : null;
}
