/**
 * What an agreement worker does with a request (agreement.worker.ts; the runner's tests use it in
 * their stand-in workers): the report of its share of the codes and domains, and, in the worker of
 * the first share, the first two coders' agreement per segment (the dialog's segment table), sent
 * after the report so that the figures do not wait for it.
 */
import { computePackedAgreement, packedSegmentAgreement, type AgreementReport, type PackedAgreementInput, type ReportShare, type SegmentAgreementReport } from '../../../domain/agreement';

export interface AgreementRequest {
  readonly id: number;
  readonly input: PackedAgreementInput;
  readonly share: ReportShare;
}

export type AgreementReply =
  | { readonly id: number; readonly report: AgreementReport }
  | { readonly id: number; readonly error: string }
  /** The segment table at the default share; null: it could not be computed there. */
  | { readonly id: number; readonly segments: SegmentAgreementReport | null };

export function answerAgreementRequest(request: AgreementRequest, post: (reply: AgreementReply) => void): void {
  const { id, input, share } = request;
  try {
    post({ id, report: computePackedAgreement(input, share) });
  } catch (error) {
    post({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (share.index !== 0) return;
  try {
    post({ id, segments: packedSegmentAgreement(input) });
  } catch {
    // The dialog then computes the table on its own thread, where a failure shows.
    post({ id, segments: null });
  }
}
