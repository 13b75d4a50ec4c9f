/**
 * Where coders differ on one code in one document: the stretches of text some coders coded with
 * the code (or a subcode) and others did not, for review before any coefficient.
 */
import type { Guid } from '../model';
import { coverage } from './coverage';
import { rangesOfCode, type AgreementInput } from './input';
import { indexAgreementInput } from './packed';

export interface Disagreement {
  /** UTF-16 code units, half-open. */
  readonly start: number;
  readonly end: number;
  /** The coders who coded this stretch, in the input's coder order; never all, never none. */
  readonly coded: readonly Guid[];
  /** The coders who did not. */
  readonly notCoded: readonly Guid[];
}

/**
 * The maximal stretches of `documentGuid` on which the same coders coded `codeGuid` (its
 * descendants included) and the others did not, biggest first (ties: earlier first). Empty when
 * the document is not among the compared ones.
 */
export function disagreements(input: AgreementInput, codeGuid: Guid, documentGuid: Guid): Disagreement[] {
  // Only this document's work is indexed: indexing every segment of a large project (36,000 on
  // W2) for one document took 50-65 ms.
  const segments = input.segments.filter((s) => s.documentGuid === documentGuid);
  const inDocument = new Set(segments.map((s) => s.guid));
  const codings = input.codings.filter((c) => inDocument.has(c.segmentGuid));
  const index = indexAgreementInput({ ...input, segments, codings, documentGuids: [documentGuid] });
  const document = index.documents[0];
  if (!document) return [];
  const m = index.coderCount;
  return coverage(document.length, rangesOfCode(index, 0, codeGuid))
    .filter((piece) => piece.coders.length > 0 && piece.coders.length < m)
    .map((piece) => {
      const coded = new Set(piece.coders);
      return {
        start: piece.start,
        end: piece.end,
        coded: input.coders.filter((_, i) => coded.has(i)),
        notCoded: input.coders.filter((_, i) => !coded.has(i)),
      };
    })
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
}
