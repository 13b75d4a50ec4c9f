/**
 * Plain helpers of the agreement dialog: default choices, the input of `computeAgreement`, each
 * coder's coverage of a code in a document, and whether a disagreement was decided.
 */
import { choiceLeavesCoded, isConsensusCoder, type ConsensusChoice } from '../../../commands/consensus';
import type { AgreementInput, Disagreement } from '../../../domain/agreement';
import { ancestors, descendantGuids, flattenTree } from '../../../domain/codebook';
import type { Code, Coder, Coding, DocumentRecord, Guid, Segment } from '../../../domain/model';
import { coveredLength, mergeRanges, type TextRange } from '../../../domain/ranges';

/** What the dialog reads of a project (texts apart: only the reviewed one is loaded). */
export interface ProjectWork {
  readonly documents: readonly DocumentRecord[];
  readonly segments: readonly Segment[];
  readonly codings: readonly Coding[];
}

/** What the figures depend on: the chosen coders' work only (their segments and its codings). */
export interface ComparedWork extends ProjectWork {
  readonly coders: readonly Guid[];
}

/**
 * Compared works already derived, by the segment list they came from and the coders: the dialog's
 * first render can be started over by React several times (a render that yields is restarted, and
 * what it derived is dropped), and W2's 36,000 segments took 10 ms each time.
 */
const comparedCache = new WeakMap<readonly Segment[], Map<string, ComparedWork>>();

export function comparedWork(work: ProjectWork, coderGuids: readonly Guid[]): ComparedWork {
  const key = coderGuids.join(',');
  let known = comparedCache.get(work.segments);
  const hit = known?.get(key);
  if (hit && cachedCodings.get(hit) === work.codings) return hit.documents === work.documents ? hit : { ...hit, documents: work.documents };
  const result = derive(work, coderGuids);
  if (!known) comparedCache.set(work.segments, (known = new Map()));
  known.set(key, result);
  cachedCodings.set(result, work.codings);
  return result;
}

/** The full codings list each cached compared work was derived from. */
const cachedCodings = new WeakMap<ComparedWork, readonly Coding[]>();

function derive(work: ProjectWork, coderGuids: readonly Guid[]): ComparedWork {
  const coders = new Set(coderGuids);
  const segments = work.segments.filter((s) => coders.has(s.coderGuid));
  const guids = new Set(segments.map((s) => s.guid));
  return { coders: coderGuids, documents: work.documents, segments, codings: work.codings.filter((c) => guids.has(c.segmentGuid)) };
}

/**
 * Whether two readings give the same figures, so that a write elsewhere (a consensus decision,
 * another coder's work) does not compute the whole agreement again.
 */
export function sameComparedWork(a: ComparedWork, b: ComparedWork): boolean {
  const same = <T>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean) => x === y || (x.length === y.length && x.every((p, i) => eq(p, y[i] as T)));
  return (
    same(a.coders, b.coders, (p, q) => p === q) &&
    same(a.documents, b.documents, (p, q) => p.guid === q.guid && p.name === q.name && p.length === q.length) &&
    same(a.segments, b.segments, (p, q) => p.guid === q.guid && p.start === q.start && p.end === q.end && p.coderGuid === q.coderGuid && p.documentGuid === q.documentGuid) &&
    same(a.codings, b.codings, (p, q) => p.segmentGuid === q.segmentGuid && p.codeGuid === q.codeGuid)
  );
}

const countsCache = new WeakMap<readonly Segment[], ReadonlyMap<Guid, number>>();

/** The number of segments of each coder (once per list: see comparedWork). */
export function segmentCounts(segments: readonly Segment[]): ReadonlyMap<Guid, number> {
  const known = countsCache.get(segments);
  if (known) return known;
  const counts = new Map<Guid, number>();
  for (const s of segments) counts.set(s.coderGuid, (counts.get(s.coderGuid) ?? 0) + 1);
  countsCache.set(segments, counts);
  return counts;
}

/** The coders in the order they are listed: most segments first, the consensus coder last. */
export function orderCoders(coders: readonly Coder[], counts: ReadonlyMap<Guid, number>): Coder[] {
  const rank = (c: Coder) => (isConsensusCoder(c) ? 1 : 0);
  return [...coders].sort((a, b) => rank(a) - rank(b) || (counts.get(b.guid) ?? 0) - (counts.get(a.guid) ?? 0) || a.name.localeCompare(b.name));
}

/** The two coders compared by default: those with the most segments, never the consensus coder. */
export function defaultCoders(ordered: readonly Coder[]): Guid[] {
  return ordered
    .filter((c) => !isConsensusCoder(c))
    .slice(0, 2)
    .map((c) => c.guid);
}

