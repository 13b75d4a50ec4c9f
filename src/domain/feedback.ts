/**
 * Feedback on a student's coding against a reference coding (issue "Practice and themes"). Codes
 * are compared as applied: a segment counts for the codes of its own codings, never for their
 * ancestors. Offsets and character counts are UTF-16 code units; ranges are half-open.
 *
 * With threshold T (0.5 unless the teacher sets another), per code c:
 * - a reference segment with c is *found* when the student's segments with c, together (their
 *   union), cover at least T of its characters; otherwise it is *missed*;
 * - a student segment with c is *extra* when the reference's segments with c cover less than T
 *   of its characters;
 * - a missed reference segment is *confused with* another code d when the student's segments with
 *   d cover at least T of it (it may be confused with several codes);
 * - recall = found / reference segments, precision = (student segments - extra) / student
 *   segments, each null when its denominator is 0;
 * - percent agreement and Cohen's kappa: the character-level figures of the agreement module for
 *   the two coders and code c alone, pooled over the documents.
 * Overall sums the counts over the codes (a segment with two codes counts once for each) and
 * computes recall and precision from the sums.
 */
import { computeAgreement } from './agreement';
import { flattenTree } from './codebook';
import type { Code, Coding, Guid, Segment } from './model';
import { intersectionLength, mergeRanges, type TextRange } from './ranges';

export interface FeedbackInput {
  /** The documents compared, with their length in UTF-16 code units. */
  readonly documents: readonly { readonly guid: Guid; readonly name: string; readonly length: number }[];
  readonly codes: readonly Code[];
  readonly segments: readonly Segment[];
  readonly codings: readonly Pick<Coding, 'segmentGuid' | 'codeGuid'>[];
  readonly reference: Guid;
  readonly student: Guid;
  /** Share of characters that must be covered, in (0, 1]. */
  readonly threshold: number;
}

export interface MissedSegment {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface CodeFeedback {
  readonly guid: Guid;
  readonly name: string;
  /** Numbers of the reference's and the student's segments with the code. */
  readonly reference: number;
  readonly student: number;
  readonly found: number;
  readonly extra: number;
  readonly recall: number | null;
  readonly precision: number | null;
  readonly percentAgreement: number | null;
  readonly cohenKappa: number | null;
  /** Reference segments not found, in document then text order. */
  readonly missed: readonly MissedSegment[];
  /** The student's extra segments, in document then text order. */
  readonly extraSegments: readonly MissedSegment[];
  /** Other codes the missed segments were coded with instead, most often first. */
  readonly confusedWith: readonly { readonly codeGuid: Guid; readonly count: number }[];
}

export interface FeedbackTotals {
  readonly reference: number;
  readonly student: number;
  readonly found: number;
  readonly extra: number;
  readonly recall: number | null;
  readonly precision: number | null;
}

export interface Feedback {
  readonly threshold: number;
  /** Every code either coder applied, in codebook order. */
  readonly codes: readonly CodeFeedback[];
  readonly overall: FeedbackTotals;
}

/** The share of `r`'s characters that the merged ranges cover. */
function covered(r: TextRange, merged: readonly TextRange[]): number {
  let n = 0;
  for (const m of merged) {
    if (m.start >= r.end) break;
    n += intersectionLength(m, r);
  }
  return n / (r.end - r.start);
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const inTextOrder = (a: Segment, b: Segment, docOrder: Map<Guid, number>) =>
  (docOrder.get(a.documentGuid) ?? 0) - (docOrder.get(b.documentGuid) ?? 0) || a.start - b.start || a.end - b.end;
const passage = (s: Segment): MissedSegment => ({ documentGuid: s.documentGuid, start: s.start, end: s.end, text: s.text });

export function computeFeedback(input: FeedbackInput): Feedback {
  const { threshold } = input;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`the threshold must lie in (0, 1]; it is ${threshold}`);
  const documents = new Set(input.documents.map((d) => d.guid));
  const docOrder = new Map(input.documents.map((d, i) => [d.guid, i]));
  const segments = new Map(
    input.segments.filter((s) => documents.has(s.documentGuid) && (s.coderGuid === input.reference || s.coderGuid === input.student)).map((s) => [s.guid, s]),
  );
  // code -> coder -> segments (each once, even with the code applied twice)
  const byCode = new Map<Guid, { reference: Map<Guid, Segment>; student: Map<Guid, Segment> }>();
  for (const c of input.codings) {
    const s = segments.get(c.segmentGuid);
    if (!s) continue;
    let entry = byCode.get(c.codeGuid);
    if (!entry) byCode.set(c.codeGuid, (entry = { reference: new Map(), student: new Map() }));
    (s.coderGuid === input.reference ? entry.reference : entry.student).set(s.guid, s);
  }
  // Touching segments joined: only the share of characters covered counts.
  const mergedByDocument = (list: Iterable<Segment>): Map<Guid, TextRange[]> => {
    const perDoc = new Map<Guid, TextRange[]>();
    for (const s of list) perDoc.set(s.documentGuid, [...(perDoc.get(s.documentGuid) ?? []), s]);
    return new Map([...perDoc].map(([d, ranges]) => [d, mergeRanges(ranges, { touching: 'join' })]));
  };
  const studentUnion = new Map([...byCode].map(([code, e]) => [code, mergedByDocument(e.student.values())]));
  const referenceUnion = new Map([...byCode].map(([code, e]) => [code, mergedByDocument(e.reference.values())]));
  const share = (s: Segment, unions: Map<Guid, TextRange[]> | undefined) => covered(s, unions?.get(s.documentGuid) ?? []);

  const order = flattenTree(input.codes).map((row) => row.code);
  const known = new Set(order.map((c) => c.guid));
  const used = [...order.filter((c) => byCode.has(c.guid)), ...[...byCode.keys()].filter((g) => !known.has(g)).map((guid) => ({ guid, name: guid }) as Code)];

  // Character-level agreement per code without roll-up: every code as a root.
  const flat = used.map((c) => ({ ...c, parentGuid: null }));
  const agreement = computeAgreement({
    documents: input.documents,
    codes: flat,
    coders: [input.reference, input.student],
    segments: [...segments.values()],
    codings: input.codings,
    codeGuids: used.map((c) => c.guid),
    domainGuids: [],
  });
  const stats = new Map(agreement.codes.map((c) => [c.guid, c.pooled]));

  const codes = used.map((code): CodeFeedback => {
    const entry = byCode.get(code.guid) ?? { reference: new Map<Guid, Segment>(), student: new Map<Guid, Segment>() };
    const reference = [...entry.reference.values()].sort((a, b) => inTextOrder(a, b, docOrder));
    const student = [...entry.student.values()].sort((a, b) => inTextOrder(a, b, docOrder));
    const missed = reference.filter((r) => share(r, studentUnion.get(code.guid)) < threshold);
    const extra = student.filter((s) => share(s, referenceUnion.get(code.guid)) < threshold);
    const confused = new Map<Guid, number>();
    for (const r of missed) {
      for (const [other, unions] of studentUnion) {
        if (other !== code.guid && share(r, unions) >= threshold) confused.set(other, (confused.get(other) ?? 0) + 1);
      }
    }
    const rank = new Map(used.map((c, i) => [c.guid, i]));
    const found = reference.length - missed.length;
    const pooled = stats.get(code.guid);
    return {
      guid: code.guid,
      name: code.name,
      reference: reference.length,
      student: student.length,
      found,
      extra: extra.length,
      recall: ratio(found, reference.length),
      precision: ratio(student.length - extra.length, student.length),
      percentAgreement: pooled?.percentAgreement ?? null,
      cohenKappa: pooled?.cohenKappa ?? null,
      missed: missed.map(passage),
      extraSegments: extra.map(passage),
      confusedWith: [...confused]
        .sort(([a, n], [b, m]) => m - n || (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
        .map(([codeGuid, count]) => ({ codeGuid, count })),
    };
  });
  const sum = (k: 'reference' | 'student' | 'found' | 'extra') => codes.reduce((n, c) => n + c[k], 0);
  const totals = { reference: sum('reference'), student: sum('student'), found: sum('found'), extra: sum('extra') };
  return {
    threshold,
    codes,
    overall: { ...totals, recall: ratio(totals.found, totals.reference), precision: ratio(totals.student - totals.extra, totals.student) },
  };
}