/** The codes that the given coders used, with the codes above them, in codebook order. */
export function usedCodes(codes: readonly Code[], work: ComparedWork): Code[] {
  // A compared work holds the codings of the chosen coders' segments only (comparedWork).
  const used = new Set<Guid>();
  for (const coding of work.codings) {
    if (used.has(coding.codeGuid)) continue;
    used.add(coding.codeGuid);
    for (const above of ancestors(codes, coding.codeGuid)) used.add(above.guid);
  }
  return flattenTree(codes)
    .map((row) => row.code)
    .filter((code) => used.has(code.guid));
}

export interface AgreementChoice {
  /** null: every document. */
  readonly documents: ReadonlySet<Guid> | null;
  /** null: every code used. */
  readonly codes: ReadonlySet<Guid> | null;
}

/** The input of `computeAgreement` for the chosen coders, documents and codes. */
export function agreementInput(codes: readonly Code[], work: ComparedWork, choice: AgreementChoice, used: readonly Code[]): AgreementInput {
  const { documents, codes: chosenCodes } = choice;
  return {
    documents: work.documents.map((d) => ({ guid: d.guid, name: d.name, length: d.length })),
    codes,
    coders: work.coders,
    segments: work.segments,
    codings: work.codings,
    ...(documents ? { documentGuids: work.documents.filter((d) => documents.has(d.guid)).map((d) => d.guid) } : {}),
    ...(chosenCodes ? { codeGuids: used.filter((c) => chosenCodes.has(c.guid)).map((c) => c.guid) } : {}),
  };
}

/** The stretches a coder coded with the code or a subcode in a document: sorted, joined. */
export function coderCoverage(work: ProjectWork, codes: readonly Code[], coderGuid: Guid, documentGuid: Guid, codeGuid: Guid): TextRange[] {
  const codeSet = descendantGuids(codes, codeGuid);
  const coded = new Set(work.codings.filter((c) => c.documentGuid === documentGuid && codeSet.has(c.codeGuid)).map((c) => c.segmentGuid));
  // Touching segments joined: the columns mark covered text, where a boundary between two segments means nothing.
  return mergeRanges(
    work.segments.filter((s) => s.coderGuid === coderGuid && s.documentGuid === documentGuid && coded.has(s.guid)),
    { touching: 'join' },
  );
}

export type DecisionState =
  | { readonly kind: 'open' }
  /** The consensus coder covers all of the range (coded) or none of it (not coded, by a noted choice). */
  | { readonly kind: 'decided'; readonly coded: boolean; readonly choice: ConsensusChoice | null }
  | { readonly kind: 'partly' };

/**
 * Whether a disagreement between A and B was decided, from the consensus coder's coverage of the
 * range and the noted choice. A note counts only while the segments agree with it, so that a
 * decision undone shows as open again (see commands/consensus.ts).
 */
export function decisionState(d: Disagreement, coderA: Guid, coderB: Guid, consensus: readonly TextRange[], noted: ConsensusChoice | undefined): DecisionState {
  const covered = coveredLength(consensus.map((r) => ({ start: Math.max(r.start, d.start), end: Math.min(r.end, d.end) })).filter((r) => r.end > r.start));
  const agrees = noted !== undefined && choiceLeavesCoded(noted, d.coded.includes(coderA), d.coded.includes(coderB)) === (covered > 0);
  if (covered === d.end - d.start) return { kind: 'decided', coded: true, choice: agrees ? (noted ?? null) : null };
  if (covered === 0) return agrees && noted ? { kind: 'decided', coded: false, choice: noted } : { kind: 'open' };
  return { kind: 'partly' };
}

/** The lines of a text as ranges (line breaks left out). */
export function lines(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    out.push({ start, end: end < 0 ? text.length : end });
    if (end < 0) return out;
    start = end + 1;
  }
}

export interface MarkedPiece extends TextRange {
  /** Whether this coder coded the piece. */
  readonly own: boolean;
  /** Whether the other coder coded it. */
  readonly other: boolean;
}

/** A line cut where either coder's coverage starts or ends (both lists sorted and joined). */
export function markLine(line: TextRange, own: readonly TextRange[], other: readonly TextRange[]): MarkedPiece[] {
  const cuts = new Set([line.start, line.end]);
  for (const r of [...own, ...other]) {
    if (r.start > line.start && r.start < line.end) cuts.add(r.start);
    if (r.end > line.start && r.end < line.end) cuts.add(r.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const inside = (ranges: readonly TextRange[], at: number) => ranges.some((r) => r.start <= at && at < r.end);
  const pieces: MarkedPiece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    pieces.push({ start, end, own: inside(own, start), other: inside(other, start) });
  }
  return pieces;
}
